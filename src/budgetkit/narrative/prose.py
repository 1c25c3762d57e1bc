"""The document's prose as paragraphs of sentences, each knowing where it was printed.

Lines that belong to a table are left out; the rest is joined back into running text.
Printed lines break sentences anywhere (``比 2021年预`` / ``算增加``), so lines are
joined without a separator and whitespace is dropped except between two Latin letters
or digits.  That also mends the OCR gaps inside numbers (``478. 85``).

A paragraph starts at a heading (``三、``, ``（二）``, ``第三部分``) or at the results of a
goal / result table row (``goal_tables``, whose goal lines are left out); sentences end at
``。！？`` and, inside a paragraph, the items of a list end at ``；``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..amounts import normalise_text
from ..sources import Line, box_record, enclosing
from .goal_tables import goal_rows

_HEADING_RE = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])")
_SENTENCE_END = "。！？!?；;"
_KEEP_SPACE = re.compile(r"[A-Za-z0-9]")
_CIRCLED_RE = re.compile("[\u2460-\u2473]")
_CLAUSE_MARK_RE = re.compile(r"[，,。；;：:]")


@dataclass
class Sentence:
    text: str
    page: int | None
    line: int | None  # first printed line (text files)
    line_end: int | None
    paragraph: int  # index of the paragraph, so claims can look back within it
    heading: str  # the paragraph's heading line, for context
    box: tuple[float, float, float, float] | None = None  # its lines on its first page (PDF points)


@dataclass
class Paragraph:
    heading: str
    text: str = ""
    # (offset in text, page, line) where each printed line starts
    marks: list[tuple[int, int | None, int | None]] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float] | None] = field(default_factory=list)  # of each printed line
    breaks: set[int] = field(default_factory=set)  # offsets where a sentence must end


def prose_paragraphs(lines: list[Line], excluded: set[int]) -> list[Paragraph]:
    """Paragraphs of every line whose ``id`` is not in ``excluded`` (the table lines)."""
    lines = [line for line in lines if id(line) not in excluded]
    goals, results = goal_rows(lines, squeeze)
    return _paragraphs((line for line in lines if id(line) not in goals), results)


def prose_sentences(paragraphs: list[Paragraph]) -> list[Sentence]:
    sentences = []
    for index, paragraph in enumerate(paragraphs):
        sentences.extend(_split(paragraph, index))
    return sentences


# A figure printed letter-spaced, as a justified line spreads it (2 0 2 6年…预算6 6,3 0 7.9 8万元):
# four or more pieces of at most three characters, each a digit with a separator at most.
_LETTER_SPACED_RE = re.compile(r"(?<![\d.,])\d(?: (?:\d[.,]?\d?|[.,]\d{1,2})){3,}(?![\d.,])")


_SPACE_RE = re.compile(r"\s")  # what str.isspace() calls white space


def squeeze(text: str) -> str:
    """Drop whitespace, except one space between two Latin letters or digits, which a
    letter-spaced figure does not keep."""
    # NFKC would turn the list marker ① into a bare 1, gluing it to the item's name
    text = normalise_text(_CIRCLED_RE.sub(lambda m: f"({ord(m.group()) - 0x2460 + 1})", text))
    if not _SPACE_RE.search(text):  # most lines: nothing to drop, no letter-spaced figure
        return text
    out = []
    for position, char in enumerate(text):
        if char.isspace():
            before = out[-1] if out else ""
            after = text[position + 1] if position + 1 < len(text) else ""
            if before and before != " " and _KEEP_SPACE.match(before) and _KEEP_SPACE.match(after):
                out.append(" ")
            continue
        out.append(char)
    return _LETTER_SPACED_RE.sub(lambda match: match.group(0).replace(" ", ""), "".join(out))


def paragraph_records(doc: str, paragraphs: list[Paragraph]) -> list[dict]:
    """The prose itself, so checks on wording can quote it without the source file."""
    records = []
    for number, paragraph in enumerate(paragraphs, start=1):
        first, last = paragraph.marks[0], paragraph.marks[-1]
        boxes = [box for mark, box in zip(paragraph.marks, paragraph.boxes) if box is not None and mark[1] == first[1]]
        records.append({"type": "paragraph", "doc": doc, "id": f"p{number}", "page": first[1],
                        "page_end": last[1], "line": first[2], "line_end": last[2],
                        "bbox": box_record(enclosing(boxes)), "line_starts": [mark[0] for mark in paragraph.marks],
                        "heading": paragraph.heading, "text": paragraph.text})
    return records


def _paragraphs(lines, goal_headings: dict[int, str]) -> list[Paragraph]:
    """Paragraphs from heading to heading; the results of a goal / result table row
    (``goal_headings``: first line → its goal) are a paragraph headed by the goal."""
    paragraphs: list[Paragraph] = []
    current = Paragraph(heading="")
    for line in lines:
        text = squeeze(line.text)
        if not text:
            continue
        if _wraps_heading(current, text):
            current.breaks.discard(len(current.text) - 1)
            current.heading += text
            current.text += text
            current.breaks.add(len(current.text) - 1)
            continue
        if _HEADING_RE.match(text) or id(line) in goal_headings:
            if current.text:
                paragraphs.append(current)
            current = Paragraph(heading=goal_headings.get(id(line), text))
        if _amount_of_heading(current, text):
            current.breaks.discard(len(current.text) - 1)
        if current.text and _digit_join(current.text, text):
            current.text += " "  # two numbers from separate lines stay apart
        current.marks.append((len(current.text), line.page, line.line_no))
        current.boxes.append(line.box)
        current.text += text
        if _HEADING_RE.match(text) and not _CLAUSE_MARK_RE.search(text):
            current.breaks.add(len(current.text) - 1)  # a heading alone on its line
    if current.text:
        paragraphs.append(current)
    return paragraphs


# A heading wrapped onto a second line leaves a few characters there (九、一般公共预算“三公”
# 经费、会议费、培训费支出预算情 / 况说明), under a first line of at least this many.
_WRAPPED_HEADING = 20
_HEADING_TAIL = 6


# An amount opening a line: ``344.32 万元。主要用于…``
_AMOUNT_START_RE = re.compile(r"^\d[\d,]*(?:\.\d+)?(?:万元|元|亿元)")


def _amount_of_heading(paragraph: Paragraph, text: str) -> bool:
    """Whether ``text`` opens with the amount of the paragraph's heading, which names its item
    and wrapped before the figure (``（四）2080505-机关事业单位基本养老保险缴费支出`` /
    ``344.32 万元。主要用于…``): one sentence, not a heading and a figure without a name."""
    return paragraph.text == paragraph.heading and len(paragraph.text) - 1 in paragraph.breaks \
        and bool(_AMOUNT_START_RE.match(text)) and not re.search(r"\d(?:万元|元|亿元|%)", paragraph.text)


def _wraps_heading(paragraph: Paragraph, text: str) -> bool:
    """Whether ``text`` is the end of the paragraph's heading, wrapped onto its own line."""
    return paragraph.text == paragraph.heading and len(paragraph.heading) >= _WRAPPED_HEADING \
        and len(paragraph.text) - 1 in paragraph.breaks and len(text) <= _HEADING_TAIL \
        and not _CLAUSE_MARK_RE.search(text) and not _HEADING_RE.match(text) and not text[0].isdigit()


