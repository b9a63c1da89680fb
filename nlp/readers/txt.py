"""Load a plain-text report into a :class:`budgetlint.nlp.model.Document`.

Two kinds of text reach budgetlint:

* exports of .docx files (the seeds): one paragraph per line, tables exported with TABs
  (see :mod:`budgetlint.nlp.readers.text_grid`);
* text extracted from PDFs (``corpus/real``): pages separated by form feeds, paragraphs
  wrapped at the page width, page numbers between lines, tables as space-separated rows.

Line numbers are physical lines counting ``\\n`` only — what ``cat -n`` shows — because every
finding points at them.  Form feeds are page breaks, never lines, so ``str.splitlines`` (which
also splits on ``\\f``, ``\\x1c``, ``\\u2028`` …) is never used.

Decisions, in the order the loader applies them:

* Decoding is strict (UTF-8 ± BOM, UTF-16 with BOM, GB18030).  CRLF becomes LF; a lone CR
  is not a line break (``cat -n`` does not count it) and becomes a space.
* Export artefacts are removed per line: ``[bookmark: …]``, and ``$69.33\\%$`` from
  markdown conversions.  A leading ``#`` marks a heading (markdown) and is not kept.
* PDF text (form feeds, or long lines cut at one width) gets page furniture dropped: page
  numbers at the top or bottom of a page and running headers/footers repeated on half the
  pages.  Their lines simply produce no block; other line numbers are unaffected.
* Tables are recognised first (see :mod:`budgetlint.nlp.readers.text_grid`); a table's caption is the nearest
  title line above it (one ending in 表 preferred) and its unit comes from "单位：万元" /
  "(元)" in those lines or its first rows (:func:`budgetlint.nlp.readers.outline.find_unit`).
* Lines whose heading parse has dot leaders and a page number are TOC lines (paragraphs).
* Headings: :func:`budgetlint.nlp.readers.headings.parse_heading`, else :func:`parse_unnumbered` for a line
  standing alone.  Text after the title on the same line becomes ``Heading.inline``.
* In PDF text a heading may wrap: a full-width heading line plus its continuation, or a
  heading followed by a short fragment ("说明"), is re-parsed as one heading; a full-width
  "heading" that runs on into prose ("（十三）协调…有关部门" + "的工作，…") is a paragraph.
* Paragraphs: in exported .docx text every line is a paragraph.  In PDF text a line is
  joined onto the previous one when that one neither ended with 。！？；：(…) nor stopped
  short of the wrap width, and the line does not start a numbered item, a table, a note or
  an indented paragraph.  Fragments are joined by :func:`budgetlint.nlp.readers.outline.join_fragments` (no
  separator for CJK and numbers: "减少91.91" + "万元"), and ``Text.line_starts`` keeps each
  character's source line.
* Last, :func:`budgetlint.nlp.readers.outline.normalize_outline` corrects what only the context shows, as for
  .docx: a table of contents after a "目录" line, and numbered list items that read like
  titles, become paragraphs.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import regex

from budgetlint.nlp.errors import LoadError, read_bytes
from budgetlint.nlp.lexicon import lexicon
from budgetlint.nlp.model import AnyBlock, Document, Origin, Paragraph, Table, Text
from budgetlint.nlp.readers.headings import UNNUMBERED_RANK, HeadingParse, parse_heading, parse_unnumbered
from budgetlint.nlp.readers.outline import MD_HEADING, find_unit, join_fragments, normalize_outline
from budgetlint.nlp.readers.pipe_grid import PipeRegion, find_pipe_tables
from budgetlint.nlp.readers.text_grid import (
    SpaceRegion,
    SrcLine,
    find_space_tables,
    is_html_table_start,
    is_tab_cell_line,
    is_tab_row_start,
    parse_html_table,
    parse_tab_cells,
    parse_tab_rows,
)
from budgetlint.nlp.text.normalize import SPACES as _WS
from budgetlint.nlp.text.normalize import no_spaces
from budgetlint.nlp.text.numbering import marker_pattern

# ---------------------------------------------------------------------------------------
# decoding


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode strictly: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.

    GB18030 is a superset of GBK/GB2312, the encodings Chinese Windows tools write.
    Returns ``(text, encoding)``; raises :class:`LoadError` when nothing decodes.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if "\x00" in text:
            raise LoadError("文件含有二进制数据，不是纯文本文件")
        return text, enc
    raise LoadError("无法识别文件编码：不是 UTF-8、UTF-16 或 GB18030/GBK 文本")


# ---------------------------------------------------------------------------------------
# physical lines

_BOOKMARK = regex.compile(r"\[bookmark:[^\]\n]*\]")
_LATEX_MATH = regex.compile(r"\s*\$\s*([^$\n]{1,40}?)\s*\$\s*")
_LATEX_BODY = regex.compile(r"[\d.,\s%]*|.*\\[a-z%]+.*")
_LATEX_SUBS = [
    ("\\geq", "≥"),
    ("\\leq", "≤"),
    ("\\ge", "≥"),
    ("\\le", "≤"),
    ("\\times", "×"),
    ("\\%", "%"),
    ("\\sim", "~"),
    ("\\pm", "±"),
]


def _latex_repl(m: regex.Match) -> str:
    """``$69.33\\%$`` (markdown conversions) → ``69.33%``; other ``$…$`` text is kept."""
    body = m.group(1)
    if not _LATEX_BODY.fullmatch(body):
        return m.group(0)
    for a, b in _LATEX_SUBS:
        body = body.replace(a, b)
    return body.replace(" ", "")


def clean_text(text: str) -> str:
    """Remove export artefacts: ``[bookmark: …]`` markers and LaTeX-wrapped numbers."""
    if "[bookmark:" in text:
        text = _BOOKMARK.sub("", text)
    if "$" in text:
        text = _LATEX_MATH.sub(_latex_repl, text)
    return text


def split_lines(text: str) -> list[SrcLine]:
    """Physical lines (``\\n`` only), with page numbers taken from form feeds.

    A form feed at the start of a line is removed from the text and makes the line the first
    of a new page; form feeds elsewhere are removed and count for the following lines.
    """
    out: list[SrcLine] = []
    page = 1
    pending_break = False
    for no, raw in enumerate(text.split("\n"), start=1):
        lead = len(raw) - len(raw.lstrip("\f"))
        page += lead
        page_start = pending_break or lead > 0
        body = raw[lead:]
        inner = body.count("\f")
        if inner:
            body = body.replace("\f", "")
        line = SrcLine(no, clean_text(body), page, page_start)
        pending_break = page_start and line.blank  # "\f" alone: the next line starts the page
        page += inner
        out.append(line)
    return out


# ---------------------------------------------------------------------------------------
# page furniture (PDF text)

_PAGE_NO = regex.compile(
    r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页|\d{1,4}(?:\s*/\s*\d{1,4})?)$"
)
_STRONG_PAGE_NO = regex.compile(r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页.*|共\s*\d{1,4}\s*页)$")


_DIGITS = regex.compile(r"\d+")


def _pages(lines: list[SrcLine]) -> list[list[int]]:
    """Indices of non-blank lines per page, in order."""
    pages: dict[int, list[int]] = {}
    for k, ln in enumerate(lines):
        if not ln.blank:
            pages.setdefault(ln.page, []).append(k)
    return [pages[p] for p in sorted(pages)]


def mark_page_furniture(lines: list[SrcLine]) -> None:
    """Mark page numbers and running headers/footers as ``skip``.

    Page numbers ("5", "—5—", "- 5 -", "第 3 页", "共 10 页") count only as the first or last
    line of a page.  A running header/footer is the same text (digits ignored) as the first
    or last line of at least half the pages (and three or more).
    """
    pages = _pages(lines)
    if len(pages) < 2:
        for ln in lines:
            if _STRONG_PAGE_NO.match(ln.stripped):
                ln.skip = True
        return
    for idx in pages:
        for k in (idx[0], idx[-1]):
            if _PAGE_NO.match(lines[k].stripped):
                lines[k].skip = True
    if len(pages) < 3:
        return
    need = max(3, (len(pages) + 1) // 2)
    for pick in (0, -1):
        keyed = []
        for idx in pages:
            live = [k for k in idx if not lines[k].skip]
            if live:
                k = live[pick]
                keyed.append((k, _DIGITS.sub("#", no_spaces(lines[k].text))))
        counts = Counter(key for _, key in keyed)
        for k, key in keyed:
            if counts[key] >= need and len(key) <= 40 and not ends_sentence(key):
                lines[k].skip = True


# ---------------------------------------------------------------------------------------
# PDF detection and wrap width

_FINAL = regex.compile(r"[。！？!?；;：:]$")
_CLOSERS = "”’」』）)】》\"' " + "\u3000"


_WIDE = regex.compile(r"[\p{ea=W}\p{ea=F}]")


def display_width(s: str) -> int:
    """Columns the line takes on the page: CJK (wide/fullwidth) characters count two."""
    return len(s) + len(_WIDE.findall(s))


def ends_sentence(text: str) -> bool:
    """Does the line end with sentence-final punctuation (closing quotes ignored)?"""
    return bool(_FINAL.search(text.rstrip(_CLOSERS)))


def _prose_widths(lines: list[SrcLine]) -> list[int]:
    return [
        display_width(ln.stripped)
        for ln in lines
        if not ln.skip and len(ln.stripped) >= 8 and "  " not in ln.stripped and "\t" not in ln.text
    ]


def is_pdf_text(text: str, lines: list[SrcLine]) -> bool:
    """PDF-extracted text: form feeds present, or most long lines are cut at one width
    without final punctuation (wrapped paragraphs)."""
    if "\f" in text:
        return True
    long_lines = [ln.stripped for ln in lines if len(ln.stripped) >= 20 and "\t" not in ln.text]
    if len(long_lines) < 10:
        return False
    unfinished = sum(1 for s in long_lines if not ends_sentence(s)) / len(long_lines)
    widths = Counter(display_width(s) for s in long_lines)
    best = max(sum(widths.get(w + d, 0) for d in range(-3, 4)) for w in widths)
    return unfinished >= 0.5 and best / len(long_lines) >= 0.4


MIN_WRAP_WIDTH = 30  # columns; below this (or with too few lines) nothing is joined


def wrap_width(lines: list[SrcLine]) -> int:
    """The width at which the PDF wrapped its prose (90th percentile of prose lines), or 0
    when there is too little prose to tell — then no line counts as wrapped."""
    ws = sorted(_prose_widths(lines))
    if len(ws) < 3:
        return 0
    w = ws[int(0.9 * (len(ws) - 1))]
    return w if w >= MIN_WRAP_WIDTH else 0


# ---------------------------------------------------------------------------------------
# line patterns

_LIST_MARKER = regex.compile("^(?:" + marker_pattern() + ")")
_TOC_TITLE = regex.compile(r"^(?:#+\s*)?目\s*录$")
_NOTE_START = regex.compile(r"^(?:注|说明|备注)\s*\d?\s*[：:]")
_INDENT = regex.compile(r"^(?:\u3000{2,}|\s{2,}|\t)")
_CAPTION_END = regex.compile(
    r"(?:表|表格)\s*(?:[（(][^（）()]{0,14}[）)])?$|^(?:附)?表\s*[\d一二三四五六七八九十]|续表"
)
_META_LINE = regex.compile(r"^[^，。；,;]{1,12}[：:]")  # "公开网址：…", "填报单位：…"
_NOT_CAPTION = regex.compile(
    r"^[（(][^）)]*[）)]$|单位\s*[：:]|^(?:编制|填报|预算|部门)?(?:单位|部门)(?:名称)?\s*[：:]|预算年度|截止时间"
)


_SENTENCE_MARK = regex.compile(r"[。；！？!?;]")
_FRAGMENT_PUNCT = regex.compile(r"[。，、；：！？,.;:!?\d]")


_TITLE_WORDS: regex.Pattern | None = None


def _ends_with_title_word(title: str) -> bool:
    global _TITLE_WORDS
    if _TITLE_WORDS is None:
        words = lexicon()["title_endings"]
        _TITLE_WORDS = regex.compile("(?:" + "|".join(map(regex.escape, words)) + ")[：:]?$")
    return bool(_TITLE_WORDS.search(title))


# ---------------------------------------------------------------------------------------
# the builder


class _Builder:
    """Walk the lines once and emit blocks in document order."""

    def __init__(self, lines: list[SrcLine], pdf: bool):
        self.lines = lines
        self.pdf = pdf
        self.width = wrap_width(lines) if pdf else 0
        self.blocks: list[AnyBlock] = []
        self.regions: dict[int, SpaceRegion] = {}
        if pdf:
            self.regions = {r.start: r for r in find_space_tables(lines)}
        self.pipes: dict[int, PipeRegion] = {}
        if any("|" in ln.text for ln in lines):
            self.pipes = {r.start: r for r in find_pipe_tables(lines)}
        self.table_line_idx: set[int] = set()  # indices of lines consumed by tables
        self.n_tables = 0
        self.sources: dict[int, Text] = {}  # id(heading) -> its whole source text

    # -- main loop ---------------------------------------------------------------------
    def run(self) -> list[AnyBlock]:
        lines = self.lines
        i = 0
        while i < len(lines):
            ln = lines[i]
            if ln.skip or ln.blank:
                i += 1
                continue
            nxt = self._try_table(i)
            if nxt is not None:
                i = nxt
                continue
            i = self._text_block(i)
        return normalize_outline(self.blocks, self.sources)

    # -- tables ------------------------------------------------------------------------
    def _try_table(self, i: int) -> int | None:
        lines = self.lines
        ln = lines[i]
        if i in self.pipes:
            reg = self.pipes[i]
            self._table(reg.rows, i, reg.end + 1, reg.layout)
            return reg.end + 1
        if i in self.regions:
            reg = self.regions[i]
            self._table(reg.rows, i, reg.end + 1, "space-rows")
            return reg.end + 1
        if is_html_table_start(ln):
            rows, nxt = parse_html_table(lines, i)
            if rows:
                self._table(rows, i, nxt, "html")
                return nxt
            return None
        if is_tab_cell_line(ln):
            rows, nxt = parse_tab_cells(lines, i)
            if sum(len(r) for r in rows) >= 2:
                self._table(rows, i, nxt, "tab-cells")
                return nxt
            return None
        if is_tab_row_start(lines, i):
            rows, nxt = parse_tab_rows(lines, i)
            self._table(rows, i, nxt, "tab-rows")
            return nxt
        return None

    def _table(self, rows, start: int, stop: int, layout: str) -> None:
        cells = [c for r in rows for c in r]
        first = min(c.line for c in cells)
        last = max(c.end_line for c in cells)
        caption, cap_lines = self._caption(start)
        table = Table(
            line=first,
            end_line=last,
            origin=Origin(table=self.n_tables, page=self.lines[start].page),
            rows=rows,
            index=self.n_tables,
            layout=layout,
            caption=caption,
            unit=find_unit(list(cap_lines) + [c.text for r in rows[:5] for c in r]),
        )
        self.n_tables += 1
        self.table_line_idx.update(range(start, stop))
        self.blocks.append(table)

    def _caption(self, start: int) -> tuple[str, list[str]]:
        """The nearest title line above a table, and the lines between it and the table.

        Lines ending in 表 win ("项目支出绩效自评表" over "（2022年度）"); unit and
        编制单位 lines are passed over but kept for unit detection.  The search stops at a
        previous table or at prose.
        """
        seen: list[str] = []
        fallback = ""
        k = start - 1
        budget = 6
        while k >= 0 and budget > 0:
            ln = self.lines[k]
            if k in self.table_line_idx:
                break
            if ln.skip or ln.blank:
                k -= 1
                continue
            s = ln.stripped
            budget -= 1
            seen.append(s)
            if _CAPTION_END.search(s) and len(s) <= 60:
                if len(s) <= 3:  # "表" alone: the tail of a caption wrapped in a large font
                    prev = self._prev_text_line(k)
                    if prev is not None:
                        seen.append(self.lines[prev].stripped)
                        return self.lines[prev].stripped + s, seen
                return s, seen
            if _NOT_CAPTION.search(s) or _META_LINE.match(s):
                k -= 1
                continue
            if ends_sentence(s) or len(s) > 40:
                break
            if not fallback:
                fallback = s
            k -= 1
        return fallback, seen

    def _prev_text_line(self, k: int) -> int | None:
        j = k - 1
        while j >= 0 and (self.lines[j].skip or self.lines[j].blank):
            j -= 1
        if j < 0 or j in self.table_line_idx or ends_sentence(self.lines[j].stripped):
            return None
        return j

    # -- headings and paragraphs -------------------------------------------------------
    def _text_block(self, i: int) -> int:
        """Emit the heading or paragraph starting at line ``i``; return the next index."""
        ln = self.lines[i]
        s = ln.stripped
        md = bool(MD_HEADING.match(s))
        body = MD_HEADING.sub("", s) if md else s
        hp = parse_heading(body)
        if hp is not None and hp.toc:
            self._paragraph([(body, ln.no)], ln)
            return i + 1
        if hp is None:
            hp = parse_unnumbered(body)
        if hp is None and md and len(body) <= 40 and not _SENTENCE_MARK.search(body):
            hp = _markdown_heading(body)
        if hp is None:
            parts, nxt = self._collect(i)
            self._paragraph(parts, ln)
            return nxt
        if self.pdf and not hp.inline and not ends_sentence(body) and self._is_full(ln):
            # a full-width heading line that runs on: a wrapped heading, or a list item
            parts, nxt = self._collect(i)
            if len(parts) > 1:
                joined_text = _join(parts)
                joined = joined_text.text
                hp2 = parse_heading(joined)
                if hp2 is not None and not hp2.toc:
                    inline = _tail_text(joined_text, hp2.inline) if hp2.inline else None
                    if inline is not None:
                        # the heading's text is its own lines, through the one the body starts on
                        parts = [p for p in parts if p[1] <= inline.line]
                        joined = _join(parts).text
                    self._heading(hp2, joined, parts, ln, inline_text=inline, full=joined_text)
                    return nxt
                if not _ends_with_title_word(hp.title):
                    self._paragraph(parts, ln)
                    return nxt
        if self.pdf and not hp.inline and hp.style != "none":
            j = self._short_tail(i)
            if j is not None:
                tail = self.lines[j]
                joined = body + tail.stripped
                hp2 = parse_heading(joined)
                if hp2 is not None and not hp2.toc:
                    self._heading(hp2, joined, [(body, ln.no), (tail.stripped, tail.no)], ln)
                    return j + 1
        if hp.inline:
            parts, nxt = self._collect(i)
            self._heading(hp, body, [(body, ln.no)], ln, inline_parts=[(hp.inline, ln.no)] + parts[1:])
            return nxt
        self._heading(hp, body, [(body, ln.no)], ln)
        return i + 1

    def _heading(
        self,
        hp: HeadingParse,
        text: str,
        parts,
        ln: SrcLine,
        inline_parts=None,
        inline_text: Text | None = None,
        full: Text | None = None,
    ) -> None:
        """Emit a heading.  ``text`` is the full heading line (lines, when wrapped); the
        body text after the title ("（1）评价原则。遵循……") becomes ``inline``, a paragraph
        of its own that keeps its source line(s).  ``full`` (default: the heading's lines
        and the inline's continuation lines, joined) is kept for the outline pass, which
        turns a heading that is really a list item or TOC entry back into a paragraph."""
        line, end_line = parts[0][1], parts[-1][1]
        inline = None
        body = inline_text if inline_text is not None else (_join(inline_parts) if inline_parts else None)
        if body is not None:
            if body.text:
                inline = Paragraph(line=body.line, end_line=body.end_line, origin=Origin(page=ln.page), body=body)
                end_line = max(end_line, inline.end_line)
        heading = hp.block(line, end_line, Origin(page=ln.page), text, inline)
        if full is None:
            full = _join(list(parts) + list(inline_parts or [])[1:])
        self.sources[id(heading)] = full
        self.blocks.append(heading)

    def _short_tail(self, i: int) -> int | None:
        """The next line when it is a short fragment of a wrapped heading ("说明", "表"):
        headings are set in a larger font, so they wrap long before the prose width."""
        j = i + 1
        while j < len(self.lines) and self.lines[j].skip:
            j += 1
        if j >= len(self.lines) or not self._continues(j):
            return None
        s = self.lines[j].stripped
        if len(s) > 6 or _FRAGMENT_PUNCT.search(s):
            return None
        return j

    def _paragraph(self, parts: list[tuple[str, int]], ln: SrcLine) -> None:
        body = _join(parts)
        if not body.text:
            return
        self.blocks.append(Paragraph(line=body.line, end_line=body.end_line, origin=Origin(page=ln.page), body=body))

    def _is_full(self, ln: SrcLine) -> bool:
        """A line that reaches (close to) the wrap width: the PDF cut it, it did not end.
        Indentation counts: it takes room on the page line."""
        return self.width > 0 and display_width(ln.text.rstrip(_WS)) >= 0.75 * self.width

    def _ends_paragraph(self, ln: SrcLine) -> bool:
        return ends_sentence(ln.stripped) or not self._is_full(ln)

    def _collect(self, i: int) -> tuple[list[tuple[str, int]], int]:
        """Line ``i`` plus, in PDF text, the wrapped lines that continue it.

        A line is joined onto the previous one when the previous one neither ended a
        sentence nor stopped short of the wrap width, and the line itself does not start
        something new: a numbered item or heading, a table, a note, an indented paragraph.
        Page numbers and running headers in between are stepped over.
        """
        lines = self.lines
        parts = [(lines[i].stripped, lines[i].no)]
        nxt = i + 1
        if not self.pdf:
            return parts, nxt
        cur = lines[i]
        j = i + 1
        while not self._ends_paragraph(cur):
            while j < len(lines) and lines[j].skip:
                j += 1
            if j >= len(lines) or not self._continues(j):
                break
            cur = lines[j]
            parts.append((cur.stripped, cur.no))
            j += 1
            nxt = j
        return parts, nxt

    def _continues(self, j: int) -> bool:
        ln = self.lines[j]
        if ln.blank or j in self.regions or j in self.pipes or "\t" in ln.text or is_html_table_start(ln):
            return False
        s = ln.stripped
        if _LIST_MARKER.match(s) or MD_HEADING.match(s) or _TOC_TITLE.match(s):
            return False
        if _NOTE_START.match(s) or _INDENT.match(ln.text):
            return False
        return True


def _markdown_heading(body: str) -> HeadingParse:
    """A line the markdown marks as a heading ("# 1.管理办法不够全面，备案机制没有压紧压实")
    is one even when its title is too clause-like for :func:`parse_heading`; keep its
    number and style when it has one."""
    m = _LIST_MARKER.match(body)
    if m:
        probe = parse_heading(m.group(0) + "标题")
        if probe is not None:
            title = body[m.end() :].strip(_WS)
            return HeadingParse(probe.number, probe.style, probe.ordinal, title, probe.rank, "")
    return HeadingParse("", "none", None, body, UNNUMBERED_RANK, "")


def _join(parts: list[tuple[str, int]]) -> Text:
    """Join wrapped line fragments into one :class:`Text` whose ``line_starts`` map every
    character back to its source line."""
    text = ""
    starts: list[tuple[int, int]] = []
    for frag, no in parts:
        frag = frag.strip(_WS)
        if not frag:
            continue
        text = join_fragments(text, frag)
        offset = len(text) - len(frag)
        if not starts or starts[-1][1] != no:
            starts.append((offset, no))
    if not starts and parts:
        starts = [(0, parts[0][1])]
    return Text(text, starts)


def _tail_text(t: Text, tail: str) -> Text | None:
    """The suffix ``tail`` of ``t`` as a :class:`Text` of its own, keeping the line map."""
    start = len(t.text) - len(tail) if t.text.endswith(tail) else t.text.find(tail)
    if start < 0:
        return None
    starts = [(0, t.line_at(start))]
    starts += [(o - start, no) for o, no in t.line_starts if o > start and no != starts[-1][1]]
    return Text(t.text[start:], starts)


# ---------------------------------------------------------------------------------------
# entry point


def load_txt(path: Path) -> Document:
    """Read a .txt report.  Raises :class:`LoadError` (one line, Chinese) when it cannot."""
    raw = read_bytes(path)
    if not raw.strip():
        raise LoadError("文件为空")
    text, encoding = decode_bytes(raw)
    if not text.strip():
        raise LoadError("文件为空")
    text = text.replace("\r\n", "\n").replace("\r", " ")
    return load_text(text, str(path), "txt", encoding=encoding)


def load_text(text: str, path: str, fmt: str, encoding: str | None = None, paged: bool | None = None) -> Document:
    """Build a Document from plain text: a .txt file's content, or the plain-text
    rendering another loader made (a PDF's pages joined by form feeds).  ``paged`` forces
    the PDF-text treatment (wrapped lines, running headers); None detects it."""
    lines = split_lines(text)
    n_lines = len(lines) - 1 if text.endswith("\n") else len(lines)
    pdf = is_pdf_text(text, lines) if paged is None else paged
    if pdf:
        mark_page_furniture(lines)
    blocks = _Builder(lines, pdf).run()
    doc = Document(path=path, format=fmt, blocks=blocks, n_lines=n_lines, encoding=encoding)
    doc.rendering = text
    return doc
