"""NUM002: a sentence's own arithmetic does not hold: a change, a breakdown or a rate."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.model import Document
from budgetlint.nlp.numbers.quantities import Quantity
from budgetlint.nlp.numbers.rounding import Interval, consistent, fmt, of_quantity, percent, total, widen
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


def _last_digit_only(stated: Quantity, computed: Interval) -> bool:
    """The stated value misses the computed one by at most one unit of its last printed
    digit: a truncation or a different rounding, reported at info."""
    return of_quantity(stated).meets(widen(computed, stated.decimals))


_STEP_NOTE = "（仅末位相差，可能是截尾或舍入方式不同）"


def _wan(x: float) -> str:
    """An amount in 元 shown in 万元 with two decimals."""
    return fmt(x / 1e4)


_DIR_WORD = {"up": "增加", "down": "减少", "flat": "持平"}


@register
class ProseArithmetic(Rule):
    """A sentence's own arithmetic does not hold: a change, a breakdown or a rate.

    Why
    ---
    Reviewers re-add the numbers of every explanation: "比上年增加X万元，增长Y%" must agree
    with the amount it describes (the base is the current amount minus the change, or the
    amount the sentence itself names for the earlier year); the parts listed after 其中 must
    not exceed their total, and each "占…的P%" must be the part's share; a stated 执行率 must
    be the spending over the budget; and 增加 must not describe a fall.  Every comparison
    uses the rounding model (a value printed with d decimals stands for ±0.5×10^-d) and
    approximate values are never used.

    Fails
    -----
    人员经费完成109.33万元，比上年增加36.14万，上升22.24%。   (36.14 ÷ 73.19 = 49.38%)

    Passes
    ------
    公用经费完成104.29万元，比上年增加14.99万元，上升16.79%。   (14.99 ÷ 89.30 = 16.79%)
    """

    code = "NUM002"
    name = "prose-arithmetic"
    category = "arithmetic-error"
    severity = Severity.error
    title = "正文中的增减额、增减率、占比、合计或执行率计算错误"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        st = doc.statements
        for ch in st.changes:
            yield from self._change(doc, ch)
        for bd in st.breakdowns:
            yield from self._breakdown(doc, bd)
        for rs in st.rates:
            yield from self._rate(doc, rs)

    def _emit(self, doc, msg, lines, excerpt, evidence, severity=None):
        return self.finding(doc, msg, lines[0], lines[1], excerpt=excerpt, evidence=evidence, severity=severity)

    def _change(self, doc: Document, ch) -> Iterator[Finding]:
        c = of_quantity(ch.current.q)
        if c is None:
            return
        label = _quoted(ch.current.item)
        excerpt = ch.para.text[ch.start : ch.end]
        rate = of_quantity(ch.rate) if ch.rate is not None else None
        if (
            ch.delta is not None
            and ch.rate is not None
            and ch.rate_direction
            and ch.rate_direction != ch.direction
            and "flat" not in (ch.direction, ch.rate_direction)
        ):
            yield self._emit(
                doc,
                f"{label}：增减额写“{_DIR_WORD[ch.direction]}”，增减率却写“{_DIR_WORD[ch.rate_direction]}”，"
                f"方向矛盾；请核对。",
                ch.lines,
                excerpt,
                {"check": "direction", "stated": ch.rate_direction, "computed": ch.direction},
            )
            return
        if ch.base is not None:
            b = of_quantity(ch.base.q)
            if b is None:
                return
            diff = c - b
            actual_dir = "up" if diff.lo > 0 else "down" if diff.hi < 0 else "flat"
            mag = (
                Interval(abs(diff.lo), abs(diff.hi))
                if actual_dir != "flat"
                else Interval(0.0, max(abs(diff.lo), abs(diff.hi)))
            )
            if actual_dir != "flat" and ch.direction != actual_dir:
                computed = percent(mag, b)
                yield self._emit(
                    doc,
                    f"{label}{ch.current.q.text}比{ch.base.q.text}{'高' if actual_dir == 'up' else '低'}，"
                    f"文中却写“{_DIR_WORD[ch.direction]}”"
                    + (
                        f"，应为{_DIR_WORD[actual_dir]}{fmt(computed.mid)}%"
                        if computed is not None and ch.rate is not None
                        else ""
                    )
                    + "；请核对。",
                    ch.lines,
                    excerpt,
                    {
                        "check": "direction",
                        "stated": ch.direction,
                        "computed": actual_dir,
                        "inputs": [ch.current.q.text, ch.base.q.text],
                    },
                )
                return
            if ch.delta is not None:
                d = of_quantity(ch.delta)
                if d is not None and not consistent(d, mag):
                    yield self._emit(
                        doc,
                        f"{label}增减额应为{_wan(mag.mid)}万元（{ch.current.q.text} − {ch.base.q.text}），文中为{ch.delta.text}。",
                        ch.lines,
                        excerpt,
                        {
                            "check": "change",
                            "stated": ch.delta.value,
                            "computed": mag.mid / 1e4,
                            "tolerance": mag.width / 2e4,
                            "inputs": [ch.current.q.text, ch.base.q.text],
                        },
                    )
            if rate is not None:
                computed = percent(mag, b)
                if not consistent(rate, computed):
                    step = _last_digit_only(ch.rate, computed)
                    yield self._emit(
                        doc,
                        f"{label}增减率应为{_DIR_WORD[actual_dir] if actual_dir != 'flat' else ''}{fmt(computed.mid)}%"
                        f"（{_wan(mag.mid)} ÷ {ch.base.q.text}），文中为{_DIR_WORD[ch.rate_direction or ch.direction]}{ch.rate.text}"
                        f"{_STEP_NOTE if step else ''}。",
                        ch.lines,
                        excerpt,
                        {
                            "check": "rate",
                            "stated": ch.rate.value,
                            "computed": computed.mid,
                            "tolerance": computed.width / 2,
                            "inputs": [ch.current.q.text, ch.base.q.text],
                        },
                        Severity.info if step else None,
                    )
            return
        if ch.delta is None or rate is None:
            return
        d = of_quantity(ch.delta)
        if d is None or ch.direction == "flat":
            return
        base = c - d if ch.direction == "up" else c + d
        computed = percent(d, base)
        if computed is None or consistent(rate, computed):
            return
        step = _last_digit_only(ch.rate, computed)
        kind = "增长率" if ch.direction == "up" else "下降率"
        yield self._emit(
            doc,
            f"{label}{kind}应为{fmt(computed.mid)}%（{_plain_amount(ch.delta)} ÷ {_wan(base.mid)}），"
            f"文中为{ch.rate.text}{_STEP_NOTE if step else ''}。",
            ch.lines,
            excerpt,
            {
                "check": "rate",
                "stated": ch.rate.value,
                "computed": computed.mid,
                "tolerance": computed.width / 2,
                "inputs": [ch.current.q.text, ch.delta.text],
            },
            Severity.info if step else None,
        )

    def _breakdown(self, doc: Document, bd) -> Iterator[Finding]:
        t = of_quantity(bd.total.q)
        parts = [of_quantity(p.amount.q) for p in bd.parts]
        if t is None or None in parts:
            return
        s = total(parts)
        label = _quoted(bd.total.item)
        excerpt = bd.para.text[bd.start : bd.end]
        shares = [p.share for p in bd.parts]
        exhaustive = all(q is not None for q in shares) and consistent(
            Interval(100.0, 100.0), total(of_quantity(q) for q in shares if of_quantity(q) is not None)
        )
        if s.above(t) or (exhaustive and s.below(t)):
            yield self._emit(
                doc,
                f"{label}{bd.total.q.text}，其中各项合计为{_wan(s.mid)}万元，"
                f"{'超过' if s.above(t) else '少于'}合计数；请核对各分项。",
                bd.lines,
                excerpt,
                {
                    "check": "parts",
                    "stated": bd.total.q.value,
                    "computed": s.mid / 1e4,
                    "tolerance": s.width / 2e4,
                    "inputs": [p.amount.q.text for p in bd.parts],
                },
            )
        for p in bd.parts:
            if p.share is None:
                continue
            share = of_quantity(p.share)
            computed = percent(of_quantity(p.amount.q), t)
            if share is not None and not consistent(share, computed):
                a, b = bd.para.body.span_lines(p.amount.q.start, p.share.end)
                step = _last_digit_only(p.share, computed)
                yield self.finding(
                    doc,
                    f"{_quoted(p.amount.item)}占比应为{fmt(computed.mid)}%（{p.amount.q.text} ÷ {bd.total.q.text}），"
                    f"文中为{p.share.text}{_STEP_NOTE if step else ''}。",
                    a,
                    b,
                    severity=Severity.info if step else None,
                    excerpt=bd.para.text[p.amount.q.start : p.share.end],
                    evidence={
                        "check": "share",
                        "stated": p.share.value,
                        "computed": computed.mid,
                        "tolerance": computed.width / 2,
                        "inputs": [p.amount.q.text, bd.total.q.text],
                    },
                )

    def _rate(self, doc: Document, rs) -> Iterator[Finding]:
        stated = of_quantity(rs.rate)
        computed = percent(of_quantity(rs.spent.q), of_quantity(rs.budget.q))
        if stated is None or consistent(stated, computed):
            return
        step = _last_digit_only(rs.rate, computed)
        yield self._emit(
            doc,
            f"执行率应为{fmt(computed.mid)}%（{rs.spent.q.text} ÷ {rs.budget.q.text}），文中为{rs.rate.text}"
            f"{_STEP_NOTE if step else ''}。",
            rs.lines,
            rs.para.text[rs.budget.q.start : rs.rate.end],
            {
                "check": "execution-rate",
                "stated": rs.rate.value,
                "computed": computed.mid,
                "tolerance": computed.width / 2,
                "inputs": [rs.spent.q.text, rs.budget.q.text],
            },
            Severity.info if step else None,
        )


def _plain_amount(q: Quantity) -> str:
    return f"{q.value:.{q.decimals}f}"


def _quoted(item: str) -> str:
    return f"“{item}”" if item else "该项"
