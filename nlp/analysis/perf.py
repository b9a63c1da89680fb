"""Performance self-evaluation tables (绩效自评表): the typed rows and their readings.

A :class:`PerfTable` holds a project's fund rows (:class:`FundRow`: 年度资金总额, 其中：当年财政拨款
…), its goal block (年度总体目标: 预期目标 / 实际完成情况) and its indicator rows
(:class:`Indicator`: 一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施),
each cell kept with its location.  The readings rules compare live here: execution rates,
targets met or missed, lost points, stated totals, grades, and the prose that quotes a
project (``quoted_totals``, ``project_mentions``).  How tables are recognised is
:mod:`budgetlint.nlp.analysis.perf_scan`; the vocabulary is ``nlp/data/perf.yaml``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from budgetlint.nlp.analysis.sections import is_placeholder
from budgetlint.nlp.lexicon import load
from budgetlint.nlp.model import Cell, Document, Paragraph, Table, register_view
from budgetlint.nlp.numbers.quantities import Quantity, extract, parse_value
from budgetlint.nlp.numbers.rounding import Interval, of_quantity, percent
from budgetlint.nlp.numbers.units import MONEY_UNITS
from budgetlint.nlp.text.normalize import no_spaces_or_stars as norm  # perf's short name


@lru_cache(maxsize=1)
def spec() -> dict:
    """The 自评表 vocabulary: header phrases, fund labels, grade bands (``nlp/data/perf.yaml``)."""
    return load("perf")


@dataclass
class FundRow:
    label: str
    row: int
    cells: dict[str, Cell]  # role -> cell (initial, budget, executed, points, rate, score)
    line: int
    end_line: int

    def value(self, role: str) -> Quantity | None:
        c = self.cells.get(role)
        return parse_value(c.text) if c is not None else None

    def shown(self, role: str) -> str:
        """The cell's text as printed, for messages ("" when the row lacks it)."""
        c = self.cells.get(role)
        return c.text.strip() if c is not None else ""

    @property
    def budget_role(self) -> str:
        """The role of the budget an execution rate divides by: 全年预算数, else 年初预算数."""
        return "budget" if self.value("budget") is not None else "initial"

    def execution_rate(self) -> tuple[Interval | None, Interval | None]:
        """(stated 执行率 %, 全年执行数 ÷ 全年预算数 %), each None when not readable."""
        stated = rate_interval(self.value("rate"))
        budget = self.value("budget") or self.value("initial")
        executed = self.value("executed")
        computed = None
        if budget is not None and executed is not None and not budget.approx and not executed.approx:
            if budget.unit == executed.unit or None in (budget.unit, executed.unit):
                computed = percent(of_quantity(executed), of_quantity(budget))
        return stated, computed


