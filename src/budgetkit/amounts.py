"""Printed numbers and money units.

Every amount budgetkit compares is a ``Decimal``: documents print amounts with two
decimals (万元) or as whole 元, and binary floats would turn ``0.1 + 0.2`` into a false
mismatch.  This module turns the forms numbers take in real disclosures (DOMAIN.md §4)
into exact decimals and normalises them to 万元.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Units a document prints its amounts in, as the power of ten that turns them into 万元.
UNIT_SCALE = {"元": -4, "千元": -1, "万元": 0, "亿元": 4}

# Cells that mean "nothing here": blank, a dash, or a dash-like placeholder.
_EMPTY_MARKS = {"", "-", "--", "—", "——", "－", "/", "…"}

# An amount as printed: optional sign, digits with optional thousands commas, optional
# decimals. OCR inserts spaces after the decimal point or around commas ("478. 85",
# "1, 310"); those spaces are removed before matching.
_AMOUNT_RE = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_OCR_GAP_RE = re.compile(r"(?<=\d[.,])\s+(?=\d)")
_UNIT_RE = re.compile(r"(?:金额)?单位\s*[:：]\s*(亿元|万元|千元|元)")


def normalise_text(text: str) -> str:
    """Fold full-width digits and punctuation (NFKC) so ``１，２３４．５`` reads as ``1,234.5``."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)  # ASCII is its own NFKC


@lru_cache(maxsize=4096)  # a table's cells are parsed several times, by its parser and its columns
def parse_amount(text: str | None) -> Decimal | None:
    """The exact value of a printed amount, or None when the cell is blank or not a number.

    Accepts ``3,291.91``, ``3291.91``, ``478. 85`` (OCR gap), ``1,310,925.84``, ``-12.5``,
    ``(12.5)`` / ``（12.5）`` (accounting negative) and full-width digits.  A blank cell
    or a dash gives None: whether that means zero is the caller's decision.
    """
    if text is None:
        return None
    cleaned = normalise_text(text).strip()
    if cleaned in _EMPTY_MARKS:
        return None
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1].strip()
    cleaned = _OCR_GAP_RE.sub("", cleaned)
    if not _AMOUNT_RE.match(cleaned):
        return None
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return None
    return -value if negative else value


def is_amount(text: str | None) -> bool:
    return parse_amount(text) is not None


def to_wan(value: Decimal, unit: str) -> Decimal:
    """Convert an amount printed in ``unit`` to 万元, exactly (a shift of the decimal point)."""
    if unit not in UNIT_SCALE:
        raise ValueError(f"unknown money unit: {unit!r}")
    return value.scaleb(UNIT_SCALE[unit]) if UNIT_SCALE[unit] else value


def find_unit(text: str) -> str | None:
    """The money unit declared in a header line (``单位：万元``, ``金额单位：元``), if any."""
    match = _UNIT_RE.search(normalise_text(text).replace(" ", ""))
    return match.group(1) if match else None


def format_decimal(value: Decimal) -> str:
    """A plain decimal literal (no exponent, no trailing zeros) fit for JSON output."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    return text


def amount_text(value: Decimal | None) -> str:
    """An amount for a message: as many decimals as it has, at least none (``994.81``); 空 for a blank."""
    if value is None:
        return "空"
    return format(value.normalize(), "f") if value != 0 else "0"
