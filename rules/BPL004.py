"""BPL004: a reason or purpose clause stops right after its lead ("主要原因是。")."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.model import Document
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity, excerpt_of


@register
class TruncatedAnswer(Rule):
    """A reason or purpose clause stops right after its lead: "主要原因是。", "原因：。".

    Why
    ---
    Budget and final-accounts explanations must give the reason for every change and the
    use of every amount.  A sentence that opens the reason and ends at once ("与2025年预算数
    持平，主要原因是。") was cut while editing: the reason is missing, and reviewers circle
    it every time.

    Fails
    -----
    （二）公务用车购置及运行费9.98万元，与2025年预算数持平，主要原因是。

    Passes
    ------
    （二）公务用车购置及运行费9.98万元，与2025年预算数持平，主要原因是公务用车数量无变化。

    Limits
    ------
    Only a lead followed at once by a full stop or semicolon is reported; a lead at the
    end of a paragraph ("主要用于：") is not, since a list may follow it.  Leads inside
    quotation marks (a review note quoting the sentence) and table cells are skipped.
    """

    code = "BPL004"
    name = "truncated-answer"
    category = "boilerplate-answer"
    severity = Severity.warning
    title = "说明原因或用途的句子在“主要原因是”等引导语后就结束了"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        for a in doc.truncated_answers:
            yield self.finding(
                doc,
                f"“{excerpt_of(a.sentence, 50)}”在“{a.lead}”之后就结束了，没有写出{a.what}；请补写具体{a.what}。",
                a.line,
                a.end_line,
                excerpt=excerpt_of(a.sentence),
                evidence={"lead": a.lead, "missing": a.what},
            )
