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
    digit: a truncation or a different rounding, reported at info.  A percentage printed
    without decimals ("增长30%") has no such slack: its last digit is a whole point, and
    29.15% printed as 30% is simply wrong."""
    if stated.decimals == 0:
        return False
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

    Also read: a change sentence with no subject of its own ("与上年相比减少了1237.7万元，
    减少13.22%") is about the one amount the sentence before states; shares "占“三公”经费的
    P%" of a whole made of fixed parts (the data file's compositions) are checked against
    the parts' sum when every part is named; a one-clause reason that only says which way
    the item's money went ("主要原因是：……经费增加") must agree with the change; parts of a
    measured total in brackets ("8013平方米（其中计容面积7998平方米，不计容面积105平方米）")
    must not exceed it; and an execution rate that equals the bare ratio of a budget and a
    spending printed in different units (元 and 万元) is reported as a unit slip.

    Limits
    ------
    A one-digit miss in the last decimal is reported at info (truncation); a percentage
    printed without decimals gets no such slack.  Reasons with more than one movement, or
    about something other than the item's money (人数, 业务量), are not judged; bracketed
    parts of counts (人, 个) are not added, since they may overlap.

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
        for cs in st.composed:
            yield from self._composed(doc, cs)

    def _emit(self, doc, msg, lines, excerpt, evidence, severity=None):
        return self.finding(doc, msg, lines[0], lines[1], excerpt=excerpt, evidence=evidence, severity=severity)

    def _change(self, doc: Document, ch) -> Iterator[Finding]:
        found = list(self._change_figures(doc, ch))
        yield from found
        if not found:
            yield from self._reason(doc, ch)

    def _reason(self, doc: Document, ch) -> Iterator[Finding]:
        """The reason says the money went the other way than the figures."""
        if ch.reason_direction is None or ch.direction == "flat" or ch.reason_direction == "flat":
            return
        direction = ch.direction
        if ch.base is not None:
            c, b = of_quantity(ch.current.q), of_quantity(ch.base.q)
            if c is None or b is None or not (c.above(b) or c.below(b)):
                return
            direction = "up" if c.above(b) else "down"
            if direction != ch.direction:
                return
        if ch.reason_direction == direction:
            return
        r0, r1 = ch.reason_span
        a, _ = ch.lines
        _, b = ch.para.body.span_lines(r0, r1)
        reason = ch.para.text[r0:r1].strip()
        figures = f"{ch.current.q.text}比{ch.base.q.text}" if ch.base is not None else f"{ch.current.q.text}比上期"
        yield self._emit(
            doc,
            f"{_quoted(ch.current.item)}{figures}{_DIR_WORD[direction]}，所述原因“{reason}”却说"
            f"{_DIR_WORD[ch.reason_direction]}，方向矛盾；请核对原因或增减方向。",
            (a, b),
            ch.para.text[ch.start : r1],
            {"check": "reason-direction", "stated": ch.reason_direction, "computed": direction},
        )

    def _change_figures(self, doc: Document, ch) -> Iterator[Finding]:
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
            if bd.total.q.kind == "money":
                summed = f"{_wan(s.mid)}万元"
            else:
                summed = fmt(s.mid, max(p.amount.q.decimals for p in bd.parts)) + (bd.total.q.unit or "")
            yield self._emit(
                doc,
                f"{label}{bd.total.q.text}，其中各项合计为{summed}，"
                f"{'超过' if s.above(t) else '少于'}合计数；请核对各分项。",
                bd.lines,
                excerpt,
                {
                    "check": "parts",
                    "stated": bd.total.q.value,
                    "computed": s.mid / 1e4 if bd.total.q.kind == "money" else s.mid,
                    "tolerance": s.width / 2e4 if bd.total.q.kind == "money" else s.width / 2,
                    "inputs": [p.amount.q.text for p in bd.parts],
                },
            )
        for p in bd.parts:
            if p.share is None:
                continue
            share = of_quantity(p.share)
            computed = percent(of_quantity(p.amount.q), t)
            if share is not None and not consistent(share, computed):
                a, b = p.amount.para.body.span_lines(p.amount.q.start, p.share.end)
                step = _last_digit_only(p.share, computed)
                yield self.finding(
                    doc,
                    f"{_quoted(p.amount.item)}占比应为{fmt(computed.mid)}%（{p.amount.q.text} ÷ {bd.total.q.text}），"
                    f"文中为{p.share.text}{_STEP_NOTE if step else ''}。",
                    a,
                    b,
                    severity=Severity.info if step else None,
                    excerpt=p.amount.para.text[p.amount.q.start : p.share.end],
                    evidence={
                        "check": "share",
                        "stated": p.share.value,
                        "computed": computed.mid,
                        "tolerance": computed.width / 2,
                        "inputs": [p.amount.q.text, bd.total.q.text],
                    },
                )

    def _composed(self, doc: Document, cs) -> Iterator[Finding]:
        """Shares of a whole made of fixed parts: the whole is the parts' sum."""
        amounts = [of_quantity(p.amount.q) for p in cs.parts]
        shares = [of_quantity(p.share) for p in cs.parts]
        if None in amounts or None in shares:
            return
        whole = total(amounts)
        wrong, steps = [], []
        for p, a, sh in zip(cs.parts, amounts, shares):
            computed = percent(a, whole)
            if consistent(sh, computed):
                continue
            (steps if _last_digit_only(p.share, computed) else wrong).append((p, computed))
        if not wrong and not steps:
            return
        names = "、".join(p.amount.item for p in cs.parts)
        detail = "；".join(f"{_quoted(p.amount.item)}应为{fmt(c.mid)}%，文中为{p.share.text}" for p, c in wrong + steps)
        yield self._emit(
            doc,
            f"{cs.whole}由{names}组成，合计{_wan(whole.mid)}万元；按此计算占比：{detail}"
            f"{_STEP_NOTE if not wrong else ''}。请核对占比的分母。",
            cs.lines,
            cs.para.text[cs.start : cs.end],
            {
                "check": "composed-share",
                "stated": [p.share.value for p in cs.parts],
                "computed": [percent(a, whole).mid for a in amounts],
                "inputs": [p.amount.q.text for p in cs.parts],
            },
            None if wrong else Severity.info,
        )

    def _rate(self, doc: Document, rs) -> Iterator[Finding]:
        stated = of_quantity(rs.rate)
        computed = percent(of_quantity(rs.spent.q), of_quantity(rs.budget.q))
        if stated is None or consistent(stated, computed):
            return
        if rs.budget.q.unit != rs.spent.q.unit:
            raw = percent(of_quantity(rs.spent.q, unit_scale=False), of_quantity(rs.budget.q, unit_scale=False))
            if raw is not None and consistent(stated, raw):
                yield self._emit(
                    doc,
                    f"执行率{rs.rate.text}等于{rs.spent.q.text}与{rs.budget.q.text}两个数字直接相除，"
                    f"但两者单位不同（{rs.spent.q.unit}与{rs.budget.q.unit}）：或是其中一个金额的单位写错，"
                    f"或是计算时未换算单位（按所写单位应为{fmt(computed.mid)}%）；请核对单位。",
                    rs.lines,
                    rs.para.text[rs.budget.q.start : rs.rate.end],
                    {
                        "check": "execution-rate-units",
                        "stated": rs.rate.value,
                        "computed": computed.mid,
                        "tolerance": computed.width / 2,
                        "inputs": [rs.spent.q.text, rs.budget.q.text],
                    },
                )
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
