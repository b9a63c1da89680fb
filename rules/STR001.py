"""STR001: outline numbers that skip, repeat, go backwards or mix styles at one level."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.analysis.sections import Section, numbers_in_prose
from budgetlint.nlp.model import Document
from budgetlint.nlp.text.numbering import number_text
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity

_FAMILY = {
    "cn": "plain",
    "arabic": "plain",
    "paren_cn": "paren",
    "paren_arabic": "paren",
    "circled": "circled",
    "part": "part",
}


@register
class HeadingStructure(Rule):
    """Outline numbers that skip, repeat, go backwards or mix styles at one level.

    Why
    ---
    A reader finds their way by the outline; 五、 followed by 七、 means a section is
    missing or lost its number, and (一) followed by (2) at the same level looks careless
    in a published document.  A heading without a number standing where the missing
    number belongs is reported as the heading that lost it.  Restarting at 1 is never
    reported (lists restart), and only numbered siblings of one parent are compared.

    Fails
    -----
    五、政府性基金预算财政拨款支出决算情况说明
    国有资本经营预算财政拨款收支情况
    七、财政拨款基本支出决算情况说明

    Passes
    ------
    五、政府性基金预算财政拨款支出决算情况说明
    六、国有资本经营预算财政拨款收支情况
    七、财政拨款基本支出决算情况说明
    """

    code = "STR001"
    name = "heading-structure"
    category = "heading-structure"
    severity = Severity.info
    title = "标题编号跳号、重复、倒序或同级混用不同样式"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        yield from self._siblings(doc, doc.root)
        for sec in doc.sections:
            yield from self._siblings(doc, sec)

    def _siblings(self, doc: Document, parent: Section) -> Iterator:
        prev: Section | None = None
        first: dict[str, str] = {}  # family -> style of the first numbered sibling
        unnumbered: list[Section] = []
        for sec in parent.children:
            h = sec.heading
            if h is None:
                continue
            if h.ordinal is None or h.style not in _FAMILY:
                unnumbered.append(sec)
                continue
            fam = _FAMILY[h.style]
            ref = first.setdefault(fam, h.style)
            if fam == "paren" and h.style != ref:
                yield self.finding(
                    doc,
                    f"同级标题编号样式不一致：本级以“{_first_number(parent, ref)}”开始，此处是“{h.number}”；"
                    f"请统一为“{number_text(ref, h.ordinal)}”。",
                    h.line,
                    h.line,
                    excerpt=h.text,
                    evidence={"check": "style", "first": ref, "number": h.number},
                )
            ph = prev.heading if prev is not None else None
            if ph is not None and ph.style == h.style:
                yield from self._compare(doc, prev, sec, unnumbered)
            prev, unnumbered = sec, []

    def _compare(self, doc: Document, prev: Section, sec: Section, between: list[Section]) -> Iterator:
        ph, h = prev.heading, sec.heading
        if h.ordinal > ph.ordinal + 1 and numbers_in_prose(doc, ph.line, h.line, h.style, ph.ordinal, h.ordinal):
            return  # the missing numbers are there, as list items written as prose
        lost = prev_lost = None
        if h.ordinal == ph.ordinal + 2:
            lost = number_text(h.style, ph.ordinal + 1)
            # the heading that lost its number sits between, or as the last sub-title of
            # the previous section
            # (only for 一、-level numbers: unnumbered titles elsewhere are captions)
            if h.style == "cn":
                prev_lost = between[-1] if between else _last_unnumbered(prev)
        if lost and prev_lost is not None:
            t = prev_lost.heading
            yield self.finding(
                doc,
                f"标题“{t.title}”没有编号，位于“{ph.number}”与“{h.number}”之间，应为“{lost}”；请补上编号。",
                t.line,
                t.line,
                excerpt=t.text,
                evidence={"check": "lost-number", "previous": ph.number, "next": h.number, "expected": lost},
            )
        elif h.ordinal > ph.ordinal + 1:
            yield self.finding(
                doc,
                f"标题编号跳号：“{ph.number}”之后是“{h.number}”，缺少“{number_text(h.style, ph.ordinal + 1)}”；"
                f"请核对是否漏了一节或编号有误。",
                h.line,
                h.line,
                excerpt=h.text,
                evidence={"check": "skip", "previous": ph.number, "number": h.number},
            )
        elif h.ordinal == ph.ordinal and h.ordinal != 1:  # a second "1." starts a new list
            yield self.finding(
                doc,
                f"标题编号重复：连续两个“{h.number}”；请核对编号。",
                h.line,
                h.line,
                excerpt=h.text,
                evidence={"check": "repeat", "previous": ph.number, "number": h.number},
            )
        elif h.ordinal < ph.ordinal and h.ordinal != 1:
            yield self.finding(
                doc,
                f"标题编号倒序：“{ph.number}”之后是“{h.number}”；请核对编号。",
                h.line,
                h.line,
                excerpt=h.text,
                evidence={"check": "backwards", "previous": ph.number, "number": h.number},
            )


def _first_number(parent: Section, style: str) -> str:
    for c in parent.children:
        if c.heading is not None and c.heading.style == style:
            return c.heading.number
    return ""


def _last_unnumbered(sec: Section) -> Section | None:
    """An unnumbered title that is the last child of ``sec`` and has no numbered sibling
    after it (where a lost 六、 lands in the tree)."""
    if sec.children and sec.children[-1].heading is not None and sec.children[-1].heading.style == "none":
        return sec.children[-1]
    return None
