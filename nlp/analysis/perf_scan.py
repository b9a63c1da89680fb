"""Recognising 绩效自评表 in any table: the ``perf_tables`` and ``perf_table_starts`` views.

A 自评表 is recognised from its header rows, whatever the layout (text export with one
cell per line, tab-separated rows, Word table with merged cells):

* the fund header (年初预算数 全年预算数 全年执行数 分值 执行率 得分) and the fund rows
  below it (年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金);
* the goal block (年度总体目标: 预期目标 / 实际完成情况);
* the indicator header (一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分,
  偏差原因分析及改进措施) and the indicator rows below it, up to the 总分 row.

Rows in real exports are ragged: merged cells vanish or shift the row left or right.  An
indicator row is aligned on its 分值/得分 pair: the header positions are tried first, then
shifts of up to two columns, and the shift is recorded.  Merged 一级/二级 cells are carried
down from the row above.  Header phrases live in ``nlp/data/perf.yaml``.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from budgetlint.nlp.analysis.perf import FundRow, Indicator, PerfTable, norm, spec
from budgetlint.nlp.model import Cell, Document, Table, register_view
from budgetlint.nlp.numbers.quantities import parse_value


@cache
def _group(group: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(exact phrase → role, [(phrase of 3+ chars, role)]), the longer phrases first (the
    most specific reading: "执行率权重" is a weight, not a rate), else in the file's order."""
    exact: dict[str, str] = {}
    contained: list[tuple[str, str]] = []
    for role, phrases in spec()[group].items():
        for p in phrases:
            exact.setdefault(p, role)
            if len(p) >= 3:
                contained.append((p, role))
    contained.sort(key=lambda pr: -len(pr[0]))  # stable: the file's order among equals
    return exact, contained


# a header's bracketed notes: "(A)", "(B/A)", "(万元)", "(20分*执行率)", "（60分）"
_NOTE = regex.compile(r"[（(][^（()）]*[)）]")


@lru_cache(maxsize=8192)
def _role_of(t: str, group: str) -> str | None:
    exact, contained = _group(group)
    for p, role in contained:
        if p in t:
            return exact.get(t, role) if t in exact else role
    return exact.get(t)


def _role(text: str, group: str) -> str | None:
    t = norm(text)
    if not t:
        return None
    bare = _NOTE.sub("", t)
    return _role_of(bare or t, group)


@register_view("perf_table_starts")
def find_perf_table_starts(doc: Document) -> dict[int, list[int]]:
    """id(table) → the sorted first rows of the 自评表 read from that table."""
    out: dict[int, list[int]] = {}
    for pt in doc.perf_tables:
        out.setdefault(id(pt.table), []).append(pt.first_row)
    for rows in out.values():
        rows.sort()
    return out


def _header_roles(cells: list[Cell], group: str) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, c in enumerate(cells):
        r = _role(c.text, group)
        if r and r not in roles:
            roles[r] = i
    return roles


def _is_fund_header(roles: dict[str, int]) -> bool:
    return {"budget", "executed"} <= roles.keys() or {"initial", "executed"} <= roles.keys()


def _is_indicator_header(roles: dict[str, int]) -> bool:
    """三级指标 … 分值 得分; or, in forms that give the points per block in the 一级指标
    cell ("产出指标(40分)"), 三级指标 with its target, actual and 得分 but no 分值; or a
    计分表: 一级指标 … 三级指标 and 自评分, the points written in the name."""
    if {"name", "points", "score"} <= roles.keys():
        return True
    # a 计分表 gives each indicator's points in its name ("绩效目标合理性(2分)") and its 自评分
    return {"name", "target", "actual", "score"} <= roles.keys() or (
        {"level1", "name", "score"} <= roles.keys() and "target" not in roles and "actual" not in roles
    )


def _first_text(cells: list[Cell], start: int = 0) -> tuple[int, str]:
    for i in range(start, len(cells)):
        t = cells[i].text.strip(" \t\u3000\xa0")
        if t:
            return i, t
    return -1, ""


def _numeric(cell: Cell | None) -> bool:
    """A cell holding a plain amount (not a target such as "≥98" or "不少于400起")."""
    if cell is None:
        return False
    q = parse_value(cell.text)
    return q is not None and q.comparator is None


