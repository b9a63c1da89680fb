"""Rebuild table grids from plain-text exports.

Text exports of budget reports carry their tables in one of these shapes; each parser here
turns one shape back into rows of :class:`budgetlint.nlp.model.Cell`, keeping every cell's source line
span so findings can point at the exact lines a reviewer sees in ``cat -n``.

* ``tab-cells`` (DOCX → text, seeds 000/002/003): one cell per line, led by a TAB; rows are
  separated by blank lines; a cell may continue on untabbed lines, even across a blank line.
  Row ends are ambiguous, so the parser keeps an *expected width* (the column count of the
  last header-like row) and uses it to decide whether cells after a blank line still belong
  to the same row.
* ``tab-rows`` (seed 004, xlsx dumps): one row per line, cells split by TABs.  Cells are kept
  exactly as split — shifted or ragged rows are aligned by a later layer, not here.
* ``space-rows`` (PDF text regrouped by y-position): cells separated by runs of 2+ spaces.
  Only runs of *numeric* rows (amounts, subject codes) are taken as tables, together with the
  short label lines around and above them; prose is never turned into a table.
* ``html`` (PDF → markdown conversions, web pages): ``<table>…</table>`` with rowspan/colspan;
  the rebuilt grid is bounded (spans end at the last row, at most MAX_HTML_GRID_CELLS slots).
* ``pipe-rows``, ``pipe-cells``, ``pipe-wrapped`` (web pages and document sites copied as
  text): tables written with "|" — a row per line, a cell per line, or rows broken over
  padded lines; see the section "pipe tables" below.

All parsers work on :class:`SrcLine` objects produced by :mod:`budgetlint.nlp.readers.txt`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import regex

from budgetlint.nlp.lexicon import lexicon
from budgetlint.nlp.model import Cell
from budgetlint.nlp.readers.headings import parse_heading
from budgetlint.nlp.readers.outline import join_fragments
from budgetlint.nlp.text.normalize import SPACES as _WS

# patterns shared by the layouts
_CELL_SPLIT = regex.compile(r"[ \u3000\xa0]{2,}|\t")
_NUM = regex.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%％]?$")
_AMOUNT_TOKEN = regex.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)$")
_DASH = regex.compile(r"^[-—–－/]+$")
_CJK_START = regex.compile(r"^[\p{Han}（(“\"]")
_CJK_END = regex.compile(r"[\p{Han}）)”\"]$")
_PROSE_PUNCT = regex.compile(r"[。；！？!?;，]")
_LEADERS = regex.compile(r"[.…·．]{3,}|…")
_NOTE_START = regex.compile(r"^(?:注|说明|备注|填表说明)\s*\d?\s*[：:]|^注\d*[.、]")
_CAPTION = regex.compile(r"(?:表|表格)\s*(?:[（(][^（）()]{0,14}[）)])?$|^(?:附)?表\s*[\d一二三四五六七八九十]|续表")


@dataclass
class SrcLine:
    """One physical line of the input (split on ``\\n`` only).

    ``text`` has form feeds and export artefacts removed; ``page`` is 1 + the number of form
    feeds before the line's first character; ``page_start`` is True when a form feed led the
    line (or the previous line was nothing but form feeds).  ``skip`` marks page furniture
    (page numbers, running headers) that every layer ignores while line numbers stay intact.
    """

    no: int
    text: str
    page: int = 1
    page_start: bool = False
    skip: bool = False

    @property
    def blank(self) -> bool:
        """Whitespace only.  A lone TAB is *not* blank: it is an empty ``tab-cells`` cell."""
        return "\t" not in self.text and not self.text.strip(_WS + "\f\v")

    @property
    def stripped(self) -> str:
        return self.text.strip(_WS)


# ---------------------------------------------------------------------------------------
# cells assembled from continuation fragments (joined by budgetlint.nlp.readers.outline.join_fragments, the rule
# the .docx loader uses too, so a table reads the same in both formats)


class CellAcc:
    """A cell being assembled from a tab-led line and its continuation lines."""

    __slots__ = ("text", "line", "end_line")

    def __init__(self, text: str, line: int):
        self.text = text
        self.line = line
        self.end_line = line

    def extend(self, fragment: str, line: int) -> None:
        self.text = join_fragments(self.text.rstrip(" \t"), fragment.strip(" \t"))
        self.end_line = line


def to_rows(acc_rows: list[list[CellAcc]]) -> list[list[Cell]]:
    return [[Cell(c.text, r, k, c.line, c.end_line) for k, c in enumerate(row)] for r, row in enumerate(acc_rows)]


# ---------------------------------------------------------------------------------------
# tab-cells


def is_tab_cell_line(line: SrcLine) -> bool:
    """A ``tab-cells`` line: led by one TAB, no other TAB on the line."""
    t = line.text
    return t.startswith("\t") and "\t" not in t[1:]


_DIGIT = regex.compile(r"\d")
MAX_BLANKS_IN_TABLE = 3  # a tab-led line after more blank lines than this starts a new table


def _label_only(row: list[CellAcc]) -> bool:
    """A header-like row: no digits anywhere and at least two non-empty cells.

    Such rows (一级指标/二级指标/…, 年度总体目标/预期目标/实际完成情况) announce the width of
    the sub-grid below them; the 自评表 stacks sub-grids of 2, 4, 8, 3 and 9 columns.
    """
    if any(_DIGIT.search(c.text) for c in row):
        return False
    return sum(1 for c in row if c.text.strip(_WS)) >= 2


def _next_run_length(lines: list[SrcLine], j: int) -> int:
    """Number of tab-led cells from ``j`` up to the next blank line."""
    n = 0
    while j < len(lines):
        ln = lines[j]
        if ln.skip:
            j += 1
            continue
        if ln.blank or ("\t" in ln.text and not is_tab_cell_line(ln)):
            break
        if is_tab_cell_line(ln):
            n += 1
        j += 1
    return n


MAX_CHAIN_LINES = 4  # untabbed fragments a cell may continue with across blank lines
MAX_CHAIN_CHARS = 60


def _chain_reaches_tab(lines: list[SrcLine], j: int) -> bool:
    """Do untabbed lines from ``j`` (with single blank lines between them) lead to a
    tab-led line?  That is how a cell's text continues across a blank line
    ("年度⏎⏎指标值⏎→实际", "300余份。⏎⏎、⏎⏎舆情总体形势进行研判。250份⏎→30").

    The chain is short (a few fragments of a narrow cell): a longer run, a long line, a
    numbered heading, a note ("说明：…") or a caption is prose between two tables, not cell
    text."""
    blanks = 0
    fragments = 0
    while j < len(lines):
        ln = lines[j]
        if ln.skip:
            j += 1
            continue
        if ln.blank:
            blanks += 1
            if blanks > 1:
                return False
        elif is_tab_cell_line(ln):
            return True
        elif "\t" in ln.text:
            return False
        else:
            blanks = 0
            fragments += 1
            s = ln.stripped
            if (
                fragments > MAX_CHAIN_LINES
                or len(s) > MAX_CHAIN_CHARS
                or _CAPTION.search(s)
                or _NOTE_START.match(s)
                or parse_heading(s) is not None
            ):
                return False
        j += 1
    return False


def parse_tab_cells(lines: list[SrcLine], i: int) -> tuple[list[list[Cell]], int]:
    """Parse a ``tab-cells`` table starting at ``lines[i]`` (a tab-led line).

    Returns the rows and the index just after the last line that belongs to the table.

    Row ends: a blank line *may* end a row.  When tab-led cells follow blank lines, the row
    goes on if it is shorter than the expected width and the next run of cells fits into
    the gap (seed 000: "漏洞修复率 … 98%以上。⏎⏎⏎→30→28→" is one row of 9 cells); a
    label-only row always ends and sets the new width.

    Table end: an untabbed line after two or more blank lines; after one blank line when
    the row is complete or the untabbed lines do not lead back to a tab-led line.
    """
    rows: list[list[CellAcc]] = []
    row: list[CellAcc] = []
    width: int | None = None
    blanks = 0
    last = i
    j = i

    def close_row() -> None:
        nonlocal row, width
        if not row:
            return
        if _label_only(row) or width is None or len(row) > width:
            width = len(row)
        rows.append(row)
        row = []

    while j < len(lines):
        ln = lines[j]
        if ln.skip:
            j += 1
            continue
        if ln.blank:
            blanks += 1
            j += 1
            continue
        if is_tab_cell_line(ln):
            if blanks > MAX_BLANKS_IN_TABLE:
                break
            if blanks and row:
                same_row = (
                    not _label_only(row)
                    and width is not None
                    and len(row) < width
                    and len(row) + _next_run_length(lines, j) <= width
                )
                if not same_row:
                    close_row()
            row.append(CellAcc(ln.text[1:], ln.no))
            blanks = 0
            last = j
            j += 1
            continue
        if "\t" in ln.text or not row:
            break  # a tab-row line: another layout begins
        if blanks == 0:
            row[-1].extend(ln.text, ln.no)
            last = j
            j += 1
            continue
        complete = width is not None and len(row) == width
        if blanks == 1 and not complete and _chain_reaches_tab(lines, j):
            row[-1].extend(ln.text, ln.no)
            blanks = 0
            last = j
            j += 1
            continue
        break
    close_row()
    return to_rows(rows), last + 1


# ---------------------------------------------------------------------------------------
# tab-rows


def _has_tab_row_shape(line: SrcLine) -> bool:
    return "\t" in line.text and not is_tab_cell_line(line)


def is_tab_row_start(lines: list[SrcLine], i: int) -> bool:
    """Does a ``tab-rows`` table start at ``lines[i]``?

    A line with two or more TABs is a row.  A line with a single TAB is a row only next to
    another tabbed line: "张某某\\t  某区办公室副主任" between two prose lines is prose.
    """
    ln = lines[i]
    if not _has_tab_row_shape(ln):
        return False
    if ln.text.count("\t") >= 2:
        return True
    return any(0 <= k < len(lines) and "\t" in lines[k].text for k in (i - 1, i + 1))


def parse_tab_rows(lines: list[SrcLine], i: int) -> tuple[list[list[Cell]], int]:
    """Parse a ``tab-rows`` table: every tabbed line is a row, split on TABs as is.

    Untabbed lines squeezed between two row lines (no blank line) are the continuation of
    a multi-line cell (xlsx dumps); they extend the previous row's last non-empty cell.
    The table ends at a blank line or an untabbed line that does not lead back to a row.
    """
    rows: list[list[CellAcc]] = []
    j = i
    last = i
    while j < len(lines):
        ln = lines[j]
        if ln.skip:
            j += 1
            continue
        if ln.blank:
            break
        if "\t" in ln.text:
            rows.append([CellAcc(t, ln.no) for t in ln.text.split("\t")])
            last = j
            j += 1
            continue
        # untabbed: continuation only if more untabbed lines lead directly to a row
        k = j
        while k < len(lines) and not lines[k].blank and "\t" not in lines[k].text:
            k += 1
        if k >= len(lines) or lines[k].blank or not rows:
            break
        target = next((c for c in reversed(rows[-1]) if c.text.strip(_WS)), rows[-1][-1])
        for m in range(j, k):
            if not lines[m].skip:
                target.extend(lines[m].text, lines[m].no)
        last = k - 1
        j = k
    return to_rows(rows), last + 1


# ---------------------------------------------------------------------------------------
# space-rows (PDF text)


def is_numeric_cell(text: str) -> bool:
    t = text.strip(_WS)
    return bool(_NUM.match(t) or _DASH.match(t))


def _split_glued(cell: str) -> list[str]:
    """Split a formatted amount glued by one space to a label (either way round) or to
    another amount: "86,959,408.34 一、公共安全支出" → ["86,959,408.34", "一、公共安全支出"],
    "82,096,797.42 82,096,797.42" → two cells.  Only amounts with a thousands comma or
    decimals count, so "2018 年度" stays whole."""
    if " " not in cell:
        return [cell]
    toks = cell.split(" ")
    out = [toks[0]]
    for tok in toks[1:]:
        prev = out[-1]
        amount_prev, amount_tok = _AMOUNT_TOKEN.match(prev), _AMOUNT_TOKEN.match(tok)
        if (amount_prev and (amount_tok or _CJK_START.match(tok))) or (amount_tok and _CJK_END.search(prev)):
            out.append(tok)
        else:
            out[-1] = prev + " " + tok
    return out


def split_space_cells(text: str) -> list[str]:
    """Cells of a PDF table line: split on runs of 2+ spaces, then unglue amounts."""
    cells: list[str] = []
    for part in _CELL_SPLIT.split(text.strip(_WS)):
        if part:
            cells.extend(_split_glued(part))
    return cells


# line kinds for region building
_D, _L, _CAP, _NOTE, _OTHER = "D", "L", "CAP", "NOTE", "OTHER"


def _classify(text: str) -> tuple[str, int]:
    """Kind of a PDF line for table detection, and its number of numeric cells.

    D: a data row — 2+ cells, at least one numeric, no prose punctuation, labels short,
       and numbers dominate (half the cells, or the last cell).
    L: a short label line (header rows, wrapped row labels) — may sit inside a table.
    CAP: a table caption ("…预算总表", "公开01 表"); NOTE: "注：…" lines.  Both end tables.
    """
    s = text.strip(_WS)
    if not s:
        return _OTHER, 0
    if _NOTE_START.match(s):
        return _NOTE, 0
    cells = split_space_cells(s)
    nums = sum(1 for c in cells if is_numeric_cell(c))
    if _LEADERS.search(s):
        return _OTHER, nums
    if len(cells) >= 2 and nums >= 1 and not _PROSE_PUNCT.search(s):
        labels_short = all(len(c) <= 30 for c in cells if not is_numeric_cell(c))
        if labels_short and (2 * nums >= len(cells) or is_numeric_cell(cells[-1])):
            return _D, nums
    short = len(s) <= 40 or (len(cells) >= 3 and all(len(c) <= 20 for c in cells))
    if short and not _PROSE_PUNCT.search(s) and not (s[-1] in "：:" and len(s) > 12):
        if _CAPTION.search(s):
            return _CAP, nums
        return _L, nums
    return _OTHER, nums


_TITLE_WORDS: regex.Pattern | None = None


def _is_section_title(text: str) -> bool:
    """A numbered heading whose title ends with a title word (…情况, …说明): a section of the
    report, never a row label, so a table must not swallow it."""
    global _TITLE_WORDS
    hp = parse_heading(text)
    if hp is None:
        return False
    if _TITLE_WORDS is None:
        words = [w for w in lexicon()["title_endings"] if not w.endswith("表")]
        _TITLE_WORDS = regex.compile("(?:" + "|".join(map(regex.escape, words)) + ")$")
    return bool(_TITLE_WORDS.search(hp.title)) or hp.rank == 0


@dataclass
class SpaceRegion:
    start: int  # index into lines (inclusive)
    end: int  # index into lines (inclusive)
    rows: list[list[Cell]] = field(default_factory=list)


MAX_HEADER_LINES = 12
MAX_TRAILING_LABELS = 30


def find_space_tables(lines: list[SrcLine]) -> list[SpaceRegion]:
    """Find ``space-rows`` tables in PDF text.  Precision over recall.

    A table grows around its numeric rows: forward over further data rows and the label
    lines between them (also across page breaks — tables continue on the next page), and
    backward over the short header lines below its caption.  It needs two data rows, or one
    with three or more numbers.  Captions and "注：" lines end a table.  A caption followed
    by header lines but no data rows (an empty table: "无 / 合计 / 注：本表无数据") is a table
    too.
    """
    kinds: list[tuple[str, int]] = [(_OTHER, 0) if (ln.skip or ln.blank) else _classify(ln.text) for ln in lines]
    regions: list[SpaceRegion] = []
    taken = [False] * len(lines)
    i = 0
    while i < len(lines):
        if lines[i].skip or kinds[i][0] != _D or taken[i]:
            i += 1
            continue
        end, n_data, max_nums = _grow_forward(lines, kinds, i)
        prev_end = regions[-1].end if regions else -1
        start = _header_start(lines, kinds, i, prev_end)
        if n_data >= 2 or max_nums >= 3:
            regions.append(SpaceRegion(start, end))
            for m in range(start, end + 1):
                taken[m] = True
            i = end + 1
        else:
            i += 1
    regions.extend(_caption_tables(lines, kinds, taken))
    regions.sort(key=lambda r: r.start)
    for reg in regions:
        reg.rows = _region_rows(lines, reg)
    return regions


def _grow_forward(lines: list[SrcLine], kinds, first: int) -> tuple[int, int, int]:
    """Extend a table from its first data row: over data rows and the label lines between
    them, stopping at a blank line, a caption, a note, prose or another layout.  Returns
    the last line index, the number of data rows and the most numbers in one row."""
    end, n_data, max_nums = first, 1, kinds[first][1]
    pending: list[int] = []
    stop_kind = "EOF"
    j = first + 1
    while j < len(lines):
        ln = lines[j]
        if ln.skip:
            j += 1
            continue
        if ln.blank:
            stop_kind = "BLANK"
            break
        if "\t" in ln.text or ln.text.lstrip().startswith("<table"):
            stop_kind = _OTHER
            break
        kind, nums = kinds[j]
        if kind == _D:
            end, n_data, max_nums = j, n_data + 1, max(max_nums, nums)
            pending = []
        elif kind == _L:
            pending.append(j)
        else:
            stop_kind = kind
            break
        j += 1
    kept = _trailing_labels(lines, pending, stop_kind)
    return (kept[-1] if kept else end), n_data, max_nums


def _trailing_labels(lines: list[SrcLine], pending: list[int], stop_kind: str) -> list[int]:
    """Label lines after the last data row still belong to the table ("合计" printed
    below its numbers, empty budget lines) when the table then ends at a caption, a note, a
    blank line or the end — not when prose follows.  A section heading is never taken, nor
    a new page's first line(s) right before a caption (a wrapped caption's first half)."""
    if not pending or stop_kind not in ("EOF", "BLANK", _CAP, _NOTE) or len(pending) > MAX_TRAILING_LABELS:
        return []
    kept = []
    for n_k, k in enumerate(pending):
        if _is_section_title(lines[k].text):
            break
        if stop_kind == _CAP and lines[k].page_start and len(pending) - n_k <= 2:
            break
        kept.append(k)
    return kept


def _header_start(lines: list[SrcLine], kinds, first: int, prev_end: int) -> int:
    """Walk back from the first data row over the table's header lines (short labels),
    stopping at a caption, a blank line, prose, a section heading, a lead-in line ending
    with a colon, the previous table, or a page break (crossed only by a unit line)."""
    start = first
    k = first - 1
    steps = 0
    if lines[first].page_start and not _unit_line_above(lines, kinds, first):
        return start
    while k > prev_end and steps < MAX_HEADER_LINES:
        ln = lines[k]
        if ln.skip:
            k -= 1
            continue
        if ln.blank or kinds[k][0] != _L or _is_section_title(ln.text) or "\t" in ln.text:
            break
        if ln.stripped.endswith(("：", ":")):
            break  # "…的单位包括：" introduces the table; it is prose, not a header row
        start = k
        steps += 1
        if ln.page_start and not _unit_line_above(lines, kinds, k):
            break
        k -= 1
    return start


_UNIT_LINE = regex.compile(r"单位\s*[：:]|^(?:部门|单位|编制单位|预算单位)(?:名称)?\s*[：:]")


def _unit_line_above(lines: list[SrcLine], kinds, k: int) -> bool:
    """Is the line before ``k`` a "部门：…  单位：万元" line?  PDFs often leave a table's
    caption and unit line at the foot of one page and start the grid on the next; only
    such lines may join a table's header across a page break."""
    j = k - 1
    while j >= 0 and lines[j].skip:
        j -= 1
    return j >= 0 and kinds[j][0] == _L and bool(_UNIT_LINE.search(lines[j].text))


