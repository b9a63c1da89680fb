"""TAB003: one 科目 code with different 合计 amounts in two tables of one fund."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.analysis.ledgers import code_conflicts
from budgetlint.nlp.model import Document
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


@register
class CrossTableCode(Rule):
    """The same 功能分类 or 经济分类 code has different amounts in two tables of one fund.

    Why
    ---
    A 部门预算/决算 prints one classification in several tables: the 收入表 and the 支出表
    both list every 功能分类 code of all funds with its 合计.  When 2080505 is 6.18万元 in
    one and 6.81万元 in the other, one of them is wrong.

    Fails
    -----
    收入决算表（单位：万元）：| 2080505 | 机关事业单位基本养老保险缴费支出 | 合计 6.18 | …
    支出决算表（单位：万元）：| 2080505 | 机关事业单位基本养老保险缴费支出 | 合计 6.81 | …

    Passes
    ------
    The two 合计 agree, or differ by less than their rounding (326.71 and 326.72 can both
    round one value); tables of different funds (支出预算总表 of all funds against the
    一般公共预算支出表) are never compared.

    Options
    -------
    None.

    Limits
    ------
    Compared only when both tables are standard tables of the same fund
    (``nlp/data/standard_tables.yaml``), both state their unit, the first amount column of
    both is 合计, both rows line up with their header, and neither table lists the code
    twice with different amounts.
    """

    code = "TAB003"
    name = "cross-table-code-mismatch"
    category = "number-mismatch"
    severity = Severity.error
    title = "同一科目在同一资金口径的两张表中金额不一致"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        for c in code_conflicts(doc):
            (a, ra), (b, rb) = c.first, c.second
            va, vb = ra.amounts[0], rb.amounts[0]
            name = ra.label or rb.label
            yield self.finding(
                doc,
                f"科目{c.code}“{name}”：{a.table.caption}（第{ra.line}行）合计为{va.text.strip()}{a.table.unit}，"
                f"{b.table.caption}（第{rb.line}行）合计为{vb.text.strip()}{b.table.unit}；同一科目在两张表中应一致，请核对。",
                rb.line,
                rb.end_line,
                excerpt=vb.text,
                evidence={
                    "code": c.code,
                    "fund": c.fund,
                    "first": {"table": a.table.index, "line": ra.line, "text": va.text},
                    "second": {"table": b.table.index, "line": rb.line, "text": vb.text},
                },
                location={"table": b.table.index, "row": rb.row, "col": vb.col},
            )
