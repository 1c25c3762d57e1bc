"""Reading text files: cells, blank-cell encodings, numbers and codes broken over lines."""

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
