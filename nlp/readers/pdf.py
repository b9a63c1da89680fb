"""Load a PDF report into a :class:`budgetlint.nlp.model.Document`.

The PDF becomes the kind of plain text the real corpus's ``.txt`` twins hold — lines
rebuilt from character positions, table cells separated by two spaces, every page after the
first opening its first line with a form feed (pages are joined by "\\n\\f", so a page
break is never a line of its own) — and that rendering goes through
:func:`budgetlint.nlp.readers.txt.load_text`, so paragraphs, running headers, page numbers, tables and
sections come from exactly the code that reads text exports.  Every block keeps
``Origin.page`` (1-based) and ``line`` = its line in the rendering (``doc.rendering``, which
``budgetlint dump`` prints).

Extraction (pypdfium2's raw PDFium bindings)
--------------------------------------------
Per page: the characters' code points come in one ``FPDFText_GetText`` call; per character
``FPDFText_GetLooseCharBox`` (the font's advance and full height: gaps between boxes are
the white space a reader sees) and ``FPDFText_GetCharOrigin`` (the baseline).  Whitespace
characters — typed spaces and the ones PDFium generates — are skipped: spacing is decided
from the geometry alone.  Text the reader cannot see is left out: characters outside the
page's crop box, and lines hidden by a clipping path (spreadsheet and WPS exports cut a long
sheet into pages by clipping, so each page also carries its neighbours' text).

Reading direction: each page is turned so its text runs left to right — by the direction
in which consecutive characters advance (a table exported sideways, a page with
``/Rotate``); without a clear direction the page's ``/Rotate`` decides.

Lines and spacing
-----------------
Characters are grouped into lines by baseline (within half a character height of the line's
first baseline, so a table row whose cells sit slightly higher or lower stays one line;
split again by baseline when that would stack characters on top of each other), each line
sorted by x.  A glyph drawn twice at nearly the same place (fake bold) is kept once.  With
``em`` = the advance of the line's CJK characters (their height when it has none), the white
space between two neighbours becomes:

* two spaces — a column boundary, on which :mod:`budgetlint.nlp.readers.text_grid` (``space-rows``) splits
  cells — when it is at least :data:`COLUMN_GAP` em; or at least :data:`CELL_GAP` em in a
  line that is already tabular, between two numbers, between a number and an enumerated
  item ("86,959,408.34  一、公共安全支出"), or where an adjacent line is blank at the same
  place (a column channel);
* otherwise nothing next to a CJK character ("为1690.69万元": a number stays with the text
  around it, even where the PDF had a typed space), and one space between two narrow
  characters (Latin words) from :data:`WORD_GAP` em on;
* nothing inside a number ("86,959,408.34"), and nothing between a number and its unit
  (%, ‰, 元, 万元, 亿元) however wide the gap ("10.06 %" in a justified line is "10.06%").

Kangxi radicals and CJK compatibility ideographs that some fonts map glyphs to ("⾏" U+2F8F
for 行) become the unified ideographs, so keywords match.

Errors
------
Every failure is a :class:`budgetlint.nlp.errors.LoadError` with a one-line Chinese message: an empty
file, not a PDF, encrypted (a password is needed), corrupt or truncated, no text layer
(scanned), glyphs not mapped to Unicode.  A page PDFium cannot load is left empty (its page
number still counts) as long as the document has readable pages.
"""

from __future__ import annotations

import ctypes
import unicodedata
from bisect import bisect_right
from pathlib import Path

import regex

from budgetlint.nlp.errors import LoadError, read_bytes
from budgetlint.nlp.model import Document
from budgetlint.nlp.numbers.units import MONEY_UNITS
from budgetlint.nlp.text.numbering import LIST_STYLES, marker_pattern

COLUMN_GAP = 1.0  # em: a gap this wide always separates columns ("  ")
CELL_GAP = 0.25  # em: ... this wide, in a tabular line, when the context says so
WORD_GAP = 0.15  # em: a gap this wide between two narrow characters is a word space
LINE_TOL = 0.5  # character heights: baselines this close to a line's first one join it
BASELINE_TOL = 0.15  # ... unless characters would overlap: then baselines this close
NEIGHBOUR_DIST = 2.5  # em: lines this close (baseline to baseline) are adjacent

