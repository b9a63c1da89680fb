"""Amount tables read as ledgers: rows with 科目编码, labels, and amounts by column.

Budget and final-accounts tables list 科目 (budget classification) codes whose digits
nest: 201 → 20137 → 2013701 (功能分类: 类 3 digits, 款 +2, 项 +2) and 301 → 30101 (经济分类).
A ledger row knows its code (from one cell "2013701", or from split cells "204 06 01" in
PDF text), its label and its amounts, keyed by their position after the label, so rows
with one or three code cells still line up.  The header row naming 合计 and its parts
gives the columns their names.  Header words live in ``nlp/data/ledgers.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from budgetlint.nlp.lexicon import load
from budgetlint.nlp.model import Cell, Document, Table, register_view
from budgetlint.nlp.numbers.quantities import Quantity, parse_value
from budgetlint.nlp.numbers.units import MONEY_UNITS
from budgetlint.nlp.text.normalize import no_spaces_or_stars

_CODE = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_PART = regex.compile(r"^\d{2,3}$")


@lru_cache(maxsize=1)
def _spec() -> dict:
    return load("ledgers")


@lru_cache(maxsize=1)
def _standard() -> dict:
    return load("standard_tables")


def table_kind(table: Table) -> str | None:
    """The standard table kind a table's caption names: the longest matching title that no
    qualifier (财政拨款, 基本 …) precedes in the caption."""
    cap = no_spaces_or_stars(table.caption)
    qualifiers = _standard()["title_qualifiers"]
    best, size = None, 0
    for kind, spec in _standard()["kinds"].items():
        for t in spec["titles"]:
            i = cap.find(t)
            # the 三公 table (no fund of its own) is the same table whoever's money it names
            if i < 0 or len(t) <= size or (spec["fund"] and any(q in cap[:i] for q in qualifiers)):
                continue
            best, size = kind, len(t)
    return best


@dataclass
class LedgerRow:
    row: int
    code: str  # "" when the row has no 科目编码
    label: str
    amounts: list[Cell]  # the cells after the label, in order
    line: int
    end_line: int
    reliable: bool = True  # False when the row's cells do not line up with the table's

    def value(self, pos: int) -> Quantity | None | str:
        """The amount at position ``pos``: a Quantity, None for an empty cell, or "?" for
        a cell that holds something that is not an amount."""
        if pos >= len(self.amounts):
            return None
        c = self.amounts[pos]
        t = no_spaces_or_stars(c.text)
        if not t or t in _spec()["empty_marks"]:
            return None
        q = parse_value(c.text)
        if q is None or q.approx or q.comparator or q.unit not in (None, *MONEY_UNITS):
            return "?"
        return q

    @property
    def is_total(self) -> bool:
        return not self.code and no_spaces_or_stars(self.label) in _spec()["total_labels"]


@dataclass
class Ledger:
    table: Table
    rows: list[LedgerRow] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # header names by amount position
    header_row: int | None = None
    ambiguous: set[str] = field(default_factory=set)  # codes listed twice with different amounts

    def children(self, parent: LedgerRow) -> list[LedgerRow]:
        """The rows right below ``parent`` one level down (code + 2 digits), up to the next
        row at the parent's level or above."""
        i = self.rows.index(parent)
        out = []
        closed = False
        for r in self.rows[i + 1 :]:
            if not r.code:
                closed = closed or r.is_total
                if r.is_total:
                    break
                continue
            if len(r.code) <= len(parent.code) or not r.code.startswith(parent.code):
                closed = True
                break
            if len(r.code) == len(parent.code) + 2:
                out.append(r)
        # children that run to the end of the block may continue in the next block (a
        # table split across pages): the list is then not known to be complete
        return out if closed else []

    def coded(self) -> dict[str, LedgerRow]:
        """Rows by code; a code listed twice with different amounts (a table repeated
        across pages that disagrees with itself) is dropped as ambiguous."""
        out: dict[str, LedgerRow] = {}
        bad: set[str] = set()
        for r in self.rows:
            if not r.code:
                continue
            if r.code in out and [c.text for c in out[r.code].amounts] != [c.text for c in r.amounts]:
                bad.add(r.code)
            out.setdefault(r.code, r)
        for b in bad:
            out.pop(b, None)
        self.ambiguous = bad
        return out


