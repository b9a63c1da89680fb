"""Load a spreadsheet (.xlsx, .xls) into a :class:`budgetlint.nlp.model.Document`.

Reading
-------
* **.xlsx** through openpyxl with ``read_only=True, data_only=True``: cells stream out of
  the sheet XML, formulas give their *cached* values (what Excel last showed; a formula
  never calculated — a workbook written by a library — reads as empty), and images,
  charts and drawings are never loaded.  Read-only worksheets do not expose merged ranges,
  so they come from the sheet part itself: the part is found through
  ``xl/workbook.xml`` and ``xl/_rels/workbook.xml.rels`` (sheet name → ``r:id`` →
  target), and its ``<mergeCells>`` are read with a streaming lxml parse that discards
  every ``<row>`` as soon as it is parsed (``mergeCells`` follows ``sheetData``).
* **.xls** through xlrd with ``formatting_info=True`` (needed for ``sheet.merged_cells``
  and for the number formats).
* The format is decided by the first bytes, not the suffix: a ZIP is read as .xlsx, an OLE
  compound file as .xls.  :func:`spreadsheet_kind` tells :func:`budgetlint.nlp.readers.load_document` which
  files are workbooks.
* Hidden and very hidden sheets are skipped (a printed or exported workbook does not show
  them; they usually hold lookup lists).  Empty sheets produce no block.

Cell text
---------
Numbers are written the way the sheet shows them, from the cell's number format
(:mod:`budgetlint.nlp.readers.numfmt`): ``0.00`` → "0.69", ``0.00%`` → "99.25%", ``#,##0`` → "1,235",
accounting formats with their literal "-" for zero; rounding is Excel's (half away from
zero on the value's 15 significant digits).  General shows up to 15 significant digits, an
integral float without decimals ("10").  Dates follow the date format (yyyy"年"m"月"d"日",
yyyy/m/d, …; ISO when the format says nothing usable), booleans read TRUE/FALSE, error
values their code ("#DIV/0!").  Text loses surrounding whitespace; line breaks inside a
cell (Alt+Enter) are joined by :func:`budgetlint.nlp.readers.outline.join_parts`, as a Word cell's paragraphs
are, so "项目资金\\n（万元）" reads "项目资金（万元）" whatever the format.

Blocks
------
Every sheet is, in workbook order:

* a :class:`Heading` (the sheet name, ``style="none"``, ``number=""``, ``rank=0``: a
  sheet is the top division of a workbook, so headings found inside it nest below);
* then its content, split into *segments* at runs of two or more empty rows (a single
  empty row inside a table is kept as an empty table row, so table row ``r`` is sheet row
  ``Origin.row + r``).  A row is empty when no slot holds text, its own or a merged
  cell's.  In each segment, leading rows with a single piece of text (one cell, or one
  merged cell) are *title rows*: each becomes a paragraph — or a heading when
  :func:`budgetlint.nlp.readers.headings.parse_heading` / ``parse_unnumbered`` accepts it, as for Word
  paragraphs — and the rest of the segment is a :class:`Table`.  A segment made only of
  single-text rows is prose: paragraphs, no table.
* Tables lose leading and trailing columns in which no cell has text of its own (slots
  merely covered by a merged cell do not keep a column).  Merged cells are resolved as in
  Word tables (:mod:`budgetlint.nlp.readers.docx`): the text sits in the top-left slot; every other
  slot of the range is ``Cell(text="", merged=True, covered_text=<that text>)``.  A value
  stored in a covered cell is not shown by Excel and is dropped.
* ``Table.caption`` is the nearest title row above the table (unit lines and wholly
  parenthesised lines looked past, as for Word), else the sheet name unless it is a
  default one ("Sheet1", "工作表1").  ``Table.unit`` comes from
  :func:`budgetlint.nlp.readers.outline.find_unit` over those title rows and the first two table rows, then
  the sheet name.

Locations
---------
``line`` counts blocks in document order: the sheet heading, each title row, and every
table row is one line (empty rows between segments are not lines).  ``Origin`` of a table
is ``(table=<index in Document.tables>, row=<0-based sheet row of its first row>,
col=<0-based sheet column of its first column>)``; a title row's paragraph has
``Origin(row, col)`` of its cell.  Every :class:`Cell` has ``ref`` — its address,
``"自评表!I13"``, the sheet name quoted as Excel writes it in formulas when needed
(``"'2026年部门预算 '!A5"``) — and ``row``/``col`` in its table's grid.

Limits (hostile input)
----------------------
An empty file, a truncated or corrupt workbook, an encrypted one, a ZIP whose declared
uncompressed size exceeds ``MAX_UNCOMPRESSED_BYTES`` (checked in the ZIP directory before
openpyxl opens anything), a used range larger than ``MAX_CELLS`` cells in total (rows ×
columns of each sheet's used range, summed), more than ``MAX_SCANNED_CELLS`` cell slots
scanned, or an .xls larger than ``MAX_XLS_BYTES`` raise :class:`budgetlint.nlp.errors.LoadError`
with one Chinese line.
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import regex

from budgetlint.nlp.errors import LoadError, read_bytes
from budgetlint.nlp.model import AnyBlock, Cell, Document, Heading, Origin, Paragraph, Table, Text
from budgetlint.nlp.readers.docx import _caption_and_unit  # the Word loader's caption rule, shared
from budgetlint.nlp.readers.headings import parse_heading, parse_unnumbered
from budgetlint.nlp.readers.numfmt import format_date, format_general, format_number, format_value
from budgetlint.nlp.readers.outline import find_unit, join_parts, normalize_outline
from budgetlint.nlp.readers.ziputil import checked_members

# -- limits --------------------------------------------------------------------------------
MAX_CELLS = 200_000  # used range (rows × columns), summed over the sheets
MAX_SCANNED_CELLS = 2_000_000  # cell slots the readers walk through, empty ones included
MAX_XLS_BYTES = 64 * 1024 * 1024
MAX_MERGE_SLOTS = 2 * MAX_CELLS  # slots visited while resolving merged ranges

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK"
WS = " \t\r\n\u3000\xa0"

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET_REL = "/worksheet"  # relationship types end with .../relationships/worksheet


class _TooBig(Exception):
    pass


# ==========================================================================================
# detection
# ==========================================================================================
def _ole_streams(data: bytes) -> set[str] | None:
    """Names of the entries of an OLE compound file's directory, or None when unreadable."""
    try:
        from xlrd.compdoc import CompDoc

        cd = CompDoc(data, logfile=io.StringIO())
        return {d.name for d in cd.dirlist if getattr(d, "name", None)}
    except Exception:
        return None


