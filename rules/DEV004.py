"""DEV004: an indicator lost points and its deviation note gives no cause (classifier)."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.model import Document
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity

_LABEL_ZH = {
    "measure_only": "只写了改进措施，没有说明原因",
    "non_answer": "没有说明原因也没有改进措施",
    "cause_only": "只说明了原因",
    "cause_and_measure": "说明了原因和措施",
}


@register
class ExplanationWithoutCause(Rule):
    """An indicator lost points and its deviation note gives no cause.

    Why
    ---
    偏差原因分析及改进措施 asks for both: why the indicator fell short, and what will be
    done.  A note that only promises improvement ("进一步增强网络安全应急演练实效，持续做好……")
    or restates the indicator ("已完成") tells the reader nothing about the shortfall.  A
    trained classifier reads the note (cause_and_measure, cause_only, measure_only,
    non_answer); the rule reports measure_only and non_answer.  Empty notes are DEV001's.

    Fails
    -----
    | 网络安全应急演练 | ≥1次 | 1次 | 30 | 28 | 进一步增强网络安全应急演练实效，持续做好漏洞修复工作。 |

    Passes
    ------
    | 网络安全应急演练 | ≥1次 | 1次 | 30 | 28 | 演练脚本准备不足导致一项科目未完成，下年度提前编制演练方案。 |

    Options
    -------
    min-probability (default 0.5): report only when the classifier is at least this sure.
    """

    code = "DEV004"
    name = "explanation-without-cause"
    category = "explanation-without-cause"
    severity = Severity.warning
    title = "指标扣分的偏差说明没有分析原因"
    options = {"min-probability": 0.5}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        todo = [(pt, ind) for pt in doc.perf_tables for ind in pt.indicators if ind.lost_points and ind.explained]
        if not todo:
            return
        from budgetlint.models.store import predict

        floor = float(ctx.options["min-probability"])
        labels = predict("explanation", [ind.explanation for _, ind in todo])
        for (pt, ind), (label, prob) in zip(todo, labels):
            if label not in ("measure_only", "non_answer") or prob < floor:
                continue
            yield self.finding(
                doc,
                f"指标“{ind.name}”得分{ind.text('score')}低于分值{ind.text('points')}，其偏差说明{_LABEL_ZH[label]}"
                f"（“{ind.explanation[:40]}”）；请写明未达标或扣分的具体原因。",
                ind.line,
                ind.end_line,
                excerpt=ind.explanation,
                location={"table": pt.table.index, "row": ind.row, "col": ind.explanation_col},
                evidence={"indicator": ind.name, "label": label, "probability": round(prob, 3)},
            )
