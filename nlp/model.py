"""The document model every rule reads.

A reader turns a file into a :class:`Document`: an ordered list of blocks (headings,
paragraphs, tables) that each know where they came from.  The model is plain data and
imports no analysis: the passes of :mod:`budgetlint.nlp.analysis` register their views
(``doc.root``, ``doc.perf_tables`` …) with :func:`register_view`, and the document computes
each once, on first use, and keeps it.  No pass writes into the blocks.

Locations
---------
``line``/``end_line`` are 1-based.  For text input they are physical line numbers counting
``\\n`` only (form feeds are page breaks, not lines).  For .docx input ``line`` counts blocks
in document order (every paragraph and every table row is one line), and ``origin`` carries
the native coordinates (paragraph index, table/row/cell).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from budgetlint.nlp.text.normalize import SPACES

if TYPE_CHECKING:  # pragma: no cover
    from budgetlint.nlp.numbers.quantities import Quantity


@dataclass(frozen=True)
class Origin:
    """Native coordinates of a block in its source file (format specific)."""

    paragraph: int | None = None  # docx paragraph index (body order)
    table: int | None = None  # 0-based table index in the document
    row: int | None = None
    col: int | None = None
    page: int | None = None  # 1-based page (form-feed separated text, PDF)


@dataclass
class Text:
    """A run of text whose characters map back to source lines.

    ``line_starts`` holds ``(offset, line)`` pairs, sorted by offset: the character at
    ``offset`` and those after it (until the next pair) come from ``line``.
    """

    text: str
    line_starts: list[tuple[int, int]]

    @classmethod
    def single(cls, text: str, line: int) -> Text:
        return cls(text, [(0, line)])

    @property
    def line(self) -> int:
        return self.line_starts[0][1] if self.line_starts else 0

    @property
    def end_line(self) -> int:
        return self.line_starts[-1][1] if self.line_starts else 0

    @cached_property
    def _offsets(self) -> list[int]:
        return [o for o, _ in self.line_starts]

    def line_at(self, offset: int) -> int:
        """Source line of character ``offset``."""
        if not self.line_starts:
            return 0
        idx = bisect_right(self._offsets, offset) - 1
        return self.line_starts[max(idx, 0)][1]

    def span_lines(self, start: int, end: int) -> tuple[int, int]:
        """Source line span of characters ``[start, end)``."""
        return self.line_at(start), self.line_at(max(start, end - 1))


@dataclass
class Block:
    line: int
    end_line: int
    origin: Origin = field(default_factory=Origin)

    kind = "block"


@dataclass
class Paragraph(Block):
    """Prose: wrapped source lines already joined into one text."""

    body: Text = field(default_factory=lambda: Text("", []))

    kind = "paragraph"

    @property
    def text(self) -> str:
        return self.body.text

    @cached_property
    def sentences(self) -> list[Sentence]:
        from budgetlint.nlp.text.sentences import split_sentences

        out = []
        for start, end in split_sentences(self.body.text):
            line, end_line = self.body.span_lines(start, end)
            out.append(Sentence(self.body.text[start:end], start, end, line, end_line, self))
        return out

    @cached_property
    def quantities(self) -> list[Quantity]:
        from budgetlint.nlp.numbers.quantities import extract

        return extract(self.body.text)


@dataclass
class Heading(Block):
    """An outline heading: ``number`` ("（一）"), its ``style`` and outline ``rank``.

    ``rank`` is the conventional depth of the numbering style (第一部分 = 0, 一、 = 1,
    （一） = 2, 1. = 3, （1） = 4, ① = 5); the depth actually used in this document is
    its section's ``level`` (``doc.root``).  ``inline`` is body text
    that followed the title on the same line ("（1）评价原则。遵循……").
    """

    text: str = ""
    number: str = ""
    style: str = ""
    ordinal: int | None = None
    title: str = ""
    rank: int = 9
    inline: Paragraph | None = None

    kind = "heading"


@dataclass
class Cell:
    text: str
    row: int
    col: int
    line: int
    end_line: int
    merged: bool = False  # True for a grid slot covered by a merged cell; its text is ""
    # for a covered slot (merged=True): the text of the cell covering it, e.g. an explanation
    # merged down over two indicator rows; "" otherwise
    covered_text: str = ""
    ref: str = ""  # spreadsheet input: the cell's address, e.g. "Sheet1!H12" ("" otherwise)

    @property
    def empty(self) -> bool:
        return not self.text.strip(SPACES)


@dataclass
class Table(Block):
    """A grid of cells.  ``rows[r][c]``; rows may be ragged (merged cells in text exports)."""

    rows: list[list[Cell]] = field(default_factory=list)
    index: int = 0
    layout: str = ""  # "tab-cells" | "tab-rows" | "space-rows" | "docx" | ...
    caption: str = ""  # nearest title line before the table
    unit: str | None = None  # 元 / 万元 / 亿元 when the table or its caption states it

    kind = "table"

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def row_text(self, r: int) -> list[str]:
        return [c.text for c in self.rows[r]]

    def row_span(self, r: int) -> tuple[int, int]:
        cells = self.rows[r]
        if not cells:
            return self.line, self.line
        return min(c.line for c in cells), max(c.end_line for c in cells)


AnyBlock = Heading | Paragraph | Table


@dataclass
class Sentence:
    text: str
    start: int  # character offsets in the paragraph text
    end: int
    line: int
    end_line: int
    paragraph: Paragraph


@dataclass
class Document:
    path: str
    format: str  # "txt" | "docx"
    blocks: list[AnyBlock]
    n_lines: int = 0
    encoding: str | None = None
    rendering: str | None = None  # the plain text line numbers refer to (txt, pdf)

    # -- structural views: plain list filters over the blocks --------------------------
    @cached_property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @cached_property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        out: list[Paragraph] = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                out.append(b)
            elif isinstance(b, Heading) and b.inline is not None:
                out.append(b.inline)
        return out

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.line for b in self.blocks]

    def page_of(self, line: int) -> int | None:
        """The page of the block that holds ``line`` (paged input), else None."""
        i = bisect_right(self._block_starts, line) - 1
        return self.blocks[i].origin.page if i >= 0 else None

    @cached_property
    def _paragraph_lines(self) -> list[int]:
        return [p.line for p in self.paragraphs]

    def paragraphs_between(self, a: int, b: int) -> list[Paragraph]:
        """The paragraphs whose first line lies strictly between lines ``a`` and ``b``, in
        order: ``[p for p in doc.paragraphs if a < p.line < b]``, by bisection (paragraphs
        are in line order)."""
        lines = self._paragraph_lines
        return self.paragraphs[bisect_right(lines, a) : bisect_left(lines, b)]

    def cell_ref(self, location: dict | None) -> str | None:
        """ "Sheet!H12" for a location {table, row, col} in a spreadsheet, else None."""
        if not location or location.get("table") is None or location.get("row") is None:
            return None
        try:
            table = self.tables[location["table"]]
            row = table.rows[location["row"]]
            col = location.get("col")
            cell = row[col] if col is not None and col < len(row) else (row[0] if row else None)
        except (IndexError, TypeError):
            return None
        ref = getattr(cell, "ref", "") if cell is not None else ""
        return ref or None

    # -- analysis views: computed by the passes that registered them, cached ----------
    def __getattr__(self, name: str) -> Any:
        # only called when ordinary lookup fails, i.e. for a view not computed yet
        if name.startswith("_"):
            raise AttributeError(name)
        getter = _VIEWS.get(name)
        if getter is None:
            hint = "" if _VIEWS else "（分析层尚未载入：import budgetlint.nlp.analysis）"
            raise AttributeError(f"Document has no attribute or view {name!r}{hint}")
        value = getter(self)
        self.__dict__[name] = value
        return value


# name -> getter of an analysis view; filled by the analysis passes when they are imported
_VIEWS: dict[str, Callable[[Document], Any]] = {}


def register_view(name: str) -> Callable[[Callable[[Document], Any]], Callable[[Document], Any]]:
    """Register ``getter(doc)`` as the view ``doc.<name>``, computed once per document.

    The analysis passes register their views (``root``, ``perf_tables`` …) when imported,
    the way spaCy components set ``Doc`` extensions: the model never imports a pass.
    """

    def deco(getter: Callable[[Document], Any]) -> Callable[[Document], Any]:
        if name in _VIEWS and _VIEWS[name] is not getter:
            raise ValueError(f"view {name!r} registered twice")
        if hasattr(Document, name):
            raise ValueError(f"view {name!r} would shadow a Document attribute")
        _VIEWS[name] = getter
        return getter

    return deco


def registered_views() -> tuple[str, ...]:
    return tuple(sorted(_VIEWS))
