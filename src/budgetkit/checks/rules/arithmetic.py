"""Family ``table``: arithmetic within one table (DOMAIN.md §5, within a table).

* ``table.parent_sum``: a 类 / 款 row is the sum of its 款 / 项 rows;
* ``table.row_sum``: along a row, a total column is the sum of its part columns;
* ``table.total_sum``: the 合计 row of a ledger is the sum of its top-level rows;
* ``table.side_sum`` and ``table.balance``: the two sides of a 收支总表 add up and balance;
* ``table.item_sum``: a numbered item (一、) is the sum of its numbered sub-items.

Which columns and rows add up is read from the column keys and the row labels
(checks/layout.py).  A row whose column split is a guess (``uncertain``) or a sum over
rows whose nesting is not printed gives at most a warning; a table where most rows
break the same column identity is reported once, as ``info`` (the table could not be
checked), because a header read wrong breaks every row alike while a printing error
rarely does.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import partial

from ...document import Document
from ...records import SEVERITY_RANK
from ...keys import label as key_label
from ..findings import at_row, cell_places, finding, joined_places, row_evidence, table_figure, table_gap
from ..layout import (Identity, blocks, column_identities, families, is_of_which, numbering, segments, sides, top_level,
                      total_row)
from ..registry import rule
from ...tolerance import MISMATCH, compare_restated, compare_sum

ZERO = Decimal(0)

# Names for column keys whose printed label is empty (a header cell OCR lost).
_GENERIC_LABELS = {"小计", "合计", "总计", "预算数", "决算数", "金额", "本年预算数"}


def short_label(document: Document, table_id: str, key: str, block: int | None = None) -> str:
    """A column's printed label without the headings every column shares: the last part
    of its header path, with the group above a generic 小计 / 预算数 (``公务接待费/预算数``)."""
    label = document.column_label(table_id, key, block) if key else ""
    parts = [part for part in label.split("/") if part]
    if not parts:
        return key_label(key, key)
    kept = [parts.pop()]
    while parts and kept[0] in _GENERIC_LABELS:
        kept.insert(0, parts.pop())
    if kept == ["小计"] and key_label(key):
        return key_label(key)  # a bare 小计 whose group heading was not read with it
    return "/".join(kept)


def row_label(row: dict) -> str:
    """``210 “卫生健康支出”``, or the row's position when it prints no label."""
    name = row.get("name")
    if row.get("code"):
        return f"{row['code']} “{name}”" if name else row["code"]
    return f"“{name}”行" if name else f"第 {row['index'] + 1} 行"


def table_title(document: Document, table_id: str) -> str:
    return document.tables.get(table_id, {}).get("title") or table_id


def _nonzero(value: Decimal | None) -> bool:
    return value is not None and value != 0


# --- table.parent_sum ------------------------------------------------------------------

@rule("table.parent_sum", "a 类 or 款 row equals the sum of its 款 or 项 rows, column by column")
def parent_sum(document: Document):
    for table_id, rows in document.rows.items():
        doubted = cells_in_doubt(document, table_id) if table_id in document.tables else set()
        for row, kids in families(rows):
            yield from _compare_columns(document, table_id, row, kids, doubted)


def _compare_columns(document: Document, table_id: str, parent: dict, kids: list[dict],
                     doubted: set[tuple[int, str]] = frozenset()):
    """One finding per defect of the parent row: the columns that miss their children's
    sum by the same amount (合计, 基本支出 and 人员经费 of a row whose one item is off)
    are one finding naming them all.  A column where the parent's or a child's cell is
    already contradicted by its own row (``doubted``) derives nothing: that row is reported."""
    uncertain = parent.get("uncertain") or any(kid.get("uncertain") for kid in kids)
    gaps: dict[tuple, list] = {}
    for key, value in parent["values"].items():
        if any((member["index"], key) in doubted for member in (parent, *kids)):
            continue
        parts = [kid["values"].get(key) for kid in kids]
        if value is None and all(part is None for part in parts):
            continue
        printed = value if value is not None else ZERO
        verdict = compare_sum(printed, [part or ZERO for part in parts], document.ulp(table_id),
                              document.total_ulp(table_id, parent, key))
        severity = verdict.severity("warning" if uncertain else "error")
        if severity is not None:
            gaps.setdefault((severity, verdict.difference), []).append((key, value, printed, verdict))
    codes = "、".join(kid["code"] for kid in kids)
    figure = partial(table_figure, document, table_id)
    for (severity, _), columns in gaps.items():
        keys = [key for key, *_ in columns]
        labels = [document.column_label(table_id, key) for key in keys]
        _, value, printed, verdict = columns[0]
        if len({printed for _, _, printed, _ in columns}) == 1:  # the same figure in every column
            shown = "、".join(f"“{label}”" for label in labels) + f" {figure(value)}"
            sums = f"之和 {figure(printed - verdict.difference)}"
        else:
            shown = "、".join(f"“{label}” {figure(v)}" for label, (_, v, _, _) in zip(labels, columns))
            sums = "之和分别为 " + "、".join(figure(p - verdict.difference) for _, _, p, _ in columns)
        yield finding(
            severity,
            f"{parent['code']} “{parent['name']}”{shown}，下级科目（{codes}）{sums}，{table_gap(document, table_id, verdict)}",
            **at_row(parent), places=_sum_places(parent, kids, keys), subject=f"{parent['name']}/{labels[0]}",
            expected=printed - verdict.difference, actual=printed, evidence=row_evidence(parent))


