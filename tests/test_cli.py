"""The command line as a user meets it: bad inputs, exit codes, pipes, the schema."""

import json
import os
import subprocess
import sys

import pytest

from budgetkit.records import json_schema

BAD = "tests/fixtures/bad/"
GOOD_TEXT = "samples/jiangxia-yibao-2024-budget.txt"
NOT_A_BUDGET = "no budget disclosure found (no 预算 or 决算 in its text, no standard table)"


def run(*args, stdin=None):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "budgetkit", *args], capture_output=True, text=True,
                          input=stdin, env=env, timeout=300)


@pytest.mark.parametrize("name, message, code", [
    ("truncated.pdf", "not a readable PDF (corrupt or truncated)", 3),
    ("random.pdf", "not a PDF or a text file (binary content)", 3),
    ("docx-renamed.pdf", "not a PDF: a ZIP or Office (docx/xlsx) file", 3),
    ("empty.pdf", "the file is empty", 3),
    ("encrypted.pdf", "the PDF is encrypted (password protected)", 3),
    ("zero-pages.pdf", "the PDF has no pages", 3),
    ("binary.txt", "not a PDF or a text file (binary content)", 3),
    ("scanned.pdf", "page 1 has no text layer (scanned); its content is not read", 1),
    ("no-tables.pdf", NOT_A_BUDGET, 1),  # prose about duties: no 预算, no 决算, no table
    ("no-tables.txt", NOT_A_BUDGET, 1),  # prose about duties: no 预算, no 决算, no table
    ("missing.pdf", "no such file", 3),
])
def test_bad_input_gives_one_clear_line_and_still_processes_the_others(name, message, code):
    result = run("extract", "--ocr", "never", BAD + name, GOOD_TEXT)  # scanned.pdf: the page left unread
    assert result.returncode == code
    assert result.stderr.splitlines()[0] == f"budgetkit: {BAD}{name}: {message}"
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    bad_document, *rest = [r for r in records if r["type"] == "document"]
    assert bad_document["path"] == BAD + name and bad_document["problems"][0]["message"] == message
    assert rest[0]["path"] == GOOD_TEXT and rest[0]["tables"] == 14  # the good input is still there


def test_scanned_page_problem_names_the_page():
    result = run("extract", "--ocr", "never", BAD + "scanned.pdf")
    document = json.loads(result.stdout.splitlines()[0])
    assert document["problems"] == [
        {"code": "scanned_page", "page": 1, "message": "page 1 has no text layer (scanned); its content is not read"},
        {"code": "no_tables", "message": "no standard budget table recognised"},
    ]


def test_good_inputs_exit_zero_with_nothing_on_stderr():
    result = run("extract", GOOD_TEXT)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout.splitlines()[0])["type"] == "document"


def test_directory_and_quoted_glob_inputs():
    by_dir = run("extract", "tests/fixtures/bad")
    assert by_dir.stdout.count('"type":"document"') == 13  # every .pdf and .txt below it
    by_glob = run("extract", "samples/*.txt")
    assert by_glob.returncode == 0 and by_glob.stdout.count('"type":"document"') == 3


def test_chinese_is_kept_as_is():
    result = run("extract", GOOD_TEXT)
    assert "武汉市江夏区医疗保障局" in result.stdout and "\\u" not in result.stdout


def test_piping_into_head_is_quiet():
    shell = f"{sys.executable} -m budgetkit extract samples/*.txt | head -n 2"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=300)
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == ""


def test_usage_error_exits_2():
    assert run("extract").returncode == 2
    assert run("extract", "--format", "xml", GOOD_TEXT).returncode == 2


def test_schema_command_prints_the_json_schema():
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json_schema()


def test_every_record_validates_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    result = run("extract", GOOD_TEXT, "samples/shanghai-putuo-wanli-jiedao-2023-budget.pdf")
    validator = jsonschema.Draft202012Validator(json_schema())
    for line in result.stdout.splitlines():
        validator.validate(json.loads(line))


def test_schema_docs_mention_every_field():
    docs = open("docs/schema.md", encoding="utf-8").read()
    for name, definition in json_schema()["$defs"].items():
        for field in definition["properties"]:
            assert f"`{field}`" in docs, f"docs/schema.md does not document {name}.{field}"


def test_a_record_file_given_to_extract_is_named_as_records_not_read_as_text():
    result = run("extract", "tests/golden/jiangxia-yibao-2024-budget.jsonl", GOOD_TEXT)
    assert result.returncode == 3
    assert result.stderr.splitlines() == ["budgetkit: tests/golden/jiangxia-yibao-2024-budget.jsonl: budgetkit "
                                          "records (JSON Lines), not a document: give them to check, diff, kpi or "
                                          "summarize"]
    documents = [json.loads(line) for line in result.stdout.splitlines() if '"type":"document"' in line]
    assert [d["format"] for d in documents] == [None, "text"]


def test_a_notice_read_by_ocr_is_no_budget_disclosure_in_one_line(tmp_path):
    """A scanned notice filed as a budget: read whole by OCR, it names neither 预算 nor 决算.
    One line says so (not one per OCR page), and check gives one finding, not the wording
    rules' reading of a notice."""
    from budgetkit.extraction.build import extract_source
    from budgetkit.records import dumps
    from budgetkit.sources import Cell, Line, Page, Source

    text = ["保定市发展和改革委员会关于印发2023年第一批企业技术中心名单的通知",
            "各县(市、区)发改局:根据《企业技术中心认定管理办法》,认定22家企业技术中心。"]
    pages = [Page(number=n, lines=[Line(cells=[Cell(text=t)], page=n)], has_text=True) for n, t in enumerate(text, 1)]
    ocr = [{"code": "ocr_page", "page": n, "message": f"page {n} was read by OCR"} for n in (1, 2)]
    notice = extract_source(Source(path="notice.pdf", format="pdf", sha256="0" * 64, pages=pages, problems=ocr,
                                   page_count=2, metadata={}))
    message = "no budget disclosure found (no 预算 or 决算 in its text, no standard table, 2 pages read by OCR)"
    assert notice.problems == [{"code": "not_a_budget", "message": message}]
    records = tmp_path / "notice.jsonl"
    records.write_text("".join(dumps(r) + "\n" for r in notice.records), encoding="utf-8")
    checked = run("check", str(records))
    assert checked.returncode == 0
    assert [(f["rule"], f["severity"], f["message"]) for f in map(json.loads, checked.stdout.splitlines())] == [
        ("complete.problems", "warning",
         "文件中没有预算或决算公开内容（全文未出现“预算”“决算”，也没有标准表格），未作检查")]


def test_a_budget_text_without_tables_is_not_called_a_notice(tmp_path):
    prose = tmp_path / "prose.txt"
    prose.write_text("2026年部门预算\n一、收支预算总体情况说明\n本部门2026年收入预算100万元。\n", encoding="utf-8")
    result = run("extract", str(prose))
    assert result.stderr.splitlines() == [f"budgetkit: {prose}: no standard budget table recognised"]
