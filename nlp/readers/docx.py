"""Load a Word (.docx) report into a :class:`budgetlint.nlp.model.Document`.

The body is walked in document order, paragraphs and tables interleaved (content controls
``w:sdt`` and ``w:customXml`` wrappers are looked through, so a table of contents or a form
field's paragraphs are read too).  The WordprocessingML is read directly with lxml through
python-docx's package layer: this keeps the loader independent of python-docx's object API,
which has changed between versions, and lets it read text python-docx's ``Paragraph.text``
misses (runs inside content controls, fields, tracked insertions).

Locations
---------
``line`` counts *body paragraphs and table rows* in document order, starting at 1: every
body paragraph is one line — empty ones included, although they produce no block — and
every row of a top-level table is one line.  So a finding's line stays stable whatever the
paragraph holds, and ``n_lines`` is the last such line.  ``Origin.paragraph`` is the 0-based
index of the body paragraph (empty ones counted, paragraphs inside tables not);
``Origin.table`` is the 0-based index of the top-level table (``Table.index`` too).  Cells
carry their grid coordinates in ``Cell.row``/``Cell.col`` and their row's line.

Text
----
Text comes from ``w:t`` (plus ``w:tab`` -> tab, ``w:noBreakHyphen`` -> ``-``); deleted and
moved-away revisions, field instructions, text boxes and ``mc:Fallback`` copies are left
out.  Soft line breaks (``w:br``) inside a paragraph and paragraph breaks inside a table
cell are joined by :func:`budgetlint.nlp.readers.outline.join_fragments`, the rule the text loader uses for
wrapped cell text: nothing between the pieces (a break in "年初预|算数" is layout, not a word
boundary), except one space between two ASCII word characters ("160" + "158.8") and a
newline before a piece that starts an enumerated item ("1." / "（二）").  A nested table
inside a cell is flattened into the cell's text, its cells separated by spaces.

Headings
--------
A body paragraph is a :class:`Heading` when

* its text carries a typed outline number that :func:`budgetlint.nlp.readers.headings.parse_heading` accepts
  (rank from the numbering style), or
* its style is a heading style — "Heading 1".."Heading 9" / "标题 1".., "Title" / "标题",
  or any style or paragraph with an outline level 0..8 — rank = outline level
  (Heading 1 -> 1, Title -> 0), unless its title is longer than ``STYLED_TITLE_MAX``
  characters (a sentence wearing a heading style is prose).  Word auto-numbering (``w:numPr``) is not part of the text
  and is never invented: such a heading gets ``number=""`` and ``style="auto"`` (the
  rendered number exists but is unknown); a styled heading without numbering gets
  ``style="none"``; or
* it has no heading style and :func:`budgetlint.nlp.readers.headings.parse_unnumbered` accepts it.

Table-of-contents entries (styles "toc 1".., or a typed ``……3`` leader) stay paragraphs.
Last, :func:`budgetlint.nlp.readers.outline.normalize_outline` corrects what only the context shows, as for
text: a table of contents typed as plain paragraphs after a "目录" paragraph, and numbered
list items that read like titles, become paragraphs.

Tables
------
One :class:`Table` per top-level ``w:tbl``, on a rectangular grid of the table's grid
columns.  A merged cell (``w:gridSpan``, ``w:vMerge`` continuation, legacy ``w:hMerge``)
keeps its text in its top-left slot only; every other slot it covers is
``Cell(text="", merged=True, covered_text=<the merged cell's text>)``.  Slots not covered by
any cell (``w:gridBefore``/``w:gridAfter``, short rows) are ``Cell(text="", merged=False)``.
``Table.caption`` is the nearest preceding short paragraph (a unit line such as "单位：万元"
or a wholly parenthesised line such as "（2022年度）" is looked past); ``Table.unit`` comes
from a "单位：万元" / "（万元）" marker in that caption, the lines looked past, or the first
row (:func:`budgetlint.nlp.readers.outline.find_unit`).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import regex

from budgetlint.nlp.errors import LoadError, read_bytes
from budgetlint.nlp.model import Cell, Document, Heading, Origin, Paragraph, Table, Text
from budgetlint.nlp.numbers.units import STATED_MONEY_UNITS, money_alternation
from budgetlint.nlp.readers.headings import HeadingParse, parse_heading, parse_unnumbered
from budgetlint.nlp.readers.outline import find_unit, join_parts, normalize_outline
from budgetlint.nlp.readers.ziputil import checked_members
from budgetlint.nlp.text.normalize import BLANKS as WS

# -- limits --------------------------------------------------------------------------------

# -- namespaces ----------------------------------------------------------------------------
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W_NS}}}"


def _w(tag: str) -> str:
    return _W + tag


W_P, W_TBL, W_TR, W_TC, W_T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("t")
W_SDT, W_SDTCONTENT, W_CUSTOMXML = _w("sdt"), _w("sdtContent"), _w("customXml")
W_TAB, W_BR, W_CR = _w("tab"), _w("br"), _w("cr")
W_VAL = _w("val")
# subtrees whose text is not part of the visible paragraph text
_SKIP_TEXT = {
    _w("pPr"),
    _w("rPr"),
    _w("del"),
    _w("moveFrom"),
    _w("txbxContent"),
    _w("instrText"),
    _w("delText"),
    _w("sdtPr"),
    _w("sdtEndPr"),
    f"{{{MC_NS}}}Fallback",
}
# wrappers around block-level / row-level / cell-level content
_WRAPPERS = {W_SDT, W_CUSTOMXML, _w("ins"), _w("moveTo")}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK"

_WML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}


def _runs_text(el, out: list[str]) -> None:
    """Append the visible text under ``el`` to ``out`` ("\\n" for a soft line break)."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_TEXT:
            continue  # comments / processing instructions have a non-str tag
        if tag == W_T:
            out.append(child.text or "")
        elif tag == W_TAB:
            out.append("\t")
        elif tag in (W_BR, W_CR):
            out.append("\n")
        elif tag == _w("noBreakHyphen"):
            out.append("-")
        elif tag == W_P:
            # a paragraph nested in run content (should only happen in text boxes,
            # which are skipped); keep its text separate
            out.append("\n")
            _runs_text(child, out)
            out.append("\n")
        else:
            _runs_text(child, out)


