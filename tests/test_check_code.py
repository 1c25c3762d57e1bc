"""Rules of the ``code`` family: names beside codes, parents in tables, 类/款/项 paths, units."""

import json
from decimal import Decimal
from importlib import resources

import pytest

from conftest import ROOT, samples

from budgetkit.checks.codebook import FORMER, OBSOLETE, OK, OTHER, TRUNCATED, codebook

from builders import D, document, paragraph, row, run, statement, table

GB = "general_budget_expenditure"


def where(found):
    return [(f["severity"], f["table"], f["row"], f["code"]) for f in found]


# --- the code list ----------------------------------------------------------------------

def test_code_list_knows_official_names_variants_and_renames():
    book = codebook()
    assert book.get("30201").name == "办公费"
    assert "official" in book.get("210").sources
    assert book.judge("30299", "其他商品及服务支出", 2022).verdict == OK  # 及/和 drift
    assert book.judge("201", "一般公共服务", 2022).verdict == OK  # a 类 without its 支出
    assert book.judge("212", "城乡社区事务", 2022).verdict == FORMER  # an accepted template label
    assert book.judge("210", "医疗卫生与计划生育支出", 2018).verdict == FORMER
    assert book.judge("210", "医疗卫生与计划生育支出", 2019).verdict == OBSOLETE
    assert book.judge("2080505", "机关事业单位基本养老保", 2024).verdict == TRUNCATED
    assert book.judge("30201", "差旅费", 2024).others == ("30211",)
    assert book.judge("30201", "差旅费", 2024).verdict == OTHER
    assert book.codes_named("住房改革支出") == {"22102"}


@pytest.mark.parametrize("sample", samples(), ids=lambda p: p.stem)
def test_code_list_records_every_name_the_samples_print(sample):
    """Each code/name pair a sample's tables print is in the list with that sample as a
    source, unless the name is cut short (a defect code.name reports)."""
    data = json.loads(resources.files("budgetkit").joinpath("data").joinpath("codes.json").read_text("utf-8"))["codes"]
    book = codebook()
    for line in (ROOT / "tests" / "golden" / (sample.stem + ".jsonl")).read_text("utf-8").splitlines():
        record = json.loads(line)
        if record["type"] != "row":
            continue
        labels = record.get("labels") or {}
        pairs = [(labels.get("subject_code"), labels.get("subject")), (labels.get("economic_code"),
                                                                         labels.get("economic_subject"))]
        if not labels and record.get("code_kind") in ("functional", "economic"):
            pairs = [(record["code"], record["name"])]
        for code, name in pairs:
            if not code or not name or book.judge(code, name, None).verdict == TRUNCATED:
                continue
            entry = data[code]
            listed = {entry["name"]: entry["sources"], **{n: v["sources"] for n, v in entry.get("variants", {}).items()},
                      **{f["name"]: f["sources"] for f in entry.get("former", [])}}
            assert sample.stem in listed.get(name, []), (code, name)


# --- code.name --------------------------------------------------------------------------

def test_name_quiet_on_official_names_and_accepted_variants():
    assert run("code.name", table(GB),
               row(GB, 0, "卫生健康支出", {"total": "10"}, code="210"),
               row(GB, 1, "其他商品及服务支出", {"total": "1"}, code="30299"),
               row(GB, 2, "维修(护)费", {"total": "1"}, code="30213"),
               row(GB, 3, "某个清单里没有的科目", {"total": "1"}, code="2129901")) == []