def _sum_places(total: dict, parts: list[dict], keys: list[str]) -> list[dict]:
    """The boxes of a sum over rows: the total's cells of ``keys``, then the parts'."""
    return joined_places(cell_places(total, keys), *(cell_places(part, keys) for part in parts))


# --- table.row_sum ---------------------------------------------------------------------

@rule("table.row_sum", "along each row a total column equals the sum of its part columns "
                       "(合计 = 基本支出 + 项目支出, 基本支出 = 人员经费 + 公用经费, income sources, 三公 = 出国 + 公车 + 接待)")
def row_sum(document: Document):
    for table_id, table in document.tables.items():
        checks = identity_checks(document, table_id)
        suspect = next(((identity, checked) for identity, checked in checks if misread(checked)), None)
        if suspect:  # one header misread spoils every identity of the table: say so once
            yield _misread_finding(document, table_id, *suspect)
            continue
        by_row: dict[int, list[dict]] = {}
        for identity, checked in checks:
            for row, verdict, blank in checked:
                for item in _row_finding(document, table_id, identity, row, verdict, blank):
                    by_row.setdefault(row["index"], (row, []))[1].append(item)
        for index in sorted(by_row):  # in printed order, one finding per row
            yield _one_per_row(*by_row[index])


def _one_per_row(row: dict, items: list[dict]) -> dict:
    """A row that breaks several identities (合计 ≠ 当年 + 上年 and 当年/小计 ≠ its parts, both
    for one cell printed 0) is one defect: one finding naming them all, at the gravest
    severity among them."""
    if len(items) == 1:
        return items[0]
    first = min(items, key=lambda item: SEVERITY_RANK[item["severity"]])
    label = row_label(row)
    said = [items[0]["message"], *(item["message"].removeprefix(label) for item in items[1:])]
    places = joined_places(*(item["places"] or [] for item in items))
    return {**first, "message": "；".join(said), "places": places or None}


def cells_in_doubt(document: Document, table_id: str) -> set[tuple[int, str]]:
    """(row index, column key) of the cells a row's own identities contradict: one of
    them is misprinted, so a sum over rows that takes them in derives no defect of its own."""
    doubted = set()
    for identity, checked in identity_checks(document, table_id):
        if misread(checked):
            continue
        for row, verdict, _ in checked:
            if verdict.status == MISMATCH:
                doubted |= {(row["index"], key) for key in (identity.total, *identity.parts)}
    return doubted


def split_trusted(document: Document, table_id: str) -> bool:
    """Whether a table's columns add up on most rows, so that a value read from one of
    its columns other than the first may be compared with another table."""
    return not any(misread(checked) for _, checked in identity_checks(document, table_id))


def identity_checks(document: Document, table_id: str) -> list[tuple[Identity, list]]:
    """Each column identity of a table with its ``_row_checks``."""
    rows = document.rows.get(table_id, [])
    return [(identity, list(_row_checks(document, table_id, identity, rows)))
            for identity in column_identities(document.tables[table_id])]


def _row_checks(document: Document, table_id: str, identity: Identity, rows: list[dict]):
    """(row, verdict, total printed blank) for each row the identity applies to: rows of
    its block that print the total or one of the parts as other than zero."""
    single_block = all((column.get("block") or 0) == 0 for column in document.tables[table_id].get("columns", []))
    for row in rows:
        if not single_block and (row.get("block") or 0) != identity.block:
            continue
        values = row["values"]
        total = values.get(identity.total)
        parts = [values.get(key) for key in identity.parts]
        if all(part is None for part in parts):
            continue  # the row does not break its total down
        if not _nonzero(total) and not any(_nonzero(part) for part in parts):
            continue
        verdict = compare_sum(total or ZERO, [part or ZERO for part in parts], document.ulp(table_id),
                              document.total_ulp(table_id, row, identity.total))
        yield row, verdict, total is None


