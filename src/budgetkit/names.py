"""Names as keys: the same line printed two ways must give the same key.

Names drift between years and templates (``其他商品及服务支出`` / ``其他商品和服务支出``,
``1.因公出国（境）费用`` / ``因公出国(境)费用``, ``八、社会保障和就业支出`` /
``社会保障和就业``), so rows, titles and subjects are matched on a folded form of their
name, never on the name as printed.  Three steps, each used on its own where it is
enough:

- :func:`fold`: NFKC, no white space, one kind of quote, the simplified forms of the
  traditional characters OCR produces (titles, labels, prose);
  :func:`fold_width` only the first two (performance-form cells);
- :func:`strip_markers`: without the leading list markers (``一、`` ``（一）`` ``1.``
  ``1、`` ``(1)`` ``其中：``), however many are stacked;
- :func:`name_key`: both, then the level mark ``(类)``, 及 read as 和, punctuation and
  symbols dropped, and optionally a trailing ``支出``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .amounts import normalise_text

_QUOTES_RE = re.compile(r"[“”‘’\"'「」『』]")
# Traditional forms that OCR puts in simplified-Chinese tables (財政专户 for 财政专户).
_OCR_FORMS = str.maketrans("財預資專戶經費營級補撥項總計稅", "财预资专户经费营级补拨项总计税")

_NUMERAL = "一二三四五六七八九十廿"
# One list marker: 其中： | （一） (1) | 一、 一. | 1、 1. (not the 1. of 1.5)
_MARKER_RE = re.compile(rf"^\s*(?:其中[:：]?|[（(](?:[{_NUMERAL}]+|\d{{1,2}})[）)]|[{_NUMERAL}]+[、.．]"
                        r"|\d{1,2}(?:[、．]|\.(?!\d)))\s*")
_LEVEL_RE = re.compile(r"[（(](?:类|款|项)[)）]")
_SPACES_RE = re.compile(r"\s+")


@lru_cache(maxsize=8192)  # titles and labels recur on every page and in every document
def fold(text: str) -> str:
    """The comparable form of a title or label: NFKC, no white space, one kind of quote,
    simplified forms of the traditional characters OCR produces."""
    return _QUOTES_RE.sub('"', _SPACES_RE.sub("", normalise_text(text))).translate(_OCR_FORMS)


def fold_width(text: str) -> str:
    """NFKC and no white space only: form cells, whose quotes and OCR forms are matched as
    printed (folding their quotes moves where a target cell ends)."""
    return _SPACES_RE.sub("", normalise_text(text))


def strip_markers(name: str | None) -> str:
    """``其中：（1）公务用车购置`` → ``公务用车购置``: every leading list marker removed."""
    text = (name or "").strip()
    while (stripped := _MARKER_RE.sub("", text, count=1)) != text:
        text = stripped
    return text.strip()


@lru_cache(maxsize=16384)  # a rule compares the same row and subject names many times over
def name_key(name: str | None, *, drop_level: bool = True, drop_suffix: bool = False) -> str:
    """``其中：（1）公务用车购置及运行费`` → ``公务用车购置和运行费``: folded, list markers,
    ``(类)`` marks (``drop_level``), spaces and punctuation dropped, 及 read as 和; with
    ``drop_suffix`` a trailing 支出 too (``社会保障和就业支出`` ~ ``社会保障和就业``)."""
    text = strip_markers(fold(name or ""))
    if drop_level:
        text = _LEVEL_RE.sub("", text)
    text = "".join(ch for ch in text.replace("及", "和") if unicodedata.category(ch)[0] not in "PSZC")
    return text[:-2] if drop_suffix and text.endswith("支出") else text


# Words that make a part of a whole when put before its name: 项目支出预算 is a part of the
# 支出预算, 基本支出 of the 支出, 其他收入资金 and 政府性基金预算拨款收入 of the 收入.
_PART_WORDS_RE = re.compile(r"基本|项目|人员|公用|日常|其他|事业|经营|一般公共预算|政府性基金|国有资本")


def names_a_part(name: str, whole: str) -> bool:
    """Whether ``name`` names a part of ``whole`` by a word put before it (``项目支出预算``
    of ``支出预算``, ``项目支出预算`` of ``预算``)."""
    at = name.find(whole)
    return at > 0 and bool(_PART_WORDS_RE.search(name[:at]))


_HAN_DIGITS = {char: value for value, char in enumerate("一二三四五六七八九", start=1)}


def han_number(text: str) -> int | None:
    """The value of a Chinese numeral as items are numbered (一 → 1, 十 → 10, 十二 → 12,
    二十一 → 21), None for anything else."""
    if not text or any(char not in _HAN_DIGITS and char != "十" for char in text):
        return None
    if "十" not in text:
        return _HAN_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[units] if units else 0)


def claim_in_brackets(sentence: str, start: int, claim: str) -> bool:
    """Whether a claim starting at ``sentence[start]`` is printed in brackets: an aside, or
    the breakdown of what precedes it (``事业编制 20 人（其中参照公务员法管理 0 人）``,
    ``维护费0万元（购置费0万元；运行维护费0万元）``), opened before it or by the claim itself,
    unless that bracket is its enumerator (``（1）``)."""
    if claim.startswith(("(", "（")) and not any(mark in claim[:5] for mark in ")）"):
        start += 1
    before = sentence[:start]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")