@dataclass
class Indicator:
    row: int
    level1: str
    level2: str
    name: str
    cells: dict[str, Cell]  # role -> cell (name, target, actual, points, score, explanation)
    line: int
    end_line: int
    shift: int = 0
    explanation_col: int | None = None  # where the header puts 偏差原因分析及改进措施

    def text(self, role: str) -> str:
        """The cell's text; a slot covered by a merged cell reads the covering text; a
        cell the row lacks (a dropped trailing cell) reads as empty."""
        c = self.cells.get(role)
        if c is None:
            return ""
        t = c.text.strip(" \t\u3000\xa0")
        if not t and c.merged:
            t = getattr(c, "covered_text", "").strip(" \t\u3000\xa0")
        return t

    @property
    def points(self) -> Quantity | None:
        """分值: its cell, else the points a 计分表 writes in the name ("绩效目标合理性(2分)")."""
        if "points" in self.cells:
            return parse_value(self.text("points"))
        m = _NAME_POINTS.search(self.text("name"))
        return parse_value(m.group(1)) if m else None

    @property
    def score(self) -> Quantity | None:
        return parse_value(self.text("score"))

    @property
    def target_text(self) -> str:
        """年度指标值 as the row states it: a form that splits the target into 指标性质,
        指标值 and 度量单位 columns ("≥ | 75 | 个", "反向 | 5 | %") reads as one target
        ("≥75个", "≤5%"); otherwise the cell as written."""
        t = self.text("target")
        q = parse_value(t) if t else None
        if q is None:
            return t
        prefix = _nature_comparator(self.text("nature")) if q.comparator is None else ""
        unit = self.text("unit")
        suffix = unit if q.unit is None and unit and not is_placeholder(unit) else ""
        return f"{prefix}{t}{suffix}"

    @property
    def target(self) -> Quantity | None:
        """年度指标值 when the whole cell is one quantity ("≥75个"), read with its split
        指标性质 and 度量单位 columns (:attr:`target_text`), else None."""
        return parse_value(self.target_text)

    @property
    def actual(self) -> Quantity | None:
        """实际完成值 when the whole cell is one quantity ("90个"), else None."""
        return parse_value(self.text("actual"))

    @property
    def explanation(self) -> str:
        """The 偏差原因分析及改进措施 text ("" when the row has none)."""
        return self.text("explanation")

    @property
    def explained(self) -> bool:
        """The deviation note says something beyond a placeholder (无, 暂无, /, …)."""
        return not is_placeholder(self.explanation)

    @property
    def actual_is_placeholder(self) -> bool:
        """实际完成值 is a placeholder answer (无, /, —, …)."""
        return is_placeholder(self.text("actual"))

    @property
    def points_interval(self) -> Interval | None:
        """分值 as an interval: an allotment, exact as printed."""
        return allotment(self.points)

    @property
    def score_interval(self) -> Interval | None:
        """得分 as an interval: a rounded result, ±0.5×10^-d."""
        return printed_score(self.score)

    def target_direction(self, target: Quantity) -> str:
        """ ">=", "<=" or "=": an explicit comparator, else "<=" for a reverse indicator
        (偏差率, 投诉率 …) and ">=" otherwise."""
        comp = target.comparator
        if comp in (">=", ">"):
            return ">="
        if comp in ("<=", "<"):
            return "<="
        if comp == "=":
            return "="
        if any(w in self.name for w in spec()["reverse_name_words"]):
            return "<="
        return ">="

    def target_status(self) -> tuple[str, Quantity, Quantity] | None:
        """("met" | "missed", target, actual) for a quantitative indicator whose target
        and actual are numbers in one unit, else None (定性 targets never are)."""
        target = self.target
        if target is None or target.approx:
            return None
        actual = self.actual_in(target)
        if actual is None:
            return None
        direction = self.target_direction(target)
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

    @property
    def target_revised(self) -> bool:
        """The deviation note says the target itself was revised (修改年度指标值为…)."""
        return any(w in self.explanation for w in spec()["target_revised"])

    def actual_in(self, target: Quantity) -> Quantity | None:
        """The actual value in the target's unit: the whole cell, or the only quantity of
        that unit in a sentence ("检查单位网站90个"); None when absent or ambiguous."""
        tu = target.base()[1]
        whole = self.actual
        if whole is not None:
            wu = whole.base()[1]
            return whole if wu == tu or wu is None or tu is None else None
        same = [q for q in extract(self.text("actual")) if tu is not None and q.base()[1] == tu]
        return same[0] if len(same) == 1 else None

    @property
    def lost_points(self) -> bool:
        """得分 below 分值 beyond rounding.  分值 is an allotment and exact; 得分 printed
        with d decimals may stand for anything within ±0.5×10^-d, so it is below 分值
        only when its whole interval is."""
        p, s = self.points, self.score
        if p is None or s is None or p.value <= 0 or s.approx:
            return False
        return Interval.printed(s.value, s.decimals).below(Interval.exact(p.value))

    @property
    def has_explanation_column(self) -> bool:
        """The table's header has a 偏差原因 column (the row may still lack the cell)."""
        return self.explanation_col is not None


@dataclass
class GoalMention:
    indicator: Indicator
    quantity: Quantity  # the figure the goal text gives for the indicator
    cell: Cell  # the goal block's 实际完成情况 cell
    excerpt: str