def misread(checked: list) -> bool:
    """Most rows break the identity: the header was probably read wrong, not printed wrong."""
    failures = sum(1 for _, verdict, _ in checked if verdict.status == MISMATCH)
    return len(checked) >= 2 and failures * 2 > len(checked)


def _cut_short(values: dict, identity: Identity, verdict, figure) -> bool:
    """Whether one printed figure is the start of the one that would balance the row
    (``0. 1`` where ``0.18`` fits): the mark of a cell cut by wrapping or OCR, more than of
    a wrong figure.  ``figure`` gives a figure as the table prints it."""
    balancing = [(values.get(identity.total), values.get(identity.total) - verdict.difference
                  if values.get(identity.total) is not None else None)]
    balancing += [(values.get(key), values.get(key) + verdict.difference if values.get(key) is not None else None)
                  for key in identity.parts]
    for printed, needed in balancing:
        if printed and needed is not None and needed > 0:  # a 0 is never a cut figure
            shown, wanted = figure(printed), figure(needed)
            if len(wanted) > len(shown) and wanted.startswith(shown):
                return True
    return False


def _row_finding(document: Document, table_id: str, identity: Identity, row: dict, verdict, blank: bool):
    figure = partial(table_figure, document, table_id)
    cut = verdict.status == MISMATCH and _cut_short(row["values"], identity, verdict, figure)
    severity = verdict.severity("warning" if row.get("uncertain") or blank or cut else "error")
    if severity is None:
        return
    printed = row["values"].get(identity.total)
    expected = (printed or ZERO) - verdict.difference
    total_label = short_label(document, table_id, identity.total, identity.block)
    parts = "、".join(f"“{short_label(document, table_id, key, identity.block)}”" for key in identity.parts)
    yield finding(
        severity,
        f"{row_label(row)}“{total_label}” {figure(printed)}，{parts}之和 {figure(expected)}，"
        f"{table_gap(document, table_id, verdict)}" + ("（某个数字像是被截断，请对照原表）" if cut else ""),
        **at_row(row), places=cell_places(row, [identity.total, *identity.parts]),
        subject=f"{row.get('name') or ''}/{total_label}".lstrip("/"), expected=expected,
        actual=printed if printed is not None else ZERO, evidence=row_evidence(row))


def _misread_finding(document: Document, table_id: str, identity: Identity, checked: list) -> dict:
    failures = [(row, verdict) for row, verdict, _ in checked if verdict.status == MISMATCH]
    row, verdict = failures[0]
    printed = row["values"].get(identity.total) or ZERO
    figure = partial(table_figure, document, table_id)
    total_label = short_label(document, table_id, identity.total, identity.block)
    parts = "、".join(f"“{short_label(document, table_id, key, identity.block)}”" for key in identity.parts)
    return finding(
        "info",
        f"“{table_title(document, table_id)}”{len(checked)} 行中有 {len(failures)} 行“{total_label}”不等于{parts}之和"
        f"（如{row_label(row)} {figure(printed)}，各项之和 {figure(printed - verdict.difference)}）；"
        f"多数行不符，可能是表头各列未正确识别，请对照原表核对",
        **at_row(row), places=cell_places(row, [identity.total, *identity.parts]), subject=total_label,
        expected=printed - verdict.difference, actual=printed, evidence=row_evidence(row))


# --- table.total_sum -------------------------------------------------------------------

@rule("table.total_sum", "the 合计 row of a table equals the sum of its top-level rows "
                         "(类 codes, or the items numbered 一、二、…), column by column")
def total_sum(document: Document):
    for table_id, table in document.tables.items():
        if table.get("layout") != "ledger":
            continue
        trusted = split_trusted(document, table_id)
        for rows in blocks(document.rows.get(table_id, [])).values():
            total = total_row(rows)
            if total is None:
                continue
            items, certain = top_level([row for row in rows if row is not total])
            if certain and any(value is not None for item in items for value in item["values"].values()):
                # a table whose header was misread: only its first column is sure
                keys = None if trusted else ["total"]
                yield from sum_findings(document, table_id, total, items, "下列各项", keys=keys)


