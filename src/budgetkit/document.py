"""One document's records, gathered from a record stream, with the lookups rules share.

``extract`` writes the records of a document together, so a stream is checked one
document at a time and memory does not grow with the number of documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Iterable, Iterator

from .tolerance import ulp_of_values

# Integer fields that are positions or counts of records, not figures the document prints.
_POSITIONS = frozenset({"page", "page_end", "line", "line_end", "index", "block", "item", "year", "basis_year",
                        "rows", "tables", "statements", "indicators", "pages", "blank_pages", "span", "row",
                        "folio", "listed_page", "line_starts", "bbox", "cells", "places"})

_LISTS = {"statement": "statements", "staff": "staff", "paragraph": "paragraphs", "form": "forms",
          "project": "projects", "indicator": "indicators", "prior": "priors", "finding": "findings", "kpi": "kpis"}


@dataclass
class Document:
    doc: str
    meta: dict = field(default_factory=dict)  # the ``document`` record ({} if the stream lacks it)
    tables: dict[str, dict] = field(default_factory=dict)  # table id → table record
    rows: dict[str, list[dict]] = field(default_factory=dict)  # table id → its rows in order
    statements: list[dict] = field(default_factory=list)
    staff: list[dict] = field(default_factory=list)
    paragraphs: list[dict] = field(default_factory=list)
    forms: list[dict] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    priors: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)  # from ``check``, when the stream carries them
    kpis: list[dict] = field(default_factory=list)  # from ``kpi``, when the stream carries them
    records: list[dict] = field(default_factory=list)  # every record as read, in order (to pass them on)
    # a disclosure joined from two files: (doc, path) of the one holding the narrative
    narrative_file: tuple[str, str | None] | None = None

    def add(self, record: dict) -> None:
        self.records.append(record)
        record = _with_decimals(record)
        kind = record["type"]
        if kind == "document":
            self.meta = record
        elif kind == "table":
            self.tables[record["table"]] = record
            self.rows.setdefault(record["table"], [])
        elif kind == "row":
            self.rows.setdefault(record["table"], []).append(record)
        elif kind in _LISTS:
            getattr(self, _LISTS[kind]).append(record)
        # other types (change, summary…) are kept in ``records`` only

    # --- what the document is --------------------------------------------------------
    @property
    def path(self) -> str | None:
        return self.meta.get("path")

    @property
    def kind(self) -> str | None:
        return self.meta.get("kind")

    @property
    def year(self) -> int | None:
        return self.meta.get("year")

    def file_of(self, finding: dict) -> tuple[str, str | None]:
        """(doc, path) of the file a finding points into: in a disclosure joined from two
        files, a table is in the one, the narrative (a finding about a statement) in the other."""
        if self.narrative_file is not None and (finding.get("statement") or not finding.get("table")):
            return self.narrative_file
        return self.doc, self.path

    @property
    def is_disclosure(self) -> bool:
        """False when extract found no budget disclosure in the file (``not_a_budget``)."""
        return not any(p.get("code") == "not_a_budget" for p in self.meta.get("problems") or [])

    # --- tables ----------------------------------------------------------------------
    def tables_with_key(self, key: str) -> list[dict]:
        return [t for t in self.tables.values() if t["key"] == key]

    def table(self, key: str) -> dict | None:
        """The first table of a kind with data, else the first of that kind."""
        found = self.tables_with_key(key)
        return next((t for t in found if t["status"] == "ok"), found[0] if found else None)

    def rows_of(self, key: str) -> list[dict]:
        table = self.table(key)
        return self.rows.get(table["table"], []) if table else []

    def column_label(self, table_id: str, key: str, block: int | None = None) -> str:
        """The printed header of a column (of ``block`` when given: each side of a 收支总表
        has its own 金额 column); the key itself when the table has no such column."""
        columns = [c for c in self.tables.get(table_id, {}).get("columns", []) if c["key"] == key]
        column = next((c for c in columns if block is None or (c.get("block") or 0) == block), None)
        column = column or next(iter(columns), None)
        return column["label"] if column else key

    def ulp(self, table_id: str) -> Decimal:
        """The precision a table prints its amounts with, in 万元 (worked out once per table:
        rules ask for it on every cell they compare)."""
        if table_id not in self._ulps:
            self._ulps[table_id] = ulp_of_values(
                (v for row in self.rows.get(table_id, []) for v in row["values"].values()), self.unit_of(table_id))
        return self._ulps[table_id]

    def unit_of(self, table_id: str) -> str:
        """The money unit a table prints its amounts in: its own, else the document's, else 万元."""
        return self.tables.get(table_id, {}).get("unit") or self.meta.get("unit") or "万元"

    @cached_property
    def _ulps(self) -> dict[str, Decimal]:
        return {}

    def total_ulp(self, table_id: str, row: dict, key: str) -> Decimal:
        """The precision a total cell is printed to: the table's, or coarser when its row or
        its column prints every figure coarser (a 合计 row or column to the 元 in a table
        whose other figures go to the 分).  A line shows its precision with three figures
        other than 0 at least: one or two round figures may be round by chance."""
        unit = self.unit_of(table_id)
        if (table_id, key) not in self._column_ulps:
            column = [r["values"].get(key) for r in self.rows.get(table_id, [])]
            self._column_ulps[(table_id, key)] = _line_ulp(column, unit)
        lines = (self._column_ulps[(table_id, key)], _line_ulp(list(row["values"].values()), unit))
        return max([self.ulp(table_id), *(ulp for ulp in lines if ulp is not None)])

    @cached_property
    def _column_ulps(self) -> dict[tuple[str, str], Decimal | None]:
        return {}

    @cached_property
    def ocr_pages(self) -> frozenset:
        """The pages extract read by OCR (their figures may be misread)."""
        return frozenset(p.get("page") for p in self.meta.get("problems", []) if p.get("code") == "ocr_page")

    def statement(self, statement_id: str) -> dict | None:
        return self._statements_by_id.get(statement_id)

    @cached_property
    def _statements_by_id(self) -> dict[str, dict]:
        return {s["id"]: s for s in self.statements}

    # --- performance forms -----------------------------------------------------------
    def indicators_of(self, form_id: str) -> list[dict]:
        """The indicators of one form (``performance#2``), in printed order."""
        return [i for i in self.indicators if i["form"] == form_id]

    def priors_of(self, form_id: str) -> list[dict]:
        """The ``prior`` amounts one form prints (its 近两年收支 block, earlier budgets)."""
        return [p for p in self.priors if p["source"] == form_id]

    def project_forms(self) -> list[dict]:
        """The ``form`` records of project forms (not the 部门整体 form)."""
        return [f for f in self.forms if f.get("form_kind") == "project"]

    # --- prose ---------------------------------------------------------------------
    def paragraph_of(self, statement: dict) -> dict | None:
        """The paragraph a statement's sentence was read from (None if none holds it)."""
        return self._paragraph_of_statement.get(statement["id"])

    def statements_in(self, paragraph: dict) -> list[dict]:
        """The statements read from a paragraph, in reading order."""
        return [s for s in self.statements if self._paragraph_of_statement.get(s["id"]) is paragraph]

    @cached_property
    def _paragraph_of_statement(self) -> dict[str, dict]:
        # A sentence is a piece of its paragraph's text (both are folded the same way);
        # where the same sentence is printed twice, the paragraph at its line or page wins.
        found = {}
        for statement in self.statements:
            holders = [p for p in self.paragraphs if statement["sentence"] in p["text"]]
            placed = [p for p in holders if _spans(p, statement)]
            if placed or holders:
                found[statement["id"]] = (placed or holders)[0]
        return found


