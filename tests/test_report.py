"""The report every command writes its output through (budgetkit/report.py): one view per
family of records, four formats written once."""

from __future__ import annotations

import io

from rich.console import Console

from budgetkit.report import BaseView, Cell, Column, Section, TableReport, make_report


class Changes(BaseView):
    """Two sections per document, a styled cell, a column for Markdown only."""

    empty = "changes"
    fields = ("name", "amount")

    def sections(self, title, records, **context):
        if not records:
            return []
        columns = [Column("name"), Column("amount", right=True), Column("note", terminal=False)]
        return [Section(f"{context['table']} ({part})", columns,
                        [[r["name"], Cell(r["amount"], "green"), "x|y"] for r in records if r["part"] == part])
                for part in ("a", "b")]


RECORDS = [{"name": "基本支出", "amount": "10.00", "part": "a"}, {"name": "项目支出", "amount": "2.50", "part": "b"}]


def written(fmt: str, view, documents) -> str:
    out = io.StringIO()
    report = make_report(fmt, view, out)
    for title, records in documents:
        report.document(title, records, table="expenditure_summary")
    report.close()
    return out.getvalue()


def test_markdown_a_section_per_document_a_heading_per_table():
    assert written("markdown", Changes(), [("A → B", RECORDS), ("C → D", [])]) == (
        "## A → B\n\n### expenditure_summary (a)\n\n"
        "| name   |   amount | note   |\n|:-------|---------:|:-------|\n| 基本支出   |    10.00 | x\\|y   |\n\n"
        "### expenditure_summary (b)\n\n"
        "| name   |   amount | note   |\n|:-------|---------:|:-------|\n| 项目支出   |     2.50 | x\\|y   |\n\n"
        "## C → D\n\nNo changes.\n\n")


def test_csv_one_header_for_the_run_and_jsonl_the_records():
    assert written("csv", Changes(), [("A → B", RECORDS), ("C → D", RECORDS[:1])]) == (
        "name,amount\n基本支出,10.00\n项目支出,2.50\n基本支出,10.00\n")
    assert written("jsonl", Changes(), [("A → B", RECORDS[:1])]) == (
        '{"name":"基本支出","amount":"10.00","part":"a"}\n')


def test_table_leaves_out_the_markdown_only_column_and_styles_cells():
    console = Console(file=io.StringIO(), width=100, force_terminal=False)
    report = TableReport(Changes(), console)
    report.document("A → B", RECORDS, table="expenditure_summary")
    report.document("C → D", [], table="expenditure_summary")
    text = console.file.getvalue()
    assert text.startswith("A → B\nexpenditure_summary") and "基本支出" in text and "项目支出" in text
    assert "note" not in text and "x|y" not in text
    assert text.rstrip().endswith("C → D: no changes")


class Ranked(BaseView):
    empty = "documents"
    whole_run = True
    caption = "by total"
    fields = ("name",)

    def sections(self, title, records, **context):
        return [Section(None, [Column("name")], [[r["name"]] for r in records])]


def test_a_whole_run_view_is_shown_once_at_the_end_under_its_caption():
    assert written("markdown", Ranked(), [("one", RECORDS[:1]), ("two", RECORDS[1:])]) == (
        "## by total\n\n| name   |\n|:-------|\n| 基本支出   |\n| 项目支出   |\n\n")
    assert written("markdown", Ranked(), []) == ""