def sum_findings(document: Document, table_id: str, total: dict, items: list[dict], what: str,
                 mismatch: str = "error", keys: list[str] | None = None):
    """Findings for a total row against the sum of ``items`` (rows), column by column.

    A blank total over amounts, or an uncertain row among them, is at most a warning."""
    figure = partial(table_figure, document, table_id)
    for key in keys or _keys(total, items):
        printed = total["values"].get(key)
        parts = [item["values"].get(key) for item in items]
        if printed is None and all(part is None for part in parts):
            continue
        verdict = compare_sum(printed or ZERO, [part or ZERO for part in parts], document.ulp(table_id),
                              document.total_ulp(table_id, total, key))
        uncertain = printed is None or total.get("uncertain") or any(item.get("uncertain") for item in items)
        severity = verdict.severity("warning" if uncertain else mismatch)
        if severity is None:
            continue
        label = short_label(document, table_id, key, total.get("block"))
        # a side of a 收支总表 has one amount column: its label adds nothing
        column = "" if key == "total" and total.get("side") else f"“{label}”"
        names = "、".join(_item_name(item) for item in items)
        expected = (printed or ZERO) - verdict.difference
        yield finding(
            severity,
            f"{row_label(total)}{column} {figure(printed)}，{what}（{names}）之和 {figure(expected)}，"
            f"{table_gap(document, table_id, verdict)}",
            **at_row(total), places=_sum_places(total, items, [key]),
            subject=f"{total.get('name') or ''}/{label}".lstrip("/"), expected=expected, actual=printed or ZERO,
            evidence=row_evidence(total))


def _keys(total: dict, items: list[dict]) -> list[str]:
    keys = list(total["values"])
    for item in items:
        keys += [key for key in item["values"] if key not in keys]
    return keys


def _item_name(row: dict) -> str:
    return row.get("code") or row.get("name") or f"第 {row['index'] + 1} 行"


# --- table.side_sum and table.balance --------------------------------------------------

_TOTAL_NAME_RE = re.compile(r"合计|总计|小计$")


@rule("table.side_sum", "each side of a 收支总表 adds up: the items to 本年收入合计 / 本年支出合计, "
                        "and that plus 上年结转 … to 收入总计 / 支出总计")
def side_sum(document: Document):
    for table_id, table in document.tables.items():
        if table.get("layout") != "sided":
            continue
        by_side = sides(document.rows.get(table_id, []))
        for side, side_rows in by_side.items():
            found = segments(side_rows)
            for segment in found:
                parts, certain = _segment_parts(segment)
                if parts:
                    yield from sum_findings(document, table_id, segment.total, parts, "各项",
                                            mismatch="error" if certain else "warning")
            if not found and side == "expenditure_2":
                # a second expenditure view without its own total adds up to the first's
                first = next((s.total for s in segments(by_side.get("expenditure", []))), None)
                items, certain = top_level(side_rows)
                if first is not None and items and certain:
                    yield from sum_findings(document, table_id, first, items, "支出用途各项", keys=["total"])


def _segment_parts(segment) -> tuple[list[dict], bool]:
    """The rows a side's segment total adds up (the amount carried in, then its top-level
    items), and whether that reading is certain."""
    items, certain = top_level(segment.rows)
    if not certain:  # nesting unknown: certain only when at most one row has an amount
        certain = sum(1 for row in items if any(_nonzero(v) for v in row["values"].values())) <= 1
    if any(_TOTAL_NAME_RE.search(row.get("name") or "") for row in segment.rows):
        certain = False  # a subtotal not read as one: the segment may be two
    return ([segment.carried] if segment.carried else []) + items, certain


def side_rows_in_doubt(document: Document, table_id: str) -> set[int]:
    """Indexes of the rows of a 收支总表 side whose total misses its items (支出总计 ≠ 本年支出 +
    结转): one of them is misprinted, and table.side_sum reports it, so a comparison with
    another table that takes one of them in derives no defect of its own."""
    doubted: set[int] = set()
    for side_rows in sides(document.rows.get(table_id, [])).values():
        for segment in segments(side_rows):
            parts, _ = _segment_parts(segment)
            printed = segment.total["values"].get("total")
            if not parts or printed is None:
                continue
            verdict = compare_sum(printed, [p["values"].get("total") or ZERO for p in parts], document.ulp(table_id),
                                  document.total_ulp(table_id, segment.total, "total"))
            if verdict.status == MISMATCH:
                doubted |= {row["index"] for row in (segment.total, *parts)}
    return doubted


