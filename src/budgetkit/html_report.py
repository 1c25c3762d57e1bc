"""``check --format html``: one self-contained review report (no network, images inside).

Per document an overview (department, year, kind, tables found, findings by severity),
then its findings by severity and rule family, each with its message, the figures and a
crop of each page it touches with the cells and sentences it compares boxed; filters by severity and family, and an
index of the documents, sortable by their finding counts.

The report streams: each document's section is written to a temporary file as its
findings come (a crop rendered, encoded and written at a time, one page image held), and
the page is put together when the report closes, the index first.
"""

from __future__ import annotations

import base64
import html
import io
import os
import shutil
import tempfile
from typing import IO, Iterable

from .records import SEVERITIES
from .report import SEVERITY_RGB, boxes_by_page, figure_text

_CROP_SCALE = 1.5  # pixels per point: small pages, legible figures
_CROP_MARGIN = 36.0  # points of the page above and below the box
_PAGES_KEPT = 4  # rendered pages held at once
_LARGEST_SIDE = 2400  # pixels: the largest page image rendered

_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;
margin:1.5em;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
th.sort{cursor:pointer;text-decoration:underline dotted}
.finding{border-left:4px solid #999;margin:.8em 0;padding:.2em .8em}
.finding.error{border-color:#dc2626}.finding.warning{border-color:#ea8a00}
.finding img{max-width:100%;border:1px solid #ddd;display:block;margin-top:.2em}
.finding figure{margin:.4em 0}
.meta{color:#666;font-size:.9em}.figures{font-family:monospace}
#filters label{margin-right:1em}
"""

_SCRIPT = """
function applyFilters(){
  var shown={};document.querySelectorAll('#filters input').forEach(function(box){shown[box.value]=box.checked;});
  document.querySelectorAll('.finding').forEach(function(item){
    item.style.display=(shown[item.dataset.severity]!==false&&shown[item.dataset.family]!==false)?'':'none';});
}
document.querySelectorAll('#filters input').forEach(function(box){box.addEventListener('change',applyFilters);});
document.querySelectorAll('th.sort').forEach(function(head){head.addEventListener('click',function(){
  var table=head.closest('table'),body=table.tBodies[0],column=head.cellIndex;
  var rows=Array.from(body.rows).sort(function(a,b){
    return Number(b.cells[column].textContent)-Number(a.cells[column].textContent);});
  rows.forEach(function(row){body.appendChild(row);});});});
"""


class HtmlReport:
    """The report of ``check --format html``: ``document`` per document, ``close`` at the end."""

    def __init__(self, out: IO[str]):
        self.out = out
        self.sections = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.index: list[tuple[str, str, dict[str, int]]] = []  # (anchor, title, counts)
        self.families: set[str] = set()

    def document(self, title: str, findings: list[dict], passed: Iterable[str] = (), meta: dict | None = None,
                 tables: int | None = None, **context) -> None:
        meta = meta or {}
        anchor = f"d{len(self.index) + 1}"
        counts = {severity: sum(1 for f in findings if f["severity"] == severity) for severity in SEVERITIES}
        self.index.append((anchor, title, counts))
        write = self.sections.write
        write(f'<section id="{anchor}"><h2>{_e(title)}</h2>\n<p class="meta">')
        facts = [("部门", meta.get("department")), ("年度", meta.get("year")), ("类型", meta.get("kind")),
                 ("文件", meta.get("path")), ("表格", tables)]
        write(" · ".join(f"{name}：{_e(value)}" for name, value in facts if value is not None))
        write(" · " + " · ".join(f"{severity} {counts[severity]}" for severity in SEVERITIES) + "</p>\n")
        if not findings:
            write("<p>No findings.</p>\n")
        files: dict[str | None, _Pages] = {}  # a disclosure in two files: each finding names its own
        try:
            for severity in SEVERITIES:
                for item in sorted((f for f in findings if f["severity"] == severity), key=lambda f: f["rule"]):
                    path = item.get("path") or meta.get("path")
                    if path not in files:
                        files[path] = _Pages(path)
                    self._finding(item, files[path])
        finally:
            for pages in files.values():
                pages.close()
        write("</section>\n")

    def _finding(self, item: dict, pages: "_Pages") -> None:
        family = item["rule"].split(".")[0]
        self.families.add(family)
        where = f"第 {item['page']} 页" if item.get("page") else (f"第 {item['line']} 行" if item.get("line") else "")
        figures = ""
        if item.get("expected") is not None or item.get("actual") is not None:
            figures = f'<div class="figures">应为 {_e(figure_text(item.get("expected")))} · 印为 {_e(figure_text(item.get("actual")))}</div>'
        self.sections.write(
            f'<div class="finding {item["severity"]}" data-severity="{item["severity"]}" data-family="{_e(family)}">'
            f'<div><b>{item["severity"]}</b> <code>{_e(item["rule"])}</code> {_e(where)}</div>'
            f'<div class="message">{_e(item["message"])}</div>{figures}')
        for number, crop in pages.crops(item):  # each page the finding compares something on, captioned
            self.sections.write(f'<figure><figcaption class="meta">第 {number} 页</figcaption>'
                                f'<img alt="第 {number} 页" src="data:image/png;base64,{crop}"></figure>')
        self.sections.write("</div>\n")

    def close(self) -> None:
        write = self.out.write
        write('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
              f"<title>budgetkit review</title><style>{_STYLE}</style></head><body>\n"
              "<h1>budgetkit review</h1>\n<div id=\"filters\">")
        for value in (*SEVERITIES, *sorted(self.families)):
            write(f'<label><input type="checkbox" value="{_e(value)}" checked> {_e(value)}</label>')
        write('</div>\n<table id="index"><thead><tr><th>document</th>')
        write("".join(f'<th class="sort">{severity}</th>' for severity in SEVERITIES))
        write("</tr></thead><tbody>\n")
        for anchor, title, counts in self.index:
            write(f'<tr><td><a href="#{anchor}">{_e(title)}</a></td>')
            write("".join(f"<td>{counts[severity]}</td>" for severity in SEVERITIES) + "</tr>\n")
        write("</tbody></table>\n")
        self.sections.seek(0)
        shutil.copyfileobj(self.sections, self.out)
        self.sections.close()
        write(f"<script>{_SCRIPT}</script></body></html>\n")
        self.out.flush()


class _Pages:
    """The PDF a document was read from, a page rendered at a time, for the crops."""

    def __init__(self, path: str | None):
        self.document = None
        self.images: dict[int, object] = {}  # the last pages rendered, by number
        if path and path.lower().endswith(".pdf") and os.path.isfile(path):
            import pypdfium2 as pdfium

            try:
                self.document = pdfium.PdfDocument(path)
            except pdfium.PdfiumError:
                self.document = None

    def crops(self, item: dict):
        """(page number, base64 PNG) for each page the finding touches: the band of the page
        around its boxes, each box drawn; nothing for a finding without a place."""
        if self.document is None:
            return
        for number, boxes in boxes_by_page(item).items():
            if 1 <= number <= len(self.document):
                crop = self._crop(number, boxes, SEVERITY_RGB[item["severity"]])
                if crop is not None:
                    yield number, crop

    def _crop(self, number: int, boxes: list[tuple], colour: tuple) -> str | None:
        from PIL import ImageDraw

        try:
            image, scale = self._page(number)
        except Exception:  # noqa: BLE001 - a page pdfium cannot render: the finding is listed without a crop
            return None
        margin = _CROP_MARGIN * scale
        offset = max(0, int(min(box[1] for box in boxes) * scale - margin))
        end = min(image.height, int(max(box[3] for box in boxes) * scale + margin))
        crop = image.crop((0, offset, image.width, end))
        draw = ImageDraw.Draw(crop)
        for x0, top, x1, bottom in ((value * scale for value in box) for box in boxes):
            draw.rectangle((x0 - 2, top - offset - 2, x1 + 2, bottom - offset + 2), outline=colour, width=3)
        buffer = io.BytesIO()
        crop.save(buffer, format="PNG")
        return base64.b64encode(buffer.getvalue()).decode("ascii")

    def _page(self, number: int):
        """Page ``number`` rendered, from the few kept (a document's findings come back to
        a page: its table's rows, then its sentences)."""
        if number not in self.images:
            if len(self.images) >= _PAGES_KEPT:
                self.images.pop(next(iter(self.images)))
            page = self.document[number - 1]
            try:
                width, height = page.get_size()
                # a page drawn huge is rendered no wider or taller than a screen page
                scale = min(_CROP_SCALE, _LARGEST_SIDE / max(width, height, 1))
                self.images[number] = (page.render(scale=scale).to_pil().convert("RGB"), scale)
            finally:
                page.close()
        return self.images[number]

    def close(self) -> None:
        if self.document is not None:
            self.document.close()
        self.images.clear()


def _e(value) -> str:
    return html.escape("" if value is None else str(value))