def _caption_tables(lines: list[SrcLine], kinds, taken: list[bool]) -> list[SpaceRegion]:
    """Tables too small for the numeric-run rule (no data row, or a single one such as
    "0.95  0.95"): a caption, then only header/label/data lines up to a note, a blank line,
    a page break or another caption.  At least one line must have 3+ cells (or two lines
    2+ cells) so that a list of short titles is not mistaken for a table."""
    out = []
    n = len(lines)
    for c in range(n):
        if kinds[c][0] != _CAP or taken[c] or parse_heading(lines[c].text) is not None:
            continue
        body: list[int] = []
        j = c + 1
        while j < n:
            ln = lines[j]
            if ln.skip:
                j += 1
                continue
            if ln.blank or ln.page_start or taken[j] or kinds[j][0] not in (_L, _D):
                break
            if _is_section_title(ln.text):
                break
            body.append(j)
            j += 1
        if len(body) < 2:
            continue
        widths = [len(split_space_cells(lines[b].text)) for b in body]
        if max(widths) >= 3 or sum(1 for w in widths if w >= 2) >= 2:
            out.append(SpaceRegion(body[0], body[-1]))
            for b in body:
                taken[b] = True
    return out


def _region_rows(lines: list[SrcLine], reg: SpaceRegion) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for k in range(reg.start, reg.end + 1):
        ln = lines[k]
        if ln.skip or ln.blank:
            continue
        r = len(rows)
        rows.append([Cell(t, r, c, ln.no, ln.no) for c, t in enumerate(split_space_cells(ln.text))])
    return rows