@rule("table.balance", "收入总计 equals 支出总计 in a 收支总表")
def balance(document: Document):
    for table_id, table in document.tables.items():
        if table.get("layout") != "sided":
            continue
        by_side = sides(document.rows.get(table_id, []))
        income = [s.total for s in segments(by_side.get("income", []))]
        for side in ("expenditure", "expenditure_2"):
            spent = [s.total for s in segments(by_side.get(side, []))]
            if not income or not spent or not _grand_totals(income, spent):
                continue
            received, paid = income[-1]["values"].get("total"), spent[-1]["values"].get("total")
            if received is None or paid is None:
                continue
            verdict = compare_restated(paid, received, document.ulp(table_id))
            uncertain = income[-1].get("uncertain") or spent[-1].get("uncertain")
            severity = verdict.severity("warning" if uncertain else "error")
            if severity:
                figure = partial(table_figure, document, table_id)
                yield finding(
                    severity,
                    f"“{spent[-1]['name']}” {figure(paid)}，“{income[-1]['name']}” {figure(received)}，"
                    f"{table_gap(document, table_id, verdict)}",
                    **at_row(spent[-1]), places=cell_places(spent[-1], ["total"]) + cell_places(income[-1], ["total"]),
                    subject=spent[-1]["name"], expected=received, actual=paid,
                    evidence=row_evidence(spent[-1]))


def _grand_totals(income: list[dict], spent: list[dict]) -> bool:
    """The last totals of two sides are both grand totals: both named 总计, or the sides
    print as many totals (本年合计 then 总计 on each)."""
    return len(income) == len(spent) or ("总计" in income[-1]["name"] and "总计" in spent[-1]["name"])


# --- table.item_sum --------------------------------------------------------------------

@rule("table.item_sum", "a numbered item (一、) equals the sum of its numbered sub-items ((一), 1.); "
                        "a 其中 list does not exceed its item")
def item_sum(document: Document):
    for table_id, table in document.tables.items():
        if table.get("layout") == "form":
            continue
        rows = document.rows.get(table_id, [])
        runs = sides(rows) if table.get("layout") == "sided" else blocks(rows)
        for run in runs.values():
            for index, row in enumerate(run):
                children = _sub_items(run, index)
                if not children:
                    continue
                if any(is_of_which(child) for child in children):
                    yield from _of_which_findings(document, table_id, row, children)
                else:
                    yield from sum_findings(document, table_id, row, children, "所列子项")


def _sub_items(run: list[dict], index: int) -> list[dict]:
    """The numbered rows right below a numbered row, down to the next row of its level.

    Only when every row in between is numbered at a deeper level: an unnumbered row
    there could be a sub-item or a sub-sub-item, and the sum would be a guess."""
    level = numbering(run[index].get("name"))
    if level is None:
        return []
    below = []
    for row in run[index + 1:]:
        row_level = numbering(row.get("name"))
        if row.get("total") or (row_level is not None and row_level <= level):
            break
        if row_level is None:
            return []
        below.append((row_level, row))
    if not below:
        return []
    top = min(row_level for row_level, _ in below)
    return [row for row_level, row in below if row_level == top]


def _of_which_findings(document: Document, table_id: str, row: dict, children: list[dict]):
    """其中 items need not be all of their item, but together they cannot exceed it."""
    figure = partial(table_figure, document, table_id)
    for key, value in row["values"].items():
        parts = [child["values"].get(key) or ZERO for child in children]
        if value is None or not any(parts):
            continue
        verdict = compare_sum(value, parts, document.ulp(table_id), document.total_ulp(table_id, row, key))
        if verdict.difference >= 0 or verdict.status != MISMATCH:
            continue
        label = short_label(document, table_id, key, row.get("block"))
        names = "、".join(_item_name(child) for child in children)
        uncertain = row.get("uncertain") or any(child.get("uncertain") for child in children)
        yield finding(
            "warning" if uncertain else "error",
            f"{row_label(row)}“{label}” {figure(value)}，其中各项（{names}）合计 "
            f"{figure(value - verdict.difference)}，超出 {figure(-verdict.difference)} {document.unit_of(table_id)}",
            **at_row(row), places=_sum_places(row, children, [key]),
            subject=f"{row.get('name') or ''}/{label}".lstrip("/"), expected=value - verdict.difference, actual=value,
            evidence=row_evidence(row))
