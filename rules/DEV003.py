"""DEV003: a project's budget execution rate is low and nothing explains why."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.model import Document
from budgetlint.nlp.numbers.rounding import Interval, fmt
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


@register
class UnexplainedLowExecution(Rule):
    """A project's budget execution rate is low and nothing explains why.

    Why
    ---
    执行率 (全年执行数 ÷ 全年预算数) below the threshold means money was budgeted and not
    spent; reviewers expect the cause (项目延期, 采购节约, 结余 …) in the table or in the
    project's prose.  A sentence explains the shortfall when it names a cause (由于, 因,
    受…影响, 导致, 尚未 …) and the money (资金, 支出, 执行率 …).  Rates written as 0.69 and
    as 69% both count.

    Fails
    -----
    | 年度资金总额 | 50000.00 | 50000.00 | 34638.00 | 10 | 0.69 | 6.90 |  (no explanation anywhere)

    Passes
    ------
    the same row, and the deviation column says "受疫情影响接待活动减少，接待费支出相应减少。"

    Options
    -------
    threshold (default 90): the execution rate, in percent, below which a reason is due.
    """

    code = "DEV003"
    name = "unexplained-low-execution"
    category = "unexplained-low-execution"
    severity = Severity.warning
    title = "预算执行率偏低且未说明原因"
    options = {"threshold": 90}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        threshold = float(ctx.options["threshold"])
        for pt in doc.perf_tables:
            f = pt.total_fund
            if f is None:
                continue
            stated, computed = f.execution_rate()
            rate = stated or computed
            if rate is None or not rate.below(Interval.exact(threshold)):
                continue
            if pt.execution_explained(doc):
                continue
            shown = f.shown("rate") if "rate" in f.cells else f"{fmt(rate.mid)}%"
            yield self.finding(
                doc,
                f"项目“{pt.project}”预算执行率为{shown}（{fmt(rate.mid, 0)}%），低于{fmt(threshold, 0)}%，"
                f"表内及正文均未说明执行率偏低的原因；请补充原因及改进措施。",
                f.line,
                f.end_line,
                location={
                    "table": pt.table.index,
                    "row": f.row,
                    "col": f.cells["rate"].col if "rate" in f.cells else None,
                },
                evidence={"project": pt.project, "rate": rate.mid, "threshold": threshold},
            )
