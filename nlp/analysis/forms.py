"""Form fields and truncated answers: the ``form_fields`` and ``truncated_answers`` views.

A form (自评表, 评价表) often asks its questions as a label cell followed by its value cell
(``存在问题 | 无``, ``改进措施及结果应用方案 | 无``, ``评价结论 | …``) instead of a heading and
its body.  :class:`FormField` reads such a row as a section with that body: it has the
kinds of its label (``nlp/data/sections.yaml``) and the readings the section rules use
(``placeholder_answer``, ``prompt_answer``, ``has_content``, ``body_span`` …), its
location being the value cell.

:class:`TruncatedAnswer` is a reason or purpose clause cut off right after its lead
("主要原因是。", "原因：。"): the lead is there, the reason is not.  Phrases live in
``nlp/data/forms.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from budgetlint.nlp.analysis.perf import printed_score
from budgetlint.nlp.analysis.sections import Statement, is_placeholder, is_prompt, section_kinds
from budgetlint.nlp.lexicon import load
from budgetlint.nlp.model import Cell, Document, Paragraph, Table, register_view
from budgetlint.nlp.numbers.quantities import parse_value
from budgetlint.nlp.text.normalize import no_spaces, no_spaces_or_stars
from budgetlint.nlp.text.sentences import split_sentences

_BLANK = " \t\u3000\xa0"


@lru_cache(maxsize=1)
def spec() -> dict:
    """The form vocabulary (``nlp/data/forms.yaml``)."""
    return load("forms")


@dataclass(eq=False)
class FormField:
    """A label cell and the value cells after it in one table row."""

    table: Table
    row: int
    label_cell: Cell
    value_cells: list[Cell]
    # the 自评表 whose rows hold the field, when one does: whether its scores show a
    # deviation (True / False), None when there is no readable 自评表
    deviation: bool | None = None

    heading = None  # a field has no heading and no sub-sections
    children: tuple = ()

    @property
    def label(self) -> str:
        return no_spaces_or_stars(self.label_cell.text)

    @property
    def title(self) -> str:
        return self.label

    @property
    def path(self) -> str:
        return self.label

    @property
    def kinds(self) -> tuple[str, ...]:
        return section_kinds(self.label)

    @property
    def text(self) -> str:
        """The value as written: the filled value cells joined."""
        return "\n".join(c.text.strip(_BLANK) for c in self.value_cells if c.text.strip(_BLANK))

    @property
    def value_cell(self) -> Cell:
        """The cell a finding points at: the first filled value cell, else the first."""
        return next((c for c in self.value_cells if c.text.strip(_BLANK)), self.value_cells[0])

    @property
    def body_span(self) -> tuple[int, int]:
        cells = [c for c in self.value_cells if c.text.strip(_BLANK)] or self.value_cells[:1]
        return min(c.line for c in cells), max(c.end_line for c in cells)

    @property
    def line(self) -> int:
        return self.body_span[0]

    @property
    def asks_for_deviation_cause(self) -> bool:
        """The label asks for the cause of a deviation ("偏差大或目标未完成原因分析")."""
        return any(w in self.label for w in spec()["deviation_labels"])

    @property
    def answer_due(self) -> bool:
        """Whether the field must say something: always, except a deviation-cause field
        on a form that shows no deviation or whose scores cannot be read (then 无 may be
        the right answer)."""
        return not self.asks_for_deviation_cause or self.deviation is True

    @property
    def has_content(self) -> bool:
        return not is_placeholder(self.text)

    @property
    def placeholder_answer(self) -> str | None:
        t = self.text
        return t if t and is_placeholder(t) else None

    @property
    def prompt_answer(self) -> str | None:
        t = self.text
        return t if t and is_prompt(t) else None

    @property
    def excerpt(self) -> str:
        return f"{self.label} | {self.text}"

    @property
    def location(self) -> dict:
        return {"table": self.table.index, "row": self.row, "col": self.value_cell.col}

    def problem_statements(self) -> list[Statement]:
        """The sentences of the value, as a problems section's statements."""
        t = self.text
        if is_placeholder(t) or is_prompt(t):
            return []
        line, end = self.body_span
        sents = [t[a:b] for a, b in split_sentences(t)]
        sents = [s for s in sents if len(no_spaces_or_stars(s)) >= 4 and not is_placeholder(s)]
        return [Statement(s, line, end, len(sents) > 1) for s in sents]


def _label(cell: Cell) -> bool:
    """A cell that names a section kind and is short enough to be a label."""
    t = no_spaces_or_stars(cell.text)
    if not t or len(t) > spec()["label_max_chars"] or t[-1] in "。；;":
        return False
    if parse_value(t) is not None:
        return False
    return bool(section_kinds(t))


