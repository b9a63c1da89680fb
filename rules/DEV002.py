"""DEV002: an indicator's score does not follow from its target and actual value."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.model import Document
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


@register
class ScoreInconsistency(Rule):
    """An indicator's score does not follow from its target and actual value.

    Why
    ---
    The forms score a quantitative indicator by its completion (实际 ÷ 目标 × 分值 for a
    positive target, 目标 ÷ 实际 × 分值 for a reverse one) and forbid inflated scores.  Full
    points for a clearly missed target is score inflation (warning); points deducted
    although the target was met is an unexplained deduction (info).  Only targets and
    actuals that are both numbers in one unit are compared; 定性 targets never are;
    ≤ / 不超过 / 不高于 targets (and reverse indicators such as 偏差率) reverse the test.
    A deviation note saying the target itself was revised (修改年度指标值为…) is respected.

    Fails
    -----
    | 年接待次数 | ≥30次 | 27次 | 15 | 15 |

    Passes
    ------
    | 年接待次数 | ≥30次 | 27次 | 15 | 13.5 | 因疫情原因，调研减少 |
    """

    code = "DEV002"
    name = "score-inconsistency"
    category = "score-inconsistency"
    severity = Severity.warning
    title = "指标得分与目标完成情况不符（未达标却得满分，或已达标仍扣分）"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        for pt in doc.perf_tables:
            for ind in pt.indicators:
                p, s = ind.points_interval, ind.score_interval
                if p is None or s is None or p.mid <= 0:
                    continue
                status = ind.target_status()
                if status is None:
                    continue
                verdict, target, actual = status
                full = not s.below(p)
                loc = {"table": pt.table.index, "row": ind.row, "col": ind.cells["score"].col}
                ev = {
                    "indicator": ind.name,
                    "target": ind.text("target"),
                    "actual": actual.text,
                    "points": p.mid,
                    "score": s.mid,
                }
                if verdict == "missed" and full:
                    if ind.target_revised:
                        continue
                    yield self.finding(
                        doc,
                        f"指标“{ind.name}”年度指标值{ind.text('target')}，实际完成{actual.text.strip()}，未达目标却得满分"
                        f"（{ind.text('score')}/{ind.text('points')}）；请按完成比例计分或说明理由。",
                        ind.line,
                        ind.end_line,
                        location=loc,
                        evidence=ev,
                    )
                elif verdict == "met" and s.below(p):
                    yield self.finding(
                        doc,
                        f"指标“{ind.name}”年度指标值{ind.text('target')}，实际完成{actual.text.strip()}，已达目标但得分"
                        f"{ind.text('score')}低于分值{ind.text('points')}；请说明扣分理由。",
                        ind.line,
                        ind.end_line,
                        severity=Severity.info,
                        location=loc,
                        evidence=ev,
                    )