def _spans(paragraph: dict, statement: dict) -> bool:
    """Whether a statement's line (text files) or page (PDFs) lies within a paragraph's."""
    for start, end, at in (("line", "line_end", "line"), ("page", "page_end", "page")):
        if paragraph.get(start) is not None and statement.get(at) is not None:
            return paragraph[start] <= statement[at] <= (paragraph.get(end) or paragraph[start])
    return False


def _with_decimals(record: dict) -> dict:
    """JSON integers (``186``) as Decimals like the other figures, so rules add them up
    without caring how a number was written; positions (page, line, index…) stay integers."""
    converted = {}
    for key, value in record.items():
        kind = type(value)
        if key in _POSITIONS or kind is str or value is None:
            pass  # texts and blanks, most of a record, are taken as they are
        elif kind is int:
            value = Decimal(value)
        elif kind is dict:
            value = _with_decimals(value)
        elif kind is list:
            value = [_with_decimals(item) if type(item) is dict else Decimal(item) if type(item) is int else item
                     for item in value]
        converted[key] = value
    return converted


def group_documents(records: Iterable[dict]) -> Iterator[Document]:
    """Documents from a record stream, one per run of records with the same ``doc``.

    A document whose records are split over two runs (a stream sorted by type, say) is
    checked as two partial documents; ``extract`` never writes such streams."""
    current: Document | None = None
    for record in records:
        doc = record.get("doc")
        if current is None or doc != current.doc:
            if current is not None:
                yield current
            current = Document(doc)
        current.add(record)
    if current is not None:
        yield current


