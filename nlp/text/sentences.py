"""Sentence splitting for Chinese report prose — pure Python, no spaCy.

:func:`split_sentences` returns character spans ``(start, end)`` into the text it was
given.  :class:`budgetlint.nlp.model.Paragraph` builds its sentences from it, and the spaCy component
in :mod:`budgetlint.nlp.text.segmenter` uses the same function, so both views agree.

Rules
-----
* A sentence ends after a run of terminators: ``。！？；｡`` and the ASCII ``!?;``.  ``；``
  (and ``;``) count as sentence ends on purpose: report prose chains whole clauses with
  them ("增加17.62%；减少3%"), and rules want those clauses one by one.
* ``.`` and the fullwidth ``．`` never end a sentence (decimal points "1071.95", list
  markers "1." / "１．").  An ASCII ``!?;`` wedged between two ASCII letters/digits is
  not a terminator either ("a?id=3", "x;y") — that is a URL or code, not prose.
* Runs of terminators stay together ("无。。", "吗？！"), also with spaces between them.
* Closing quotes and brackets right after the terminator stay with the sentence
  (“…。” / （…。） / 「…！」), an opening bracket after it starts the NEXT sentence
  ("…增加。（一）收入" → "…增加。" | "（一）收入").  Straight quotes ``"``/``'`` after
  a terminator close the sentence only when the sentence holds an odd number of them.
* Every line break is a hard boundary: ``\\n``, ``\\r``, form feed, vertical tab,
  ``\\x1c``-``\\x1e``, ``\\x85``, U+2028, U+2029 (the characters ``str.splitlines`` breaks
  on).
* Leading and trailing whitespace — anything ``str.isspace`` accepts, including the
  ideographic space U+3000 and NBSP, plus the zero-width characters U+200B-U+200D, U+2060
  and the BOM U+FEFF — is left out of spans; spans that would be empty are dropped.

One compiled regular expression finds every boundary in a single pass; the rest is
slicing, so the cost is linear in the text length.
"""

from __future__ import annotations

import re

import regex

__all__ = ["split_sentences", "TERMINATORS", "CLOSERS"]

#: Characters that end a sentence (the ASCII ones are qualified, see the module docstring).
TERMINATORS = "。！？；｡!?;"
#: Closing quotes/brackets that stay with the sentence they follow.
CLOSERS = "”’」』）)】〕〗〙〛》〉］]｝}»›"
_STRAIGHT_QUOTES = "\"'"

# Every character str.isspace() accepts, plus invisible zero-width characters and the BOM.
_WS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
    "\u200b\u200c\u200d\u2060\ufeff"
)
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Horizontal blanks allowed *inside* a run of terminators ("。 。" is one run).
_HBLANK = " \t\xa0\u3000"

_ASCII_WORD = "A-Za-z0-9"
_TERM = f"(?:[。！？；｡]|(?<![{_ASCII_WORD}])[!?;]|[!?;](?![{_ASCII_WORD}]))"
_RUN = f"{_TERM}+[{re.escape(CLOSERS)}]*"
_BOUNDARY = re.compile(f"(?P<term>{_RUN}(?:[{_HBLANK}]*{_RUN})*)|(?P<br>[{re.escape(_LINE_BREAKS)}]+)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order.

    ``text[start:end]`` never starts or ends with whitespace and is never empty.

    >>> split_sentences("主要原因：人员增加。（一）收入决算说明")
    [(0, 10), (10, 19)]
    """
    spans: list[tuple[int, int]] = []
    if not text:
        return spans
    append = spans.append
    ws = _WS
    n = len(text)
    seg_start = 0

    def emit(s: int, e: int) -> None:
        seg = text[s:e]
        stripped = seg.strip(ws)
        if stripped:
            s += len(seg) - len(seg.lstrip(ws))
            append((s, s + len(stripped)))

    for m in _BOUNDARY.finditer(text):
        if m.lastgroup == "term":
            end = m.end()
            # Straight quotes: closing only when this sentence opened one.
            while end < n and text[end] in _STRAIGHT_QUOTES and text.count(text[end], seg_start, end) % 2:
                end += 1
            emit(seg_start, end)
            seg_start = end
        else:
            emit(seg_start, m.start())
            seg_start = m.end()
    if seg_start < n:
        emit(seg_start, n)
    return spans


_CLAUSE_MARKS = "，,；;。！？!?：:\n"


# searched backwards from ``pos``: the cost is the clause's length, not the prefix's
_CLAUSE_MARK = regex.compile(f"[{regex.escape(_CLAUSE_MARKS)}]", regex.REVERSE)


def clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``text[pos]`` starts: just after the last clause mark
    (，；。！？： or a line end) before ``pos``."""
    m = _CLAUSE_MARK.search(text, 0, pos)
    return m.end() if m else 0