@register_view("perf_tables")
def find_perf_tables(doc: Document) -> list[PerfTable]:
    out: list[PerfTable] = []
    triggers = spec()["table_triggers"]
    for table in doc.tables:
        # only tables that name a performance column ("三级 指标" too) are scanned row by row
        if not any(w in norm(c.text) for row in table.rows for c in row for w in triggers):
            continue
        out.extend(_scan_table(table))
    return out


def _scan_table(table: Table) -> list[PerfTable]:
    """The 自评表 in ``table``, read row by row (see :class:`_Scanner`)."""
    scanner = _Scanner(table)
    for r, cells in enumerate(table.rows):
        if cells:
            scanner.row(r, cells)
    return scanner.finish()


class _Scanner:
    """Reads the rows of one table in order and collects the 自评表 they hold.

    A row is first classified by what it starts or names: a project-name row (starts a
    new 自评表), a fund header, an indicator header, the goal header, a 合计/总分 row.
    Any other row is read according to the block the last header opened (``mode``):
    a fund row, the goal block's texts, or an indicator row.

    State: ``current`` is the 自评表 being filled (None before the first header);
    ``mode`` is "funds", "goal", "indicators" or None; ``fund_roles`` /
    ``indicator_roles`` map each column role of the last header to its column;
    ``level1``/``level2`` are the 一级/二级指标 carried down from merged cells above;
    ``goal_pending`` is true between the goal header and the row holding its texts."""

    def __init__(self, table: Table):
        self.table = table
        self.found: list[PerfTable] = []
        self.current: PerfTable | None = None
        self.mode: str | None = None
        self.fund_roles: dict[str, int] = {}
        self.indicator_roles: dict[str, int] = {}
        self.level1 = self.level2 = ""
        self.goal_pending = False

    def finish(self) -> list[PerfTable]:
        self._close()
        return self.found

    def row(self, r: int, cells: list[Cell]) -> None:
        _, first = _first_text(cells)
        if _role(first, "project"):
            self._project_row(r, cells)
            return
        roles = _header_roles(cells, "fund_columns")
        if _is_fund_header(roles):
            self._fund_header(r, roles)
            return
        roles = _header_roles(cells, "indicator_columns")
        if _is_indicator_header(roles):
            self._indicator_header(r, roles)
            return
        cur = self.current
        if cur is None:
            return
        if _role(first, "goal"):
            self.goal_pending = True
            self.mode = "goal"
            cur.last_row = r
        elif self._total_row(cur, r, cells, first):
            pass
        elif self.mode == "goal" and self.goal_pending:
            self._goal_texts(cur, r, cells)
        elif self.mode == "funds":
            self._fund_row(cur, r, cells, first)
        elif self.mode == "indicators":
            self._indicator_row(cur, r, cells)

    # -- rows that open or close a block ----------------------------------------------------
    def _close(self) -> None:
        """Keep the current 自评表 if it read any fund or indicator row."""
        if self.current is not None and (self.current.indicators or self.current.funds):
            self.found.append(self.current)
        self.current = None

    def _project_row(self, r: int, cells: list[Cell]) -> None:
        """项目名称 | name: a new 自评表 within the same table, unless the current one has
        no rows yet (then the row names it)."""
        i, _ = _first_text(cells)
        _, project = _first_text(cells, i + 1)
        if self.current is not None and (self.current.indicators or self.current.funds):
            self._close()
        if self.current is None:
            self.current = PerfTable(table=self.table, project=project, first_row=r)
        elif not self.current.project:
            self.current.project = project
        self.current.last_row = r
        self.mode = None

    def _fund_header(self, r: int, roles: dict[str, int]) -> None:
        """年初预算数 全年预算数 全年执行数 …: fund rows follow.  After indicator rows it
        starts a new 自评表 (named by the table's caption)."""
        if self.current is None or self.current.indicators:
            self._close()
            self.current = PerfTable(table=self.table, project=self.table.caption, first_row=r)
        self.current.fund_header_row = r
        self.current.last_row = r
        self.fund_roles = roles
        self.mode = "funds"

    def _indicator_header(self, r: int, roles: dict[str, int]) -> None:
        """一级指标 二级指标 三级指标 … 分值 得分: indicator rows follow."""
        if self.current is None:
            self.current = PerfTable(table=self.table, project=self.table.caption, first_row=r)
        self.current.indicator_header_row = r
        self.current.last_row = r
        self.indicator_roles = roles
        self.mode = "indicators"
        self.level1 = self.level2 = ""

    def _total_row(self, cur: PerfTable, r: int, cells: list[Cell], first: str) -> bool:
        """合计 / 总分 with at least one amount, inside a block: the 自评表's totals (分值,
        得分) and the end of the block."""
        if norm(first) not in spec()["total_labels"] or self.mode not in ("indicators", "goal", "funds"):
            return False
        nums = [c for c in cells if _numeric(c)]
        if not nums:
            return False
        cur.total_row = r
        cur.total_points = nums[0]
        cur.total_score = nums[1] if len(nums) > 1 else None
        cur.last_row = r
        self.mode = None
        return True

    # -- rows inside a block -----------------------------------------------------------------
    def _goal_texts(self, cur: PerfTable, r: int, cells: list[Cell]) -> None:
        """The row after the goal header: 预期目标, then 实际完成情况."""
        texts = [c for c in cells if c.text.strip(" \t\u3000\xa0")]
        if texts:
            cur.goal_expected = texts[0]
            cur.goal_actual = texts[1] if len(texts) > 1 else None
            cur.last_row = r
        self.goal_pending = False

    def _fund_row(self, cur: PerfTable, r: int, cells: list[Cell], first: str) -> None:
        fr = _fund_row(self.table, r, cells, self.fund_roles)
        if fr is not None:
            cur.funds.append(fr)
            cur.last_row = r
        elif first:
            self.mode = None  # a breakdown ("按收入性质分：") ends the fund rows

    def _indicator_row(self, cur: PerfTable, r: int, cells: list[Cell]) -> None:
        roles = self.indicator_roles
        ind = _indicator_row(self.table, r, cells, roles, self.level1, self.level2)
        if ind is not None:
            self.level1, self.level2 = ind.level1, ind.level2
            cur.indicators.append(ind)
            cur.last_row = r
            return
        if _looks_like_indicator(cells, roles):
            cur.unread_rows.append(r)
        # a row without 分值/得分 (a merged 一级/二级 cell alone) still sets the levels
        l1 = _cell_at(cells, roles.get("level1"))
        l2 = _cell_at(cells, roles.get("level2"))
        if l1 and l1.text.strip():
            self.level1 = norm(l1.text)
            self.level2 = ""
        if l2 and l2.text.strip():
            self.level2 = norm(l2.text)


