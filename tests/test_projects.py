"""``project`` records from the projects table and ``prior`` records from a table's
earlier-year columns, checked against the source documents line by line."""

import json
from decimal import Decimal as D
from functools import cache

import pytest

from budgetkit.extraction.build import extract_file
from budgetkit.records import dumps, json_schema
from conftest import ROOT, samples


@cache
def records(path: str) -> tuple[dict, ...]:
    return tuple(extract_file(path).records)


def table_projects(path: str) -> list[dict]:
    return [r for r in records(path) if r["type"] == "project" and r["source"] == "projects"]


# --- 东西湖 2022: 2022 年项目支出预算表, lines 1385-1532 ------------------------------------
# 科目编码 科目名称 单位编码 单位名称 项目名称 | 总计 预算内资金 纳入预算管理非税 上级专项转移支付
# 纳入财政专户管理资金(教卫专用) 政府性基金 其他资金.  The first rows are the total (no name,
# line 1457) and the rows of the department (026) and its unit (026001); every project row
# prints its own subject and unit.

DONGXIHU = "samples/dongxihu-yibao-2022-budget.txt"
DONGXIHU_UNIT = {"unit_code": "026001", "unit": "武汉市东西湖区医疗保障局本级"}


def dongxihu(line, subject_code, subject, name, amount):
    return {
        "type": "project", "doc": "1e59183441b72475", "source": "projects", "name": name, "code": None,
        "amount": D(amount),
        "funding": {"预算内资金": D(amount), "纳入预算管理非税": None, "上级专项转移支付": None,
                    "纳入财政专户管理资金(教卫专用)": None, "政府性基金": None, "其他资金": None},
        "items": [], "prior": [], "kind": None, "subject_code": subject_code, "subject": subject, **DONGXIHU_UNIT,
        "page": None, "line": line, "bbox": None,
    }


DONGXIHU_PROJECTS = [
    dongxihu(1469, "2101101", "行政单位医疗", "企业离休人员医疗经费", "600"),
    dongxihu(1479, "2101101", "行政单位医疗", "保优离医疗经费", "1200"),
    dongxihu(1489, "2101301", "城乡医疗救助", "城乡医疗救助", "260"),
    dongxihu(1494, "2101401", "优抚对象医疗补助", "伤残军人医疗经费", "74"),
    dongxihu(1501, "2101502", "一般行政管理事务", "党员教育培训", "1.1"),
    dongxihu(1506, "2101505", "医疗保障政策管理", "医保业务科工作经费", "12"),
    dongxihu(1516, "2101506", "医疗保障经办事务", "医保核查中心工作经费", "90"),
    dongxihu(1526, "2101506", "医疗保障经办事务", "医保服务中心工作经费", "60"),
]


def test_dongxihu_projects_table():
    assert table_projects(DONGXIHU) == DONGXIHU_PROJECTS


# --- 江夏 2024: 项目支出表, lines 313-325 (tab-separated OCR) ----------------------------
# 项目分类 项目名称 | 合计, 本年拨款 (一般公共预算, 政府性基金预算, 国有资本经营预算),
# 财政拨款结转结余 (OCR: 才政拨款结转结 。) by the same funds, 财政专户管理资金 (OCR: 財政),
# 单位资金.  Line 319 is the 合计, 320-321 the department and its unit (OCR: 本统 for 本级),
# 322 an OCR fragment (``22``) with the unit's amounts; the projects print no subject.

JIANGXIA = "samples/jiangxia-yibao-2024-budget.txt"


def jiangxia(line, name, amount):
    zero = D("0")
    return {
        "type": "project", "doc": "7e8df3bb29b87cc2", "source": "projects", "name": name, "code": None,
        "amount": D(amount),
        "funding": {"本年拨款/一般公共预算": D(amount), "本年拨款/政府性基金预算": zero,
                    "本年拨款/国有资本经营预算": zero, "才政拨款结转结。/一般公共预算": zero,
                    "才政拨款结转结。/政府性基金预算": zero, "才政拨款结转结。/国有资本经营预算": zero,
                    "財政专户管理资金": zero, "单位资金": zero},
        "items": [], "prior": [], "kind": "其他运转类", "subject_code": None, "subject": None,
        "unit_code": None, "unit": "武汉市江夏区医疗保障局本统", "page": None, "line": line, "bbox": None,
    }


JIANGXIA_PROJECTS = [
    jiangxia(323, "综合性履职业务费", "144"),
    jiangxia(324, "信息化建设与运行维护", "20"),
    jiangxia(325, "医保专项业务经费", "22"),
]


def test_jiangxia_projects_table():
    assert table_projects(JIANGXIA) == JIANGXIA_PROJECTS


@pytest.mark.parametrize("path", [DONGXIHU, JIANGXIA])
def test_projects_add_up_to_the_table_total(path):
    projects = table_projects(path)
    for project in projects:
        assert sum(v for v in project["funding"].values() if v is not None) == project["amount"]
    total = next(r for r in records(path) if r["type"] == "row" and r["key"] == "projects")  # the first row
    assert sum(p["amount"] for p in projects) == total["values"]["total"]