def _row_code(cells: list[Cell]) -> tuple[str, int]:
    """(code, index of the first cell after the code) for a row, or ("", start)."""
    texts = [no_spaces_or_stars(c.text) for c in cells]
    i = 0
    # a leading 序号 ("1", "12") before a code cell
    if len(texts) > 2 and texts[0].isdigit() and len(texts[0]) <= 2 and _CODE.match(texts[1] or "-"):
        i = 1
    if i < len(texts) and _CODE.match(texts[i]) and len(texts[i]) in (3, 5, 7):
        # split codes: "204" "06" "01"
        code, j = texts[i], i + 1
        while j < len(texts) and len(code) < 7 and _CODE_PART.match(texts[j]) and len(texts[j]) == 2:
            code += texts[j]
            j += 1
        return code, j
    if len(texts) > 1 and texts[0].isdigit() and len(texts[0]) <= 3 and not texts[1].isdigit():
        return "", 1  # 序号 only
    return "", 0


def _header(table: Table) -> tuple[int | None, list[str]]:
    words = _spec()["total_column"]
    for r, cells in enumerate(table.rows[:8]):
        texts = [no_spaces_or_stars(c.text) for c in cells]
        for i, t in enumerate(texts):
            if t in words:
                names = [x for x in texts[i:] if x]
                if len(names) >= 3 and all(parse_value(x) is None for x in names):
                    return r, names
    return None, []


def read_ledger(table: Table) -> Ledger | None:
    header_row, columns = _header(table)
    led = Ledger(table=table, columns=columns, header_row=header_row)
    for r, cells in enumerate(table.rows):
        if header_row is not None and r <= header_row:
            continue
        code, start = _row_code(cells)
        rest = cells[start:]
        label_i = next(
            (k for k, c in enumerate(rest) if no_spaces_or_stars(c.text) and parse_value(c.text) is None), None
        )
        if label_i is None and code:
            # PDF text wraps a long 科目 name onto the lines around its row:
            # "机关事业单位基本养老保险缴费 / 2080505  6.18  6.18 / 支出"
            label, amounts = "", rest
        elif label_i is None:
            continue
        else:
            label, amounts = no_spaces_or_stars(rest[label_i].text), rest[label_i + 1 :]
        if label in _spec()["skip_labels"]:
            continue
        if not any(parse_value(c.text) is not None for c in amounts):
            continue
        line, end = table.row_span(r)
        led.rows.append(LedgerRow(r, code, label, amounts, line, end))
    if sum(1 for x in led.rows if x.code) < 2 and not led.columns:
        return None
    _mark_unreliable(led)
    return led


def _mark_unreliable(led: Ledger) -> None:
    """Rows that do not line up: a text cell among the amounts (two records side by side,
    as PDF exports of 经济分类 tables print them), a 3/5/7-digit code among the amounts, or
    a different number of amount cells than most rows (cells lost in extraction)."""
    counts: dict[int, int] = {}
    for r in led.rows:
        texts = [no_spaces_or_stars(c.text) for c in r.amounts]
        if any(t and parse_value(t) is None and t not in _spec()["empty_marks"] for t in texts) or any(
            _CODE.match(t) and len(t) in (3, 5, 7) and "." not in t and "," not in t for t in texts
        ):
            r.reliable = False
            continue
        counts[len(r.amounts)] = counts.get(len(r.amounts), 0) + 1
    if not counts:
        return
    modal = max(counts, key=counts.__getitem__)
    for r in led.rows:
        if len(r.amounts) != modal:
            r.reliable = False


@dataclass(frozen=True)
class CodeConflict:
    """One 科目 code whose 合计 differs between two tables of one fund."""

    code: str
    first: tuple[Ledger, LedgerRow]
    second: tuple[Ledger, LedgerRow]
    fund: str


def _total_amount(led: Ledger, row: LedgerRow) -> Quantity | None:
    """The row's 合计 when the table's first amount column is 合计 and the row lines up."""
    if not led.columns or led.columns[0] not in _spec()["total_column"] or not row.reliable:
        return None
    if len(row.amounts) != len(led.columns):
        return None
    q = row.value(0)
    return q if isinstance(q, Quantity) else None