# ---------------------------------------------------------------------------------------
# html tables (markdown conversions)

_HTML_TAG = regex.compile(r"<(/?)(tr|td|th|table)\b([^>]*)>", regex.IGNORECASE)
_ANY_TAG = regex.compile(r"<[^>]*>")
_SPAN = regex.compile(r"""(rowspan|colspan)\s*=\s*["']?(\d+)""", regex.IGNORECASE)


def _html_rows(markup: str) -> list[list[tuple[str, int, int]]]:
    """Rows of ``(text, rowspan, colspan)`` from table markup.  A small tokenizer rather
    than :mod:`html.parser`: the converted reports use only table/tr/td/th plus inline tags
    (<sup>, <br>), and this is several times faster on a 100-table document."""
    rows: list[list[tuple[str, int, int]]] = []
    cell_start = None
    span = (1, 1)
    for m in _HTML_TAG.finditer(markup):
        closing, tag = m.group(1), m.group(2).lower()
        if tag in ("td", "th"):
            if cell_start is not None:  # close the open cell (explicitly or implicitly)
                raw = markup[cell_start : m.start()]
                text = " ".join(html.unescape(_ANY_TAG.sub("", raw)).split())
                if not rows:
                    rows.append([])
                rows[-1].append((text, *span))
                cell_start = None
            if not closing:
                attrs = dict((k.lower(), _int(v)) for k, v in _SPAN.findall(m.group(3)))
                span = (attrs.get("rowspan", 1), attrs.get("colspan", 1))
                cell_start = m.end()
        elif tag == "tr" and not closing:
            rows.append([])
    return rows


