"""``budgetkit summarize``: a document's overview, groups, rankings, findings, and the pipeline
``extract | kpi | summarize``.  Values are worked out by hand from the golden records."""

import csv
import glob
import io
import json
import os
import subprocess
import sys
from decimal import Decimal as D

GOLDEN = "tests/golden/"
DONGXIHU = GOLDEN + "dongxihu-yibao-2022-budget.jsonl"
ALL = sorted(glob.glob(GOLDEN + "*.jsonl"))


def run(*args, stdin=None):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "budgetkit", "summarize", *args], capture_output=True, text=True,
                          input=stdin, env=env, timeout=300)


def records(result):
    return [json.loads(line, parse_float=D) for line in result.stdout.splitlines()]


def markdown_rows(text):
    return [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in text.splitlines()
            if line.startswith("|") and not line.startswith("|:")]


def test_one_document():
    result = run("-f", "jsonl", DONGXIHU)
    assert result.returncode == 0 and result.stderr == ""
    assert records(result) == [{
        "type": "summary", "doc": "1e59183441b72475", "path": "samples/dongxihu-yibao-2022-budget.txt",
        "group_by": None, "group": None, "documents": 1, "department": "武汉市东西湖区医疗保障局",
        "department_code": None, "region": "武汉市东西湖区", "year": 2022, "kind": "budget", "level": "department",
        "unit": "万元",
        "total_expenditure": D("3291.91"), "basic": D("994.81"),
        "project": D("2297.1"),  # 部门项目 163.1 + 公共项目 2134
        "personnel": D("872.79"),  # 301 868.1 + 303 4.69
        "public": D("122.02"),  # 302
        "three_public": D("4"), "abroad": D("0"), "vehicles": D("3"), "vehicle_purchase": D("0"),
        "vehicle_operation": D("3"), "reception": D("1"),  # blank cells of the 三公 table count as 0
        "operating_expenses": None,
        "staff_in_service": D("30"), "staff_authorised": D("30"), "staff_retired": D("1"),
        # 类 of the general-budget table (the summary prints only 项), shares of its 合计 3291.91
        "lines": [{"code": "210", "name": "卫生健康支出", "amount": D("3162.36"), "share": D("96.06")},  # 96.0646
                  {"code": "221", "name": "住房保障支出", "amount": D("77.63"), "share": D("2.36")},  # 2.3582
                  {"code": "208", "name": "社会保障和就业支出", "amount": D("51.92"), "share": D("1.58")}],  # 1.5772
        "lines_from": "general_budget_expenditure",
        "kpi": {"share_basic": D("30.22"), "share_project": D("69.78"), "share_personnel": D("26.51"),
                "share_public": D("3.71"), "share_three_public": D("0.12"),
                "personnel_per_staff": D("29.093"), "three_public_per_staff": D("0.1333")},
        "findings": None, "missing": None,
    }]


def test_one_document_as_a_markdown_card():
    rows = markdown_rows(run("-f", "markdown", "--lines", "1", DONGXIHU).stdout)
    assert rows[0] == ["figure", "value", "unit", "share %"]
    assert rows[1:8] == [["支出合计 total_expenditure", "3291.91", "万元", "100.00"],
                         ["基本支出 basic", "994.81", "万元", "30.22"],
                         ["项目支出 project", "2297.1", "万元", "69.78"],
                         ["人员经费 personnel", "872.79", "万元", "26.51"],
                         ["公用经费 public", "122.02", "万元", "3.71"],
                         ["“三公”经费 three_public", "4", "万元", "0.12"],
                         ["· 因公出国（境）费 abroad", "0", "万元", ""]]
    assert ["210 卫生健康支出", "3162.36", "万元", "96.06"] in rows
    assert ["221 住房保障支出", "77.63", "万元", "2.36"] not in rows  # --lines 1
    assert ["人均人员经费 personnel_per_staff", "29.0930", "万元/人", ""] in rows


