"""``extract``: one input file → its document, table and row records."""

from __future__ import annotations

from collections import Counter

from .. import SCHEMA_VERSION, __version__
from ..amounts import to_wan
from ..budget import PageWatch
from ..cache import Cache
from ..forms import form_records
from ..meta import document_facts
from ..narrative import narrative_records
from ..records import disclosure_id, doc_id
from ..sources import Source, UnreadableInput, box_record, first_page_box
from ..sources.folios import printed_page_numbers
from ..sources.read import read_source
from ..tables.hierarchy import is_total
from ..tables.locate import listed_pages, locate_tables, running_lines
from ..tables.parse import ParsedTable, parse_table
from ..tables.prior import prior_records
from ..tables.projects import project_records
from .result import Extraction, from_cache, kept, unreadable

SIDES = ("income", "expenditure", "expenditure_2", "expenditure_3")


def extract_file(path: str, ocr: str = "auto", cache: Cache | None = None) -> Extraction:
    """The records of one file, from the cache when its content was extracted before
    (with the same ``--ocr`` mode)."""
    found = from_cache(path, ocr, cache)
    return found if found is not None else kept(extract_uncached(path, ocr), ocr, cache)


def extract_uncached(path: str, ocr: str, watch: PageWatch | None = None) -> Extraction:
    """``watch``: told each page before it is read, and before the records are made."""
    try:
        source = read_source(path, ocr, watch)
    except UnreadableInput as error:
        return unreadable(path, error)
    if watch is not None:
        watch.records(len(source.pages))
    return extract_source(source)


def extract_source(source: Source) -> Extraction:
    lines = [line for page in source.pages for line in page.lines]
    spans, contents = locate_tables(lines)
    listed, folios = listed_pages(lines, spans), printed_page_numbers(source.pages)
    tables = [parse_table(span) for span in spans]
    facts = document_facts(lines, tables, source.metadata)
    doc = doc_id(source.sha256)
    default_unit = _document_unit(tables)
    problems = list(source.problems) + _page_problems(source)
    table_records, row_records, content_records = [], [], []
    seen: Counter = Counter()
    for table in tables:
        seen[table.span.kind.key] += 1
        table_id = table.span.kind.key + (f"#{seen[table.span.kind.key]}" if seen[table.span.kind.key] > 1 else "")
        unit = table.unit or default_unit
        rows = [_row_record(doc, table_id, table, index, row, unit) for index, row in enumerate(table.rows)]
        pages = _pages_as_printed(table, listed if table_id == table.span.kind.key else {}, folios)
        table_records.append(_table_record(doc, table_id, table, len(rows), pages))
        row_records.extend(rows)
        if table.span.kind.layout == "form":
            content_records.extend(form_records(doc, table_id, table.span, unit, facts["year"]))
        if table.span.kind.key == "projects":
            content_records.extend(project_records(doc, table_id, table, rows))
        content_records.extend(prior_records(doc, table_id, table, rows, facts["year"]))
    table_lines = {id(lines[i]) for span in spans for i in range(span.start, max(span.end, span.body_start))}
    # A running head between two pages of a sentence is not part of it (支出 0 / 无锡市商务局
    # 2026年度部门预算公开 / 万元，占…).
    frame = {id(lines[i]) for i in running_lines(lines)}
    narrative = narrative_records(doc, lines, table_lines | frame, row_records, facts.get("year"))
    if not any(t.span.kind.layout != "form" for t in tables):
        problems = _without_tables(lines, problems)
    document = {
        "type": "document",
        "doc": doc,
        "path": source.path,
        "sha256": source.sha256,
        "format": source.format,
        "pages": source.page_count if source.format == "pdf" else None,
        **facts,
        "disclosure": disclosure_id(facts["department"], facts["level"], facts["year"], facts["kind"]),
        "unit": default_unit,
        "tables": len(table_records),
        "rows": len(row_records),
        "statements": sum(1 for record in narrative if record["type"] == "statement"),
        "contents": contents,
        # nothing lost in reading, but a reviewer asks why a page of a disclosure is empty
        "blank_pages": [page.number for page in source.pages if page.has_text and not page.lines
                        and not any(p.get("page") == page.number for p in source.problems)],
        "schema_version": SCHEMA_VERSION,
        "budgetkit_version": __version__,
        "problems": problems,
    }
    return Extraction(source.path, [document, *table_records, *row_records, *content_records, *narrative], problems)