def test_name_flags_a_siblings_name_as_error_and_a_cut_name_as_info():
    found = run("code.name", table("basic_expenditure"),
                row("basic_expenditure", 0, "差旅费", {"total": "3.2"}, code="30201"),
                row("basic_expenditure", 1, "印刷费", {"total": "1"}, code="30202"),
                row("basic_expenditure", 2, "办公及印刷费", {"total": "1"}, code="30203"),
                row("basic_expenditure", 3, "机关事业单位基本养老保", {"total": "19.68"}, code="2080505"),
                row("basic_expenditure", 4, "行政单位医疗", {"total": "1"}, code="30299"),
                row("basic_expenditure", 5, "行政运行", {"total": "1"}, code="2101502"))
    assert where(found) == [("error", "basic_expenditure", 0, "30201"), ("warning", "basic_expenditure", 2, "30203"),
                            ("info", "basic_expenditure", 3, "2080505"), ("warning", "basic_expenditure", 4, "30299"),
                            ("warning", "basic_expenditure", 5, "2101502")]
    assert found[0]["message"] == "30201 的名称印为“差旅费”，这是 30211 的名称；30201 应为“办公费”"
    assert found[2]["message"] == "2080505 名称“机关事业单位基本养老保”不完整，应为“机关事业单位基本养老保险缴费支出”"
    assert found[4]["message"] == "2101502 的名称印为“行政运行”，这是 2101501 的名称；2101502 应为“一般行政管理事务”"


def test_name_of_a_sibling_is_a_warning_where_names_look_shifted():
    found = run("code.name", table("basic_expenditure"),
                row("basic_expenditure", 0, "印刷费", {"total": "3.2"}, code="30201"),
                row("basic_expenditure", 1, "咨询费", {"total": "1"}, code="30202"))
    assert where(found) == [("warning", "basic_expenditure", 0, "30201"), ("warning", "basic_expenditure", 1, "30202")]


def test_name_obsolete_after_the_rename_only():
    assert run("code.name", document(year=2018), table(GB),
               row(GB, 0, "医疗卫生与计划生育支出", {"total": "10"}, code="210")) == []
    found = run("code.name", document(year=2024), table(GB),
                row(GB, 0, "医疗卫生与计划生育支出", {"total": "10"}, code="210"))
    assert [(f["severity"], f["message"]) for f in found] == [
        ("warning", "210 名称“医疗卫生与计划生育支出”为 2018 年及以前的科目名称，2024 年应为“卫生健康支出”")]


def test_name_reads_projects_rows_by_their_subject_labels():
    labels = {"subject_code": "2101101", "subject": "行政单位医疗", "project": "企业离休人员医疗经费"}
    assert run("code.name", table("projects"),
               row("projects", 0, "企业离休人员医疗经费", {"total": "600"}, code="2101101", labels=labels)) == []


def test_name_on_an_uncertain_row_is_a_warning():
    found = run("code.name", table("basic_expenditure"),
                row("basic_expenditure", 0, "差旅费", {"total": "3"}, code="30201", uncertain=True))
    assert where(found) == [("warning", "basic_expenditure", 0, "30201")]


# --- code.parent_row ----------------------------------------------------------------------

def test_parent_row_flags_a_kuan_without_its_lei():
    found = run("code.parent_row", table(GB),
                row(GB, 0, "卫生健康支出", {"total": "30"}, code="210"),
                row(GB, 1, "行政事业单位医疗", {"total": "10"}, code="21011"),
                row(GB, 2, "医疗保障管理事务", {"total": "20"}, code="20115"))
    assert where(found) == [("warning", GB, 2, "20115")]
    assert found[0]["message"] == "款 20115 “医疗保障管理事务”列在 210 “卫生健康支出”之下，表中没有其上级科目 201"


def test_parent_row_quiet_on_complete_trees_and_tables_without_lei_rows():
    assert run("code.parent_row", table(GB),
               row(GB, 0, "卫生健康支出", {"total": "30"}, code="210"),
               row(GB, 1, "行政事业单位医疗", {"total": "30"}, code="21011"),
               row(GB, 2, "行政单位医疗", {"total": "30"}, code="2101101")) == []
    assert run("code.parent_row", table("projects"),
               row("projects", 0, "行政单位医疗", {"total": "30"}, code="2101101")) == []


# --- code.prose_path --------------------------------------------------------------------