def test_all_samples_grouped_by_kind():
    result = run("--by", "kind", "-f", "jsonl", *ALL)
    assert result.returncode == 0 and result.stderr == ""
    budget, final = records(result)
    # budgets: 东西湖 3291.91 + 江苏 21955.35 + 江夏 478.85 + 普陀万里 16497.864
    assert budget == {
        "type": "summary", "doc": None, "path": None, "group_by": "kind", "group": "budget", "documents": 4,
        "department": None, "department_code": None, "region": None, "year": None, "kind": "budget", "level": None,
        "unit": "万元",
        "total_expenditure": D("42223.974"),
        "basic": D("25222.5997"),  # 994.81 + 13994.31 + 292.85 + 9940.6297
        "project": D("14613.3343"),  # 2297.1 + 5573 + 186 + 6557.2343
        "personnel": D("20800.9765"),  # 872.79 + 11257.35 + 268.35 + 8402.4865
        "public": D("4407.2332"),  # 122.02 + 2722.57 + 24.5 + 1538.1432
        "three_public": D("511.39"),  # 4 + 484.3 + 0.18 + 22.91
        "abroad": D("100"), "vehicles": D("292.36"),  # 3 + 267.8 + 0 + 21.56
        "vehicle_purchase": D("0"), "vehicle_operation": D("292.36"),
        "reception": D("118.95"),  # 1 + 116.5 + 0.1 + 1.35
        "operating_expenses": D("3533.16"),  # 江苏 2722.57 + 江夏 24.5 + 普陀 786.09; 东西湖 prints none
        "staff_in_service": D("37"), "staff_authorised": D("38"), "staff_retired": D("1"),  # 东西湖 and 江夏 only
        # by code over the 4 documents, shares of 3291.91 + 21940.96 + 478.85 + 16497.864 = 42209.584
        "lines": [{"code": "204", "name": "公共安全支出", "amount": D("16569.59"), "share": D("39.26")},
                  {"code": "212", "name": "城乡社区支出", "amount": D("12131.9878"), "share": D("28.74")},
                  {"code": "208", "name": "社会保障和就业支出", "amount": D("4678.2536"), "share": D("11.08")},
                  {"code": "221", "name": "住房保障支出", "amount": D("4652.3594"), "share": D("11.02")},
                  {"code": "210", "name": "卫生健康支出", "amount": D("3849.7132"), "share": D("9.12")}],
        "lines_from": None,
        "kpi": {"share_basic": D("59.74"),  # 25222.5997 / 42223.974 = 59.7353 %
                "share_project": D("34.61"),  # 34.6091 %
                "share_personnel": D("49.26"),  # 49.2634 %
                "share_public": D("10.44"),  # 10.4378 %
                "share_three_public": D("1.21"),  # 1.2111 %
                "personnel_per_staff": D("30.8416"),  # (872.79 + 268.35) / (30 + 7)
                "three_public_per_staff": D("0.113"),  # (4 + 0.18) / 37 = 0.11297
                "operating_expenses_per_staff": D("3.5")},  # 江夏 only: 24.5 / 7
        "findings": None,
        "missing": {"operating_expenses": 1, "staff_in_service": 2, "staff_authorised": 2, "staff_retired": 2},
    }
    # final accounts: 青山 1228.72 + 普陀财政局 2940.05 = 4168.77
    assert (final["documents"], final["level"], final["total_expenditure"], final["basic"], final["project"]) == (
        2, "department", D("4168.77"), D("2468"), D("1700.77"))
    assert final["kpi"] == {
        "share_basic": D("59.20"), "share_project": D("40.80"),  # 2468 / 4168.77, 1700.77 / 4168.77
        "share_personnel": D("54.59"),  # (123.31 + 2152.26) / 4168.77 = 54.5861 %
        "share_public": D("4.62"),  # (7.78 + 184.65) / 4168.77 = 4.6160 %
        "share_three_public": D("0"),
        "execution_three_public": D("0"), "execution_reception": D("0"),  # 普陀 only: 青山 had no 三公 budget
        "execution_expenditure": D("104.50"),  # (1228.72 + 2940.05) / (995.27 + 2993.92) = 104.5017 %
    }
    assert [(x["code"], x["amount"], x["share"]) for x in final["lines"]] == [
        ("201", D("2106.66"), D("50.53")),  # 2106.66 / 4168.77 = 50.534 %
        ("210", D("1272.07"), D("30.51")),  # 1211.08 + 60.99
        ("221", D("457.07"), D("10.96")),  # 11.38 + 445.69
        ("208", D("332.98"), D("7.99"))]  # 6.26 + 326.72


def test_top_and_sort():
    top = records(run("--top", "2", "--sort", "share_personnel", "-f", "jsonl", *ALL))
    assert [(s["path"], s["kpi"]["share_personnel"]) for s in top] == [
        ("samples/shanghai-putuo-caizhengju-2024-final.pdf", D("73.20")),
        ("samples/jiangxia-yibao-2024-budget.txt", D("56.04"))]
    largest = records(run("--top", "1", "-f", "jsonl", *ALL))  # by total expenditure
    assert [s["total_expenditure"] for s in largest] == [D("21955.35")]
    staff = records(run("--sort", "staff_in_service", "-f", "jsonl", *ALL))  # documents without it last
    assert [s["staff_in_service"] for s in staff] == [D("30"), D("7"), None, None, None, None]
    table = run("--by", "year", "--sort", "three_public", "-f", "markdown", *ALL).stdout
    assert table.startswith("## by year · by three_public\n")
    assert [row[:3] for row in markdown_rows(table)[1:3]] == [["2018", "1", "21955.35"], ["2023", "2", "17726.584"]]


