"""Recognise outline headings in a single line of text.

Chinese reports number their outline 第一部分 > 一、 > （一） > 1. / 1、 > （1） > ① (the styles, their
ranks and the number parser are in :mod:`budgetlint.nlp.text.numbering`).  A numbered line is a
heading only when what follows the number reads like a title: short, no clause punctuation.
A title may be followed on the same line by its first sentence
("（1）绩效评价原则。遵循……"): that text is returned as ``inline``.  A long numbered line
("1、公共安全支出（204类）……1434.89万元。主要用于……") is a list item, i.e. prose, and so is a
numbered sentence: a title over 15 characters ending in "。" with nothing after it
("1.得分一档最高不能超过该指标分值上限。"), unless it is a 一、-level title or ends with a
title word ("（一）…总体情况说明。").  Lists whose items merely look like titles are
recognised in context by :mod:`budgetlint.nlp.readers.outline`.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from budgetlint.nlp.lexicon import lexicon
from budgetlint.nlp.model import Heading, Origin, Paragraph
from budgetlint.nlp.numbers.units import money_alternation
from budgetlint.nlp.text.normalize import SPACES
from budgetlint.nlp.text.numbering import parse_number

UNNUMBERED_RANK = 1  # an unnumbered title line sits where a 一、 heading would

_TITLE_END = regex.compile(r"[。：:]")
_CLAUSE = regex.compile(r"[，,；;]")
_AMOUNT = regex.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:" + money_alternation() + "|%|％)")
_TOC_LEADER = regex.compile(r"(?:…+[.…·．]*|[.·．]{3,}|\s{2,})\s*\d+\s*$")
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

    def block(self, line: int, end_line: int, origin: Origin, text: str, inline: Paragraph | None) -> Heading:
        """The :class:`Heading` block of this parse, at ``line``–``end_line``; ``text`` is the
        heading's whole source text and ``inline`` the paragraph of its inline body."""
        return Heading(
            line,
            end_line,
            origin,
            text=text,
            number=self.number,
            style=self.style,
            ordinal=self.ordinal,
            title=self.title,
            rank=self.rank,
            inline=inline,
        )


SENTENCE_TITLE_MAX = 15  # a longer title that ends in "。" with nothing after it is a sentence


def parse_heading(line: str, max_title: int = 30) -> HeadingParse | None:
    """Parse ``line`` as a numbered heading, or return None if it is prose."""
    num = parse_number(line)
    if num is None:
        return None
    number, style, rank, rest = num.number, num.style, num.rank, num.rest
    if style == "part":
        # 第四部分 2022年度部门绩效评价情况: the whole rest is the title
        return HeadingParse(number, style, num.ordinal, rest, rank, "")
    toc = bool(_TOC_LEADER.search(rest))
    if toc:
        rest = _TOC_LEADER.sub("", rest).rstrip(" .…·．")
    end = _TITLE_END.search(rest)
    if end:
        title, inline = rest[: end.start()], rest[end.end() :].strip()
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
    if (
        end
        and rest[end.start()] == "。"
        and not inline
        and rank >= 2
        and len(title) > SENTENCE_TITLE_MAX
        and not _title_word_end(title)
    ):
        # "1.得分一档最高不能超过该指标分值上限。": a whole sentence, i.e. a list item.  Titles
        # ending in a title word ("（一）…总体情况说明。") and 一、-level titles stay headings.
        return None
    return HeadingParse(number, style, num.ordinal, title, rank, inline, toc)


_TITLE_WORD_END: regex.Pattern | None = None


def _title_word_end(title: str) -> bool:
    """Does ``title`` end with a title word from the lexicon (…情况, …说明, …报告)?"""
    global _TITLE_WORD_END
    if _TITLE_WORD_END is None:
        words = lexicon()["title_endings"]
        _TITLE_WORD_END = regex.compile("(?:" + "|".join(map(regex.escape, words)) + ")$")
    return bool(_TITLE_WORD_END.search(title))


def parse_unnumbered(line: str) -> HeadingParse | None:
    """A short stand-alone title line without a number ("部门整体绩效评价报告").

    Accepted only when it ends with a title word from the lexicon (…情况, …说明, …报告,
    …措施) and carries no sentence punctuation or amounts, so prose is never promoted.
    """
    s = line.strip(SPACES)
    if not s or len(s) > 26 or _CLAUSE.search(s) or _AMOUNT.search(s):
        return None
    if regex.search(r"[。！？!?：:]", s) or s[0].isdigit():
        return None
    if not _title_word_end(s):
        return None
    return HeadingParse("", "none", None, s, UNNUMBERED_RANK, "")
