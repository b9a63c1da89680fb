"""What both loaders share once a file has become blocks: the outline pass, units, joins.

:func:`normalize_outline` runs at the end of :func:`budgetlint.nlp.readers.txt.load_txt` and
:func:`budgetlint.nlp.readers.docx.load_docx`, so a report reads the same whichever format it came in.
It corrects headings that only the context shows are not headings:

* **Table of contents.**  After a block whose text (whitespace removed) is 目录, the blocks
  that look like TOC entries are paragraphs — the 目录 line itself too — so an entry such
  as "存在的问题" never opens an empty section.  The TOC ends at a table, at prose, at an
  entry that repeats an earlier one (the body has started: its first heading is also the
  TOC's first entry), or at a page change unless the next page opens with more entry-like
  blocks (a TOC running over two pages).  Pages count only where the loader knows them.
  A heading whose text ends in dot leaders and a page number ("部门基本情况……3") is a TOC
  line wherever it stands.
* **Lists.**  A run of adjacent numbered blocks in one numbering style with consecutive
  ordinals — "（一）…" … "（五）…" of a 主要职能 list — in which most items are prose
  (:func:`budgetlint.nlp.readers.headings.parse_heading` rejects them: long, clause punctuation, a sentence)
  is a list: its few items that happen to read like titles ("（三）对互联网信息内容进行监督
  管理执法。") are paragraphs too.  Runs need three items; headings separated by body text
  never form a run.

Demoted headings keep their lines: the paragraph's text is the heading's whole text
(title and inline body), mapped back to its source lines.

Also here, because both loaders need the same answer: :func:`find_unit` (the amount unit
a caption or header states) and :func:`join_fragments` (how wrapped text is rejoined).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import regex

from budgetlint.nlp.lexicon import lexicon
from budgetlint.nlp.model import AnyBlock, Heading, Paragraph, Table, Text
from budgetlint.nlp.numbers.units import MONEY_UNITS, STATED_MONEY_UNITS
from budgetlint.nlp.readers.headings import parse_heading, parse_unnumbered
from budgetlint.nlp.text.normalize import BLANKS as WS
from budgetlint.nlp.text.normalize import no_spaces
from budgetlint.nlp.text.numbering import LIST_STYLES, marker_pattern, parse_number

# ---------------------------------------------------------------------------------------
# joining fragments

_ASCII_WORD_END = regex.compile(r"[A-Za-z0-9_]$")
_ASCII_WORD_START = regex.compile(r"^[A-Za-z0-9_]")
# "1." / "（二）" / "（3）" read as a heading's number would be ("1.5" and "1、2" are figures)
_ENUM_START = regex.compile("^(?:" + marker_pattern(("arabic", "paren_cn", "paren_arabic"), heading=True) + ")")


def join_fragments(left: str, right: str) -> str:
    """Join a fragment that a layout break split off (a wrapped line, a cell's next
    paragraph or line, a soft line break) onto the text before it.

    Chinese text wraps anywhere, so fragments meet with *no* separator ("年初预" + "算数" →
    "年初预算数", "减少91.91" + "万元" → "减少91.91万元", "完成。" + "2022年" →
    "完成。2022年").  Two exceptions: two ASCII word characters meeting get one space
    ("160" + "158.8" → "160 158.8", "Excel" + "file" → "Excel file"), and a fragment that
    starts a new enumerated item ("1." / "（二）") gets a newline, so the items of a
    multi-line cell stay apart ("1.问题一" + "2.问题二" → "1.问题一\\n2.问题二").
    """
    if not left:
        return right
    if not right:
        return left
    if _ENUM_START.match(right):
        return left + "\n" + right
    # only the last two characters can match "[A-Za-z0-9_]$" ($ also matches before a
    # final newline): searching from there keeps joining many fragments linear
    if _ASCII_WORD_END.search(left, max(0, len(left) - 2)) and _ASCII_WORD_START.match(right):
        return left + " " + right
    return left + right


def join_parts(parts: Iterable[str]) -> str:
    """Trim every fragment, drop empty ones and join the rest with :func:`join_fragments`."""
    out = ""
    for part in parts:
        out = join_fragments(out, part.strip(WS))
    return out


# ---------------------------------------------------------------------------------------
# units

UNIT_WORDS = STATED_MONEY_UNITS  # longest first where they share a tail
UNITS = tuple(MONEY_UNITS)  # the units budgetlint computes with; 千元 is recognised, not used
_UNIT_WORD = "(" + "|".join(UNIT_WORDS) + ")"
_PAREN_UNIT = regex.compile(r"[（(]\s*(?:(?:金额)?单位\s*[：:]?\s*)?" + _UNIT_WORD + r"\s*[）)]")
_MARKED_UNIT: regex.Pattern | None = None


def _marked_unit() -> regex.Pattern:
    """ "单位：万元" with the lexicon's ``unit_markers``; spaces inside a marker are allowed
    ("单 位：万元" in PDF text)."""
    global _MARKED_UNIT
    if _MARKED_UNIT is None:
        markers = lexicon().get("unit_markers") or ["单位：", "单位:"]
        alts = [r"\s*".join(map(regex.escape, m.strip())) for m in sorted(markers, key=len, reverse=True)]
        _MARKED_UNIT = regex.compile("(?:" + "|".join(alts) + r")\s*" + _UNIT_WORD)
    return _MARKED_UNIT


def find_unit(texts: Iterable[str]) -> str | None:
    """元 / 万元 / 亿元 stated in ``texts`` (caption lines, then header cells), or None.

    An explicit marker ("单位：万元", "金额单位：元", markers from ``lexicon.yaml``) anywhere
    wins; else the first bracketed unit ("（万元）", "(元)", "（单位：万元）").  A table in
    千元 gets None: no unit budgetlint can compute with.
    """
    if isinstance(texts, str):
        texts = [texts]
    marked = _marked_unit()
    paren = None
    for t in texts:
        if not t:
            continue
        m = marked.search(t)
        if m:
            return m.group(1) if m.group(1) in UNITS else None
        if paren is None:
            p = _PAREN_UNIT.search(t)
            if p:
                paren = p.group(1)
    return paren if paren in UNITS else None


# ---------------------------------------------------------------------------------------
# table of contents

_TOC_PAGE = regex.compile(r"(?:[.…·．]{2,}|\s)\s*\d{1,3}$|[.…·．]{3,}$")
_LEADER_PAGE = regex.compile(r"(?:[.…·．]{2,}|…|\t)\s*\d{1,3}\s*$")
_LEADER_TAIL = regex.compile(r"[.…·．]{2,}.*$")
_PAGE_TAIL = regex.compile(r"\s+\d{1,3}$")
_TOC_PROSE = regex.compile(r"[。；！？!?;，,]")
MD_HEADING = regex.compile(r"^#{1,6}\s+")  # a Markdown heading mark ("## 一、…")


def is_toc_title(text: str) -> bool:
    """ "目录" / "目  录" / "# 目录"."""
    return no_spaces(text).lstrip("#") == "目录"


def norm_title(s: str) -> str:
    """Compare TOC entries with body headings: no spaces, leaders, page numbers, '#'."""
    s = MD_HEADING.sub("", s.strip(WS))
    s = _LEADER_TAIL.sub("", s)
    s = _PAGE_TAIL.sub("", s)
    return no_spaces(s).rstrip("。")


def toc_like(s: str) -> bool:
    """Text that can be a TOC entry: a heading, a short title, or a line ending in a page
    number or dot leaders.  A final "。" is allowed ("一、主要职能。")."""
    body = MD_HEADING.sub("", s.strip(WS))
    if _TOC_PAGE.search(body):
        return True
    if parse_heading(body) is not None or parse_unnumbered(body) is not None:
        return True
    body = body.rstrip("。")
    return len(body) <= 40 and not _TOC_PROSE.search(body) and not body.endswith(("：", ":"))


def _page_changes(prev: AnyBlock, cur: AnyBlock) -> bool:
    a, b = prev.origin.page, cur.origin.page
    return a is not None and b is not None and a != b


def _toc_pass(blocks: list[AnyBlock], demote) -> set[int]:
    """Demote the TOC blocks; return their indices."""
    toc: set[int] = set()
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Table) or not is_toc_title(b.text):
            i += 1
            continue
        blocks[i] = demote(b)
        toc.add(i)
        entries: set[str] = set()
        prev = b
        j = i + 1
        while j < len(blocks):
            e = blocks[j]
            if isinstance(e, Table):
                break
            key = norm_title(e.text)
            if key in entries or not toc_like(e.text):
                break
            if _page_changes(prev, e):
                nxt = blocks[j : j + 3]
                if not all(not isinstance(x, Table) and toc_like(x.text) for x in nxt):
                    break
            entries.add(key)
            blocks[j] = demote(e)
            toc.add(j)
            prev = e
            j += 1
        i = j
    return toc


def _leader_pass(blocks: list[AnyBlock], demote) -> None:
    for k, b in enumerate(blocks):
        if isinstance(b, Heading) and _LEADER_PAGE.search(b.text):
            blocks[k] = demote(b)


# ---------------------------------------------------------------------------------------
# lists

_NUMBERED_STYLES = frozenset(LIST_STYLES)
MIN_LIST_ITEMS = 3


def _item(b: AnyBlock) -> tuple[str, int, bool] | None:
    """(numbering style, ordinal, is a heading) of a numbered block, else None."""
    if isinstance(b, Heading):
        if b.style in _NUMBERED_STYLES and b.ordinal is not None:
            return b.style, b.ordinal, True
        return None
    if isinstance(b, Paragraph):
        num = parse_number(b.text)
        if num is not None and num.style in _NUMBERED_STYLES and num.ordinal is not None and num.rest:
            return num.style, num.ordinal, False
    return None


def _list_pass(blocks: list[AnyBlock], demote, toc: set[int]) -> None:
    run: list[int] = []
    style, last = "", 0

    def close() -> None:
        heads = [k for k in run if isinstance(blocks[k], Heading)]
        prose = len(run) - len(heads)
        if len(run) >= MIN_LIST_ITEMS and heads and 2 * prose > len(run):
            for k in heads:
                blocks[k] = demote(blocks[k])

    for k, b in enumerate(blocks):
        it = None if k in toc else _item(b)
        if it is not None and run and it[0] == style and it[1] == last + 1:
            run.append(k)
            last = it[1]
            continue
        close()
        run = [k] if it is not None else []
        if it is not None:
            style, last = it[0], it[1]
    close()


# ---------------------------------------------------------------------------------------
# the pass


def heading_as_paragraph(h: Heading, source: Text | None = None) -> Paragraph:
    """``h`` as a paragraph of its whole text (title and inline body).  ``source`` is the
    heading's text with its line map when the loader has it (wrapped text lines)."""
    if source is None:
        text = h.text
        starts = [(0, h.line)]
        inline = h.inline
        if inline is not None and inline.text and not text.endswith(inline.text):
            # the inline body runs on past the heading's own line: title + body
            k = _overlap_start(text, inline.text)
            starts += [(o + k, no) for o, no in inline.body.line_starts if no != h.line]
            text = text[:k] + inline.text
        source = Text(text, starts)
    return Paragraph(line=h.line, end_line=h.end_line, origin=h.origin, body=source)


def _overlap_start(text: str, tail: str) -> int:
    """The offset in ``text`` where ``tail`` begins (``text`` ends with a prefix of it)."""
    for k in range(len(text)):
        if tail.startswith(text[k:]):
            return k
    return len(text)


def normalize_outline(blocks: list[AnyBlock], sources: Mapping[int, Text] | None = None) -> list[AnyBlock]:
    """Apply the outline corrections (TOC entries, TOC-leader lines, list items) and return
    the new block list.  ``sources`` maps ``id(heading)`` to the heading's whole source
    :class:`Text` (text loaders, whose headings may wrap over lines)."""
    sources = sources or {}

    def demote(b: AnyBlock) -> AnyBlock:
        if isinstance(b, Heading):
            return heading_as_paragraph(b, sources.get(id(b)))
        return b

    out = list(blocks)
    toc = _toc_pass(out, demote)
    _leader_pass(out, demote)
    _list_pass(out, demote, toc)
    return out
