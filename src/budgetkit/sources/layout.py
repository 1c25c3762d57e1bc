"""pdfplumber's table finder, word grouping and cell text, for what ``pdf.read_page`` asks of
them, with the same results at a fraction of the cost.

pdfplumber is general: every call sets up a word extractor for any writing direction, and
its table finder tests each pair of grid points by making sets of edge boxes anew.  A page
here is read in a few milliseconds, and those calls took a third of them.  So for upright
text (every pdfium page, nearly every pdfminer one) the same steps run here, in the same
order and with the same tolerances, and anything else goes to pdfplumber itself.
``tests/test_layout.py`` compares both on every page of the sample PDFs.
"""

from __future__ import annotations

from operator import itemgetter

from pdfplumber import utils
from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections, merge_edges
from pdfplumber.utils.text import LIGATURES

_SETTINGS = TableSettings()  # the default lines strategy
# pdfplumber's defaults for the text of a table cell (``Table.extract``).
_CELL_X_TOLERANCE = _CELL_Y_TOLERANCE = 3


def find_tables(page) -> list[Table]:
    """``page.find_tables()`` with the default settings."""
    return _TableFinder(page).tables


class _TableFinder(TableFinder):
    """pdfplumber's ``TableFinder`` on edges that carry only what it reads of them, with its
    cells found from the grid's points at once."""

    def __init__(self, page):
        self.page, self.settings = page, _SETTINGS
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(self.edges, self.settings.intersection_x_tolerance,
                                                    self.settings.intersection_y_tolerance)
        self.cells = _intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, cells) for cells in cells_to_tables(self.cells)]

    def get_edges(self) -> list[dict]:
        """``TableFinder.get_edges`` for the lines strategy: the page's edges, snapped and joined."""
        settings, edges = self.settings, _edges(self.page)
        edges = (utils.filter_edges(edges, "v", min_length=settings.edge_min_length_prefilter)
                 + utils.filter_edges(edges, "h", min_length=settings.edge_min_length_prefilter))
        edges = merge_edges(edges, snap_x_tolerance=settings.snap_x_tolerance,
                            snap_y_tolerance=settings.snap_y_tolerance, join_x_tolerance=settings.join_x_tolerance,
                            join_y_tolerance=settings.join_y_tolerance)
        return utils.filter_edges(edges, min_length=settings.edge_min_length)


def _edges(page) -> list[dict]:
    """``page.edges``: an edge for each line, four for each box (its sides), one for each
    segment of a curve, with only the keys the table finder reads (pdfplumber copies every
    key of the line or box into each of its edges, and again each time it moves one)."""
    edges = [{"object_type": "line", "x0": line["x0"], "x1": line["x1"], "top": line["top"], "bottom": line["bottom"],
              "width": line["width"], "height": line["height"],
              "orientation": "h" if line["top"] == line["bottom"] else "v"} for line in page.lines]
    for rect in page.rects:
        x0, x1, top, bottom, width, height = (rect["x0"], rect["x1"], rect["top"], rect["bottom"], rect["width"],
                                              rect["height"])
        edges += [
            {"object_type": "rect_edge", "x0": x0, "x1": x1, "top": top, "bottom": top, "width": width, "height": 0,
             "orientation": "h"},
            {"object_type": "rect_edge", "x0": x0, "x1": x1, "top": top + height, "bottom": bottom, "width": width,
             "height": 0, "orientation": "h"},
            {"object_type": "rect_edge", "x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0,
             "height": height, "orientation": "v"},
            {"object_type": "rect_edge", "x0": x1, "x1": x1, "top": top, "bottom": bottom, "width": 0,
             "height": height, "orientation": "v"}]
    return edges + [edge for curve in page.curves for edge in utils.curve_to_edges(curve)]


def _intersections_to_cells(intersections: dict) -> list[tuple]:
    """pdfplumber's ``intersections_to_cells``: for each grid point, the smallest cell it is
    the top left corner of (the first point below and then the first to its right that an
    edge joins to it, and the corner they close).  Each point's edges are made a set once,
    and the points below and to the right of one are looked up, not searched for."""
    vertical = {point: set(map(_BOX, edges["v"])) for point, edges in intersections.items()}
    horizontal = {point: set(map(_BOX, edges["h"])) for point, edges in intersections.items()}

    def joined(a: tuple, b: tuple) -> bool:
        return ((a[0] == b[0] and not vertical[a].isdisjoint(vertical[b]))
                or (a[1] == b[1] and not horizontal[a].isdisjoint(horizontal[b])))

    points = sorted(intersections)
    in_column: dict = {}  # x: the points on that vertical, top to bottom
    in_row: dict = {}  # top: the points on that horizontal, left to right
    for point in points:
        in_column.setdefault(point[0], []).append(point)
        in_row.setdefault(point[1], []).append(point)
    place_in_column = {point: i for column in in_column.values() for i, point in enumerate(column)}
    place_in_row = {point: i for row in in_row.values() for i, point in enumerate(row)}

    cells = []
    for point in points[:-1]:
        below = in_column[point[0]][place_in_column[point] + 1:]
        right = in_row[point[1]][place_in_row[point] + 1:]
        cell = _smallest_cell(point, below, right, intersections, joined)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(point, below, right, intersections, joined) -> tuple | None:
    for below_point in below:
        if not joined(point, below_point):
            continue
        for right_point in right:
            if not joined(point, right_point):
                continue
            corner = (right_point[0], below_point[1])
            if corner in intersections and joined(corner, right_point) and joined(corner, below_point):
                return (point[0], point[1], corner[0], corner[1])
    return None