@pytest.mark.parametrize("sample", samples(), ids=lambda p: p.stem)
def test_tables_give_projects_only_from_a_projects_table_and_no_sample_prints_earlier_years(sample):
    from_tables = [r for r in records(sample.relative_to(ROOT).as_posix())
                   if r["type"] in ("project", "prior") and not r["source"].startswith("performance")]
    assert {r["source"] for r in from_tables} <= {"projects"}
    assert all(r["type"] == "project" for r in from_tables)


# --- earlier-year columns: tests/fixtures/two-year-columns-2024-budget.txt -------------
# No sample prints one; the fixture is a 2024 Wuhan-style budget whose 一般公共预算支出表
# prints 上年预算数 | 本年预算数 (lines 12-32) and whose “三公” table prints 2023年预算数 |
# 2024年预算数 (lines 35-49).

FIXTURE = "tests/fixtures/two-year-columns-2024-budget.txt"


def test_year_columns_get_prior_year_and_the_current_year_total():
    columns = {r["table"]: [(c["key"], c["label"]) for c in r["columns"]]
               for r in records(FIXTURE) if r["type"] == "table"}
    assert columns == {
        "general_budget_expenditure": [("prior_year", "上年预算数"), ("total", "本年预算数")],
        "three_public": [("prior_year", "2023年预算数"), ("total", "2024年预算数")],
    }


def prior(source, subject, code, amount, line):
    return {"type": "prior", "doc": "67888cd7fb1251f1", "source": source, "subject": subject, "code": code,
            "side": None, "year": 2023, "amount": D(amount), "share": None, "page": None, "line": line, "bbox": None}


FIXTURE_PRIOR = [
    prior("general_budget_expenditure", "合计", None, "300", 16),
    prior("general_budget_expenditure", "社会保障和就业支出", "208", "30", 18),
    prior("general_budget_expenditure", "行政事业单位养老支出", "20805", "30", 20),
    prior("general_budget_expenditure", "机关事业单位基本养老保险缴费支出", "2080505", "20", 22),
    prior("general_budget_expenditure", "机关事业单位职业年金缴费支出", "2080506", "10", 24),
    prior("general_budget_expenditure", "卫生健康支出", "210", "270", 26),
    prior("general_budget_expenditure", "医疗保障管理事务", "21015", "270", 28),
    prior("general_budget_expenditure", "行政运行", "2101501", "200", 30),
    prior("general_budget_expenditure", "一般行政管理事务", "2101502", "70", 32),
    prior("three_public", "合计", None, "6.5", 39),
    prior("three_public", "1.因公出国（境）费用", None, "0", 41),
    prior("three_public", "2.公务用车购置及运行维护费", None, "5", 43),
    prior("three_public", "其中：（1）公务用车购置", None, "0", 45),
    prior("three_public", "（2）公务用车运行维护费", None, "5", 47),
    prior("three_public", "3.公务接待费", None, "1.5", 49),
]


def test_earlier_year_columns_give_prior_records():
    assert [r for r in records(FIXTURE) if r["type"] == "prior"] == FIXTURE_PRIOR
    three_public = [r for r in records(FIXTURE) if r["type"] == "row" and r["table"] == "three_public"]
    assert three_public[0]["values"] == {"prior_year": D("6.5"), "total": D("5.8")}


def test_table_records_validate_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema())
    for path in (FIXTURE, DONGXIHU, JIANGXIA):
        for record in records(path):
            validator.validate(json.loads(dumps(record)))


def three_public(tmp_path, header: str, rows: list[str]) -> tuple[list[str], list[dict]]:
    """Column keys and prior records of a tab-separated 三公 table under ``header``."""
    text = "\n".join(["武汉市示例区医疗保障局2024年单位预算", "", "一般公共预算“三公”经费支出表",
                      "单位名称：武汉市示例区医疗保障局\t\t单位：万元", header, *rows]) + "\n"
    path = tmp_path / "budget.txt"
    path.write_text(text, encoding="utf-8")
    found = extract_file(str(path)).records
    keys = next(r for r in found if r["type"] == "table")["columns"]
    return [c["key"] for c in keys], [(r["subject"], r["year"], r["amount"]) for r in found if r["type"] == "prior"]


ROWS = ["合计\t6.10\t5.80", "1.因公出国(境)费\t0.00\t0.00", "2.公务接待费\t1.10\t1.30",
        "3.公务用车购置及运行维护费\t5.00\t4.50"]
EARLIER = [("合计", 2023, D("6.10")), ("1.因公出国(境)费", 2023, D("0")), ("2.公务接待费", 2023, D("1.10")),
           ("3.公务用车购置及运行维护费", 2023, D("5"))]


@pytest.mark.parametrize("header, keys, priors", [
    ("项目\t2023年决算数\t2024年预算数", ["prior_year", "total"], EARLIER),
    ("项目\t上年预算数\t本年预算数", ["prior_year", "total"], EARLIER),  # 上年 = the document's year − 1
    ("项目\t本年预算数\t上年执行数", ["total", "prior_year"],  # the earlier year printed second
     [("合计", 2023, D("5.80")), ("1.因公出国(境)费", 2023, D("0")), ("2.公务接待费", 2023, D("1.30")),
      ("3.公务用车购置及运行维护费", 2023, D("4.50"))]),
    ("项目\t2024年预算数\t2024年决算数", ["budget", "actual"], []),  # budget against actual, one year
])
def test_year_column_keys(tmp_path, header, keys, priors):
    assert three_public(tmp_path, header, ROWS) == (keys, priors)