def _looks_like_indicator(cells: list[Cell], roles: dict[str, int]) -> bool:
    """A row that names an indicator and states something, but whose 分值/得分 could not
    be read: sums over the table are then unreliable."""
    first_data = roles.get("name", 2)
    filled = [c for c in cells[first_data:] if c.text.strip(" \t\u3000\xa0")]
    return len(filled) >= 2 and any(_numeric(c) for c in filled)


def _cell_at(cells: list[Cell], i: int | None) -> Cell | None:
    if i is None or i < 0 or i >= len(cells):
        return None
    return cells[i]


_FUND_SHIFTS = (0, -1, 1, -2, 2)
_INDICATOR_SHIFTS = (0, -1, 1, -2, 2, -3, 3)


def _amount(cell: Cell | None) -> bool:
    """A cell holding a plain amount of money: numeric and not a percentage (an 执行率
    where 执行数 should be means the row is shifted)."""
    if not _numeric(cell):
        return False
    q = parse_value(cell.text)
    return q is not None and q.unit != "%"


def _row_shift(cells: list[Cell], anchors: tuple[int, ...], shifts: tuple[int, ...], holds=_numeric) -> int | None:
    """The column shift that aligns a data row with its header, or None.

    Rows in real exports are ragged: a merged 一级/二级指标 cell is present only in the
    first row it spans (or repeated in every slot of a Word merge), an empty cell is
    dropped by a text export, a wrapped cell splits in two.  The row's cells then sit one
    to three columns left or right of the header's.  The header columns ``anchors`` must
    hold plain amounts in a data row (全年执行数; 分值 and 得分), so the row is aligned
    on them: the first shift in ``shifts`` (smallest first, left before right) at which
    every anchor cell ``holds`` (is numeric; for fund rows, an amount, not a rate)."""
    for k in shifts:
        for a in anchors:
            if not holds(_cell_at(cells, a + k)):
                break
        else:
            return k
    return None


