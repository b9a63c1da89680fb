"""DEV001: an indicator lost points and its deviation explanation is empty."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.model import Document
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


@register
class MissingDeviationExplanation(Rule):
    """An indicator lost points but its deviation explanation is empty.

    Why
    ---
    The self-evaluation forms (财预〔2020〕10号 and the provincial forms based on it) require
    units to explain, in 偏差原因分析及改进措施, every indicator that missed its target or
    lost points.  A score below the allotted points with an empty or placeholder cell (无,
    暂无, /, —, U+3000) leaves the reader unable to tell why points were deducted.

    Fails
    -----
    | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
    | 现场检查单位数量 | ≥75个 | 90个 | 20 | 18 | （空） |

    Passes
    ------
    | 现场检查单位数量 | ≥75个 | 70个 | 20 | 18 | 受疫情影响两批次检查延期，下年度提前安排。 |

    Limits
    ------
    Tables without a 偏差原因 column are skipped; a row whose 分值 or 得分 is not a number
    (合并单元格读不出) is skipped.
    """

    code = "DEV001"
    name = "missing-deviation-explanation"
    category = "missing-deviation-explanation"
    severity = Severity.error
    title = "指标得分低于分值，但未填写偏差原因分析及改进措施"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        for pt in doc.perf_tables:
            for ind in pt.indicators:
                if not ind.has_explanation_column or not ind.lost_points or ind.explained:
                    continue
                expl = ind.explanation
                shown = f"“{expl}”" if expl else "空白"
                project = f"（{pt.project}）" if pt.project else ""
                yield self.finding(
                    doc,
                    f"指标“{ind.name}”{project}得分{ind.text('score')}低于分值{ind.text('points')}，"
                    f"但“偏差原因分析及改进措施”为{shown}；请说明扣分原因及拟采取的改进措施。",
                    ind.line,
                    ind.end_line,
                    location={"table": pt.table.index, "row": ind.row, "col": ind.explanation_col},
                    excerpt=" | ".join(
                        ind.text(k) for k in ("name", "target", "actual", "points", "score") if ind.text(k)
                    ),
                    evidence={
                        "indicator": ind.name,
                        "project": pt.project,
                        "points": ind.points.value,
                        "score": ind.score.value,
                        "explanation": expl,
                    },
                )
