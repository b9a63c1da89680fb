"""Recognise outline headings in a single line of text.

Chinese reports number their outline 第一部分 > 一、 > （一） > 1. / 1、 > （1） > ①.  A numbered
line is a heading only when what follows the number reads like a title: short, no clause
punctuation.  A title may be followed on the same line by its first sentence
("（1）绩效评价原则。遵循……"): that text is returned as ``inline``.  A long numbered line
("1、公共安全支出（204类）……1434.89万元。主要用于……") is a list item, i.e. prose.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from nlp.lexicon import lexicon

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def cn_to_int(s: str) -> int | None:
    """Small Chinese numerals (up to 99): 一 → 1, 十二 → 12, 二十三 → 23."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = CN_DIGITS.get(head, None) if head else 1
        ones = CN_DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1:
        return CN_DIGITS.get(s)
    return None


# style name -> (pattern for the number, conventional rank)
_CN = "[一二三四五六七八九十]{1,3}"
_STYLES: list[tuple[str, regex.Pattern, int]] = [
    ("part", regex.compile(rf"^第({_CN}|\d{{1,2}})(部分|章|篇)"), 0),
    ("cn", regex.compile(rf"^({_CN})(?:、|[.．](?!\d))"), 1),
    ("paren_cn", regex.compile(rf"^[（(]({_CN})[）)]"), 2),
    ("arabic", regex.compile(r"^(\d{1,2})(?:[、．]|\.(?!\d))(?!\d)"), 3),
    ("paren_arabic", regex.compile(r"^[（(](\d{1,2})[）)]"), 4),
    ("circled", regex.compile(rf"^([{CIRCLED}])"), 5),
]

STYLE_RANK = {name: rank for name, _, rank in _STYLES}
UNNUMBERED_RANK = 1  # an unnumbered title line sits where a 一、 heading would

_TITLE_END = regex.compile(r"[。：:]")
_CLAUSE = regex.compile(r"[，,；;]")
_AMOUNT = regex.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%|％)")
_TOC_LEADER = regex.compile(r"(?:[.…·．]{3,}|\s{2,})\s*\d+\s*$")
_SENTENCE_END = regex.compile(r"[。！？!?；;，,、]$")


@dataclass
class HeadingParse:
    number: str
    style: str
    ordinal: int | None
    title: str
    rank: int
    inline: str  # body text after the title on the same line ("" if none)
    toc: bool = False


def _ordinal(style: str, token: str) -> int | None:
    if style == "circled":
        return CIRCLED.index(token) + 1
    return cn_to_int(token)


def parse_heading(line: str, max_title: int = 30) -> HeadingParse | None:
    """Parse ``line`` as a numbered heading, or return None if it is prose."""
    s = line.strip(" \t\u3000\xa0")
    if not s:
        return None
    for style, pat, rank in _STYLES:
        m = pat.match(s)
        if not m:
            continue
        number = m.group(0)
        rest = s[m.end():].lstrip(" \t\u3000\xa0")
        if style == "part":
            # 第四部分 2022年度部门绩效评价情况: the whole rest is the title
            return HeadingParse(number, style, _ordinal(style, m.group(1)), rest, rank, "")
        toc = bool(_TOC_LEADER.search(rest))
        if toc:
            rest = _TOC_LEADER.sub("", rest).rstrip(" .…·．")
        end = _TITLE_END.search(rest)
        if end:
            title, inline = rest[: end.start()], rest[end.end():].strip()
        else:
            title, inline = rest, ""
        title = title.strip()
        if not title and not inline:
            # a bare number on its own line ("1." in a table export) is not a heading
            return None
        limit = max_title + (10 if rank <= 1 else 0)
        if len(title) > limit or _CLAUSE.search(title) or _AMOUNT.search(title):
            return None
        if not end and _SENTENCE_END.search(title):
            return None
        if end and _TITLE_END.match(rest[end.start():]) and rest[end.start()] in "：:" and not inline:
            pass  # "（一）存在的主要问题：" — a heading that introduces the next lines
        return HeadingParse(number, style, _ordinal(style, m.group(1)), title, rank, inline, toc)
    return None


_UNNUMBERED_TAIL = None


def parse_unnumbered(line: str) -> HeadingParse | None:
    """A short stand-alone title line without a number ("部门整体绩效评价报告").

    Accepted only when it ends with a title word from the lexicon (…情况, …说明, …报告,
    …措施) and carries no sentence punctuation or amounts, so prose is never promoted.
    """
    global _UNNUMBERED_TAIL
    s = line.strip(" \t\u3000\xa0")
    if not s or len(s) > 26 or _CLAUSE.search(s) or _AMOUNT.search(s):
        return None
    if regex.search(r"[。！？!?：:]", s) or s[0].isdigit():
        return None
    if _UNNUMBERED_TAIL is None:
        words = lexicon()["title_endings"]
        _UNNUMBERED_TAIL = regex.compile("(?:" + "|".join(map(regex.escape, words)) + ")$")
    if not _UNNUMBERED_TAIL.search(s):
        return None
    return HeadingParse("", "none", None, s, UNNUMBERED_RANK, "")
