"""Outline and list numbering: 第一部分 > 一、 > （一） > 1. / 1、 > （1） > ①.

:data:`STYLES` is the one table of numbering styles, each with its conventional rank (the
depth it usually has in a report's outline).  Every pattern that recognises an outline
number or a list marker is derived from it by :func:`marker_pattern`, in one of two readings:

* **as a heading's number** (``heading=True``): a full stop followed by a digit is a decimal
  point ("1.5万元", "一.5"), and after an Arabic number any separator followed by a digit is
  a series of figures ("1、2、3"), so neither starts a heading;
* **as a list item's marker** (the default, looser): only a decimal point after an Arabic
  number ("1.5") is excluded, so "1、2022年……" and "一．2023年……" start list items.

The Chinese-numeral helpers (:func:`cn_to_int`, :func:`int_to_cn`) and the writing of a number
in a style (:func:`number_text`) live here too, so readers and analysis passes agree on them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from budgetlint.nlp.text.normalize import SPACES

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL_CHARS = "一二三四五六七八九十"  # what an outline number in Chinese is written with
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_CN = f"[{CN_NUMERAL_CHARS}]{{1,3}}"
_ARABIC = r"\d{1,2}"


@dataclass(frozen=True)
class Style:
    """One numbering style: ``before`` + the number + a separator.  All parts are regex
    fragments; ``number`` is the number token alone (captured by :data:`NUMBER_PATTERNS`)."""

    name: str
    rank: int  # conventional outline depth: 第一部分 0 … ① 5
    before: str
    number: str
    after_heading: str  # the separator as a heading's number needs it
    after_list: str  # the separator as a list item's marker needs it


STYLES: tuple[Style, ...] = (
    Style("part", 0, "第", rf"{_CN}|\d{{1,2}}", "部分|章|篇", "部分|章|篇"),
    Style("cn", 1, "", _CN, r"、|[.．](?!\d)", r"[、.．]"),
    Style("paren_cn", 2, "[（(]", _CN, "[）)]", "[）)]"),
    Style("arabic", 3, "", _ARABIC, r"(?:[、．]|\.(?!\d))(?!\d)", r"[、．]|\.(?!\d)"),
    Style("paren_arabic", 4, "[（(]", _ARABIC, "[）)]", "[）)]"),
    Style("circled", 5, "", f"[{CIRCLED}]", "", ""),
)

STYLE_RANK = {s.name: s.rank for s in STYLES}
# the styles a list can be numbered in (第一部分 divides a document, it does not enumerate)
LIST_STYLES = tuple(s.name for s in STYLES if s.name != "part")
# an item number without brackets ("一、", "1.", "2、"), as a list's items open
ITEM_STYLES = ("cn", "arabic")


def marker_pattern(styles: Iterable[str] | None = None, *, heading: bool = False) -> str:
    """A regex alternation (no anchor, no capturing group) of the markers of ``styles`` (all
    of :data:`STYLES` by default, always in table order), read as a heading's number when
    ``heading`` is true and as a list item's marker otherwise."""
    wanted = None if styles is None else set(styles)
    unknown = (wanted or set()) - set(STYLE_RANK)
    if unknown:
        raise ValueError(f"unknown numbering styles: {sorted(unknown)}")
    alts = []
    for s in STYLES:
        if wanted is None or s.name in wanted:
            after = s.after_heading if heading else s.after_list
            alts.append(f"{s.before}(?:{s.number})" + (f"(?:{after})" if after else ""))
    return "|".join(alts)


# (style, pattern with the number as group 1) as :func:`parse_number` tries them
NUMBER_PATTERNS: tuple[tuple[Style, regex.Pattern], ...] = tuple(
    (s, regex.compile(f"^{s.before}({s.number})" + (f"(?:{s.after_heading})" if s.after_heading else "")))
    for s in STYLES
)


@dataclass
class NumberParse:
    """The outline number leading a line: "（三）" → style ``paren_cn``, ordinal 3, rank 2."""

    number: str
    style: str
    ordinal: int | None
    rank: int
    rest: str  # the text after the number, leading whitespace removed


def parse_number(line: str) -> NumberParse | None:
    """The outline number a line starts with (read as a heading's number), whatever follows
    it (prose or title)."""
    s = line.strip(SPACES)
    for style, pat in NUMBER_PATTERNS:
        m = pat.match(s)
        if m:
            rest = s[m.end() :].lstrip(SPACES)
            return NumberParse(m.group(0), style.name, ordinal(style.name, m.group(1)), style.rank, rest)
    return None


def ordinal(style: str, token: str) -> int | None:
    """The value of a number token in ``style``: ("circled", "③") → 3, ("cn", "十二") → 12."""
    if style == "circled":
        return CIRCLED.index(token) + 1
    return cn_to_int(token)


def cn_to_int(s: str) -> int | None:
    """Small Chinese numerals (up to 99): 一 → 1, 十二 → 12, 二十三 → 23; Arabic digits as
    they are."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = CN_DIGITS.get(head) if head else 1
        ones = CN_DIGITS.get(tail) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1:
        return CN_DIGITS.get(s)
    return None


_CN_NUM = "零一二三四五六七八九"


def int_to_cn(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (up to 99)."""
    if n < 10:
        return _CN_NUM[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_NUM[tens]) + "十" + (_CN_NUM[ones] if ones else "")


def number_text(style: str, ordinal: int) -> str:
    """How a heading numbered ``ordinal`` in ``style`` is written: ("cn", 6) → "六、"."""
    if style == "cn":
        return f"{int_to_cn(ordinal)}、"
    if style == "paren_cn":
        return f"（{int_to_cn(ordinal)}）"
    if style == "arabic":
        return f"{ordinal}."
    if style == "paren_arabic":
        return f"（{ordinal}）"
    if style == "circled" and 1 <= ordinal <= len(CIRCLED):
        return CIRCLED[ordinal - 1]
    if style == "part":
        return f"第{int_to_cn(ordinal)}部分"
    return str(ordinal)
