"""Text normalisers shared by every layer."""

from __future__ import annotations

import regex

_WS = regex.compile(r"[\s\u3000\xa0*＊]+")


def norm(text: str) -> str:
    """Cell text without whitespace, U+3000 and the '*' marks of required fields."""
    return _WS.sub("", text)