def _zip_names(path: Path) -> set[str] | None:
    try:
        with zipfile.ZipFile(path) as zf:
            return set(zf.namelist())
    except Exception:
        return None


def spreadsheet_kind(path: Path) -> str | None:
    """What a file is by its content: "xlsx" (a ZIP holding ``xl/workbook.xml``), "xls" (an
    OLE file whose directory holds a ``Workbook`` or ``Book`` stream), "encrypted" (an OLE
    file holding an ``EncryptedPackage``: a password-protected Office 2007+ file, Word or
    Excel), or None (anything else, unreadable included)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
            if head.startswith(_OLE_MAGIC):
                fh.seek(0)
                data = fh.read(MAX_XLS_BYTES + 1)
            else:
                data = b""
    except OSError:
        return None
    if head.startswith(_ZIP_MAGIC):
        names = _zip_names(path)
        return "xlsx" if names is not None and "xl/workbook.xml" in names else None
    if head.startswith(_OLE_MAGIC):
        names = _ole_streams(data)
        if names is None:
            return None
        if "EncryptedPackage" in names:
            return "encrypted"
        if names & {"Workbook", "Book"}:
            return "xls"
    return None


# ==========================================================================================
# cell text
# ==========================================================================================
def clean_text(s: str) -> str:
    """A text cell's text: trimmed; line breaks inside the cell joined like a Word cell's
    paragraphs (:func:`budgetlint.nlp.readers.outline.join_parts`)."""
    if "\n" in s or "\r" in s:
        return join_parts(regex.split(r"\r\n|\r|\n", s))
    return s.strip(WS)


def display_text(value, fmt: str | None, is_error: bool = False) -> str:
    """The text a cell shows for a Python ``value`` (openpyxl / converted xlrd values)."""
    if value is None:
        return ""
    if is_error:
        return str(value).strip()
    if isinstance(value, str):
        return clean_text(value)
    shown = format_value(value, fmt)
    return clean_text(str(value)) if shown is None else shown


# ==========================================================================================
# references
# ==========================================================================================
def column_letter(col: int) -> str:
    """0-based column index → "A", "B", …, "AA"."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


