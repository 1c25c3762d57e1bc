"""The README's recipes, run as printed in a shell, with what each must show."""

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Recipes"):README.index("## Development")]
RECIPES = re.findall(r"```sh\n(.*?)\n```", SECTION, flags=re.S)


def test_five_recipes():
    assert len(RECIPES) == 5


@pytest.fixture
def shell(tmp_path):
    """Run a recipe in a scratch folder that sees the repository's samples and fixtures."""
    for name in ("samples", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    env = {**os.environ, "NO_COLOR": "1",
           "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}

    def run(recipe: str):
        result = subprocess.run(["bash", "-o", "pipefail", "-c", recipe], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=240)
        assert "Traceback" not in result.stderr
        return result

    run.folder = tmp_path
    return run


def golden_findings(stem):
    with open(ROOT / "tests" / "golden" / "findings" / f"{stem}.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_report_of_what_must_be_fixed(shell):
    result = shell(RECIPES[0])
    assert result.returncode == 1  # errors found: the shell sees it
    report = (shell.folder / "findings.md").read_text(encoding="utf-8")
    assert report.count("\n## ") + report.startswith("## ") == 3
    assert "| error      | count.staff_breakdown" in report
    assert "| info " not in report
    shown = sum(1 for f in golden_findings("dongxihu-yibao-2022-budget") if f["severity"] != "info")
    section = report.split("## ")[1]
    assert section.count("\n| error") + section.count("\n| warning") == shown


def test_three_public_up_between_two_years(shell):
    result = shell(RECIPES[1])
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "“三公”经费\t4\t4.5\t12.5" in lines
    assert "公务接待费\t1\t1.5\t50" in lines


def test_three_public_per_staff_ranking(shell):
    result = shell(RECIPES[2])
    assert result.returncode == 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 武汉")]
    assert [row.split("·")[0].strip("| ").strip() for row in rows] == [
        "武汉市东西湖区医疗保障局", "武汉市江夏区医疗保障局本级", "武汉市青山区医疗保障局"]
    assert rows[0].rstrip(" |").endswith("0.1333")  # 4 万元 / 30 people


def test_functional_classes_for_a_spreadsheet(shell):
    assert shell(RECIPES[3]).returncode == 0
    rows = list(csv.reader(io.StringIO((shell.folder / "classes.csv").read_text(encoding="utf-8"))))
    expected = []
    for stem in ("dongxihu-yibao-2022-budget", "jiangxia-yibao-2024-budget", "qingshan-yibao-2023-final"):
        with open(ROOT / "tests" / "golden" / f"{stem}.jsonl", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["type"] == "row" and record["key"] == "general_budget_expenditure" \
                        and record["level"] == "类":
                    expected.append([record["doc"], record["code"], record["name"], str(record["values"]["total"])])
    assert rows == expected
    assert ["7e8df3bb29b87cc2", "210", "卫生健康支出", "377.78"] in rows


def test_narrative_errors_for_a_spreadsheet(shell):
    assert shell(RECIPES[4]).returncode == 1
    rows = list(csv.DictReader(io.StringIO((shell.folder / "narrative-errors.csv").read_text(encoding="utf-8"))))
    assert rows and {r["severity"] for r in rows} == {"error"}
    assert all(r["rule"].split(".")[0] in ("text", "percent") for r in rows)
    assert any("办公费" in r["message"] and r["expected"] == "13.32" and r["actual"] == "10.32" for r in rows)