def _digit_join(before: str, after: str) -> bool:
    """A line ending in a digit followed by one starting with a digit.

    Prose wraps numbers rarely and separate figures often (a heading ``2023`` then a
    line ``12.5``), so such lines are kept apart by a space."""
    return before[-1].isdigit() and after[0].isdigit()


_LONGEST_ASIDE = 200  # characters a bracket may hold before it counts as never closed


def _split(paragraph: Paragraph, index: int) -> list[Sentence]:
    sentences = []
    start = 0
    text = paragraph.text
    starts = [mark[0] for mark in paragraph.marks]
    opened = None  # where a bracket left open in this sentence was opened
    for position, char in enumerate(text):
        if char == "(" and opened is None:
            opened = position
        elif char == ")" or (opened is not None and position - opened > _LONGEST_ASIDE):
            opened = None  # closed, or never closed: the sentence marks count again
        too_long = position - start + 1 >= LONGEST_SENTENCE
        # a 。 or ；inside brackets ends an aside, not the sentence (``维护费0万元（购置费0万元；
        # 运行维护费0万元。）比上年增加0万元``)
        ends = char in _SENTENCE_END and opened is None
        if ends or position in paragraph.breaks or position == len(text) - 1 or too_long:
            end = _last_clause_mark(text, start, position) if too_long and char not in _SENTENCE_END else position
            piece = text[start:end + 1]
            if piece.strip(_SENTENCE_END + " "):
                sentences.append(_sentence(paragraph, starts, index, start, end, piece))
            start, opened = end + 1, None
    return sentences


# The longest sentence of the sample documents has under 200 characters.  A run of text
# with no 。 (a table read as prose, a damaged file) is cut into sentences of at most this
# many, so that every statement found in it does not carry the whole run.
LONGEST_SENTENCE = 1000


def _last_clause_mark(text: str, start: int, position: int) -> int:
    """Where a run too long for a sentence is cut: after its last clause mark, else at ``position``."""
    mark = max(text.rfind(char, start, position) for char in "，,、：:")
    return mark if mark > start else position


def _sentence(paragraph: Paragraph, starts: list[int], index: int, start: int, end: int, text: str) -> Sentence:
    """``starts``: the offset of each printed line of the paragraph, in order."""
    first_at, last_at = max(bisect_right(starts, start) - 1, 0), max(bisect_right(starts, end) - 1, 0)
    first, last = paragraph.marks[first_at], paragraph.marks[last_at]
    boxes = [box for mark, box in zip(paragraph.marks[first_at:last_at + 1], paragraph.boxes[first_at:last_at + 1])
             if box is not None and mark[1] == first[1]]
    return Sentence(text=text, page=first[1], line=first[2], line_end=last[2],
                    paragraph=index, heading=paragraph.heading, box=enclosing(boxes))