@dataclass
class PerfTable:
    table: Table
    project: str
    fund_header_row: int | None = None
    funds: list[FundRow] = field(default_factory=list)
    goal_expected: Cell | None = None
    goal_actual: Cell | None = None
    indicator_header_row: int | None = None
    indicators: list[Indicator] = field(default_factory=list)
    total_row: int | None = None
    total_points: Cell | None = None
    total_score: Cell | None = None
    unread_rows: list[int] = field(default_factory=list)  # indicator rows without 分值/得分
    first_row: int = 0
    last_row: int = 0

    @property
    def line(self) -> int:
        return self.table.row_span(self.first_row)[0]

    @property
    def end_line(self) -> int:
        return self.table.row_span(self.last_row)[1]

    @property
    def unit(self) -> str | None:
        """元 / 万元 from the fund header ("项目资金 (元)", "（万元）") or the table."""
        if self.fund_header_row is not None:
            for c in self.table.rows[self.fund_header_row]:
                t = norm(c.text)
                for u in sorted(MONEY_UNITS, key=MONEY_UNITS.get, reverse=True):  # 亿元 first
                    if f"({u})" in t or f"（{u}）" in t:
                        return u
        return self.table.unit

    @property
    def stated_total_points(self) -> Interval | None:
        """The 总分 row's 分值 (an allotment, exact), when it is a plain number."""
        return allotment(parse_value(self.total_points.text)) if self.total_points is not None else None

    @property
    def stated_total_score(self) -> Quantity | None:
        """The 总分 row's 得分 as printed, when it is a plain number (no comparator,
        not approximate, no unit but 分)."""
        q = parse_value(self.total_score.text) if self.total_score is not None else None
        return q if printed_score(q) is not None else None

    def execution_explained(self, doc: Document) -> bool:
        """Whether the low execution of this project's funds is explained: in the goal
        block's 实际完成情况, a deviation note, or a paragraph of the prose that names the
        project (see :func:`explains_execution`)."""
        texts = []
        if self.goal_actual is not None:
            texts.append(self.goal_actual.text)
        texts += [i.explanation for i in self.indicators if i.explained]
        if any(explains_execution(t) for t in texts):
            return True
        return len(self.project) >= 2 and doc.project_mentions.explain_execution(self.project)

    @property
    def total_fund(self) -> FundRow | None:
        """The 年度资金总额 row (or the first fund row)."""
        for f in self.funds:
            if f.label in spec()["fund_total_labels"]:
                return f
        return self.funds[0] if self.funds else None

    def goal_mentions(self) -> list[GoalMention]:
        """Indicators the goal block's 实际完成情况 text quotes with a figure
        ("……微信粉丝全年增量数10万……"): the indicator name followed within a few characters
        by a quantity that is not introduced as a target (目标, 计划, 指标值)."""
        cell = self.goal_actual
        if cell is None:
            return []
        flat = norm(cell.text)
        quants = extract(flat)
        target_words = spec()["goal_target_words"]
        out = []
        for ind in self.indicators:
            if len(ind.name) < 4:
                continue
            pos = flat.find(ind.name)
            if pos < 0:
                continue
            after = pos + len(ind.name)
            q = next((q for q in quants if after <= q.start <= after + 3), None)
            if q is None or any(w in flat[after : q.start] for w in target_words):
                continue
            out.append(GoalMention(ind, q, cell, flat[max(0, pos - 10) : q.end + 5]))
        return out

    def stated_grade(self, stop_row: int) -> tuple[str, str, int] | None:
        """(grade 优/良/中/差, as written, row) of a grade the table states ("自评等级 | 优"),
        looking from the table's first row up to ``stop_row``."""
        pat, norm_map = _grade_pattern()
        for r in range(self.first_row, stop_row):
            m = pat.search("".join(c.text.strip() for c in self.table.rows[r]))
            if m:
                return norm_map.get(m.group(1), m.group(1)), m.group(1), r
        return None

    def rows_end(self, doc: Document) -> int:
        """Where this 自评表's rows end within its table: the first row of the next 自评表
        of the same table (the nearest starting below this one), else the table's row
        count — the ``stop_row`` for :meth:`stated_grade`.  Read from the document's
        ``perf_table_starts`` view."""
        starts = doc.perf_table_starts.get(id(self.table), [])
        i = bisect_right(starts, self.first_row)
        return starts[i] if i < len(starts) else len(self.table.rows)

    def quoted_totals(self, doc: Document) -> list[tuple[Paragraph, int, int, Quantity]]:
        """Places where the prose quotes this project's total score
        ("互联网企业党建活动项目得分93.5分"): (paragraph, start, end, the quoted score), at
        most one per paragraph (the first), in document order.  Read from the document's
        ``quoted_totals`` view, which finds the quotes of every project in one pass."""
        return list(doc.quoted_totals.get(self.project, ()))

    @property
    def is_overall(self) -> bool:
        """A department-wide (整体支出) table rather than one project's."""
        words = spec()["overall_markers"]
        return any(w in self.table.caption or w in self.project for w in words)


# what follows a project's name where the prose quotes its score: "[项目][总]得分[为] 93.5 分"
_SCORE_QUOTE = regex.compile(r"(?:项目)?(?:总)?得分(?:为)?\s*(\d+(?:\.\d+)?)\s*分")


@register_view("quoted_totals")
def find_quoted_totals(doc: Document) -> dict[str, list[tuple[Paragraph, int, int, Quantity]]]:
    """Project name → the places the prose quotes that project's total score, for the
    projects of ``doc.perf_tables`` (names of 4+ characters): (paragraph, start, end, score),
    the first quote in each paragraph, in document order.

    One pass over the paragraphs for all projects.  Every quote contains 得分, and its
    project name ends 0 to 3 characters before it (before 项目, 总 or 项目总); at each such
    end where ``_SCORE_QUOTE`` matches, the names of every length in use are looked up in
    the text just before.  A project's quote in a paragraph is the one whose name starts
    first — what searching the paragraph for "<name>" + ``_SCORE_QUOTE`` would find.
    """
    by_length: dict[int, set[str]] = {}
    for pt in doc.perf_tables:
        if len(pt.project) >= 4:
            by_length.setdefault(len(pt.project), set()).add(pt.project)
    out: dict[str, list[tuple[Paragraph, int, int, Quantity]]] = {}
    if not by_length:
        return out
    for para in doc.paragraphs:
        text = para.text
        first: dict[str, tuple[int, regex.Match]] = {}  # name -> (start, quote match)
        j = text.find("得分")
        while j >= 0:
            for end in range(max(0, j - 3), j + 1):
                m = _SCORE_QUOTE.match(text, end)
                if m is None:
                    continue
                for n, names in by_length.items():
                    name = text[end - n : end] if end >= n else ""
                    if name in names and (name not in first or end - n < first[name][0]):
                        first[name] = (end - n, m)
            j = text.find("得分", j + 1)
        for name, (start, m) in first.items():
            q = parse_value(m.group(1))
            if q is not None:
                out.setdefault(name, []).append((para, start, m.end(), q))
    return out