def paragraph_text(p) -> str:
    """The text of a ``w:p`` element, soft breaks joined by :func:`budgetlint.nlp.readers.outline.join_parts`."""
    out: list[str] = []
    _runs_text(p, out)
    raw = "".join(out)
    if "\n" not in raw:
        return raw.strip(WS)
    return join_parts(raw.split("\n"))


def _unwrap(parent, wanted: tuple[str, ...]):
    """Children of ``parent`` with a tag in ``wanted``, looking through sdt/customXml."""
    for child in parent:
        tag = child.tag
        if tag in wanted:
            yield child
        elif tag in _WRAPPERS:
            inner = child.find(W_SDTCONTENT) if tag == W_SDT else child
            if inner is not None:
                yield from _unwrap(inner, wanted)


def _nested_table_text(tbl) -> str:
    rows = []
    for tr in _unwrap(tbl, (W_TR,)):
        cells = [cell_text(tc) for tc in _unwrap(tr, (W_TC,))]
        rows.append(" ".join(c for c in cells if c))
    return " ".join(r for r in rows if r)


def cell_text(tc) -> str:
    """The text of a ``w:tc``: its paragraphs (and nested tables) joined."""
    parts = []
    for el in _unwrap(tc, (W_P, W_TBL)):
        if el.tag == W_P:
            parts.append(paragraph_text(el))
        else:
            parts.append(_nested_table_text(el))
    return join_parts(parts)


# -- styles --------------------------------------------------------------------------------
_HEADING_NAME = regex.compile(r"^(?:heading|标题)\s*([1-9])$", regex.IGNORECASE)
_TITLE_NAME = regex.compile(r"^(?:title|标题)$", regex.IGNORECASE)
_TOC_NAME = regex.compile(r"^(?:toc|目录)\s*[1-9]$", regex.IGNORECASE)


@dataclass
class _Style:
    name: str
    named_level: int | None  # rank implied by the style's name (Title 0, Heading N -> N)
    outline: int | None  # w:outlineLvl along the basedOn chain (0..9)
    numbered: bool  # the style (chain) applies Word auto-numbering
    toc: bool


def _outline(ppr) -> int | None:
    if ppr is None:
        return None
    ol = ppr.find(_w("outlineLvl"))
    if ol is None:
        return None
    try:
        return int(ol.get(W_VAL, ""))
    except ValueError:
        return None