def _aligned(cells: list[Cell], roles: dict[str, int], shift: int) -> dict[str, Cell]:
    """Role → the row's cell in the header's column for that role, shifted."""
    mapped: dict[str, Cell] = {}
    for role, col in roles.items():
        c = _cell_at(cells, col + shift)
        if c is not None:
            mapped[role] = c
    return mapped


def _fund_row(table: Table, r: int, cells: list[Cell], roles: dict[str, int]) -> FundRow | None:
    i, label = _first_text(cells)
    if i < 0 or _numeric(cells[i]):
        return None
    anchor = roles.get("executed", roles.get("budget"))
    shift = _row_shift(cells, (anchor,), _FUND_SHIFTS, _amount)
    mapped = _aligned(cells, roles, 0 if shift is None else shift)
    for k in ("initial", "budget", "executed"):
        c = mapped.get(k)
        t = norm(c.text) if c is not None else ""
        if t and not _numeric(c) and t.strip("—-－/") != "":
            return None  # a sub-heading row ("按收入性质分：") holds text where amounts go
    line, end = table.row_span(r)
    return FundRow(label=norm(label), row=r, cells=mapped, line=line, end_line=end)


def _indicator_row(
    table: Table, r: int, cells: list[Cell], roles: dict[str, int], level1: str, level2: str
) -> Indicator | None:
    """The indicator a row holds, aligned on its 分值/得分 (:func:`_row_shift`), its
    name found where the shift left it, its 一级/二级 its own or those carried down."""
    unscored = _cell_at(cells, roles["score"])
    if unscored is not None and norm(unscored.text) in spec()["unscored_marks"]:
        return None  # "—" under 得分: the indicator was not scored
    anchors = (roles["points"], roles["score"]) if "points" in roles else (roles["score"],)
    shift = _row_shift(cells, anchors, _INDICATOR_SHIFTS)
    if shift is None:
        return None
    mapped = _aligned(cells, roles, shift)
    if not _find_name(cells, roles, shift, mapped):
        return None
    level1, level2 = _own_levels(cells, roles, shift, mapped, level1, level2)
    line, end = table.row_span(r)
    return Indicator(
        row=r,
        level1=level1,
        level2=level2,
        name=norm(mapped["name"].text) if "name" in mapped else "",
        cells=mapped,
        line=line,
        end_line=end,
        shift=shift,
        explanation_col=(roles["explanation"] + shift) if "explanation" in roles else None,
    )


def _find_name(cells: list[Cell], roles: dict[str, int], shift: int, mapped: dict[str, Cell]) -> bool:
    """Put the indicator's name cell in ``mapped`` when the shift did not land on it;
    False when the row has none."""
    name = mapped.get("name")
    if name is not None and parse_value(name.text) is not None:
        # the name column holds a value ("参会人员满意度→85%→→100%…"): the row lost a
        # cell before its target; the name is the nearest text to the left
        left = [c for c in cells[: cells.index(name)] if c.text.strip(" \t\u3000\xa0") and not _numeric(c)]
        if left:
            mapped["target"], mapped["name"] = name, left[-1]
            name = left[-1]
    if name is not None and name.text.strip(" \t\u3000\xa0"):
        return True
    # the name may have shifted into a neighbouring column (merged level cells)
    for k in range(roles["name"] + shift - 1, -1, -1):
        if cells[k].text.strip(" \t\u3000\xa0") and not _numeric(cells[k]):
            mapped["name"] = cells[k]
            return True
    return False


def _own_levels(
    cells: list[Cell], roles: dict[str, int], shift: int, mapped: dict[str, Cell], level1: str, level2: str
) -> tuple[str, str]:
    """The row's own 一级/二级 cells (shifted like the rest of the row, left of its name)
    override the values carried down from merged cells above."""
    name_col = mapped["name"].col if "name" in mapped else len(cells)
    for role in ("level1", "level2"):
        col = roles.get(role)
        c = _cell_at(cells, col + shift) if col is not None and col + shift >= 0 else None
        if c is None or c.col >= name_col or not c.text.strip(" \t\u3000\xa0"):
            continue
        if role == "level1":
            level1, level2 = norm(c.text), ""
        else:
            level2 = norm(c.text)
    return level1, level2


def perf_table_at(doc: Document, line: int) -> PerfTable | None:
    for pt in doc.perf_tables:
        if pt.line <= line <= pt.end_line:
            return pt
    return None


__all__ = ["find_perf_table_starts", "find_perf_tables", "perf_table_at"]