UNMAPPED_SHARE = 0.3  # more unmapped glyphs than this share: the text is unreadable
UNMAPPED_SAMPLE = 8  # ask PDFium about a mapping error for every n-th character
SCANNED_SHARE = 0.2  # fewer pages with text than this share (of 5+ pages): scanned
TAIL_BYTES = 2048  # "%%EOF" must be this close to the end (the spec says 1024)

_ERR_PASSWORD, _ERR_SECURITY = 4, 5  # FPDF_GetLastError codes

MSG_ENCRYPTED = "PDF 已加密，需要密码"
MSG_SECURITY = "PDF 使用了不支持的加密方式，无法读取"
MSG_CORRUPT = "PDF 文件损坏或不完整：{}"
MSG_NO_TEXT = "PDF 没有文本层（可能是扫描件），无法检查"
MSG_FEW_TEXT = "PDF 只有 {k}/{n} 页有文本层（其余可能是扫描件），无法检查"
MSG_UNMAPPED = "PDF 文字无法识别（字体未映射）"


# ---------------------------------------------------------------------------------------
# characters


def _is_wide(cp: int) -> bool:
    """A CJK (wide) character: ideographs, kana, hangul, fullwidth forms and CJK
    punctuation, curly quotes, …, ——: no word space is ever put next to one."""
    if cp >= 0x2E80:
        return (
            cp <= 0x9FFF
            or 0xAC00 <= cp <= 0xD7AF
            or 0xF900 <= cp <= 0xFAFF
            or 0xFE30 <= cp <= 0xFE4F
            or 0xFF00 <= cp <= 0xFF60
            or 0xFFE0 <= cp <= 0xFFE6
            or 0x20000 <= cp <= 0x3FFFF
        )
    return cp in _WIDE_PUNCT


_WIDE_PUNCT = frozenset(
    (
        0x2014,
        0x2015,
        0x2026,
        0x201C,
        0x201D,
        0x2018,
        0x2019,
        0x00B7,
        0x2103,
        0x2030,
        0x2160,
        0x2161,
        0x2162,
        0x2163,
        0x2164,
        0x25CB,
        0x25CF,
        0x25A1,
        0x25A0,
        0x2605,
        0x2606,
        0x203B,
    )
)


def _is_compat_cjk(cp: int) -> bool:
    """Kangxi radicals, CJK radicals supplement and compatibility ideographs."""
    return 0x2E80 <= cp <= 0x2FDF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F


_COMPAT_CACHE: dict[int, str] = {}


def _char(cp: int) -> str:
    if not _is_compat_cjk(cp):
        return chr(cp)
    out = _COMPAT_CACHE.get(cp)
    if out is None:
        out = unicodedata.normalize("NFKC", chr(cp))
        _COMPAT_CACHE[cp] = out = out if len(out) == 1 else chr(cp)
    return out


def _is_unmapped(cp: int) -> bool:
    """U+FFFD, private-use code points, NUL: what a glyph without a Unicode mapping
    becomes."""
    return cp == 0 or (cp >= 0xE000 and (cp <= 0xF8FF or cp == 0xFFFD or cp >= 0xF0000))


_WS_CODES = frozenset(map(ord, " \t\r\n\x0b\x0c\u3000\xa0\u2002\u2003\u2009\u200b\ufeff\ufffe"))
_DIGITS = frozenset(map(ord, "0123456789"))
_PERCENT = frozenset(map(ord, "%％‰"))
_UNIT_START = frozenset(map(ord, "%％‰" + "".join(u[0] for u in MONEY_UNITS)))
_NUM_END = frozenset(map(ord, "0123456789%"))
_NUM_START = frozenset(map(ord, "0123456789-+"))
# the line so far is only an enumeration marker: the gap after it is not a column
_LIST_MARKER = regex.compile(r"\s*(?:" + marker_pattern() + ")")
# an enumerated item starts here ("一、", "（二）", "3."): after a number, a new cell (a
# circled number right after a figure is its footnote mark: "4①")
_ENUM_AHEAD = regex.compile(marker_pattern(s for s in LIST_STYLES if s != "circled"))
_CID = regex.compile(r"\(cid:\d+\)")


# ---------------------------------------------------------------------------------------
# one page: characters


