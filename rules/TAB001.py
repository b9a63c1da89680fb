"""TAB001: items of a budget or final-accounts table do not add up to their total."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.analysis.ledgers import Ledger, LedgerRow
from budgetlint.nlp.model import Document
from budgetlint.nlp.numbers.quantities import Quantity
from budgetlint.nlp.numbers.rounding import Interval, fmt_like, of_quantity, total
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


def _iv(v: Quantity | None | str) -> Interval | None | str:
    if v is None:
        return Interval(0.0, 0.0)  # an empty amount cell is zero
    if isinstance(v, str):
        return "?"
    return of_quantity(v)


def _row_name(row: LedgerRow) -> str:
    if row.label and row.code:
        return f"“{row.label}”（{row.code}）"
    return f"“{row.label}”" if row.label else f"科目{row.code}"


def _printed_sum(values: list[Quantity | None]) -> float:
    return sum(v.value for v in values if v is not None)


def _decimals(values: list[Quantity | None]) -> int:
    return max((v.decimals for v in values if v is not None), default=0)


@register
class TableArithmetic(Rule):
    """Items of a budget or final-accounts table do not add up to their total.

    Why
    ---
    Every amount table is a sum: a 科目 adds up its sub-科目 (201 = 20137 + …; 301 = 30101
    + 30102 + …), the 合计 row adds up the top-level rows, the 合计 column adds up the
    columns after it (基本支出 + 项目支出), and a 收支总表 balances (收入总计 = 支出总计).  A
    table that does not add up is wrong somewhere, however small the difference.
    Comparisons are rounding-aware: n items of 2 decimals may differ from their total by
    up to n × 0.005.  A difference inside that tolerance is a rounding step, reported at
    info; a 合计 column is checked only when most rows of the table satisfy it (so a
    header with sub-columns is never misread); tables with unreadable cells are skipped.

    Fails
    -----
    | 2040601 | 行政运行 | 14,348,853.34 | 14,348,853.34 | 64,840,547.00 |   (合计 ≠ 基本 + 项目)

    Passes
    ------
    | 2040604 | 基层司法业务 | 21,703,947.00 | 0.00 | 21,703,947.00 |
    """

    code = "TAB001"
    name = "table-arithmetic"
    category = "arithmetic-error"
    severity = Severity.error
    title = "预决算表格的分项与合计不符"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        for led in doc.ledgers:
            yield from self._hierarchy(doc, led)
            yield from self._total_row(doc, led)
            yield from self._total_column(doc, led)

    def _report(
        self,
        doc,
        led: Ledger,
        row: LedgerRow,
        pos: int,
        stated: Quantity,
        parts: list[Quantity | None],
        what: str,
        inputs: list[str],
    ):
        s = total(_iv(p) for p in parts)
        st = of_quantity(stated)
        printed = _printed_sum(parts)
        d = max(_decimals(parts), stated.decimals)
        if st.meets(s):
            if round(printed, d) == round(stated.value, d):
                return None
            severity, note = Severity.info, "（在各项四舍五入的误差范围内，属尾差）"
        else:
            severity, note = None, ""
        col = f"“{led.columns[pos]}”列" if pos < len(led.columns) else ""
        unit = led.table.unit or ""
        return self.finding(
            doc,
            f"{led.table.caption or '表格'}：{_row_name(row)}{col}为"
            f"{stated.text.strip()}{unit}，{what}合计为{fmt_like(printed, d, stated)}{unit}{note}；请核对。",
            row.line,
            row.end_line,
            severity=severity,
            location={"table": led.table.index, "row": row.row, "col": row.amounts[pos].col},
            excerpt=f"{row.code} {row.label} {stated.text.strip()}",
            evidence={
                "check": what,
                "stated": stated.value,
                "computed": round(printed, d + 2),
                "tolerance": s.width / 2 + st.width / 2,
                "inputs": inputs,
            },
        )

    def _sum_of_rows(self, doc: Document, led: Ledger, row: LedgerRow, parts: list[LedgerRow], what: str) -> Iterator:
        """``row`` against the sum of ``parts``, amount position by amount position."""
        for pos in range(len(row.amounts)):
            stated = row.value(pos)
            if not isinstance(stated, Quantity):
                continue
            vals = [p.value(pos) for p in parts]
            if any(v == "?" for v in vals) or all(v is None for v in vals):
                continue
            inputs = [f"{p.code}:{p.amounts[pos].text.strip() if pos < len(p.amounts) else ''}" for p in parts]
            f = self._report(doc, led, row, pos, stated, vals, what, inputs)
            if f is not None:
                yield f

    def _hierarchy(self, doc: Document, led: Ledger) -> Iterator:
        for parent in led.coded().values():
            kids = led.children(parent)
            if kids and parent.reliable and all(k.reliable for k in kids):
                yield from self._sum_of_rows(doc, led, parent, kids, "其下级科目")

    def _total_row(self, doc: Document, led: Ledger) -> Iterator:
        coded = led.coded()
        # without the table's own header in this block the rows may be a continuation
        # of a table split across pages, and the top-level rows incomplete
        if not coded or led.header_row is None or led.ambiguous:
            return
        top = min(len(c) for c in coded)
        tops = [r for c, r in coded.items() if len(c) == top]
        if not all(t.reliable for t in tops):
            return
        total_row = next((r for r in led.rows if r.is_total and r.reliable), None)
        if total_row is not None:
            yield from self._sum_of_rows(doc, led, total_row, tops, "各类科目")

    def _total_column(self, doc: Document, led: Ledger) -> Iterator:
        n = len(led.columns)
        if n < 3:
            return
        checks = []
        for row in led.rows:
            if len(row.amounts) < n or not row.reliable:
                continue
            stated = row.value(0)
            parts = [row.value(i) for i in range(1, n)]
            if not isinstance(stated, Quantity) or any(p == "?" for p in parts):
                continue
            s = total(_iv(p) for p in parts)
            checks.append((row, stated, parts, of_quantity(stated).meets(s)))
        ok = sum(1 for c in checks if c[3])
        # the header must really mean 合计 = the columns after it: most rows agree
        if len(checks) < 3 or ok < 2 * len(checks) / 3:
            return
        for row, stated, parts, _ in checks:
            f = self._report(
                doc,
                led,
                row,
                0,
                stated,
                parts,
                "、".join(led.columns[1:]) + "之",
                [f"{led.columns[i]}:{row.amounts[i].text.strip()}" for i in range(1, n)],
            )
            if f is not None:
                yield f