def _numpr(ppr) -> bool | None:
    """True/False when ``ppr`` sets numbering on/off, None when it does not say."""
    if ppr is None:
        return None
    num = ppr.find(_w("numPr"))
    if num is None:
        return None
    nid = num.find(_w("numId"))
    if nid is None:
        return None  # only an ilvl: numbering comes from elsewhere
    return nid.get(W_VAL, "0") != "0"


class _Styles:
    def __init__(self, root):
        self.raw: dict[str, tuple[str, str | None, int | None, bool | None]] = {}
        self.default: str | None = None
        if root is not None:
            for st in root.iter(_w("style")):
                if st.get(_w("type"), "paragraph") != "paragraph":
                    continue
                sid = st.get(_w("styleId"), "")
                name_el = st.find(_w("name"))
                name = name_el.get(W_VAL, sid) if name_el is not None else sid
                based = st.find(_w("basedOn"))
                ppr = st.find(_w("pPr"))
                self.raw[sid] = (
                    name,
                    based.get(W_VAL) if based is not None else None,
                    _outline(ppr),
                    _numpr(ppr),
                )
                if st.get(_w("default")) in ("1", "true", "on") and self.default is None:
                    self.default = sid
        self.cache: dict[str | None, _Style] = {}

    def get(self, sid: str | None) -> _Style:
        if sid is None:
            sid = self.default
        if sid in self.cache:
            return self.cache[sid]
        name = self.raw.get(sid, (sid or "",))[0] if sid else ""
        outline = numbered = None
        cur, seen = sid, set()
        while cur is not None and cur in self.raw and cur not in seen:
            seen.add(cur)
            _, based, ol, num = self.raw[cur]
            if outline is None and ol is not None:
                outline = ol
            if numbered is None and num is not None:
                numbered = num
            cur = based
        name = name.strip()
        level: int | None = None
        m = _HEADING_NAME.match(name) or _HEADING_NAME.match(sid or "")
        if m:
            level = int(m.group(1))
        elif _TITLE_NAME.match(name):
            level = 0
        st = _Style(name, level, outline, bool(numbered), bool(_TOC_NAME.match(name)))
        self.cache[sid] = st
        return st


# -- units and captions ----------------------------------------------------------------------
_UNIT_LINE = regex.compile(
    r"^[（(]?\s*(?:金额)?单位\s*[：:]\s*(" + money_alternation(STATED_MONEY_UNITS) + r")\s*[）)]?$"
)
_WHOLLY_PAREN = regex.compile(r"^[（(][^（()）]*[）)]$")

CAPTION_MAX = 40
STYLED_TITLE_MAX = 60  # a heading-styled paragraph with a longer title is read as prose
_CAPTION_LOOKBACK = 4


def _caption_and_unit(recent: list[str], first_row: list[str]) -> tuple[str, str | None]:
    caption = ""
    looked: list[str] = []
    for text in reversed(recent[-_CAPTION_LOOKBACK:]):
        looked.append(text)
        if _UNIT_LINE.match(text) or _WHOLLY_PAREN.match(text):
            continue
        if len(text) <= CAPTION_MAX and not text.endswith(("。", "；", ";")):
            caption = text
        break
    return caption, find_unit(looked + list(first_row))


# -- tables ----------------------------------------------------------------------------------
def _int_attr(el, default: int = 0) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W_VAL, default))
    except (TypeError, ValueError):
        return default


_Slot = tuple[str, bool, str]  # (text, merged, covered_text)
_FREE: _Slot = ("", False, "")


def _covering(slot: _Slot | None) -> str:
    """The text of the cell that fills ``slot`` (its own, or the one merged over it)."""
    if slot is None:
        return ""
    return slot[2] if slot[1] else slot[0]