class _Page:
    """The visible, non-blank characters of one page.  ``boxes`` hold ``(left, bottom,
    right, top, baseline)`` in reading orientation; ``index`` the position in PDFium's
    char list."""

    __slots__ = ("codes", "boxes", "xs", "index", "n_unmapped", "n_sampled")

    def __init__(self) -> None:
        self.codes: list[int] = []
        self.boxes: list[tuple[float, float, float, float, float]] = []
        self.xs: list[float] = []  # x of each character's origin (for turned pages)
        self.index: list[int] = []
        self.n_unmapped = 0  # unmapped code points, and mapping errors among the sampled
        self.n_sampled = 0


class _Reader:
    """PDFium calls for one document, with the ctypes out-parameters allocated once."""

    def __init__(self, pdfium_c, doc_raw):
        self.c = pdfium_c
        self.doc = doc_raw
        self.rect = pdfium_c.FS_RECTF()
        self.bbox = pdfium_c.FS_RECTF()
        self.ox = ctypes.c_double()
        self.oy = ctypes.c_double()
        self.fx = ctypes.c_float()
        self.fy = ctypes.c_float()
        self.buf = (ctypes.c_ushort * 8192)()
        # the two calls made for every character, as bare function pointers: ctypes then
        # skips its per-argument type checks (~40% of the per-character cost)
        self.get_box = _bare(pdfium_c.FPDFText_GetLooseCharBox)
        self.get_origin = _bare(pdfium_c.FPDFText_GetCharOrigin)
        self.rect_ref = ctypes.byref(self.rect)
        self.ox_ref = ctypes.byref(self.ox)
        self.oy_ref = ctypes.byref(self.oy)

    def page(self, index: int) -> tuple[list[_Line], _Page] | None:
        """The lines of page ``index`` (top to bottom) and its characters; None when
        PDFium cannot load the page."""
        c = self.c
        page = c.FPDF_LoadPage(self.doc, index)
        if not page:
            return None
        try:
            tp = c.FPDFText_LoadPage(page)
            if not tp:
                return None
            try:
                n = c.FPDFText_CountChars(tp)
                if n < 0:
                    return None
                chars = _Page()
                lines: list[_Line] = []
                if n > 0:
                    self._chars(tp, n, chars, self._visible(page))
                    _orient(chars, c.FPDFPage_GetRotation(page))
                    lines = _group_lines(chars)
                    if len(lines) > 1:
                        lines = self._drop_clipped(tp, lines)
                return lines, chars
            finally:
                c.FPDFText_ClosePage(tp)
        finally:
            c.FPDF_ClosePage(page)

    def _visible(self, page) -> tuple[float, float, float, float] | None:
        """The page's visible area (crop box within media box) with a small margin, as
        left, bottom, right, top; None when PDFium cannot tell."""
        r = self.bbox
        if not self.c.FPDF_GetPageBoundingBox(page, r):
            return None
        left, right = min(r.left, r.right), max(r.left, r.right)
        bottom, top = min(r.bottom, r.top), max(r.bottom, r.top)
        if right - left < 1 or top - bottom < 1:
            return None
        return left - 2, bottom - 2, right + 2, top + 2

    def _chars(self, tp, n: int, out: _Page, visible) -> None:
        c = self.c
        get_box, get_origin = self.get_box, self.get_origin
        map_error = c.FPDFText_HasUnicodeMapError
        rect, ox, oy = self.rect, self.ox, self.oy
        rect_ref, ox_ref, oy_ref = self.rect_ref, self.ox_ref, self.oy_ref
        handle = ctypes.c_void_p(ctypes.cast(tp, ctypes.c_void_p).value)
        codes, boxes, xs, index = out.codes, out.boxes, out.xs, out.index
        ws = _WS_CODES
        vl, vb, vr, vt = visible if visible is not None else (-1e9, -1e9, 1e9, 1e9)
        unmapped = sampled = 0
        for i, cp in enumerate(self._codes(tp, n)):
            if cp in ws or not get_box(handle, i, rect_ref):
                continue
            left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
            if right <= left and top <= bottom:
                continue  # a generated character without extent
            cx, cy = (left + right) * 0.5, (bottom + top) * 0.5
            if not (vl <= cx <= vr and vb <= cy <= vt):
                continue  # outside the crop box: not on the page
            if not get_origin(handle, i, ox_ref, oy_ref):
                continue
            if _is_unmapped(cp):
                unmapped += 1
            elif len(codes) % UNMAPPED_SAMPLE == 0:
                sampled += 1
                if map_error(tp, i) == 1:
                    unmapped += UNMAPPED_SAMPLE
            codes.append(cp)
            index.append(i)
            xs.append(ox.value)
            boxes.append((left, bottom, right, top, oy.value))
        out.n_unmapped = unmapped
        out.n_sampled = sampled

    def _codes(self, tp, n: int) -> list[int]:
        """Code points of the page's ``n`` characters, index-aligned with the char list:
        one ``FPDFText_GetText`` call, or one call per character when that text does not
        line up with the char list (surrogate pairs, excluded characters)."""
        c = self.c
        if len(self.buf) < n + 1:
            self.buf = (ctypes.c_ushort * (n + 1))()
        got = c.FPDFText_GetText(tp, 0, n, self.buf)
        if got == n + 1:  # n code units and the NUL
            units = self.buf[:n]
            if not any(0xD800 <= u <= 0xDFFF for u in units):
                return units
        get = c.FPDFText_GetUnicode
        return [get(tp, i) for i in range(n)]

    # -- clipping ------------------------------------------------------------------------
    def _drop_clipped(self, tp, lines: list[_Line]) -> list[_Line]:
        """Drop the lines a clipping path hides at the top and the bottom of the page.

        A sheet cut into pages shows each page through a window: the hidden lines are the
        ones above and below it.  Lines are checked from the top down and from the bottom
        up until a visible one; a line is hidden when its first, middle and last characters
        all lie outside the clip of their text objects.  When most of a page would go, the
        clip is not trusted (a form's own coordinates) and every line stays."""
        cache: dict[int, tuple[float, float, float, float] | None] = {}

        def visible(line: _Line) -> bool:
            chars = line.chars
            picks = (chars[0], chars[len(chars) // 2], chars[-1]) if len(chars) > 2 else chars
            return any(self._char_visible(tp, ch[3], cache) for ch in picks)

        top, bottom = 0, len(lines)
        while top < bottom and not visible(lines[top]):
            top += 1
        while bottom > top and not visible(lines[bottom - 1]):
            bottom -= 1
        if bottom - top == len(lines) or bottom - top < 0.5 * len(lines):
            return lines
        return lines[top:bottom]

    def _char_visible(self, tp, index: int, cache: dict) -> bool:
        c = self.c
        obj = c.FPDFText_GetTextObject(tp, index)
        if not obj:
            return True
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        clip = cache.get(key, False)
        if clip is False:
            clip = cache[key] = self._clip_box(obj)
        if clip is None:
            return True
        rect = self.rect
        if not c.FPDFText_GetLooseCharBox(tp, index, rect):
            return True
        cx, cy = (rect.left + rect.right) * 0.5, (rect.bottom + rect.top) * 0.5
        return clip[0] - 1 <= cx <= clip[2] + 1 and clip[1] - 1 <= cy <= clip[3] + 1

    def _clip_box(self, obj) -> tuple[float, float, float, float] | None:
        """The bounding box of a page object's clip (the intersection of its clip paths'
        boxes), or None when it has none."""
        c = self.c
        clip = c.FPDFPageObj_GetClipPath(obj)
        if not clip:
            return None
        x, y = self.fx, self.fy
        box = None
        for p in range(max(c.FPDFClipPath_CountPaths(clip), 0)):
            px: list[float] = []
            py: list[float] = []
            for k in range(max(c.FPDFClipPath_CountPathSegments(clip, p), 0)):
                seg = c.FPDFClipPath_GetPathSegment(clip, p, k)
                if seg and c.FPDFPathSegment_GetPoint(seg, x, y):
                    px.append(x.value)
                    py.append(y.value)
            if px:
                b = (min(px), min(py), max(px), max(py))
                box = b if box is None else (max(box[0], b[0]), max(box[1], b[1]), min(box[2], b[2]), min(box[3], b[3]))
        return box


def _bare(func):
    """``func`` (a pypdfium2 binding returning int) without argument types: the caller
    passes a ``c_void_p`` handle, Python ints for C ints and ``byref`` pointers."""
    bare = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.cast(func, ctypes.c_void_p).value)
    bare.argtypes = None
    return bare


def _orient(page: _Page, rotation: int) -> None:
    """Turn the boxes so text reads left to right, top to bottom (y up).

    The direction is the one in which consecutive characters mostly advance (PDFium's char
    order is content order, so neighbours on a line follow each other); without a clear
    majority the page's ``/Rotate`` (0–3 quarter turns) decides."""
    boxes = page.boxes
    votes = [0, 0, 0, 0]  # text advancing +x, +y, -x, -y  ->  turn by 0, 90, 180, 270
    px = py = ps = None
    for b in boxes[:160]:
        cx, cy = (b[0] + b[2]) * 0.5, (b[1] + b[3]) * 0.5
        size = max(b[2] - b[0], b[3] - b[1])
        if px is not None:
            dx, dy = cx - px, cy - py
            lim = 2.5 * max(size, ps)
            if abs(dx) <= lim and abs(dy) <= lim and (dx or dy):
                if abs(dx) >= abs(dy):
                    votes[0 if dx > 0 else 2] += 1
                else:
                    votes[1 if dy > 0 else 3] += 1
        px, py, ps = cx, cy, size
    total = sum(votes)
    turn = max(range(4), key=votes.__getitem__)
    if total < 5 or votes[turn] < 0.6 * total:
        turn = rotation if rotation in (1, 2, 3) else 0
    if turn == 0:
        return
    xs = page.xs
    if turn == 1:  # x' = y, y' = -x
        page.boxes = [(b[1], -b[2], b[3], -b[0], -x) for b, x in zip(boxes, xs)]
    elif turn == 2:  # x' = -x, y' = -y
        page.boxes = [(-b[2], -b[3], -b[0], -b[1], -b[4]) for b in boxes]
    else:  # x' = -y, y' = x
        page.boxes = [(-b[3], b[0], -b[1], b[2], x) for b, x in zip(boxes, xs)]


# ---------------------------------------------------------------------------------------
# one page: lines


class _Line:
    """One rebuilt line: ``chars`` = (code point, left, right, PDFium index), by x."""

    __slots__ = ("chars", "base", "em", "left", "right", "spans")

    def __init__(self, chars: list[tuple[int, float, float, int]], base: float, em: float):
        self.chars = chars
        self.base = base
        self.em = em
        self.left = chars[0][1]
        self.right = max(ch[2] for ch in chars)
        self.spans: list[tuple[float, float]] | None = None

    def covered(self, x: float) -> bool:
        """Does a character of this line cover ``x``?"""
        if self.spans is None:
            spans: list[tuple[float, float]] = []
            slack = 0.05 * self.em
            for _, left, right, _ in self.chars:
                if spans and left <= spans[-1][1] + slack:
                    if right > spans[-1][1]:
                        spans[-1] = (spans[-1][0], right)
                else:
                    spans.append((left, right))
            self.spans = spans
        k = bisect_right(self.spans, (x, float("inf"))) - 1
        return k >= 0 and self.spans[k][1] >= x


def _group_lines(page: _Page) -> list[_Line]:
    """The page's characters as lines, top to bottom.

    Baselines decide, not boxes: a "，" in a font without ascent/descent has a tiny box at
    the bottom of the line, while every glyph of a line shares its baseline."""
    boxes = page.boxes
    bases = [b[4] for b in boxes]
    order = sorted(range(len(boxes)), key=bases.__getitem__, reverse=True)
    groups: list[list[int]] = []
    cur: list[int] = []
    cur_base = cur_h = 0.0
    for i in order:
        b = boxes[i]
        h = b[3] - b[1]
        if cur and cur_base - b[4] <= LINE_TOL * (h if h > cur_h else cur_h):
            cur.append(i)
            if h > cur_h:
                cur_h = h
            continue
        if cur:
            groups.append(cur)
        cur = [i]
        cur_base, cur_h = b[4], (h if h > 0 else 1.0)
    if cur:
        groups.append(cur)
    lines: list[_Line] = []
    for idx in groups:
        for part in _split_stacked(idx, boxes):
            line = _make_line(part, page)
            if line is not None:
                lines.append(line)
    return lines


def _split_stacked(idx: list[int], boxes) -> list[list[int]]:
    """``idx`` (sorted by baseline, top first) as one line — or, when characters on
    different baselines would overlap horizontally (two lines of prose with tight
    spacing, a cell's wrapped second line), split by baseline."""
    spread = boxes[idx[0]][4] - boxes[idx[-1]][4]
    if spread < 0.01:
        return [idx]
    hs = sorted(boxes[i][3] - boxes[i][1] for i in idx)
    tight = BASELINE_TOL * (hs[len(hs) // 2] or 1.0)
    if spread <= tight:
        return [idx]
    by_x = sorted(idx, key=lambda i: boxes[i][0])
    for a, b in zip(by_x, by_x[1:]):
        ba, bb = boxes[a], boxes[b]
        if abs(ba[4] - bb[4]) > tight and ba[2] - bb[0] > 0.3 * min(ba[2] - ba[0], bb[2] - bb[0]):
            break
    else:
        return [idx]
    parts: list[list[int]] = []
    prev = None
    for i in idx:
        base = boxes[i][4]
        if prev is None or prev - base > tight:
            parts.append([])
        parts[-1].append(i)
        prev = base
    return parts


def _make_line(idx: list[int], page: _Page) -> _Line | None:
    """A line from its characters: sorted by x; a glyph drawn again at (nearly) the same
    place (fake bold, a shadow) kept once; ``em`` = the median advance of its CJK
    characters, or the median height of the others when it has none."""
    codes, boxes, index = page.codes, page.boxes, page.index
    if len(idx) > 1:
        idx.sort(key=lambda i: boxes[i][0])
    chars: list[tuple[int, float, float, int]] = []
    wide: list[float] = []
    narrow: list[float] = []
    pcp, pleft = -1, 0.0
    for i in idx:
        cp = codes[i]
        left, bottom, right, top, _ = boxes[i]
        if cp == pcp and left - pleft < 0.5 * (right - left):
            continue
        chars.append((cp, left, right, index[i]))
        if _is_wide(cp):
            wide.append(right - left)
        else:
            narrow.append(top - bottom)
        pcp, pleft = cp, left
    if not chars:
        return None
    sizes = sorted(wide or narrow)
    em = sizes[len(sizes) // 2]
    return _Line(chars, boxes[idx[0]][4], em if em > 0 else 1.0)


def _channel(x: float, line: _Line, neighbours: list[_Line]) -> bool:
    """Is an adjacent line blank at ``x`` too, inside its extent?  Table columns leave
    such vertical channels; a space typed in prose has prose above and below it."""
    for nb in neighbours:
        if abs(nb.base - line.base) > NEIGHBOUR_DIST * max(line.em, nb.em):
            continue
        if nb.left < x < nb.right and not nb.covered(x):
            return True
    return False


def _line_text(line: _Line, neighbours: list[_Line]) -> str:
    """The line as text, spaced by the rules of the module docstring.

    A gap narrower than a column gap separates cells only in a line that is already
    tabular (it has a column gap, or two numbers side by side): a space typed in prose
    ("共 0 个项目") is as wide as the padding between two table cells."""
    chars = line.chars
    em = line.em
    col_gap, cell_gap, word_gap = COLUMN_GAP * em, CELL_GAP * em, WORD_GAP * em
    gaps = [0.0] * len(chars)  # white space before chars[k] (overlaps count as none)
    right_so_far = chars[0][2]
    tabular = False
    for k in range(1, len(chars)):
        cp, left, right, _ = chars[k]
        gap = left - right_so_far
        if right > right_so_far:
            right_so_far = right
        pcp = chars[k - 1][0]
        if pcp in _DIGITS and cp in _UNIT_START and _unit_follows(chars, k):
            continue  # a number and its unit: one token, whatever the spacing
        gaps[k] = gap
        if gap >= col_gap or (gap >= cell_gap and pcp in _NUM_END and cp in _NUM_START):
            tabular = True
    parts: list[str] = []
    prev_cp = -1
    for k, (cp, left, _right, _) in enumerate(chars):
        gap = gaps[k]
        if k and gap >= word_gap:
            if (
                gap >= col_gap
                or gap >= cell_gap
                and tabular
                and _cell_break(chars, k, prev_cp, cp, left - gap * 0.5, line, neighbours, parts)
            ):
                parts.append("  ")
            elif not _is_wide(cp) and not _is_wide(prev_cp):
                parts.append(" ")
        parts.append(_char(cp))
        prev_cp = cp
    return "".join(parts)


def _unit_follows(chars, k: int) -> bool:
    """Does a unit start at ``chars[k]`` (after a digit): %, ‰, 万元, 亿元, 元?"""
    cp = chars[k][0]
    if cp in _PERCENT:
        return True
    if cp == 0x5143:  # 元
        return True
    return k + 1 < len(chars) and chars[k + 1][0] == 0x5143  # 万元, 亿元


def _cell_break(
    chars, k: int, prev_cp: int, cp: int, x: float, line: _Line, neighbours: list[_Line], parts: list[str]
) -> bool:
    """Does a narrow gap (before ``chars[k]``, centred at ``x``) in a tabular line
    separate two cells?"""
    if prev_cp in _NUM_END:
        if cp in _NUM_START:
            return True
        ahead = "".join(chr(ch[0]) for ch in chars[k : k + 5])
        if _ENUM_AHEAD.match(ahead):
            return True
    return _channel(x, line, neighbours) and not _LIST_MARKER.fullmatch("".join(parts))


def _page_text(lines: list[_Line]) -> str:
    out = []
    for k, line in enumerate(lines):
        neighbours = lines[max(k - 1, 0) : k] + lines[k + 1 : k + 2]
        out.append(_line_text(line, neighbours))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------
# the document


def _open(pdfium_c, data: bytes):
    """Open the document from memory (so paths with Chinese names work everywhere)."""
    raw = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not raw:
        err = pdfium_c.FPDF_GetLastError()
        if err == _ERR_PASSWORD:
            raise LoadError(MSG_ENCRYPTED)
        if err == _ERR_SECURITY:
            raise LoadError(MSG_SECURITY)
        raise LoadError(MSG_CORRUPT.format("无法解析文件结构"))
    return raw


def render_pdf(data: bytes) -> tuple[str, int]:
    """The plain-text rendering of a PDF (pages joined by form feeds, lines by newlines)
    and its page count.  Raises :class:`LoadError` when the file cannot be read as a
    report."""
    if not data.strip():
        raise LoadError("文件为空")
    if b"%PDF" not in data[:1024]:
        raise LoadError("不是 PDF 文件（缺少 %PDF 文件头）")
    try:
        import pypdfium2.raw as pdfium_c
    except ImportError:
        raise LoadError("读取 PDF 需要 pypdfium2（pip install pypdfium2）") from None

    doc = _open(pdfium_c, data)
    # a file cut short that PDFium could still open (it rebuilds a broken cross-reference
    # table): the missing end-of-file marker tells
    if b"%%EOF" not in data.rstrip(b" \t\r\n\x00")[-TAIL_BYTES:]:
        pdfium_c.FPDF_CloseDocument(doc)
        raise LoadError(MSG_CORRUPT.format("文件末尾缺少 %%EOF，可能被截断"))
    try:
        n_pages = pdfium_c.FPDF_GetPageCount(doc)
        if n_pages <= 0:
            raise LoadError(MSG_CORRUPT.format("没有页面"))
        reader = _Reader(pdfium_c, doc)
        pages: list[str] = []
        failed = with_text = n_chars = n_unmapped = 0
        for k in range(n_pages):
            try:
                got = reader.page(k)
            except Exception:  # noqa: BLE001 - one bad page must not lose the others
                got = None
            if got is None:
                failed += 1
                pages.append("")
                continue
            lines, chars = got
            n_chars += len(chars.codes)
            n_unmapped += chars.n_unmapped
            with_text += bool(lines)
            pages.append(_page_text(lines))
    finally:
        pdfium_c.FPDF_CloseDocument(doc)
    if failed == n_pages:
        raise LoadError(MSG_CORRUPT.format(f"{n_pages} 页都无法读取"))
    if n_chars == 0:
        raise LoadError(MSG_NO_TEXT)
    if n_pages >= 5 and with_text < SCANNED_SHARE * n_pages:
        raise LoadError(MSG_FEW_TEXT.format(k=with_text, n=n_pages))
    rendering = "\n\f".join(pages)
    if "(cid:" in rendering:
        n_unmapped += sum(len(m) for m in _CID.findall(rendering))
    if n_unmapped > UNMAPPED_SHARE * n_chars:
        raise LoadError(MSG_UNMAPPED)
    return rendering, n_pages


def load_pdf(path: Path) -> Document:
    """Read a PDF report.  Raises :class:`LoadError` (one line, Chinese) when it cannot."""
    from budgetlint.nlp.readers.txt import load_text

    rendering, _ = render_pdf(read_bytes(Path(path)))
    return load_text(rendering, str(path), "pdf", paged=True)