@lru_cache(maxsize=1)
def _grade_pattern() -> tuple[regex.Pattern, dict[str, str]]:
    grade_words = spec()["grade_words"]
    words = sorted((w for ws in grade_words.values() for w in ws), key=len, reverse=True)
    pat = regex.compile(r"(?:评价|自评|绩效)?等级[：:为是]?\s*[“\"]?(" + "|".join(map(regex.escape, words)) + ")")
    return pat, {w: g for g, ws in grade_words.items() for w in ws}


_SYMBOLS = {">=": "≥", "<=": "≤", "=": "="}

# the points a 计分表 writes at the end of an indicator's name: "绩效目标合理性(2分)"
_NAME_POINTS = regex.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")


def _nature_comparator(nature: str) -> str:
    """The comparator symbol a 指标性质 cell stands for ("≥", "正向" → "≥"; "反向" → "≤"),
    "" when it names none (定性, 定量, empty)."""
    t = norm(nature)
    if t in ("≥", "≤", "=", ">", "<", "≧", "≦"):
        return {"≧": "≥", "≦": "≤"}.get(t, t)
    for comp, words in spec()["nature_comparators"].items():
        if t in words:
            return _SYMBOLS[comp]
    return ""


def rate_interval(q: Quantity | None) -> Interval | None:
    """An execution rate as a percentage interval: 99.25% or a fraction 0.69 (= 69%)."""
    if q is None or q.approx or q.comparator:
        return None
    if q.unit == "%":
        return Interval.printed(q.value, q.decimals)
    if q.unit is None and q.value <= 1.5:
        return Interval.printed(q.value, q.decimals) * 100.0
    return None


def _plain_points(q: Quantity | None) -> bool:
    """A plain number of points: no comparator, not approximate, no unit but 分."""
    return q is not None and not q.approx and not q.comparator and q.unit in (None, "分")


def printed_score(q: Quantity | None) -> Interval | None:
    """A score (得分, 总分) as the interval its printed digits stand for; None unless it
    is a plain number (no comparator, not approximate, no unit but 分)."""
    return Interval.printed(q.value, q.decimals) if _plain_points(q) else None


def allotment(q: Quantity | None) -> Interval | None:
    """分值 are allotments, exact as printed (unlike scores, which are rounded results)."""
    return Interval.exact(q.value) if _plain_points(q) else None


def grade_of(score: float) -> str:
    """The grade band (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差) of a total score, from perf.yaml."""
    grades = sorted(spec()["grades"].items(), key=lambda kv: -kv[1])
    for g, lo in grades:
        if score >= lo:
            return g
    return grades[-1][0]


class ProjectMentions:
    """The prose that names a project, for the document's ``project_mentions`` view.

    :meth:`explain_execution` answers "does a paragraph naming this project explain low
    execution?" — ``any(explains_execution(p.text) for p in doc.paragraphs if name in
    p.text)`` — from the paragraphs that explain execution at all (found once), once per
    distinct name.
    """

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._explaining: list[str] | None = None
        self._answers: dict[str, bool] = {}

    def explain_execution(self, name: str) -> bool:
        if name not in self._answers:
            if self._explaining is None:
                self._explaining = [p.text for p in self._doc.paragraphs if explains_execution(p.text)]
            self._answers[name] = any(name in t for t in self._explaining)
        return self._answers[name]


@register_view("project_mentions")
def find_project_mentions(doc: Document) -> ProjectMentions:
    return ProjectMentions(doc)


def explains_execution(text: str) -> bool:
    """Whether some sentence of ``text`` explains low budget execution: it names a cause
    (由于, 因, 受…影响, 尚未 …) and the money (资金, 支出, 执行率 …)."""
    words = spec()
    for sent in regex.split(r"[。；;！？\n]", text):
        if any(w in sent for w in words["execution_cause_markers"]) and any(
            w in sent for w in words["execution_fund_words"]
        ):
            return True
    return False