def _table_grid(tbl) -> list[list[_Slot]]:
    """Rows of (text, merged, covered_text) slots over the table's grid columns, rectangular.

    A ``w:vMerge`` continuation is covered by the cell above it (its text is carried down
    through the slots of the same column), a ``w:hMerge`` continuation by the cell to its
    left, and the extra slots of a ``w:gridSpan`` by the spanning cell itself."""
    grid = tbl.find(_w("tblGrid"))
    ncols = len(grid.findall(_w("gridCol"))) if grid is not None else 0
    rows: list[list[_Slot]] = []
    for tr in _unwrap(tbl, (W_TR,)):
        trpr = tr.find(_w("trPr"))
        before = _int_attr(trpr.find(_w("gridBefore")) if trpr is not None else None)
        after = _int_attr(trpr.find(_w("gridAfter")) if trpr is not None else None)
        row: list[_Slot] = [_FREE] * max(before, 0)
        above = rows[-1] if rows else []
        for tc in _unwrap(tr, (W_TC,)):
            tcpr = tc.find(_w("tcPr"))
            span = max(_int_attr(tcpr.find(_w("gridSpan")) if tcpr is not None else None, 1), 1)
            vm = tcpr.find(_w("vMerge")) if tcpr is not None else None
            hm = tcpr.find(_w("hMerge")) if tcpr is not None else None
            if vm is not None and vm.get(W_VAL, "continue") == "continue":
                col = len(row)
                row.extend(("", True, _covering(above[col + k] if col + k < len(above) else None)) for k in range(span))
            elif hm is not None and hm.get(W_VAL, "continue") == "continue":
                left = _covering(row[-1] if row else None)
                row.extend([("", True, left)] * span)
            else:
                text = cell_text(tc)
                row.append((text, False, ""))
                row.extend([("", True, text)] * (span - 1))
        row.extend([_FREE] * max(after, 0))
        rows.append(row)
    width = max([ncols] + [len(r) for r in rows])
    for r in rows:
        r.extend([_FREE] * (width - len(r)))
    return rows


# -- loading -----------------------------------------------------------------------------------
def _check_file(path: Path) -> None:
    head = read_bytes(path, 8)
    if head.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in read_bytes(path, 64 * 1024 * 1024):
            raise LoadError("文件已加密（受密码保护），请取消密码后另存为 .docx 再检查")
        raise LoadError("这是旧版 Office 二进制文件（.doc），请另存为 .docx 后再检查")
    if not head:
        raise LoadError("不是有效的 .docx 文件：文件为空")
    if not head.startswith(_ZIP_MAGIC):
        raise LoadError("不是有效的 .docx 文件：文件头不是 ZIP 格式")


def _check_zip(path: Path) -> None:
    names = checked_members(path, ".docx", "不是有效的 .docx 文件：压缩包内容已加密")
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise LoadError("这是 Excel 文件（.xlsx），不是 Word 文档")
        if "ppt/presentation.xml" in names:
            raise LoadError("这是 PowerPoint 文件（.pptx），不是 Word 文档")
        if "[Content_Types].xml" not in names:
            raise LoadError("不是 Word 文档：压缩包中没有 word/document.xml")


def _open_main(path: Path):
    """(document root element, styles root element or None) via python-docx's OPC layer."""
    import docx  # noqa: F401  (registers python-docx's part classes)
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.package import OpcPackage
    from docx.oxml.parser import parse_xml

    try:
        pkg = OpcPackage.open(str(path))
    except zipfile.BadZipFile:
        raise LoadError("不是有效的 .docx 文件：ZIP 结构损坏或文件不完整") from None
    except KeyError:
        raise LoadError("不是 Word 文档：压缩包中缺少必需的部件（word/document.xml 或 [Content_Types].xml）") from None
    except MemoryError:
        raise LoadError("文件过大，无法读取") from None
    except Exception as exc:  # lxml syntax errors, zlib errors, bad relationships …
        raise LoadError(f"不是有效的 .docx 文件：{type(exc).__name__}: {str(exc)[:120]}") from None
    try:
        main = pkg.main_document_part
    except (KeyError, ValueError):
        raise LoadError("不是 Word 文档：压缩包中没有 word/document.xml") from None
    if main.content_type not in _WML_MAIN_TYPES:
        raise LoadError(f"不是 Word 文档（主部件类型为 {main.content_type}）")

    def element_of(part):
        el = getattr(part, "_element", None)
        if el is None:
            el = parse_xml(part.blob)
        return el

    try:
        root = element_of(main)
        styles = None
        for rel in main.rels.values():
            if rel.reltype == RT.STYLES and not rel.is_external:
                styles = element_of(rel.target_part)
                break
    except Exception as exc:
        raise LoadError(f"不是有效的 .docx 文件：XML 无法解析（{str(exc)[:120]}）") from None
    return root, styles


