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


class _CellAcc:
    """A cell being assembled from a tab-led line and its continuation lines."""

    __slots__ = ("text", "line", "end_line")

    def __init__(self, text: str, line: int):
        self.text = text
        self.line = line
        self.end_line = line

    def extend(self, fragment: str, line: int) -> None:
        self.text = join_fragments(self.text.rstrip(" \t"), fragment.strip(" \t"))
        self.end_line = line


def _to_rows(acc_rows: list[list[_CellAcc]]) -> list[list[Cell]]:
    return [[Cell(c.text, r, k, c.line, c.end_line) for k, c in enumerate(row)] for r, row in enumerate(acc_rows)]


# ---------------------------------------------------------------------------------------
# tab-cells


def is_tab_cell_line(line: SrcLine) -> bool:
    """A ``tab-cells`` line: led by one TAB, no other TAB on the line."""
    t = line.text
    return t.startswith("\t") and "\t" not in t[1:]


_DIGIT = regex.compile(r"\d")
MAX_BLANKS_IN_TABLE = 3  # a tab-led line after more blank lines than this starts a new table


def _label_only(row: list[_CellAcc]) -> bool:
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
    rows: list[list[_CellAcc]] = []
    row: list[_CellAcc] = []
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
            row.append(_CellAcc(ln.text[1:], ln.no))
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
    return _to_rows(rows), last + 1


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
    rows: list[list[_CellAcc]] = []
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
            rows.append([_CellAcc(t, ln.no) for t in ln.text.split("\t")])
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
    return _to_rows(rows), last + 1


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


# ---------------------------------------------------------------------------------------
# pipe tables (web pages and document sites copied as text)
#
# Three shapes, told apart per cluster of lines holding "|":
#
# * ``pipe-rows``: one row per line, cells split by "|" (Markdown, with or without the
#   leading and trailing bar; a ``|---|`` separator row is skipped).  Cells are kept
#   exactly as split, as in ``tab-rows``.
# * ``pipe-cells``: one cell per line; a cell's text (one or more lines) is closed by a "|"
#   at the end of its last line or by a line holding only "|" (an empty cell when nothing
#   is pending).  A line of two or more bars only ("||||||") ends the row; its bars count
#   the cells the row lacks against the table's width (merged cells), kept in the note.
# * ``pipe-wrapped``: Markdown rows broken over many lines and padded with spaces: a line
#   starting with "|" in the first column opens a row, every later "|" closes a cell whose
#   text ran on until it; the bars left on the row's last line count the cells it lacks.
#
# Rows stay ragged, as in the other text layouts: where a merged cell sat cannot be told
# from the text (a cell merged down from the row above and an empty cell at the end of
# the row both only lower the count), so no cell is invented.

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
        self.rows: list[list[_CellAcc]] = []
        self.lacking: list[int | None] = []
        self.row: list[_CellAcc] = []
        self.pending: _CellAcc | None = None

    def text(self, fragment: str, no: int) -> None:
        fragment = fragment.strip(_WS)
        if self.pending is None:
            self.pending = _CellAcc(fragment, no)
        elif fragment:
            if self.pending.text:
                self.pending.extend(fragment, no)
            else:
                self.pending = _CellAcc(fragment, no)

    def close_cell(self, no: int) -> None:
        cell = self.pending if self.pending is not None else _CellAcc("", no)
        self.row.append(cell)
        self.pending = None

    def end_row(self, lacking: int | None) -> None:
        self.pending = None
        if self.row:
            self.rows.append(self.row)
            self.lacking.append(lacking)
        self.row = []


def _region(lines: list[SrcLine], acc: _RowAcc, layout: str) -> PipeRegion:
    rows = _to_rows(acc.rows)
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