MAX_HTML_GRID_CELLS = 50_000  # slots of one rebuilt HTML grid (rows × columns); spans beyond it are dropped


def _int(v) -> int:
    try:
        return max(1, min(int(v), 200))
    except (TypeError, ValueError):
        return 1


def is_html_table_start(line: SrcLine) -> bool:
    return line.text.lstrip().lower().startswith("<table")


def parse_html_table(lines: list[SrcLine], i: int) -> tuple[list[list[Cell]], int]:
    """Parse ``<table>…</table>`` (possibly over several lines) into a full grid: a cell
    spanning rows/columns keeps its text in the top-left slot; every other slot it covers
    is an empty cell with ``merged=True`` and the spanning cell's text in ``covered_text``
    (as in Word tables)."""
    j = i
    chunks = []
    while j < len(lines):
        chunks.append(lines[j].text)
        if "</table>" in lines[j].text.lower():
            break
        j += 1
    j = min(j, len(lines) - 1)
    html_rows = _html_rows("\n".join(chunks))
    line_a, line_b = lines[i].no, lines[j].no
    grid: dict[tuple[int, int], Cell] = {}
    n_rows = len(html_rows)
    for r, row in enumerate(html_rows):
        c = 0
        for text, rs, cs in row:
            while (r, c) in grid:
                c += 1
            rs = min(rs, n_rows - r)  # a span never reaches past the table's last row
            if len(grid) + rs * cs > MAX_HTML_GRID_CELLS:
                rs = cs = 1  # hostile spans: keep the cell, drop the slots it claims
            for dr in range(rs):
                for dc in range(cs):
                    covered = bool(dr or dc)
                    grid[(r + dr, c + dc)] = Cell(
                        "" if covered else text,
                        r + dr,
                        c + dc,
                        line_a,
                        line_b,
                        merged=covered,
                        covered_text=text if covered else "",
                    )
            c += cs
    out: list[list[Cell]] = []
    for r in range(len(html_rows)):
        cols = sorted(c for (rr, c) in grid if rr == r)
        out.append([grid[(r, c)] for c in cols])
    return out, j + 1