# Problems that leave part of a document unread: what was not read may be its budget.
_UNREAD = {"scanned_page", "garbled_text", "ocr_failed", "page_unreadable", "page_too_large", "page_timeout"}


def _without_tables(lines: list, problems: list[dict]) -> list[dict]:
    """The problems of a document with no standard table.  Read whole, with text, and
    naming neither 预算 nor 决算 anywhere, it is no budget disclosure at all (a notice or
    a report filed as one): that is its one problem, whatever its pages were read by."""
    text = "".join(line.text for line in lines)
    if text.strip() and "预算" not in text and "决算" not in text and not any(
            p.get("code") in _UNREAD for p in problems):
        ocr_pages = sum(p.get("code") == "ocr_page" for p in problems)
        how = f", {ocr_pages} page{'s' if ocr_pages > 1 else ''} read by OCR" if ocr_pages else ""
        return [{"code": "not_a_budget",
                 "message": f"no budget disclosure found (no 预算 or 决算 in its text, no standard table{how})"}]
    return [*problems, {"code": "no_tables", "message": "no standard budget table recognised"}]


def _pages_as_printed(table: ParsedTable, listed: dict[str, int], folios: dict[int, int]) -> dict:
    """The page number printed on the table's first page, and the one the contents give
    for it (the first table of its kind only: the contents list a kind once)."""
    return {"folio": folios.get(table.pages[0]) if table.pages else None,
            "listed_page": listed.get(table.span.kind.key)}


def _document_unit(tables: list[ParsedTable]) -> str | None:
    units = Counter(t.unit for t in tables if t.unit)
    return units.most_common(1)[0][0] if units else None


def _page_problems(source: Source) -> list[dict]:
    problems = []
    for page in source.pages:
        if not page.has_text and not any(p.get("page") == page.number for p in source.problems):
            problems.append({"code": "scanned_page", "page": page.number,
                             "message": f"page {page.number} has no text layer (scanned); its content is not read"})
        elif any("(cid:" in line.text for line in page.lines):
            problems.append({"code": "garbled_text", "page": page.number,
                             "message": f"page {page.number} has text without a character map ((cid:N) codes)"})
    return problems


def _table_record(doc: str, table_id: str, table: ParsedTable, row_count: int, printed_pages: dict) -> dict:
    span = table.span
    first = span.lines[0] if span.lines else None
    return {
        "type": "table",
        "doc": doc,
        "table": table_id,
        "key": span.kind.key,
        "title": span.title,
        "number": span.number,
        "layout": span.kind.layout,
        "pages": table.pages,
        **printed_pages,
        "line": first.line_no if first is not None and first.line_no is not None else None,
        "bbox": box_record(first_page_box(span.lines)),
        "unit": table.unit,
        "columns": [{"key": c.key, "label": c.label, "block": c.block} for c in table.columns],
        "status": table.status,
        "note": table.note,
        "rows": row_count,
        "problems": table.problems,
    }


def _row_record(doc: str, table_id: str, table: ParsedTable, index: int, row, unit: str | None) -> dict:
    scale_unit = unit or "万元"
    values = {key: (to_wan(value, scale_unit) if value is not None else None) for key, value in row.values.items()}
    sided = table.span.kind.layout == "sided"
    return {
        "type": "row",
        "doc": doc,
        "table": table_id,
        "key": table.span.kind.key,
        "index": index,
        "code": row.code,
        "code_kind": row.code_kind,
        "name": row.name,
        "level": row.level,
        "parent": row.parent,
        "total": is_total(row.name) and not row.code,
        "block": row.block,
        "side": SIDES[min(row.block, len(SIDES) - 1)] if sided else None,
        "page": row.page,
        "line": row.line_no,
        "bbox": box_record(row.box),
        "values": values,
        "cells": {key: box_record(box) for key, box in row.cells.items()} if row.cells else None,
        "labels": row.labels,
        "uncertain": row.uncertain,
    }
