"""BPL003: an indicator's 实际完成值 repeats the indicator's own name, or is only 无."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.analysis.similarity import unanswered_actual
from budgetlint.nlp.model import Document
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


@register
class ActualRestatesIndicator(Rule):
    """An indicator's 实际完成值 repeats the indicator's own name, or is only 无.

    Why
    ---
    实际完成值 should say what was achieved — a value, or a statement of the result.
    Writing the indicator's own name ("成本控制率", or "网络安全和信息化协调能力" for the
    indicator 提升网络安全和信息化协调能力) into it answers nothing; neither does 无 for an
    indicator that carries points.  This is a text-similarity check (equality, containment,
    or near-identical character pairs); figures are never flagged, and an actual that
    copies a qualitative target ("及时" for "及时") is not, since that is how units record
    that it was met.  ``budgetlint eval`` compares the similarity check with a model on
    the labelled cells.

    Fails
    -----
    | 成本控制率 | ≤100% | 成本控制率 | 10 | 10 |

    Passes
    ------
    | 成本控制率 | ≤100% | 98.6% | 10 | 10 |
    """

    code = "BPL003"
    name = "actual-restates-indicator"
    category = "boilerplate-answer"
    severity = Severity.info
    title = "实际完成值照抄指标名称或只写“无”"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        for pt in doc.perf_tables:
            for ind in pt.indicators:
                why = unanswered_actual(ind)
                if why is None:
                    continue
                actual = ind.text("actual")
                which = "只是“无”等占位内容" if why == "placeholder" else "照抄了指标名称"
                yield self.finding(
                    doc,
                    f"指标“{ind.name}”的实际完成值“{actual}”{which}，没有说明实际完成情况；"
                    f"请填写实际完成的数值或结果。",
                    ind.line,
                    ind.end_line,
                    excerpt=actual,
                    location={
                        "table": pt.table.index,
                        "row": ind.row,
                        "col": ind.cells["actual"].col if "actual" in ind.cells else None,
                    },
                    evidence={
                        "indicator": ind.name,
                        "actual": actual,
                        "repeats": "“无”等占位内容" if why == "placeholder" else "指标名称",
                    },
                )
