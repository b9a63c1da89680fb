"""TAB002: the numbers of a 绩效自评表 do not add up."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.analysis.perf import PerfTable, allotment, grade_of, printed_score
from budgetlint.nlp.model import Document
from budgetlint.nlp.numbers.rounding import Interval, consistent, fmt, total, widen
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


def _loc(pt: PerfTable, row: int, col: int | None = None) -> dict:
    return {"table": pt.table.index, "row": row, "col": col}


def _short(x: float) -> str:
    """A score with at most two decimals and no trailing zeros (96.8, 90)."""
    return fmt(x, 2).rstrip("0").rstrip(".")


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

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        for pt in doc.perf_tables:
            yield from self._sums(doc, pt, float(ctx.options["total-points"]))
            yield from self._fund(doc, pt)
            yield from self._grade(doc, pt)
            yield from self._prose_total(doc, pt)

    def _sums(self, doc: Document, pt: PerfTable, target: float) -> Iterator[Finding]:
        f = pt.total_fund
        if not pt.indicators or pt.total_row is None or pt.unread_rows or f is None:
            return
        fp = allotment(f.value("points"))
        pts = [i.points_interval for i in pt.indicators]
        if fp is None or None in pts:
            return
        line, end = pt.line, pt.end_line
        name = f"“{pt.project}”" if pt.project else ""
        points = total(pts) + fp
        stated_points = pt.stated_total_points
        ind_points = total(pts)
        if stated_points is not None and not consistent(stated_points, points):
            yield self.finding(
                doc,
                f"绩效自评表{name}各项分值合计为{fmt(points.mid, 0)}（指标{fmt(ind_points.mid, 0)}＋资金{fmt(fp.mid, 0)}），"
                f"总分栏为{pt.total_points.text.strip()}；请核对各指标分值。",
                line,
                end,
                location=_loc(pt, pt.total_row, pt.total_points.col),
                evidence={
                    "check": "points",
                    "stated": stated_points.mid,
                    "computed": points.mid,
                    "tolerance": points.width / 2,
                    "inputs": [p.mid for p in pts] + [fp.mid],
                },
            )
        elif not points.contains(target):
            yield self.finding(
                doc,
                f"绩效自评表{name}各项分值合计为{fmt(points.mid, 0)}，不是{fmt(target, 0)}；请核对指标分值设置。",
                line,
                end,
                location=_loc(pt, pt.total_row),
                evidence={
                    "check": "points",
                    "stated": target,
                    "computed": points.mid,
                    "tolerance": 0,
                    "inputs": [p.mid for p in pts] + [fp.mid],
                },
            )
        stated_q = pt.stated_total_score
        score_qs = [i.score for i in pt.indicators] + [f.value("score")]
        if stated_q is None or any(printed_score(q) is None for q in score_qs):
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
                f"绩效自评表{name}各项得分合计为{_short(scores.mid)}（指标{_short(total(scs).mid)}"
                f"＋资金{f.value('score').text}），总分栏为{pt.total_score.text.strip()}；请核对得分或总分。",
                line,
                end,
                location=_loc(pt, pt.total_row, pt.total_score.col),
                evidence={
                    "check": "scores",
                    "stated": stated_score.mid,
                    "computed": scores.mid,
                    "tolerance": scores.width / 2 + stated_score.width / 2,
                    "inputs": [s.mid for s in scs] + [fs.mid],
                },
            )

    def _fund(self, doc: Document, pt: PerfTable) -> Iterator[Finding]:
        for f in pt.funds:
            stated, computed = f.execution_rate()
            rate_cell = f.cells.get("rate")
            if stated is not None and computed is not None and not consistent(stated, computed):
                yield self.finding(
                    doc,
                    f"“{pt.project}”{f.label}执行率应为{fmt(computed.mid)}%（{f.shown('executed')} ÷ "
                    f"{f.shown(f.budget_role)}），表中为{rate_cell.text.strip()}。",
                    f.line,
                    f.end_line,
                    location=_loc(pt, f.row, rate_cell.col),
                    evidence={
                        "check": "rate",
                        "stated": stated.mid,
                        "computed": computed.mid,
                        "tolerance": stated.width / 2,
                    },
                )
            points, sq = allotment(f.value("points")), f.value("score")
            if stated is None or points is None or printed_score(sq) is None:
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
                    f"{f.shown('points')}），表中为{f.shown('score')}。",
                    f.line,
                    f.end_line,
                    severity=Severity.warning,
                    location=_loc(pt, f.row, f.cells["score"].col),
                    evidence={
                        "check": "fund-score",
                        "stated": score.mid,
                        "computed": expected.mid,
                        "tolerance": score.width / 2,
                    },
                )

    def _grade(self, doc: Document, pt: PerfTable) -> Iterator[Finding]:
        stated_total = pt.stated_total_score
        if stated_total is None:
            return
        score = printed_score(stated_total)
        band = grade_of(score.mid)
        stated = pt.stated_grade(pt.rows_end(doc))
        if stated is None or stated[0] == band:
            return
        grade, written, r = stated
        line, end = pt.table.row_span(r)
        yield self.finding(
            doc,
            f"“{pt.project}”总分{pt.total_score.text.strip()}对应等级应为“{band}”，表中写“{written}”。",
            line,
            end,
            location=_loc(pt, r),
            evidence={"check": "grade", "stated": grade, "computed": band, "inputs": [score.mid]},
        )

    def _prose_total(self, doc: Document, pt: PerfTable) -> Iterator[Finding]:
        table_total = printed_score(pt.stated_total_score)
        if table_total is None:
            return
        for para, start, end_, q in pt.quoted_totals(doc):
            stated = printed_score(q)
            if stated is not None and not consistent(stated, table_total):
                line, end = para.body.span_lines(start, end_)
                yield self.finding(
                    doc,
                    f"正文写“{pt.project}”得分{q.text}分，其绩效自评表总分为{pt.total_score.text.strip()}"
                    f"（第{pt.total_score.line}行）；请核对。",
                    line,
                    end,
                    excerpt=para.text[start:end_],
                    evidence={
                        "check": "prose-total",
                        "stated": stated.mid,
                        "computed": table_total.mid,
                        "table_line": pt.total_score.line,
                    },
                )