def load_docx(path: Path) -> Document:
    """Read a .docx report.  Raises :class:`LoadError` (one line, Chinese) when it cannot."""
    path = Path(path)
    _check_file(path)
    _check_zip(path)
    root, styles_root = _open_main(path)
    body = root.find(_w("body"))
    if body is None:
        if root.tag.endswith("}document") and not root.tag.startswith(_W):
            raise LoadError("暂不支持 Strict Open XML 格式的 Word 文档，请另存为普通 .docx 后再检查")
        raise LoadError("不是有效的 Word 文档：没有正文")
    return _Builder(path, _Styles(styles_root)).build(body)


class _Builder:
    def __init__(self, path: Path, styles: _Styles):
        self.path = path
        self.styles = styles
        self.blocks: list = []
        self.line = 0
        self.n_par = 0
        self.n_tbl = 0
        self.recent: list[str] = []  # non-empty paragraph texts since the last table

    def build(self, body) -> Document:
        for el in _unwrap(body, (W_P, W_TBL)):
            if el.tag == W_P:
                self._paragraph(el)
            else:
                self._table(el)
        blocks = normalize_outline(self.blocks)
        return Document(path=str(self.path), format="docx", blocks=blocks, n_lines=self.line)

    # paragraphs ---------------------------------------------------------------------------
    def _paragraph(self, p) -> None:
        self.line += 1
        index = self.n_par
        self.n_par += 1
        text = paragraph_text(p)
        if not text:
            return
        self.recent = self.recent[-(_CAPTION_LOOKBACK - 1) :] + [text]
        line, origin = self.line, Origin(paragraph=index)
        block = self._heading(p, text, line, origin)
        if block is None:
            block = Paragraph(line, line, origin, body=Text.single(text, line))
        self.blocks.append(block)

    def _heading(self, p, text: str, line: int, origin: Origin) -> Heading | None:
        ppr = p.find(_w("pPr"))
        sid = None
        if ppr is not None:
            ps = ppr.find(_w("pStyle"))
            if ps is not None:
                sid = ps.get(W_VAL)
        style = self.styles.get(sid)
        if style.toc:
            return None
        # the style's name decides; else the paragraph's own outline level; else the
        # style's (9 = body text)
        level = style.named_level
        if level is None:
            outline = _outline(ppr)
            if outline is None:
                outline = style.outline
            if outline is not None and 0 <= outline <= 8:
                level = outline + 1
        numbered = _numpr(ppr)
        if numbered is None:
            numbered = style.numbered

        hp = parse_heading(text)
        if hp is not None and hp.toc:
            return None
        if hp is None and level is not None:
            # a heading by its style: no typed number; never invent the auto number.  A
            # long sentence that merely wears a heading style (or an outline level) is prose.
            m = regex.search(r"[。：:]", text)
            title, inline = (text[: m.start()], text[m.end() :]) if m else (text, "")
            if len(title.strip(WS)) > STYLED_TITLE_MAX:
                return None
            hp = HeadingParse(
                number="",
                style="auto" if numbered else "none",
                ordinal=None,
                title=title.strip(WS),
                rank=level,
                inline=inline.strip(WS),
            )
        if hp is None:
            hp = parse_unnumbered(text)
        if hp is None:
            return None
        inline = None
        if hp.inline:
            inline = Paragraph(line, line, origin, body=Text.single(hp.inline, line))
        return hp.block(line, line, origin, text, inline)

    # tables -------------------------------------------------------------------------------
    def _table(self, tbl) -> None:
        index = self.n_tbl
        self.n_tbl += 1
        grid = _table_grid(tbl)
        if not grid:
            return
        first = self.line + 1
        rows: list[list[Cell]] = []
        for r, slots in enumerate(grid):
            self.line += 1
            rows.append(
                [
                    Cell(text=t, row=r, col=c, line=self.line, end_line=self.line, merged=m, covered_text=cov)
                    for c, (t, m, cov) in enumerate(slots)
                ]
            )
        caption, unit = _caption_and_unit(self.recent, [t for t, _, _ in grid[0]])
        self.recent = []
        self.blocks.append(
            Table(
                first,
                self.line,
                Origin(table=index),
                rows=rows,
                index=index,
                layout="docx",
                caption=caption,
                unit=unit,
            )
        )