def test_prose_path_flags_a_lei_name_used_as_kuan():
    found = run("code.prose_path", paragraph(1, "8.住房保障支出(类)住房保障支出(款)住房公积金(项)。年初预算为9.77万元。"))
    assert [(f["severity"], f["line"]) for f in found] == [("warning", 101)]
    assert found[0]["message"] == ("“住房保障支出(类)住房保障支出(款)住房公积金(项)”：“住房保障支出”是类级科目（221）的名称，"
                                   "不是 221 下的款；“住房公积金”属 22102 “住房改革支出”")


def test_prose_path_flags_a_kuan_of_another_lei():
    found = run("code.prose_path", paragraph(1, "卫生健康支出(类)行政事业单位养老支出(款)行政单位离退休(项)。"))
    assert [f["message"] for f in found] == ["“卫生健康支出(类)行政事业单位养老支出(款)行政单位离退休(项)”："
                                             "“行政事业单位养老支出”是 20805 的名称，不属于 210 “卫生健康支出”"]


def test_prose_path_quiet_on_right_paths_former_names_and_unknown_names():
    assert run("code.prose_path", document(year=2024), paragraph(
        1, "1.卫生健康支出(类)卫生健康管理事务(款)行政运行(项):反映…。2.医疗卫生与计划生育(类)行政事业单位医疗(款)"
           "公务员医疗补助(项)。3.社会保障和就业支出(类)某地自定名称(款)其他(项)。")) == []


# --- code.unit_scale ----------------------------------------------------------------------

def test_unit_scale_flags_a_statement_ten_thousand_times_its_table_row():
    found = run("code.unit_scale", table(GB), row(GB, 0, "办公费", {"total": "13.32"}, code="30201"),
                statement(1, "办公费133200万元", subject="办公费", code="30201", amount=133200, unit="万元"))
    assert [(f["severity"], f["statement"], f["table"], f["row"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s1", GB, 0, D("13.32"), D("133200"))]
    assert found[0]["message"] == "“办公费133200万元”与general_budget_expenditure“办公费” 13.32 万元相差 10000 倍，疑为元与万元混用"


def test_unit_scale_flags_one_code_in_two_tables():
    found = run("code.unit_scale", table(GB), table("expenditure_summary"),
                row(GB, 0, "卫生健康支出", {"total": "377.78"}, code="210"),
                row("expenditure_summary", 0, "卫生健康支出", {"total": "3777800"}, code="210"))
    assert [(f["severity"], f["table"], f["expected"], f["actual"]) for f in found] == [
        ("error", "expenditure_summary", D("377.78"), D("3777800"))]


def test_unit_scale_quiet_when_printed_right_somewhere_or_too_coarse():
    # the statement matches one table; the other column is a coincidence
    assert run("code.unit_scale", table(GB, ["total", "basic"]),
               row(GB, 0, "办公费", {"total": "13.32", "basic": "133200"}, code="30201"),
               statement(1, "办公费13.32万元", subject="办公费", code="30201", amount=D("13.32"), unit="万元")) == []
    # 5 万元 against 50 000: one printed digit proves nothing
    assert run("code.unit_scale", table(GB), row(GB, 0, "办公费", {"total": "50000"}, code="30201"),
               statement(1, "办公费5万元", subject="办公费", code="30201", amount=5, unit="万元")) == []


def test_unit_scale_flags_a_form_amount_against_the_projects_table():
    project = {"type": "project", "doc": "0123456789abcdef", "source": "performance", "name": "城乡医疗救助",
               "code": None, "amount": Decimal("2600000"), "funding": {}, "items": [], "prior": [], "page": None,
               "line": 400}
    found = run("code.unit_scale", table("projects"),
                row("projects", 0, "城乡医疗救助", {"total": "260"}, code="2101301"), project)
    assert [(f["severity"], f["form"], f["expected"], f["actual"]) for f in found] == [
        ("error", "performance", D("260"), D("2600000"))]