_PLAIN_SHEET = regex.compile(r"^[^\W\d][\w.]*$")
_CELLISH = regex.compile(r"^(?:[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]?\d*)$")


def sheet_prefix(name: str) -> str:
    """ "自评表!" / "'2026年部门预算 '!": the sheet part of an address, quoted as Excel writes
    it in formulas when the name has spaces or punctuation, starts with a digit, or reads
    like a cell address."""
    if _PLAIN_SHEET.match(name) and not _CELLISH.match(name):
        return name + "!"
    return "'" + name.replace("'", "''") + "'!"


def _parse_ref(ref: str) -> tuple[int, int, int, int] | None:
    """ "A1:E3" → (r0, c0, r1, c1), 0-based inclusive; None for anything else."""
    m = regex.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?", ref.strip())
    if not m:
        return None

    def col(s: str) -> int:
        v = 0
        for ch in s.upper():
            v = v * 26 + ord(ch) - 64
        return v - 1

    r0, c0 = int(m.group(2)) - 1, col(m.group(1))
    if m.group(3):
        r1, c1 = int(m.group(4)) - 1, col(m.group(3))
    else:
        r1, c1 = r0, c0
    if r0 < 0 or r1 < 0:
        return None
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


# ==========================================================================================
# raw sheets
# ==========================================================================================
@dataclass
class _RawSheet:
    name: str
    cells: dict[tuple[int, int], str] = field(default_factory=dict)  # 0-based, text != ""
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    bbox: tuple[int, int, int, int] | None = None  # r0, c0, r1, c1 of the texts


class _Budget:
    """Counts what a workbook costs to read and stops it past the limits."""

    def __init__(self):
        self.scanned = 0
        self.area_done = 0

    def scan(self, n: int) -> None:
        self.scanned += n
        if self.scanned > MAX_SCANNED_CELLS:
            raise _TooBig(f"扫描的单元格超过 {MAX_SCANNED_CELLS} 个")

    def check_area(self, sheet: _RawSheet, bbox) -> None:
        r0, c0, r1, c1 = bbox
        area = (r1 - r0 + 1) * (c1 - c0 + 1)
        if self.area_done + area > MAX_CELLS:
            raise _TooBig(
                f"工作表「{sheet.name}」的数据区域过大（{r1 - r0 + 1} 行 × {c1 - c0 + 1} 列，"
                f"全簿累计超过 {MAX_CELLS} 个单元格）"
            )


def _add_cell(sheet: _RawSheet, budget: _Budget, r: int, c: int, text: str) -> None:
    if not text:
        return
    sheet.cells[(r, c)] = text
    b = sheet.bbox
    if b is not None and b[0] <= r <= b[2] and b[1] <= c <= b[3]:
        return
    nb = (r, c, r, c) if b is None else (min(b[0], r), min(b[1], c), max(b[2], r), max(b[3], c))
    budget.check_area(sheet, nb)
    sheet.bbox = nb


# -- .xlsx -----------------------------------------------------------------------------------
def _check_zip(path: Path) -> None:
    names = checked_members(path, ".xlsx", "工作簿已加密（受密码保护），请取消密码后再检查")
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise LoadError("这是 Word 文档（.docx），不是 Excel 工作簿")
        if "ppt/presentation.xml" in names:
            raise LoadError("这是 PowerPoint 文件（.pptx），不是 Excel 工作簿")
        if any(n.startswith("xl/") for n in names):
            raise LoadError(
                "暂不支持此类 Excel 文件（缺少 xl/workbook.xml，可能是 .xlsb 或 Strict 格式），请另存为 .xlsx 后再检查"
            )
        raise LoadError("不是 Excel 工作簿：压缩包中没有 xl/workbook.xml")