def row_total(led: Ledger, row: LedgerRow) -> Quantity | None:
    """A coded row's 合计: its first amount when the table's first amount column is 合计
    (an empty part column may be missing from the row, never the 合计) and no other
    amount of the row exceeds it, or its only amount in a one-column table."""
    qs = [row.value(i) for i in range(len(row.amounts))]
    if not qs or any(q == "?" for q in qs) or not isinstance(qs[0], Quantity):
        return None
    if led.columns:
        if led.columns[0] not in _spec()["total_column"] or len(qs) > len(led.columns):
            return None
    elif any(len(r.amounts) != 1 for r in led.rows if r.code):
        return None
    if any(isinstance(q, Quantity) and q.value > qs[0].value for q in qs[1:]):
        return None
    return qs[0]


def functional_ledgers(doc: Document) -> list[tuple[Ledger, str]]:
    """The ledgers of the standard tables whose rows are 功能分类 科目 with their 合计
    (``functional_kinds``), each with its table's fund."""
    kinds = _standard()["functional_kinds"]
    out = []
    for led in doc.ledgers:
        kind = table_kind(led.table)
        if kind in kinds:
            out.append((led, _standard()["kinds"][kind]["fund"]))
    return out


def fiscal_is_general(doc: Document) -> bool:
    """Whether all of the unit's 财政拨款 is 一般公共预算 money: its 财政拨款收支总表 has
    合计 and 一般公共预算 as its first columns; on the 支出 side (the amounts after a row's
    last text cell) every row gives the 一般公共预算 column the whole 合计, and on the
    收入 side no 政府性基金 or 国有资本经营 line holds an amount."""
    general = _standard()["fund_phrases"]["general"]
    others = [p for f in ("government_fund", "state_capital") for p in _standard()["fund_phrases"][f]]
    for led in doc.ledgers:
        if table_kind(led.table) != "财政拨款收支总表" or len(led.columns) < 3:
            continue
        if led.columns[0] not in _spec()["total_column"] or led.columns[1] not in general:
            continue
        seen = 0
        for r in led.rows:
            qs = [r.value(i) for i in range(len(r.amounts))]
            if any(p in r.label for p in others) and qs and isinstance(qs[0], Quantity) and qs[0].value:
                return False
            last = max((i for i, q in enumerate(qs) if q == "?"), default=-1)
            side = qs[last + 1 :]
            if last < 0 and not any(p in r.label for p in others) and len(side) < 2:
                continue  # an income line with its amount only
            vals = [q.value for q in side if isinstance(q, Quantity) and q.value]
            if len(vals) not in (0, 2) or (vals and vals[0] != vals[1]) or len(side) > len(led.columns):
                return False
            seen += len(vals) == 2
        return seen >= 2
    return False


def code_conflicts(doc: Document) -> list[CodeConflict]:
    """Codes listed with a 合计 in two standard tables of the same fund (both units stated)
    whose amounts, converted to 元 and taken with their rounding, cannot be equal.  A code
    is compared once per pair of tables; a table that disagrees with itself is left out."""
    from budgetlint.nlp.numbers.rounding import Interval

    by_fund: dict[str, list[tuple[Ledger, dict[str, LedgerRow]]]] = {}
    for led in doc.ledgers:
        kind = table_kind(led.table)
        if kind is None or led.table.unit not in MONEY_UNITS:
            continue
        fund = _standard()["kinds"][kind]["fund"]
        if fund:
            by_fund.setdefault(fund, []).append((led, led.coded()))
    out = []
    for fund, leds in by_fund.items():
        for i, (a, arows) in enumerate(leds):
            for b, brows in leds[i + 1 :]:
                for code, ra in arows.items():
                    rb = brows.get(code)
                    if rb is None:
                        continue
                    qa, qb = _total_amount(a, ra), _total_amount(b, rb)
                    if qa is None or qb is None:
                        continue
                    ia = Interval.printed(qa.value, qa.decimals, MONEY_UNITS[qa.unit or a.table.unit])
                    ib = Interval.printed(qb.value, qb.decimals, MONEY_UNITS[qb.unit or b.table.unit])
                    if not ia.meets(ib):
                        out.append(CodeConflict(code, (a, ra), (b, rb), fund))
    return out


@register_view("ledgers")
def find_ledgers(doc: Document) -> list[Ledger]:
    perf = {id(pt.table) for pt in doc.perf_tables}
    out = []
    for t in doc.tables:
        if id(t) in perf:
            continue
        led = read_ledger(t)
        if led is not None and led.rows:
            out.append(led)
    return out