@register_view("form_fields")
def find_form_fields(doc: Document) -> list[FormField]:
    """Every form field of the document's tables, in document order: a row whose first
    filled cell is a label (:func:`_label`) with at least one cell after it, none of the
    filled ones another label (then the row is a header: ``存在问题 | 原因分析 | 改进措施``).
    The header rows of 自评表 are never fields; a value ends where a note (备注) begins."""
    headers = {
        (id(pt.table), r)
        for pt in doc.perf_tables
        for r in (pt.fund_header_row, pt.indicator_header_row)
        if r is not None
    }
    notes = spec()["note_markers"]
    out: list[FormField] = []
    for table in doc.tables:
        for r, cells in enumerate(table.rows):
            if (id(table), r) in headers:
                continue
            i = next((k for k, c in enumerate(cells) if c.text.strip(_BLANK)), None)
            if i is None or i + 1 >= len(cells) or not _label(cells[i]):
                continue
            values = cells[i + 1 :]
            if any(_label(c) for c in values if c.text.strip(_BLANK)):
                continue
            end = next((k for k, c in enumerate(values) if k and no_spaces(c.text).startswith(tuple(notes))), None)
            values = values[:end] if end is not None else values
            out.append(FormField(table, r, cells[i], values, _deviation(doc, table, r)))
    return out


def _deviation(doc: Document, table: Table, row: int) -> bool | None:
    """Whether the 自评表 whose rows hold ``row`` shows a deviation: an indicator that
    lost points, or a stated total score below the stated total points; None when no
    自评表 holds the row or its scores cannot be read."""
    for pt in doc.perf_tables:
        if pt.table is not table or not pt.first_row <= row < pt.rows_end(doc):
            continue
        if any(i.lost_points for i in pt.indicators):
            return True
        points, score = pt.stated_total_points, pt.stated_total_score
        if points is not None and score is not None:
            return printed_score(score).below(points)
        scored = [i for i in pt.indicators if i.points is not None and i.score is not None]
        return False if scored and len(scored) == len(pt.indicators) else None
    return None


@dataclass(frozen=True)
class TruncatedAnswer:
    """A clause that opens a reason or purpose and stops at once ("主要原因是。")."""

    paragraph: Paragraph
    start: int  # the lead's offset in the paragraph text
    end: int  # just past the stop mark
    lead: str
    what: str  # 原因 / 用途: what the clause should have given
    line: int
    end_line: int
    sentence: str  # the sentence it ends, for messages


@lru_cache(maxsize=1)
def _truncated_leads() -> list[tuple[str, str]]:
    leads = [(lead, what) for what, ls in spec()["truncated"]["leads"].items() for lead in ls]
    return sorted(leads, key=lambda lw: -len(lw[0]))


def _in_quotation(text: str, pos: int) -> bool:
    """Inside “…” or 「…」 (a quotation of someone else's wording, e.g. a review note)."""
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count("「") > before.count("」")


def truncated_in(para: Paragraph) -> list[TruncatedAnswer]:
    t = spec()["truncated"]
    fillers, stops, need_colon = set(t["fillers"]), set(t["stops"]), set(t["need_colon"])
    text = para.text
    out: list[TruncatedAnswer] = []
    taken: set[int] = set()  # stop positions already reported (by a longer lead)
    for lead, what in _truncated_leads():
        j = text.find(lead)
        while j >= 0:
            k = j + len(lead)
            colon = False
            while k < len(text) and text[k] in fillers:
                colon = colon or text[k] in "：:"
                k += 1
            if (
                k < len(text)
                and text[k] in stops
                and k not in taken
                and (colon or lead not in need_colon)
                and not _in_quotation(text, j)
            ):
                taken.add(k)
                line, end_line = para.body.span_lines(j, k + 1)
                s = next((x for x in para.sentences if x.start <= j < x.end), None)
                sentence = no_spaces(s.text) if s is not None else lead
                out.append(TruncatedAnswer(para, j, k + 1, lead, what, line, end_line, sentence))
            j = text.find(lead, j + 1)
    out.sort(key=lambda a: a.start)
    return out


@register_view("truncated_answers")
def find_truncated_answers(doc: Document) -> list[TruncatedAnswer]:
    """Every truncated reason or purpose clause in the prose, in document order."""
    return [a for p in doc.paragraphs for a in truncated_in(p)]


__all__ = ["FormField", "TruncatedAnswer", "find_form_fields", "find_truncated_answers", "truncated_in"]