def _xml(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """Sheet name → (state, part path inside the zip), from the workbook and its rels."""
    wb = _xml(zf.read("xl/workbook.xml"))
    try:
        rels_root = _xml(zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    targets: dict[str, str] = {}
    for rel in rels_root:
        if not isinstance(rel.tag, str) or not rel.tag.endswith("Relationship"):
            continue
        if not (rel.get("Type") or "").endswith(_WORKSHEET_REL) or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id") or ""] = part
    out: dict[str, tuple[str, str]] = {}
    for sh in wb.iter("{*}sheet"):
        rid = sh.get(f"{{{_REL_NS}}}id") or sh.get("{http://purl.oclc.org/ooxml/officeDocument/relationships}id")
        if rid in targets:
            out[sh.get("name") or ""] = (sh.get("state") or "visible", targets[rid])
    return out


def _merged_ranges(zf: zipfile.ZipFile, part: str) -> list[tuple[int, int, int, int]]:
    """The ``<mergeCell ref=…>`` ranges of a sheet part, by a streaming parse that drops
    each row as soon as it is read."""
    from lxml import etree

    out = []
    try:
        fh = zf.open(part)
    except KeyError:
        return out
    with fh:
        for _, el in etree.iterparse(
            fh,
            events=("end",),
            tag=("{*}row", "{*}mergeCell"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=True,
        ):
            if el.tag.endswith("mergeCell"):
                rng = _parse_ref(el.get("ref") or "")
                if rng is not None:
                    out.append(rng)
            el.clear()
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
    return out


def _read_xlsx(path: Path, budget: _Budget) -> list[_RawSheet]:
    _check_zip(path)
    import openpyxl

    try:
        with zipfile.ZipFile(path) as zf:
            parts = _sheet_parts(zf)
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(f"不是有效的 Excel 工作簿（.xlsx）：工作簿结构无法解析（{type(exc).__name__}）") from None
    # a file object, not the path: openpyxl judges a path by its suffix (an .xlsx named .xls
    # is refused), the content is what matters here
    fh = open(path, "rb")  # noqa: SIM115  (held open for openpyxl's read-only sheets, closed below)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
    except MemoryError:
        fh.close()
        raise LoadError("文件过大，无法读取") from None
    except Exception as exc:
        fh.close()
        raise LoadError(
            f"不是有效的 Excel 工作簿（.xlsx）：{type(exc).__name__}: {' '.join(str(exc).split())[:120]}"
        ) from None
    sheets: list[_RawSheet] = []
    try:
        with zipfile.ZipFile(path) as zf:
            for ws in wb.worksheets:
                state, part = parts.get(ws.title, (getattr(ws, "sheet_state", "visible"), None))
                if state in ("hidden", "veryHidden") or getattr(ws, "sheet_state", "visible") != "visible":
                    continue
                sheet = _RawSheet(ws.title)
                ws.reset_dimensions()  # a <dimension> can lie (or claim a million rows)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    for row in ws.iter_rows():
                        budget.scan(len(row) + 1)
                        for c in row:
                            v = c.value
                            if v is None:
                                continue
                            text = display_text(v, c.number_format, c.data_type == "e")
                            _add_cell(sheet, budget, c.row - 1, c.column - 1, text)
                part = part or getattr(ws, "_worksheet_path", None)  # openpyxl's own lookup
                if part is not None and sheet.bbox is not None:
                    sheet.merges = _merged_ranges(zf, part)
                sheets.append(sheet)
                if sheet.bbox is not None:
                    r0, c0, r1, c1 = sheet.bbox
                    budget.area_done += (r1 - r0 + 1) * (c1 - c0 + 1)
    except (LoadError, _TooBig):
        raise
    except MemoryError:
        raise LoadError("文件过大，无法读取") from None
    except Exception as exc:
        raise LoadError(
            f"不是有效的 Excel 工作簿（.xlsx）：工作表无法读取（{type(exc).__name__}: {' '.join(str(exc).split())[:100]}）"
        ) from None
    finally:
        with contextlib.suppress(Exception):
            wb.close()
        fh.close()
    return sheets


# -- .xls ------------------------------------------------------------------------------------
def _read_xls(path: Path, budget: _Budget) -> list[_RawSheet]:
    book = _open_xls(_xls_bytes(path))
    formats = _XlsFormats(book)
    sheets: list[_RawSheet] = []
    try:
        for idx in range(book.nsheets):
            sh = book.sheet_by_index(idx)
            if getattr(sh, "visibility", 0) == 0:
                sheets.append(_read_xls_sheet(book, sh, formats, budget))
            book.unload_sheet(idx)
    except _TooBig:
        raise
    except MemoryError:
        raise LoadError("文件过大，无法读取") from None
    except Exception as exc:
        raise LoadError(
            f"不是有效的 .xls 文件：工作表无法读取（{type(exc).__name__}: {' '.join(str(exc).split())[:100]}）"
        ) from None
    finally:
        with contextlib.suppress(Exception):
            book.release_resources()
    return sheets


def _xls_bytes(path: Path) -> bytes:
    """The file's bytes, refused when too large, encrypted, or an OLE file without a
    workbook stream (an old Word document)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"无法读取：{exc.strerror or exc}") from None
    if size > MAX_XLS_BYTES:
        raise LoadError(f".xls 文件过大（{size / 1048576:.0f} MB，上限 {MAX_XLS_BYTES // 1048576} MB），拒绝读取")
    data = path.read_bytes()
    streams = _ole_streams(data)
    if streams is None and "EncryptedPackage".encode("utf-16-le") in data:
        raise LoadError("工作簿已加密（受密码保护），请取消密码后再检查")  # a directory xlrd cannot walk
    if streams is not None:
        if "EncryptedPackage" in streams:
            raise LoadError("工作簿已加密（受密码保护），请取消密码后再检查")
        if not streams & {"Workbook", "Book"}:
            if "WordDocument" in streams:
                raise LoadError("这是旧版 Word 文档（.doc），不是 Excel 工作簿")
            raise LoadError("不是有效的 .xls 文件：OLE 文件中没有工作簿")
    return data


def _open_xls(data: bytes):
    """The xlrd book, with formatting (merged cells, number formats) when the BIFF
    version allows it."""
    import xlrd

    log = io.StringIO()
    try:
        try:
            return xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=log)
        except NotImplementedError:  # formatting_info unsupported for this BIFF version
            return xlrd.open_workbook(file_contents=data, on_demand=True, logfile=log)
    except MemoryError:
        raise LoadError("文件过大，无法读取") from None
    except Exception as exc:
        msg = " ".join(str(exc).split())
        if "encrypted" in msg.lower():
            raise LoadError("工作簿已加密（受密码保护），请取消密码后再检查") from None
        raise LoadError(f"不是有效的 .xls 文件：文件损坏或格式不受支持（{msg[:100] or type(exc).__name__}）") from None


class _XlsFormats:
    """The number format code of an .xls cell ("" without formatting information)."""

    def __init__(self, book):
        from openpyxl.styles.numbers import BUILTIN_FORMATS

        self.book = book
        self.builtin = BUILTIN_FORMATS

    def of(self, sh, r: int, c: int) -> str:
        book = self.book
        if not book.formatting_info:
            return ""
        xf_index = sh.cell_xf_index(r, c)
        try:
            key = book.xf_list[xf_index].format_key
        except (IndexError, AttributeError):
            return ""
        f = book.format_map.get(key)
        if f is not None:
            return f.format_str
        return self.builtin.get(key, "")


def _read_xls_sheet(book, sh, formats: _XlsFormats, budget: _Budget) -> _RawSheet:
    import xlrd

    sheet = _RawSheet(sh.name)
    for r in range(sh.nrows):
        n = sh.row_len(r)
        budget.scan(n + 1)
        types = sh.row_types(r)
        values = sh.row_values(r)
        for c in range(n):
            t = types[c]
            if t not in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                _add_cell(sheet, budget, r, c, _xls_cell_text(book, sh, formats, r, c, t, values[c]))
    if sheet.bbox is not None:
        sheet.merges = [
            (rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in sh.merged_cells if rhi > rlo and chi > clo
        ]
        r0, c0, r1, c1 = sheet.bbox
        budget.area_done += (r1 - r0 + 1) * (c1 - c0 + 1)
    return sheet


def _xls_cell_text(book, sh, formats: _XlsFormats, r: int, c: int, t: int, v) -> str:
    """The text an .xls cell of xlrd type ``t`` and value ``v`` shows."""
    import xlrd

    if t == xlrd.XL_CELL_TEXT:
        return clean_text(v)
    if t == xlrd.XL_CELL_NUMBER:
        return display_text(v, formats.of(sh, r, c))
    if t == xlrd.XL_CELL_DATE:
        fmt = formats.of(sh, r, c)
        try:
            return format_date(xlrd.xldate.xldate_as_datetime(v, book.datemode), fmt)
        except Exception:
            return format_general(v)
    if t == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if v else "FALSE"
    if t == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(v, "#ERR")
    return clean_text(str(v))


# ==========================================================================================
# sheets → blocks
# ==========================================================================================
_Slot = tuple[str, bool, str]  # (text, merged, covered_text), as in budgetlint.nlp.readers.docx
_DEFAULT_SHEET = regex.compile(r"^(?:sheet|工作表|chart|图表)\s*\d*$", regex.IGNORECASE)


def _grid(sheet: _RawSheet) -> tuple[list[list[_Slot]], dict[tuple[int, int], tuple[int, int]], int, int]:
    """The sheet's used range as rows of slots, merged ranges resolved; the grid position
    of the top-left cell that covers each covered slot; the grid's origin in the sheet."""
    r0, c0, r1, c1 = sheet.bbox
    h, w = r1 - r0 + 1, c1 - c0 + 1
    grid: list[list[_Slot]] = [[("", False, "")] * w for _ in range(h)]
    covered: dict[tuple[int, int], tuple[int, int]] = {}  # sheet (r, c) -> merge's top-left
    visited = 0
    for mr0, mc0, mr1, mc1 in sheet.merges:
        if mr1 < r0 or mc1 < c0 or mr0 > r1 or mc0 > c1 or (mr0, mc0) == (mr1, mc1):
            continue
        if (mr0, mc0) in covered:
            continue  # overlapping ranges (invalid): the first one wins
        text = sheet.cells.get((mr0, mc0), "")
        for r in range(max(mr0, r0), min(mr1, r1) + 1):
            for c in range(max(mc0, c0), min(mc1, c1) + 1):
                visited += 1
                if (r, c) == (mr0, mc0) or (r, c) in covered:
                    continue
                covered[(r, c)] = (mr0, mc0)
                grid[r - r0][c - c0] = ("", True, text)
        if visited > MAX_MERGE_SLOTS:
            raise _TooBig(f"工作表「{sheet.name}」的合并单元格区域异常（过多或互相重叠）")
    for (r, c), text in sheet.cells.items():
        if (r, c) not in covered:
            grid[r - r0][c - c0] = (text, False, "")
    owner = {(r - r0, c - c0): (tr - r0, tc - c0) for (r, c), (tr, tc) in covered.items()}
    return grid, owner, r0, c0


def _blank(row: list[_Slot]) -> bool:
    return all(not t and not cov for t, _, cov in row)


def _single_text(grid, owner, r: int) -> tuple[int, str] | None:
    """(column, text) when row ``r`` shows exactly one piece of text: one cell, or one
    merged cell however many slots of the row it covers."""
    found = None
    for c, (t, merged, cov) in enumerate(grid[r]):
        if t:
            if found is not None:
                return None
            found = (c, t)
        elif merged and cov and owner.get((r, c)) != (r, found[0] if found else -1):
            return None  # text of a merged cell that starts elsewhere (above, or left)
    return found


def _segments(grid: list[list[_Slot]]) -> list[tuple[int, int]]:
    """[start, end) row ranges separated by two or more blank rows, blank ends stripped."""
    out = []
    start = None
    blank_run = 0
    last_filled = -1
    for r, row in enumerate(grid):
        if _blank(row):
            blank_run += 1
            if blank_run == 2 and start is not None:
                out.append((start, last_filled + 1))
                start = None
            continue
        blank_run = 0
        if start is None:
            start = r
        last_filled = r
    if start is not None:
        out.append((start, last_filled + 1))
    return out


class _Builder:
    def __init__(self, path: Path, fmt: str):
        self.path = path
        self.fmt = fmt
        self.blocks: list[AnyBlock] = []
        self.line = 0
        self.n_tables = 0

    def sheet(self, sheet: _RawSheet) -> None:
        if sheet.bbox is None:
            return
        grid, owner, r0, c0 = _grid(sheet)
        self.line += 1
        name = sheet.name
        self.blocks.append(
            Heading(
                self.line,
                self.line,
                Origin(),
                text=name,
                number="",
                style="none",
                ordinal=None,
                title=name.strip(WS),
                rank=0,
            )
        )
        prefix = sheet_prefix(name)
        for s, e in _segments(grid):
            titles: list[str] = []
            k = s
            # a table needs a row with two or more pieces of text, one of them its own
            rest_has_table = any(
                any(t for t, _, _ in grid[r]) and _single_text(grid, owner, r) is None for r in range(s, e)
            )
            while k < e and rest_has_table:
                row = grid[k]
                if _blank(row):
                    k += 1
                    continue
                single = _single_text(grid, owner, k)
                if single is None:
                    break
                self._title(single[1], Origin(row=r0 + k, col=c0 + single[0]))
                titles.append(single[1])
                k += 1
            if not rest_has_table:
                for r in range(s, e):
                    single = _single_text(grid, owner, r)
                    if single is not None:
                        self._title(single[1], Origin(row=r0 + r, col=c0 + single[0]))
                continue
            self._table(sheet, grid[k:e], r0 + k, c0, prefix, titles)

    def _title(self, text: str, origin: Origin) -> None:
        self.line += 1
        line = self.line
        hp = parse_heading(text)
        if hp is not None and hp.toc:
            hp = None
        if hp is None:
            hp = parse_unnumbered(text)
        if hp is None:
            self.blocks.append(Paragraph(line, line, origin, body=Text.single(text, line)))
            return
        inline = Paragraph(line, line, origin, body=Text.single(hp.inline, line)) if hp.inline else None
        self.blocks.append(hp.block(line, line, origin, text, inline))

    def _table(
        self, sheet: _RawSheet, rows: list[list[_Slot]], top: int, left: int, prefix: str, titles: list[str]
    ) -> None:
        cols = [c for row in rows for c, (t, _, _) in enumerate(row) if t]
        lo, hi = min(cols), max(cols)
        index = self.n_tables
        self.n_tables += 1
        first = self.line + 1
        out: list[list[Cell]] = []
        letters = [prefix + column_letter(left + c) for c in range(lo, hi + 1)]
        for r, slots in enumerate(rows):
            self.line += 1
            line, sheet_row = self.line, str(top + r + 1)
            out.append(
                [
                    Cell(t, r, c, line, line, m, cov, letters[c] + sheet_row)
                    for c, (t, m, cov) in enumerate(slots[lo : hi + 1])
                ]
            )
        head = [c.text for row in out[:2] for c in row]
        caption, unit = _caption_and_unit(titles, head)
        name = sheet.name.strip(WS)
        if not caption and not _DEFAULT_SHEET.match(name):
            caption = name
        if unit is None:
            unit = find_unit([name])
        self.blocks.append(
            Table(
                first,
                self.line,
                Origin(table=index, row=top, col=left + lo),
                rows=out,
                index=index,
                layout=self.fmt,
                caption=caption,
                unit=unit,
            )
        )


# ==========================================================================================
# entry point
# ==========================================================================================
def load_sheet(path: Path) -> Document:
    """Read an .xlsx or .xls workbook (decided by its first bytes).  Raises
    :class:`LoadError` (one line, Chinese) when it cannot."""
    path = Path(path)
    suffix = path.suffix.lower() if path.suffix.lower() in (".xlsx", ".xls") else ".xlsx/.xls"
    head = read_bytes(path, 512)
    if not head:
        raise LoadError(f"不是有效的 {suffix} 文件：文件为空")
    budget = _Budget()
    try:
        if head.startswith(_ZIP_MAGIC):
            fmt, sheets = "xlsx", _read_xlsx(path, budget)
        elif head.startswith(_OLE_MAGIC):
            fmt, sheets = "xls", _read_xls(path, budget)
        else:
            raise LoadError(f"不是有效的 {suffix} 文件：{_what_else(head)}")
    except _TooBig as exc:
        raise LoadError(f"{exc}，拒绝读取") from None
    if not any(s.bbox is not None for s in sheets):
        raise LoadError("工作簿中没有任何内容（所有可见工作表都是空的）")
    builder = _Builder(path, fmt)
    try:
        for sheet in sheets:
            builder.sheet(sheet)
    except _TooBig as exc:
        raise LoadError(f"{exc}，拒绝读取") from None
    blocks = normalize_outline(builder.blocks)
    return Document(path=str(path), format=fmt, blocks=blocks, n_lines=builder.line)


def _what_else(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "这是 PDF 文件"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")) or b"<html" in text:
        return "这是网页（HTML）文件，请用 Excel 打开后另存为 .xlsx"
    if text.startswith(b"<?xml") and b"workbook" in text:
        return "这是 XML 电子表格（Excel 2003 XML），请用 Excel 打开后另存为 .xlsx"
    return "文件头既不是 ZIP（.xlsx）也不是 OLE（.xls）格式"


__all__ = ["load_sheet", "spreadsheet_kind", "format_number", "format_date", "sheet_prefix"]