def words(chars: list[dict], x_tolerance: float, y_tolerance: float) -> list[dict]:
    """``extract_words(chars, x_tolerance=…, y_tolerance=…, return_chars=True)``: each word
    with its text, box and characters."""
    if not _upright(chars):
        return utils.extract_words(chars, x_tolerance=x_tolerance, y_tolerance=y_tolerance, return_chars=True)
    found = []
    for word in _words(chars, x_tolerance, y_tolerance):
        x0, top, x1, bottom = _bbox(word)
        first = word[0]
        found.append({"text": _text(word), "x0": x0, "x1": x1, "top": top,
                      "doctop": top + (first["doctop"] - first["top"]), "bottom": bottom,
                      "upright": first["upright"], "height": bottom - top, "width": x1 - x0,
                      "direction": "ltr", "chars": word})
    return found


def cell_text(chars: list[dict]) -> str:
    """``utils.extract_text(chars)`` with pdfplumber's defaults, as ``Table.extract`` gives a
    cell's text: its words joined by spaces, its lines by line breaks."""
    if not _upright(chars):
        return utils.extract_text(chars)
    found = _words(chars, _CELL_X_TOLERANCE, _CELL_Y_TOLERANCE)
    if len(found) == 1:  # most cells
        return _text(found[0])
    tops = [min(char["top"] for char in word) for word in found]
    return "\n".join(" ".join(_text(word) for word in line) for line in _clusters(found, tops, _CELL_Y_TOLERANCE))


def _bbox(chars: list[dict]) -> tuple[float, float, float, float]:
    """``utils.objects_to_bbox``: the box around the characters."""
    if len(chars) == 1:
        char = chars[0]
        return char["x0"], char["top"], char["x1"], char["bottom"]
    return (min(char["x0"] for char in chars), min(char["top"] for char in chars),
            max(char["x1"] for char in chars), max(char["bottom"] for char in chars))


def _upright(chars: list[dict]) -> bool:
    """Whether every character is upright text with a text (pdfplumber treats an empty one
    as punctuation), so that the steps here are pdfplumber's."""
    return all(char["upright"] and char["text"] for char in chars)


def _words(chars: list[dict], x_tolerance: float, y_tolerance: float) -> list[list[dict]]:
    """pdfplumber's ``WordExtractor`` for upright text: characters clustered into lines by
    their tops, each line read left to right, a word ending at a blank, at a gap wider than
    ``x_tolerance``, where the text steps back or moves more than ``y_tolerance`` up or down."""
    found = []
    for line in _clusters(chars, [char["top"] for char in chars], y_tolerance):
        line.sort(key=_LEFT)
        word: list[dict] = []
        for char in line:
            if char["text"].isspace():
                if word:
                    found.append(word)
                word = []
                continue
            if word:
                last = word[-1]
                if (char["x0"] < last["x0"] or char["x0"] > last["x1"] + x_tolerance
                        or abs(char["top"] - last["top"]) > y_tolerance):
                    found.append(word)
                    word = [char]
                    continue
            word.append(char)
        if word:
            found.append(word)
    return found


_LEFT = itemgetter("x0")
_BOX = itemgetter("x0", "top", "x1", "bottom")  # utils.obj_to_bbox


def _text(chars: list[dict]) -> str:
    return "".join([LIGATURES.get(char["text"], char["text"]) for char in chars])


def _clusters(items: list, values: list[float], tolerance: float) -> list[list]:
    """pdfplumber's ``cluster_objects``: the distinct values chained into clusters (each
    within ``tolerance`` of the one before), the items grouped by cluster, in cluster order
    and in their own order within one (new lists)."""
    if len(items) < 2:
        return [list(items)] if items else []
    distinct = sorted(set(values))
    if distinct[-1] - distinct[0] <= tolerance:  # all on one line
        return [list(items)]
    cluster_of, cluster, last = {}, 0, distinct[0]
    for value in distinct:
        if value > last + tolerance:
            cluster += 1
        cluster_of[value] = cluster
        last = value
    groups: list[list] = [[] for _ in range(cluster + 1)]
    for item, value in zip(items, values):
        groups[cluster_of[value]].append(item)
    return groups