def test_usage_errors():
    bad = run("--sort", "nothing", DONGXIHU)
    assert bad.returncode == 2 and "unknown --sort figure 'nothing'" in bad.stderr
    assert run("--by", "colour", DONGXIHU).returncode == 2


def test_findings_are_counted_when_given_before_the_records():
    findings = GOLDEN + "findings/dongxihu-yibao-2022-budget.jsonl"
    with open(findings, encoding="utf-8") as handle:
        severities = [json.loads(line)["severity"] for line in handle]
    counted = {name: severities.count(name) for name in ("error", "warning", "info")}
    assert counted["error"] > 0
    both = records(run("-f", "jsonl", findings, DONGXIHU, GOLDEN + "jiangsu-jianchayuan-2018-budget.jsonl"))
    assert [s["findings"] for s in both] == [counted,
                                             {"error": 0, "warning": 0, "info": 0}]  # checked, nothing found
    late = run("-f", "jsonl", DONGXIHU, findings)
    assert records(late)[0]["findings"] is None
    assert late.stderr.splitlines() == [
        "budgetkit: findings of 1 document(s) came without their records or after them and were not counted: "
        "give the findings before the records (budgetkit summarize findings.jsonl records.jsonl)"]


def test_csv_has_a_row_per_summary():
    rows = list(csv.DictReader(io.StringIO(run("-f", "csv", DONGXIHU).stdout)))
    assert len(rows) == 1
    assert (rows[0]["total_expenditure"], rows[0]["kpi_share_basic"], rows[0]["lines"].split("; ")[0]) == (
        "3291.91", "30.22", "210 卫生健康支出 3162.36")


def test_kpi_records_in_the_stream_give_the_same_summary():
    with open(DONGXIHU, encoding="utf-8") as handle:
        piped = subprocess.run([sys.executable, "-m", "budgetkit", "kpi"], input=handle.read(), capture_output=True,
                               text=True, timeout=300).stdout
    assert run("-f", "jsonl", stdin=piped).stdout == run("-f", "jsonl", DONGXIHU).stdout


def test_extract_kpi_summarize_pipeline():
    """Two text samples and one PDF, to keep the suite fast (the six samples take 2–3 times
    as long to extract): 江夏 budget, 青山 final account, 普陀 财政局 final account."""
    inputs = ("samples/jiangxia-yibao-2024-budget.txt samples/qingshan-yibao-2023-final.txt "
              "samples/shanghai-putuo-caizhengju-2024-final.pdf")
    budgetkit = f"{sys.executable} -m budgetkit"
    shell = f"{budgetkit} extract {inputs} | {budgetkit} kpi | {budgetkit} summarize --format markdown"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0 and result.stderr == ""
    headings = [line for line in result.stdout.splitlines() if line.startswith("## ")]
    assert headings == ["## 武汉市江夏区医疗保障局本级 · 2024 · budget · samples/jiangxia-yibao-2024-budget.txt",
                        "## 武汉市青山区医疗保障局 · 2023 · final_account · samples/qingshan-yibao-2023-final.txt",
                        "## 上海市普陀区财政局 · 2024 · final_account · samples/shanghai-putuo-caizhengju-2024-final.pdf"]
    rows = markdown_rows(result.stdout)
    assert ["基本支出 basic", "292.85", "万元", "61.16"] in rows  # 江夏: 292.85 / 478.85
    assert ["人均机关运行经费 operating_expenses_per_staff", "3.5000", "万元/人", ""] in rows  # 24.5 / 7
    assert ["支出决算执行率 execution_expenditure", "123.46", "%", ""] in rows  # 青山: 1228.72 / 995.27
    assert ["“三公”经费执行率 execution_three_public", "0.00", "%", ""] in rows  # 普陀: 0 / 0.95
    assert ["201 一般公共服务支出", "2106.66", "万元", "71.65"] in rows  # 普陀: 2106.66 / 2940.05


def test_a_record_of_an_unexpected_shape_costs_only_its_line(tmp_path):
    odd = tmp_path / "odd.jsonl"
    with open(GOLDEN + "jiangxia-yibao-2024-budget.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    broken = [r.get("key") for r in rows].index("expenditure_summary", 20)
    rows[broken]["values"] = None  # a row without values: the schema wants an object
    odd.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = run("-f", "jsonl", str(odd), DONGXIHU)
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"budgetkit: {odd}: line {broken + 1}: row record: 'values' must be object"]
    assert [s["doc"] for s in records(result)] == ["7e8df3bb29b87cc2", "1e59183441b72475"]
