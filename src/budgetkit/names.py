"""Row names as a key: the same line printed two ways must give the same key.

Names drift between years and templates (``其他商品及服务支出`` / ``其他商品和服务支出``,
``1.因公出国（境）费用`` / ``因公出国(境)费用``), so rows without a code are matched on
a folded form of their name, never on the name as printed.
"""

from __future__ import annotations

import re
import unicodedata

# Leading list markers: ``一、``, ``（二）``, ``1.``, ``(1)``, ``其中：``; after NFKC the
# brackets and colon are ASCII.
_NUMERAL = r"[0-9一二三四五六七八九十廿]+"
_MARKER = re.compile(rf"^(?:其中:?|\({_NUMERAL}\)|{_NUMERAL}[.、])")


def name_key(name: str | None) -> str:
    """``其中：（1）公务用车购置及运行费`` → ``公务用车购置和运行费``: NFKC, list markers,
    spaces and punctuation dropped, 及 read as 和."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    while True:
        stripped = _MARKER.sub("", text).strip()
        if stripped == text:
            break
        text = stripped
    text = text.replace("及", "和")
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")
