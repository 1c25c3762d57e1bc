"""``budgetkit check`` as a user meets it: inputs, formats, severities and exit codes."""

import csv
import io
import json
import os
import subprocess
import sys

GOLDEN = "tests/golden/"
DONGXIHU = GOLDEN + "dongxihu-yibao-2022-budget.jsonl"
JIANGXIA = GOLDEN + "jiangxia-yibao-2024-budget.jsonl"


def run(*args, stdin=None):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "budgetkit", "check", *args], capture_output=True, text=True,
                          input=stdin, env=env, timeout=300)


def golden_findings(name):
    with open(GOLDEN + "findings/" + name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def findings_of(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_record_file_gives_the_pinned_findings_and_exit_1_on_errors():
    result = run(DONGXIHU)
    assert findings_of(result) == golden_findings("dongxihu-yibao-2022-budget.jsonl")
    assert any(f["severity"] == "error" for f in findings_of(result))
    assert result.returncode == 1
    assert result.stderr == ""


def test_records_on_stdin_are_read_like_a_file():
    with open(DONGXIHU, encoding="utf-8") as handle:
        piped = run(stdin=handle.read())
    assert findings_of(piped) == findings_of(run(DONGXIHU))


def test_broken_json_line_is_named_and_skipped_and_the_rest_checked():
    with open(JIANGXIA, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    stream = "\n".join(lines[:3] + ["{broken"] + lines[3:]) + "\n"
    result = run("-", stdin=stream)
    assert result.returncode == 3
    assert result.stderr.splitlines() == ["budgetkit: <stdin>: line 4: not valid JSON (Expecting property name "
                                          "enclosed in double quotes)"]
    assert findings_of(result) == golden_findings("jiangxia-yibao-2024-budget.jsonl")


def test_documents_are_extracted_then_checked_and_an_unreadable_one_does_not_stop_the_others():
    result = run("tests/fixtures/bad/truncated.pdf", "samples/jiangxia-yibao-2024-budget.txt")
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        "budgetkit: tests/fixtures/bad/truncated.pdf: not a readable PDF (corrupt or truncated)"]
    assert findings_of(result) == golden_findings("jiangxia-yibao-2024-budget.jsonl")
    assert "Traceback" not in result.stderr


def test_fail_on_and_min_severity():
    only_tails = ["--rules", "table.parent_sum", JIANGXIA]
    tails = run(*only_tails)
    assert {f["severity"] for f in findings_of(tails)} == {"info"}
    assert tails.returncode == 0  # rounding tails never fail a run at the default --fail-on error
    assert run("--fail-on", "info", *only_tails).returncode == 1
    assert run("--min-severity", "warning", *only_tails).stdout == ""
    assert run("--fail-on", "never", DONGXIHU).returncode == 0


def test_rule_selection_by_family_id_and_pattern():
    listed = [json.loads(line)["rule"] for line in run("--list-rules", "-f", "jsonl").stdout.splitlines()]
    assert "table.parent_sum" in listed and "count.staff_breakdown" in listed
    assert [json.loads(line)["rule"] for line in run("--list-rules", "--rules", "count").stdout.splitlines()] == [
        r for r in listed if r.startswith("count.")]
    skipped = run("--list-rules", "--skip", "table.*").stdout
    assert "table.parent_sum" not in skipped and "count.staff_breakdown" in skipped


def test_unknown_rule_is_a_usage_error():
    result = run("--rules", "no.such_rule", DONGXIHU)
    assert result.returncode == 2
    assert result.stderr.strip() == "budgetkit: no rule matches 'no.such_rule' (see --list-rules)"


def test_csv_has_every_finding_field_and_markdown_a_section_per_document():
    expected = golden_findings("dongxihu-yibao-2022-budget.jsonl")
    rows = list(csv.DictReader(io.StringIO(run("-f", "csv", DONGXIHU).stdout)))
    assert len(rows) == len(expected)
    assert list(rows[0]) == list(expected[0])
    assert [r["rule"] for r in rows] == [f["rule"] for f in expected]
    markdown = run("-f", "markdown", DONGXIHU, JIANGXIA).stdout
    assert markdown.startswith("## 武汉市东西湖区医疗保障局 · 2022 · budget · samples/dongxihu-yibao-2022-budget.txt\n")
    assert "## 武汉市江夏区医疗保障局本级 · 2024 · budget · samples/jiangxia-yibao-2024-budget.txt" in markdown


def test_docs_rules_md_lists_every_rule():
    listed = subprocess.run([sys.executable, "-m", "budgetkit", "check", "--list-rules", "-f", "markdown"],
                            capture_output=True, text=True, check=True).stdout
    with open("docs/rules.md", encoding="utf-8") as handle:
        assert listed.strip() in handle.read(), "docs/rules.md is out of date: see its first lines"


# --- stable finding ids and a baseline ---------------------------------------------------

def test_every_finding_has_a_stable_id_of_its_own():
    for name in os.listdir(GOLDEN + "findings"):
        ids = [f["id"] for f in golden_findings(name)]
        assert all(len(i) == 16 and int(i, 16) >= 0 for i in ids) and len(set(ids)) == len(ids), name


def test_an_id_survives_what_does_not_change_the_verdict():
    """Line numbers, row positions and the message's wording move with a newer budgetkit
    or a fixed extraction; the document and the verdict do not."""
    from builders import row, run as run_rule, table

    def ids(shift: int) -> list[str]:
        records = [table("basic_expenditure", ["total"]),
                   row("basic_expenditure", shift, "工资福利支出", {"total": 100}, "301", line=40 + shift),
                   row("basic_expenditure", shift + 1, "基本工资", {"total": 60}, "30101", line=41 + shift),
                   row("basic_expenditure", shift + 2, "津贴补贴", {"total": 30}, "30102", line=42 + shift)]
        return [f["id"] for f in run_rule("table.parent_sum", *records)]

    assert len(ids(0)) == 1 and ids(0) == ids(5)


def test_a_baseline_leaves_out_the_findings_already_dealt_with(tmp_path):
    first = run(DONGXIHU)
    dealt_with = tmp_path / "reviewed.jsonl"
    findings = findings_of(first)
    new = next(f for f in findings if f["severity"] == "error")
    dealt_with.write_text("".join(line + "\n" for line in first.stdout.splitlines() if json.loads(line) != new),
                          encoding="utf-8")
    again = run("--baseline", str(dealt_with), DONGXIHU)
    assert findings_of(again) == [new] and again.returncode == 1  # only the new one, and it is an error
    assert again.stderr == f"budgetkit: {len(findings) - 1} findings left out: already in the baseline {dealt_with}\n"

    ids = tmp_path / "ids.txt"
    ids.write_text("\n".join(f["id"] for f in findings) + "\n", encoding="utf-8")
    quiet = run("--baseline", str(ids), DONGXIHU)
    assert quiet.stdout == "" and quiet.returncode == 0


def test_a_baseline_that_cannot_be_read_is_a_usage_error(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "0123456789abcdef"}\n{"type": "finding"\n', encoding="utf-8")
    result = run("--baseline", str(broken), DONGXIHU)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"budgetkit: {broken}:2: not JSON\n"
    missing = run("--baseline", str(tmp_path / "none.jsonl"), DONGXIHU)
    assert missing.returncode == 2 and missing.stderr == f"budgetkit: {tmp_path / 'none.jsonl'}: No such file or directory\n"
