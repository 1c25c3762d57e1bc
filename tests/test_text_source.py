"""Reading text files: encodings, cells, blank-cell encodings, numbers and codes broken over lines."""

import json
import os
import random
import subprocess
import sys

import pytest

from budgetkit.sources.text import read_text, split_line


def lines_of(text):
    source = read_text("t.txt", text.encode("utf-8"), "0" * 64)
    return [line.texts for page in source.pages for line in page.lines]


def test_wrapped_number_and_code_are_joined():
    text = "一、财政拨款（补助） \n3,291.9\n\n1 \n20805\n\n01 \n    行政单位\n"
    assert lines_of(text) == [["一、财政拨款（补助）"], ["3,291.91"], ["2080501"], ["行政单位"]]


def test_tabs_keep_blank_cells_in_place():
    line = split_line("208\t社会保障和就业支出\t82. 79\t\t0.00", 1)
    assert line.positional and line.texts == ["208", "社会保障和就业支出", "82. 79", "", "0.00"]


def test_runs_of_spaces_are_blank_cells():
    # One space separates cells; each further space stands for one blank cell.
    line = split_line("合计 3,291.91 994.81  163.10   2,134.00   ", 1)
    assert line.texts == ["合计", "3,291.91", "994.81", "", "163.10", "", "", "2,134.00", "", ""]
    assert not line.positional


def test_page_numbers_are_dropped_and_gb18030_is_read():
    text = "收支总表\n- 16 -\n— 17 -\n合计 1.00\n"
    source = read_text("t.txt", text.encode("gb18030"), "0" * 64)
    assert [line.text for line in source.pages[0].lines] == ["收支总表", "合计 1.00"]


def test_a_text_file_quoting_the_pdf_marker_is_read_as_text(tmp_path):
    from budgetkit.sources import UnreadableInput
    from budgetkit.sources.read import read_source

    quoting = tmp_path / "notes.txt"
    quoting.write_text("本文件另存为 PDF（%PDF-1.7）公开。\n合计 1.00\n", encoding="utf-8")
    assert read_source(str(quoting)).format == "text"
    # A PDF with a line of junk before its marker is still a PDF (and this one is broken).
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"\xef\xbb\xbf junk\n%PDF-1.4\n1 0 obj\n")
    with pytest.raises(UnreadableInput) as raised:
        read_source(str(junk))
    assert raised.value.code == "corrupt"


def _records_without_identity(stdout):
    """A file's records less what names the file itself (its hash and path)."""
    records = [json.loads(line) for line in stdout.splitlines()]
    return [{k: v for k, v in r.items() if k not in ("doc", "sha256", "path")} for r in records]


def _extract(*paths):
    return subprocess.run([sys.executable, "-m", "budgetkit", "extract", *paths], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.parametrize("bom, encoding", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
                                           (b"", "utf-8-sig")])
def test_utf16_and_utf8_with_bom_give_the_records_of_the_utf8_file(tmp_path, bom, encoding):
    sample = "samples/jiangxia-yibao-2024-budget.txt"
    text = open(sample, encoding="utf-8").read()
    encoded = tmp_path / "disclosure.txt"
    encoded.write_bytes(bom + text.encode(encoding))
    original, result = _extract(sample), _extract(str(encoded))
    assert result.returncode == 0 and result.stderr == ""
    assert _records_without_identity(result.stdout) == _records_without_identity(original.stdout)


@pytest.mark.parametrize("data", [
    "合计 1.00\n".encode("utf-16-le"),  # no BOM: its NULs are all there is to go by
    "合计 1.00\n".encode("utf-32"),  # a UTF-32 BOM starts like UTF-16's
    b"\xff\xfe" + random.Random(7).randbytes(4096),
], ids=["utf16-without-bom", "utf32", "random-after-bom"])
def test_binary_content_is_still_turned_away(tmp_path, data):
    from budgetkit.sources import UnreadableInput
    from budgetkit.sources.read import read_source

    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    with pytest.raises(UnreadableInput) as raised:
        read_source(str(path))
    assert raised.value.message == "not a PDF or a text file (binary content)"