def joined_disclosures(documents: Iterable[Document]) -> Iterator[Document]:
    """The documents, but two that follow each other, share a ``disclosure`` id, and are
    one the tables and the other the narrative of that disclosure (附件1 情况说明, 附件2 报表)
    are joined into one, so the narrative is checked against the tables.  Only one
    document is held back at a time."""
    held: Document | None = None
    for document in documents:
        if held is not None and _halves(held, document):
            yield _joined(held, document)
            held = None
            continue
        if held is not None:
            yield held
        held, ready = (document, None) if _half(document) else (None, document)
        if ready is not None:
            yield ready
    if held is not None:
        yield held


def _half(document: Document) -> str | None:
    """``tables`` or ``narrative`` for a file holding only one of them, with a disclosure id."""
    if not document.meta.get("disclosure"):
        return None
    ledgers = any(table.get("layout") != "form" for table in document.tables.values())
    if ledgers and not document.statements:
        return "tables"
    if document.statements and not ledgers:
        return "narrative"
    return None


def _halves(first: Document, second: Document) -> bool:
    return (first.meta["disclosure"] == second.meta.get("disclosure")
            and {_half(first), _half(second)} == {"tables", "narrative"})


def _joined(first: Document, second: Document) -> Document:
    """One document of the tables file (its id, path and facts) and the narrative file's
    records; the narrative file's problem of having no table is no longer one."""
    tables, narrative = (first, second) if _half(first) == "tables" else (second, first)
    joined = Document(tables.doc, narrative_file=(narrative.doc, narrative.path))
    problems = [*tables.meta.get("problems", []),
                *(p for p in narrative.meta.get("problems", []) if p.get("code") != "no_tables")]
    contents = tables.meta.get("contents") or narrative.meta.get("contents") or []
    joined.add({**tables.meta, "problems": problems, "contents": contents})
    for record in (*tables.records, *narrative.records):
        if record.get("type") != "document":
            joined.add(record)
    return joined


def heading(meta: dict, path: str | None) -> str:
    """How a document is named to a person: department · year · kind · path."""
    bits = (meta.get("department"), meta.get("year"), meta.get("kind"), path)
    return " · ".join(str(bit) for bit in bits if bit)


def _line_ulp(values: list[Decimal | None], unit: str | None) -> Decimal | None:
    """The finest precision of a row's or a column's figures other than 0; None for fewer than three."""
    figures = [value for value in values if value]
    return ulp_of_values(figures, unit) if len(figures) >= 3 else None
