"""NUM001: the same amount stated differently in prose and tables, or twice in the prose."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from budgetlint.nlp.analysis.facts import (
    Fact,
    empty_note_conflicts,
    infer_table_units,
    likely_slip,
    side_for,
    table_sides,
)
from budgetlint.nlp.analysis.perf import PerfTable
from budgetlint.nlp.model import Document
from budgetlint.nlp.numbers.quantities import Quantity
from budgetlint.nlp.numbers.rounding import of_quantity
from budgetlint.nlp.numbers.units import MONEY_UNITS
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity

ROLE_NAMES = {"initial": "年初预算数", "adjusted": "全年预算数", "budget": "预算数", "actual": "决算（实际）数"}


@register
class NumberMismatch(Rule):
    """The same line item for the same period has different amounts in two places.

    Why
    ---
    A reader checks the prose against the tables; when 公用经费 is 104.29万元 in the text
    and 92.01万元 in the table for the same year and the same kind of figure (决算/预算),
    at least one is wrong.  Values are compared after unit conversion (元/万元/亿元) and
    with rounding tolerance (a value printed with d decimals stands for ±0.5×10^-d).
    Approximate values (余, 多, 约, +) are never compared.  Only unambiguous pairings are
    reported: one line item named in the clause, the same period and role, and a single
    value on the other side.

    The standard 部门预算/决算 tables (``nlp/data/standard_tables.yaml``) bind their cells
    by meaning: the 总计 of the 收支总表 and 财政拨款收支总表, the 合计 row's 基本支出 and
    项目支出, 人员经费合计 and 公用经费合计, each part of the 三公 table and 机关运行经费.
    A prose amount is compared with the cells of its own fund: the one its clause names
    ("一般公共预算财政拨款基本支出") or, failing that, the one of the table its section
    explains ("六、一般公共预算财政拨款基本支出决算情况说明").  When the two values differ
    by a power of ten (元 written as 万元) or the prose lost a leading digit, the message
    says so.

    A numbered paragraph's 科目 amount ("社会福利（款）社会福利事业单位（项）”738.66万元",
    "人大事务行政运行（项）支出10528.33万元", or with codes "行政运行（01项）") is compared
    with the 合计 of the one coded row of the 功能分类 tables whose names spell its path
    (so "行政运行" under 人大事务 is 2010101, not 2010301), in the table of the paragraph's
    fund: the one its section explains or its list's lead paragraph names ("财政拨款支出主要
    内容如下："); the 一般公共预算 table stands for 财政拨款 when the 财政拨款收支总表 shows no
    other fund.  A later restatement in the paragraph is compared with the first amount.

    Fails
    -----
    正文：2023年，……公用经费完成104.29万元。
    表格：| 公用经费 | 2022年决算数 83.72 | 2023年预算数 9.50 | 2023年决算数 92.01 |

    Passes
    ------
    正文：2023年，……公用经费完成92.01万元。

    Limits
    ------
    A table that does not state its unit is compared under the unit its other rows
    agree with the prose in; when no unit can be inferred, a mismatch is reported at
    warning and only if no unit (元/万元/亿元) reconciles the two values.  A 科目 path
    that spells no row or several rows, or an amount of no known fund, is not compared.
    """

    code = "NUM001"
    name = "number-mismatch"
    category = "number-mismatch"
    severity = Severity.error
    title = "正文与表格（或正文前后）同一项目同一期间的金额不一致"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        facts = doc.facts
        prose = [f for f in facts if f.source == "prose"]
        table = [f for f in facts if f.source == "table"]
        yield from self._prose_vs_table(doc, prose, table)
        yield from self._prose_vs_prose(doc, prose)
        yield from self._empty_notes(doc)
        for pt in doc.perf_tables:
            yield from self._goal_vs_indicators(doc, pt)

    # -- prose against tables --------------------------------------------------------
    def _prose_vs_table(self, doc: Document, prose: list[Fact], table: list[Fact]) -> Iterator[Finding]:
        # the table side must be unambiguous: all candidate cells of a key tell one value
        sides = table_sides(table, infer_table_units(prose, table))
        topics: set[tuple] = set()
        for p in prose:
            if p.scope == "topic":
                # a paragraph's later restatement of its 科目 amount is compared with the first
                # (below), not again with the table
                if (p.paragraph, p.item) in topics:
                    continue
                topics.add((p.paragraph, p.item))
            side = side_for(sides, p)
            if side is None:
                continue
            pi = p.yuan_interval()
            if pi is None:
                continue
            t, unit = side.fact, side.unit
            if unit:
                if pi.meets(t.yuan_interval(unit)):
                    continue
                severity = self.severity
                note = "" if t.unit else f"（表格未标明单位，按与其他项目一致的{unit}比较）"
                slip = likely_slip(p, t, unit)
                if slip:
                    note += f"（{slip}）"
            else:
                if any(pi.meets(t.yuan_interval(u)) for u in MONEY_UNITS):
                    continue
                severity = Severity.warning
                note = "（表格未标明单位；按元、万元、亿元换算均不一致）"
            tv = f"{t.quantity.text.strip()}{unit or ''}" if not t.quantity.unit else t.quantity.text.strip()
            yield self.finding(
                doc,
                f"“{p.label}”{p.period}年{ROLE_NAMES[p.role]}：正文为{p.quantity.text.strip()}（{p.where}），"
                f"表格为{tv}（{t.where}）{note}；请核对并统一。",
                p.line,
                p.end_line,
                severity=severity,
                excerpt=p.excerpt,
                evidence={
                    "item": p.item,
                    "period": p.period,
                    "role": p.role,
                    "prose": {"value": p.quantity.value, "unit": p.unit, "line": p.line},
                    "table": {
                        "value": t.quantity.value,
                        "unit": unit,
                        "line": t.line,
                        "table": t.table,
                        "row": t.row,
                        "col": t.col,
                    },
                    "unit_inferred": bool(unit and not t.unit),
                },
                location={"table": t.table, "row": t.row, "col": t.col},
            )

    # -- a note calling its table empty while the table holds amounts ----------------
    def _empty_notes(self, doc: Document) -> Iterator[Finding]:
        for c in empty_note_conflicts(doc):
            f = c.fact
            unit = f.unit or ""
            yield self.finding(
                doc,
                f"{c.caption}的表注称本表为空表（第{c.note.line}行），但表中“{f.label}”为"
                f"{f.quantity.text.strip()}{unit}（第{f.line}行）；表注与表格数据矛盾，请核对表注或表格。",
                c.note.line,
                c.note.end_line,
                excerpt=c.note.text,
                evidence={"item": f.item, "value": f.quantity.value, "unit": f.unit, "line": f.line, "table": f.table},
                location={"table": f.table, "row": f.row, "col": f.col},
            )

    # -- two statements in one paragraph about its own subject -----------------------
    def _prose_vs_prose(self, doc: Document, prose: list[Fact]) -> Iterator[Finding]:
        groups: dict[tuple, list[Fact]] = defaultdict(list)
        for p in prose:
            if p.scope == "topic":
                groups[(p.paragraph, p.item, p.period, p.role, p.label)].append(p)
        for (_, item, period, role, label), fs in groups.items():
            fs.sort(key=lambda f: f.line)
            first = fs[0]
            for other in fs[1:]:
                a, b = first.yuan_interval(), other.yuan_interval()
                if a is None or b is None or a.meets(b):
                    continue
                yield self.finding(
                    doc,
                    f"“{label}”{period}年{ROLE_NAMES[role]}前后不一致：先写{first.quantity.text.strip()}"
                    f"（第{first.line}行），后写{other.quantity.text.strip()}（第{other.line}行）；请核对并统一。",
                    first.line,
                    other.end_line,
                    excerpt=other.excerpt,
                    evidence={
                        "item": item,
                        "period": period,
                        "role": role,
                        "first": {"value": first.quantity.value, "unit": first.unit, "line": first.line},
                        "second": {"value": other.quantity.value, "unit": other.unit, "line": other.line},
                    },
                )

    # -- the goal block's 实际完成情况 against the indicator rows ---------------------
    def _goal_vs_indicators(self, doc: Document, pt: PerfTable) -> Iterator[Finding]:
        for gm in pt.goal_mentions():
            ind, q, cell, name = gm.indicator, gm.quantity, gm.cell, gm.indicator.name
            actual = ind.actual
            if actual is None or q.approx or actual.approx:
                continue
            if not _comparable(q, actual, ind.target):
                continue
            qa, qb = of_quantity(q), of_quantity(actual)
            if qa is None or qb is None or qa.meets(qb):
                continue
            yield self.finding(
                doc,
                f"指标“{name}”：年度总体目标实际完成情况写{q.text}（第{cell.line}行），"
                f"指标行实际完成值为{ind.text('actual')}（第{ind.line}行）；请核对并统一。",
                cell.line,
                cell.end_line,
                excerpt=gm.excerpt,
                location={"table": pt.table.index, "row": ind.row, "col": ind.cells["actual"].col},
                evidence={
                    "indicator": name,
                    "goal_text_value": q.value,
                    "goal_text_unit": q.unit,
                    "indicator_value": actual.value,
                    "indicator_unit": actual.unit,
                    "indicator_line": ind.line,
                },
            )


def _comparable(a: Quantity, b: Quantity, target: Quantity | None) -> bool:
    """Same unit after scaling, or one side bare and the other in the target's unit."""
    ua, ub = a.base()[1], b.base()[1]
    if ua == ub:
        return True
    if ub is None and target is not None and target.base()[1] == ua:
        return True
    if ua is None and target is not None and target.base()[1] == ub:
        return True
    return False
