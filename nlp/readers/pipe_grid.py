"""Pipe tables: web pages and document sites copied as text, rebuilt as table rows.

Three shapes, told apart per cluster of lines holding "|":

* ``pipe-rows``: one row per line, cells split by "|" (Markdown, with or without the
  leading and trailing bar; a ``|---|`` separator row is skipped).  Cells are kept
  exactly as split, as in ``tab-rows``.
* ``pipe-cells``: one cell per line; a cell's text (one or more lines) is closed by a "|"
  at the end of its last line or by a line holding only "|" (an empty cell when nothing
  is pending).  A line of two or more bars only ("||||||") ends the row; its bars count
  the cells the row lacks against the table's width (merged cells), kept in the note.
* ``pipe-wrapped``: Markdown rows broken over many lines and padded with spaces: a line
  starting with "|" in the first column opens a row, every later "|" closes a cell whose
  text ran on until it; the bars left on the row's last line count the cells it lacks.

Rows stay ragged, as in the other text layouts: where a merged cell sat cannot be told
from the text (a cell merged down from the row above and an empty cell at the end of
the row both only lower the count), so no cell is invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from budgetlint.nlp.model import Cell
from budgetlint.nlp.readers.text_grid import CellAcc, SrcLine, is_html_table_start, is_numeric_cell, to_rows
from budgetlint.nlp.text.normalize import SPACES as _WS

_BARS_ONLY = regex.compile(r"^\|+$")
_MD_SEPARATOR = regex.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_OPENER_TEXT = regex.compile(r"^\|[ \t\u3000\xa0]*[^|\s]")
MAX_PIPE_GAP = 3  # text lines without a bar that may sit between two pipe lines of one table
MAX_PIPE_FIRST_CELL = 30  # characters of the text line a one-cell-per-line table starts with


@dataclass
class PipeRegion:
    start: int  # index into lines (inclusive)
    end: int  # index into lines (inclusive)
    rows: list[list[Cell]] = field(default_factory=list)
    layout: str = ""
    lacking: list[int | None] = field(default_factory=list)  # per row: cells it lacks (its bars); None: unknown


def _pipe_line(ln: SrcLine) -> bool:
    return not ln.skip and "|" in ln.text and "\t" not in ln.text


def _row_cells(s: str) -> list[str]:
    """The cells of a one-line pipe row: the leading and the trailing bar are frames."""
    parts = s.split("|")
    if s.startswith("|"):
        parts = parts[1:]
    if s.endswith("|") and parts:
        parts = parts[:-1]
    return [p.strip(_WS) for p in parts]


def _is_row_line(s: str) -> bool:
    """A pipe-rows line: two or more cells on the line, two of them with text."""
    if _BARS_ONLY.match(s):
        return False
    cells = _row_cells(s)
    return len(cells) >= 2 and sum(1 for c in cells if c) >= 2


def _clusters(lines: list[SrcLine]) -> list[tuple[int, int]]:
    """Runs of lines from a pipe line to a pipe line, with at most MAX_PIPE_GAP text lines
    (blank lines not counted) between two pipe lines."""
    out: list[tuple[int, int]] = []
    start = last = None
    gap = 0
    for k, ln in enumerate(lines):
        if _pipe_line(ln):
            if start is None:
                start = k
            last = k
            gap = 0
        elif start is not None and not ln.blank and not ln.skip:
            gap += 1
            if gap > MAX_PIPE_GAP or "\t" in ln.text or is_html_table_start(ln):
                out.append((start, last))
                start = last = None
                gap = 0
    if start is not None:
        out.append((start, last))
    return out


def find_pipe_tables(lines: list[SrcLine]) -> list[PipeRegion]:
    """Find the tables written with "|" and rebuild their rows (see the shapes above).
    A table needs two rows with two cells or more; anything else stays text."""
    out: list[PipeRegion] = []
    for a, b in _clusters(lines):
        out.extend(_cluster_tables(lines, a, b))
    return [r for r in out if sum(1 for row in r.rows if len(row) >= 2) >= 2]


def _cluster_tables(lines: list[SrcLine], a: int, b: int) -> list[PipeRegion]:
    pipe = [k for k in range(a, b + 1) if _pipe_line(lines[k])]
    row_lines = [k for k in pipe if _is_row_line(lines[k].stripped) or _MD_SEPARATOR.match(lines[k].stripped)]
    if len(row_lines) * 2 > len(pipe):
        return _pipe_rows(lines, a, b)
    openers = sum(1 for k in pipe if _is_opener_shape(lines, k))
    if openers >= 2:
        return [_pipe_wrapped(lines, a, b)]
    return [_pipe_cells(lines, a, b)]


MAX_ROW_LINES = 6  # physical lines one broken Markdown row may take


def _pipe_rows(lines: list[SrcLine], a: int, b: int) -> list[PipeRegion]:
    """Consecutive row lines make one ``pipe-rows`` table.  In a table whose rows start
    with a bar, a row line without its closing bar goes on over the next lines (a cell's
    text wrapped) up to the line that ends with one."""
    out: list[PipeRegion] = []
    cur: PipeRegion | None = None
    framed = False
    k = a
    while k <= b:
        ln = lines[k]
        if ln.skip:
            k += 1
            continue
        s = ln.stripped
        pipe = _pipe_line(ln) and not _BARS_ONLY.match(s)
        sep = pipe and bool(_MD_SEPARATOR.match(s)) and "-" in s
        adjacent = cur is not None and k == cur.end + 1
        if cur is not None and not (adjacent and pipe and (sep or len(_row_cells(s)) >= 2 or framed)):
            out.append(cur)
            cur = None
        if cur is None:
            if not (pipe and (sep or _is_row_line(s))):
                k += 1
                continue
            cur = PipeRegion(k, k, layout="pipe-rows")
            framed = s.startswith("|")
        if sep:
            cur.end = k
            k += 1
            continue
        r = len(cur.rows)
        j = _row_end(lines, k, b) if framed and s.startswith("|") and not s.endswith("|") else None
        if j is None:
            cur.rows.append([Cell(t, r, c, ln.no, ln.no) for c, t in enumerate(_row_cells(s))])
            j = k
        else:
            cur.rows.append(_broken_row(lines, k, j, r))
        cur.lacking.append(0)
        cur.end = j
        k = j + 1
    if cur is not None:
        out.append(cur)
    return out


def _row_end(lines: list[SrcLine], k: int, b: int) -> int | None:
    """The line that closes the broken row begun at ``k`` (it ends with a bar), or None
    when a blank line, a new row or MAX_ROW_LINES come first."""
    for j in range(k + 1, min(b, k + MAX_ROW_LINES - 1) + 1):
        ln = lines[j]
        if ln.skip:
            continue
        s = ln.stripped
        if ln.blank or s.startswith("|"):
            return None
        if s.endswith("|"):
            return j
    return None


def _broken_row(lines: list[SrcLine], k: int, j: int, r: int) -> list[Cell]:
    acc = _RowAcc()
    for m in range(k, j + 1):
        ln = lines[m]
        if ln.skip:
            continue
        t = ln.stripped[1:] if m == k else ln.stripped
        for n, part in enumerate(t.split("|")):
            if n:
                acc.close_cell(ln.no)
            acc.text(part, ln.no)
    return [Cell(c.text, r, i, c.line, c.end_line) for i, c in enumerate(acc.row)]


def _next_text(lines: list[SrcLine], k: int, stop: int) -> int | None:
    j = k + 1
    while j <= stop and (lines[j].skip or lines[j].blank):
        j += 1
    return j if j <= stop else None


def _is_opener_shape(lines: list[SrcLine], k: int) -> bool:
    """A bar in the first column that opens a wrapped row: text follows it on the line
    ("|   项目完成指标"), or the next line is a cell closed by its bar ("| " ⏎ "一级指标  | ")."""
    t = lines[k].text
    if not t.startswith("|") or _BARS_ONLY.match(t.strip(_WS)) and len(t.strip(_WS)) > 1:
        return False
    if _OPENER_TEXT.match(t):
        return True
    j = _next_text(lines, k, len(lines) - 1)
    if j is None:
        return False
    s = lines[j].stripped
    return s.endswith("|") and not _BARS_ONLY.match(s)


class _RowAcc:
    """Rows of a one-cell-per-line table being assembled."""

    def __init__(self) -> None:
        self.rows: list[list[CellAcc]] = []
        self.lacking: list[int | None] = []
        self.row: list[CellAcc] = []
        self.pending: CellAcc | None = None

    def text(self, fragment: str, no: int) -> None:
        fragment = fragment.strip(_WS)
        if self.pending is None:
            self.pending = CellAcc(fragment, no)
        elif fragment:
            if self.pending.text:
                self.pending.extend(fragment, no)
            else:
                self.pending = CellAcc(fragment, no)

    def close_cell(self, no: int) -> None:
        cell = self.pending if self.pending is not None else CellAcc("", no)
        self.row.append(cell)
        self.pending = None

    def end_row(self, lacking: int | None) -> None:
        self.pending = None
        if self.row:
            self.rows.append(self.row)
            self.lacking.append(lacking)
        self.row = []


def _region(lines: list[SrcLine], acc: _RowAcc, layout: str) -> PipeRegion:
    rows = to_rows(acc.rows)
    cells = [c for r in rows for c in r]
    if not cells:
        return PipeRegion(0, -1, [], layout)
    first = min(c.line for c in cells) - 1  # SrcLine.no is its index + 1
    last = max(c.end_line for c in cells) - 1
    return PipeRegion(first, last, fill_covered(rows, acc.lacking), layout, acc.lacking)


def fill_covered(rows: list[list[Cell]], lacking: list[int | None]) -> list[list[Cell]]:
    """Give back the slots of cells merged down from the row above, where the text shows
    them with confidence; other rows stay ragged.

    A row's bars count the cells it lacks against the table's width, but not where they
    sat: cells merged down from above (一级/二级指标) are missing at the start of the row,
    an empty cell at its end looks the same.  The slots are put back at the start when
    the row lacks k more cells than the row above (both rows' cells and bars add up to
    the same width) and the shifted row lines up with the row above: a number lands under
    a number at least once, and no number or label lands under the other kind.  The
    covered slots are empty cells with ``merged=True`` and the covering text in
    ``covered_text``, as in Word tables."""
    out: list[list[Cell]] = []
    for r, row in enumerate(rows):
        prev = out[-1] if out else None
        k = len(prev) - len(row) if prev is not None else 0
        same_width = (
            r > 0
            and lacking[r] is not None
            and lacking[r - 1] is not None
            and len(rows[r - 1]) + lacking[r - 1] == len(row) + lacking[r]
        )
        if prev is None or k <= 0 or k >= len(prev) or not same_width or not _lines_up(prev[k:], row):
            out.append([Cell(c.text, r, i, c.line, c.end_line, c.merged, c.covered_text) for i, c in enumerate(row)])
            continue
        covered = [
            Cell("", r, i, row[0].line, row[0].line, merged=True, covered_text=prev[i].text or prev[i].covered_text)
            for i in range(k)
        ]
        out.append(covered + [Cell(c.text, r, k + i, c.line, c.end_line) for i, c in enumerate(row)])
    return out


def _lines_up(above: list[Cell], row: list[Cell]) -> bool:
    hits = 0
    for a, c in zip(above, row):
        if a.empty or c.empty:
            continue
        na, nc = is_numeric_cell(a.text), is_numeric_cell(c.text)
        if na != nc:
            return False
        hits += na
    return hits > 0


def _pipe_cells(lines: list[SrcLine], a: int, b: int) -> PipeRegion:
    """One cell per line, each closed by a bar; rows end at a line of bars only."""
    acc = _RowAcc()
    end = a
    # the first cell's text may sit alone on the line above the first bar ("项目名称" ⏎ "|")
    s0 = lines[a].stripped
    if _BARS_ONLY.match(s0) and a > 0:
        prev = lines[a - 1]
        if not prev.skip and not prev.blank and len(prev.stripped) <= MAX_PIPE_FIRST_CELL and "|" not in prev.text:
            acc.text(prev.stripped, prev.no)
    for k in range(a, b + 1):
        ln = lines[k]
        if ln.skip or ln.blank:
            continue
        s = ln.stripped
        if _BARS_ONLY.match(s):
            if len(s) >= 2:
                if acc.pending is not None and acc.pending.text:
                    acc.close_cell(ln.no)
                acc.end_row(len(s))
            else:
                acc.close_cell(ln.no)
            end = k
            continue
        if "|" not in s:
            acc.text(s, ln.no)
            continue
        parts = s.split("|")
        for n, part in enumerate(parts):
            if n:
                acc.close_cell(ln.no)
            if part.strip(_WS) or n == 0:
                acc.text(part, ln.no)
        if not s.endswith("|"):
            continue  # the last part is the start of the next cell
        acc.pending = None
        end = k
    acc.end_row(None)  # the last row: no bars say what it lacks
    reg = _region(lines, acc, "pipe-cells")
    if reg.rows:
        reg.start, reg.end = min(reg.start, a), max(reg.end, end)
    return reg


def _pipe_wrapped(lines: list[SrcLine], a: int, b: int) -> PipeRegion:
    """Markdown rows broken over lines: a bar in the first column opens a row, each later
    bar closes the cell whose text ran on until it; bars alone on the row's last line (just
    before the next opener) count the cells the row lacks."""
    acc = _RowAcc()
    end = a
    for k in range(a, b + 1):
        ln = lines[k]
        if ln.skip or ln.blank:
            continue
        s = ln.stripped
        t = ln.text
        if t.startswith("|") and not (_BARS_ONLY.match(s) and len(s) > 1):
            acc.end_row(0)
            acc.text(t[1:], ln.no)
            rest = t[1:]
            if "|" in rest:  # a whole row on the opener's line
                acc.pending = None
                for n, part in enumerate(rest.split("|")):
                    if n:
                        acc.close_cell(ln.no)
                    acc.text(part, ln.no)
            end = k
            continue
        if _BARS_ONLY.match(s):
            j = _next_text(lines, k, b)
            if j is None or lines[j].text.startswith("|"):
                if acc.pending is not None and acc.pending.text:
                    acc.close_cell(ln.no)
                acc.end_row(len(s))
            else:
                for _ in s:
                    acc.close_cell(ln.no)
            end = k
            continue
        parts = s.split("|")
        for n, part in enumerate(parts):
            if n:
                acc.close_cell(ln.no)
            acc.text(part, ln.no)
        if s.endswith("|"):
            acc.pending = None
            end = k
    acc.end_row(None)  # the last row: no bars say what it lacks
    reg = _region(lines, acc, "pipe-wrapped")
    if reg.rows:
        reg.start, reg.end = min(reg.start, a), max(reg.end, end)
    return reg
