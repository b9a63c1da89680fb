"""Rules on the arithmetic and the scoring of performance self-evaluation tables."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator


from budgetlint.nlp.lexicon import load
from budgetlint.nlp.model import Document
from budgetlint.nlp.analysis.perf import FundRow, Indicator, PerfTable, explains_execution
from budgetlint.nlp.numbers.quantities import Quantity, parse_value
from budgetlint.nlp.numbers.rounding import Interval, consistent, fmt, of_quantity, percent, total, widen
from budgetlint.nlp.analysis.sections import is_placeholder
from budgetlint.rules import register
from budgetlint.rules.base import Rule, RuleContext, Severity



@lru_cache(maxsize=1)
def _spec() -> dict:
    return load("perf")


def rate_interval(q: Quantity | None) -> Interval | None:
    """An execution rate as a percentage interval: 99.25% or a fraction 0.69 (= 69%)."""
    if q is None or q.approx or q.comparator:
        return None
    if q.unit == "%":
        return Interval.printed(q.value, q.decimals)
    if q.unit is None and q.value <= 1.5:
        return Interval.printed(q.value, q.decimals) * 100.0
    return None


def _plain(q: Quantity | None) -> Interval | None:
    if q is None or q.approx or q.comparator or q.unit not in (None, "分"):
        return None
    return Interval.printed(q.value, q.decimals)


def _points(q: Quantity | None) -> Interval | None:
    """分值 are allotments, exact as printed (unlike scores, which are rounded results)."""
    if q is None or q.approx or q.comparator or q.unit not in (None, "分"):
        return None
    return Interval.exact(q.value)


def execution_rate(f: FundRow) -> tuple[Interval | None, Interval | None]:
    """(stated rate %, rate computed from 全年执行数 ÷ 全年预算数 %)."""
    stated = rate_interval(f.value("rate"))
    budget = f.value("budget") or f.value("initial")
    executed = f.value("executed")
    computed = None
    if budget is not None and executed is not None and not budget.approx and not executed.approx:
        if budget.unit == executed.unit or None in (budget.unit, executed.unit):
            computed = percent(of_quantity(executed), of_quantity(budget))
    return stated, computed


def _loc(pt: PerfTable, row: int, col: int | None = None) -> dict:
    return {"table": pt.table.index, "row": row, "col": col}


@register
class PerfTableArithmetic(Rule):
    """The numbers of a 绩效自评表 do not add up.

    Why
    ---
    A self-evaluation table is arithmetic before it is judgement: allotted points add up
    to 100, the scores add up to 总分, 执行率 = 全年执行数 ÷ 全年预算数, the fund score is
    执行率 × 分值 (capped at 分值), the grade follows the total (优 ≥ 90, 良 ≥ 80, 中 ≥ 60),
    and the prose that quotes the total quotes the table.  Every check is rounding-aware
    (a value printed with d decimals stands for ±0.5×10^-d) and a table with rows whose
    分值/得分 could not be read is not summed.

    Fails
    -----
    | 年度资金总额 | 6860000.00 | 6861500.00 | 6736869.29 | 10 | 0.98 | 9.80 |
    indicators: 分值 5+4+3+… = 87, 得分 84; | 总分 | 100 | 96.8 |
    (points add to 97, scores to 93.8)

    Passes
    ------
    indicators 分值 90, 得分 90; fund 10 / 6.90; | 总分 | 100 | 96.9 |

    Options
    -------
    total-points (default 100): the points a table must allot.
    """

    code = "TAB002"
    name = "perf-table-arithmetic"
    category = "arithmetic-error"
    severity = Severity.error
    title = "绩效自评表的分值、得分、执行率或等级计算不一致"
    options = {"total-points": 100}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator:
        for pt in doc.perf_tables:
            yield from self._sums(doc, pt, float(ctx.options.get("total-points", 100)))
            yield from self._fund(doc, pt)
            yield from self._grade(doc, pt)
            yield from self._prose_total(doc, pt)

    def _sums(self, doc: Document, pt: PerfTable, target: float) -> Iterator:
        f = pt.total_fund
        if not pt.indicators or pt.total_row is None or pt.unread_rows or f is None:
            return
        fp = _points(f.value("points"))
        pts = [_points(i.points) for i in pt.indicators]
        if fp is None or None in pts:
            return
        line, end = pt.line, pt.end_line
        name = f"“{pt.project}”" if pt.project else ""
        points = total(pts) + fp
        stated_points = _points(parse_value(pt.total_points.text)) if pt.total_points else None
        ind_points = total(pts)
        if stated_points is not None and not consistent(stated_points, points):
            yield self.finding(
                doc,
                f"绩效自评表{name}各项分值合计为{fmt(points.mid, 0)}（指标{fmt(ind_points.mid, 0)}＋资金{fmt(fp.mid, 0)}），"
                f"总分栏为{pt.total_points.text.strip()}；请核对各指标分值。",
                line, end, location=_loc(pt, pt.total_row, pt.total_points.col),
                evidence={"check": "points", "stated": stated_points.mid, "computed": points.mid,
                          "tolerance": points.width / 2, "inputs": [p.mid for p in pts] + [fp.mid]})
        elif not points.contains(target):
            yield self.finding(
                doc,
                f"绩效自评表{name}各项分值合计为{fmt(points.mid, 0)}，不是{fmt(target, 0)}；请核对指标分值设置。",
                line, end, location=_loc(pt, pt.total_row),
                evidence={"check": "points", "stated": target, "computed": points.mid, "tolerance": 0,
                          "inputs": [p.mid for p in pts] + [fp.mid]})
        stated_q = parse_value(pt.total_score.text) if pt.total_score else None
        score_qs = [i.score for i in pt.indicators] + [f.value("score")]
        if _plain(stated_q) is None or any(_plain(q) is None for q in score_qs):
            return
        # a table prints its scores to one precision: "5" beside "9.80" and "96.8" is 5.00,
        # not anything from 4.5 to 5.5
        d = max(q.decimals for q in score_qs + [stated_q])
        scs = [Interval.printed(q.value, d) for q in score_qs[:-1]]
        fs = Interval.printed(score_qs[-1].value, d)
        stated_score = Interval.printed(stated_q.value, d)
        scores = total(scs) + fs
        if not consistent(stated_score, scores):
            yield self.finding(
                doc,
                f"绩效自评表{name}各项得分合计为{fmt(scores.mid, 2).rstrip('0').rstrip('.')}（指标{fmt(total(scs).mid, 2).rstrip('0').rstrip('.')}"
                f"＋资金{pt.total_fund.value('score').text}），总分栏为{pt.total_score.text.strip()}；请核对得分或总分。",
                line, end, location=_loc(pt, pt.total_row, pt.total_score.col),
                evidence={"check": "scores", "stated": stated_score.mid, "computed": scores.mid,
                          "tolerance": scores.width / 2 + stated_score.width / 2,
                          "inputs": [s.mid for s in scs] + [fs.mid]})

    def _fund(self, doc: Document, pt: PerfTable) -> Iterator:
        for f in pt.funds:
            stated, computed = execution_rate(f)
            rate_cell = f.cells.get("rate")
            if stated is not None and computed is not None and not consistent(stated, computed):
                yield self.finding(
                    doc,
                    f"“{pt.project}”{f.label}执行率应为{fmt(computed.mid)}%（{f.cells['executed'].text.strip()} ÷ "
                    f"{(f.cells.get('budget') or f.cells['initial']).text.strip()}），表中为{rate_cell.text.strip()}。",
                    f.line, f.end_line, location=_loc(pt, f.row, rate_cell.col),
                    evidence={"check": "rate", "stated": stated.mid, "computed": computed.mid,
                              "tolerance": stated.width / 2})
            points, sq = _points(f.value("points")), f.value("score")
            if stated is None or points is None or _plain(sq) is None:
                continue
            # a fund score is printed to at least one decimal; a bare "10" means 10.0
            score = Interval.printed(sq.value, max(sq.decimals, 1))
            expected = (stated * points / 100.0).clamp(hi=points.hi)
            # units often truncate rather than round (98.53% × 10 → 9.8): allow one unit
            # of the printed score's last decimal below the exact product
            if not consistent(score, widen(expected, max(sq.decimals, 1), above=False)):
                yield self.finding(
                    doc,
                    f"“{pt.project}”资金得分应为执行率×分值＝{fmt(expected.mid)}（{rate_cell.text.strip()} × "
                    f"{f.cells['points'].text.strip()}），表中为{f.cells['score'].text.strip()}。",
                    f.line, f.end_line, severity=Severity.warning,
                    location=_loc(pt, f.row, f.cells["score"].col),
                    evidence={"check": "fund-score", "stated": score.mid, "computed": expected.mid,
                              "tolerance": score.width / 2})

    def _grade(self, doc: Document, pt: PerfTable) -> Iterator:
        if pt.total_score is None:
            return
        score = _plain(parse_value(pt.total_score.text))
        if score is None:
            return
        band = _band(score.mid)
        later = [p.first_row for p in doc.perf_tables if p.table is pt.table and p.first_row > pt.first_row]
        stated = pt.stated_grade(min(later) if later else len(pt.table.rows))
        if stated is None or stated[0] == band:
            return
        grade, written, r = stated
        line, end = pt.table.row_span(r)
        yield self.finding(
            doc,
            f"“{pt.project}”总分{pt.total_score.text.strip()}对应等级应为“{band}”，表中写“{written}”。",
            line, end, location=_loc(pt, r),
            evidence={"check": "grade", "stated": grade, "computed": band, "inputs": [score.mid]})

    def _prose_total(self, doc: Document, pt: PerfTable) -> Iterator:
        if pt.total_score is None:
            return
        table_total = _plain(parse_value(pt.total_score.text))
        if table_total is None:
            return
        for para, start, end_, q in pt.quoted_totals(doc):
            stated = _plain(q)
            if stated is not None and not consistent(stated, table_total):
                line, end = para.body.span_lines(start, end_)
                yield self.finding(
                    doc,
                    f"正文写“{pt.project}”得分{q.text}分，其绩效自评表总分为{pt.total_score.text.strip()}"
                    f"（第{pt.total_score.line}行）；请核对。",
                    line, end, excerpt=para.text[start:end_],
                    evidence={"check": "prose-total", "stated": stated.mid, "computed": table_total.mid,
                              "table_line": pt.total_score.line})


def _band(score: float) -> str:
    grades = sorted(_spec()["grades"].items(), key=lambda kv: -kv[1])
    for g, lo in grades:
        if score >= lo:
            return g
    return grades[-1][0]


# -- DEV002 ------------------------------------------------------------------------------

def _target_direction(ind: Indicator, target: Quantity) -> str:
    """">=", "<=" or "=" — an explicit comparator, else "<=" for a reverse indicator
    (偏差率, 投诉率 …) and ">=" otherwise."""
    comp = target.comparator
    if comp in (">=", ">"):
        return ">="
    if comp in ("<=", "<"):
        return "<="
    if comp == "=":
        return "="
    if any(w in ind.name for w in _spec()["reverse_name_words"]):
        return "<="
    return ">="


def target_status(ind: Indicator) -> tuple[str, Quantity, Quantity] | None:
    """("met" | "missed", target, actual) for a quantitative indicator, else None."""
    target = parse_value(ind.text("target"))
    if target is None or target.approx:
        return None
    actual = ind.actual_in(target)
    if actual is None:
        return None
    direction = _target_direction(ind, target)
    t = of_quantity(target)
    if actual.approx:
        # "2000余套", "98%以上": a lower bound, enough to say a ≥ target was met
        if actual.approx_kind == "at_least" and direction == ">=" and actual.base()[0] >= target.base()[0]:
            return "met", target, actual
        return None
    a = of_quantity(actual)
    if a is None or t is None:
        return None
    if direction == ">=":
        missed = a.below(t)
    elif direction == "<=":
        missed = a.above(t)
    else:
        missed = not a.meets(t)
    return ("missed" if missed else "met"), target, actual


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

    def check(self, doc: Document, ctx: RuleContext) -> Iterator:
        for pt in doc.perf_tables:
            for ind in pt.indicators:
                p, s = _points(ind.points), _plain(ind.score)
                if p is None or s is None or p.mid <= 0:
                    continue
                status = target_status(ind)
                if status is None:
                    continue
                verdict, target, actual = status
                expl = ind.text("explanation")
                full = not s.below(p)
                loc = _loc(pt, ind.row, ind.cells["score"].col)
                ev = {"indicator": ind.name, "target": ind.text("target"), "actual": actual.text,
                      "points": p.mid, "score": s.mid}
                if verdict == "missed" and full:
                    if any(w in expl for w in _spec()["target_revised"]):
                        continue
                    yield self.finding(
                        doc,
                        f"指标“{ind.name}”年度指标值{ind.text('target')}，实际完成{actual.text.strip()}，未达目标却得满分"
                        f"（{ind.text('score')}/{ind.text('points')}）；请按完成比例计分或说明理由。",
                        ind.line, ind.end_line, location=loc, evidence=ev)
                elif verdict == "met" and s.below(p):
                    yield self.finding(
                        doc,
                        f"指标“{ind.name}”年度指标值{ind.text('target')}，实际完成{actual.text.strip()}，已达目标但得分"
                        f"{ind.text('score')}低于分值{ind.text('points')}；请说明扣分理由。",
                        ind.line, ind.end_line, severity=Severity.info, location=loc, evidence=ev)


# -- DEV003 ------------------------------------------------------------------------------

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

    def check(self, doc: Document, ctx: RuleContext) -> Iterator:
        threshold = float(ctx.options.get("threshold", 90))
        for pt in doc.perf_tables:
            f = pt.total_fund
            if f is None:
                continue
            stated, computed = execution_rate(f)
            rate = stated or computed
            if rate is None or not rate.below(Interval.exact(threshold)):
                continue
            if self._explained(doc, pt):
                continue
            shown = f.cells["rate"].text.strip() if "rate" in f.cells else f"{fmt(rate.mid)}%"
            yield self.finding(
                doc,
                f"项目“{pt.project}”预算执行率为{shown}（{fmt(rate.mid, 0)}%），低于{fmt(threshold, 0)}%，"
                f"表内及正文均未说明执行率偏低的原因；请补充原因及改进措施。",
                f.line, f.end_line, location=_loc(pt, f.row, f.cells.get("rate").col if "rate" in f.cells else None),
                evidence={"project": pt.project, "rate": rate.mid, "threshold": threshold})

    def _explained(self, doc: Document, pt: PerfTable) -> bool:
        texts = []
        if pt.goal_actual is not None:
            texts.append(pt.goal_actual.text)
        texts += [i.text("explanation") for i in pt.indicators if not is_placeholder(i.text("explanation"))]
        if len(pt.project) >= 2:
            texts += [p.text for p in doc.paragraphs if pt.project in p.text]
        return any(explains_execution(t) for t in texts)
