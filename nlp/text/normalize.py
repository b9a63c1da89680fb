"""Text normalisers: how budgetlint compares text regardless of spacing and width.

* :func:`no_spaces` — every whitespace character removed (U+3000 and no-break spaces
  included): titles, TOC entries, placeholder answers;
* :func:`no_spaces_or_stars` — also the ``*`` / ``＊`` marks of required fields: table
  cells and labels compared with the phrase lists;
* :func:`nfkc_no_spaces` — NFKC-folded (full-width digits and letters, compatibility forms)
  and without whitespace: what the classifiers read.

:data:`SPACES` and :data:`BLANKS` are the characters trimmed from the edges of a line's or
a cell's text (:data:`BLANKS` also line breaks).
"""

from __future__ import annotations

import unicodedata

import regex

SPACES = " \t\u3000\xa0"  # horizontal blanks
BLANKS = " \t\r\n\u3000\xa0"  # horizontal blanks and line breaks

_WHITESPACE = regex.compile(r"\s+")
_WHITESPACE_OR_STARS = regex.compile(r"[\s*＊]+")


def no_spaces(text: str) -> str:
    """``text`` without any whitespace: "目  录" → "目录"."""
    return _WHITESPACE.sub("", text)


def no_spaces_or_stars(text: str) -> str:
    """``text`` without whitespace and the '*' marks of required fields: "* 项目名称 " → "项目名称"."""
    return _WHITESPACE_OR_STARS.sub("", text)


def nfkc_no_spaces(text: str | None) -> str:
    """``text`` NFKC-folded and without whitespace: "１２ 个" → "12个"; None gives ""."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text or ""))
