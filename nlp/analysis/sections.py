"""The section tree: headings nest by outline rank; each section gets canonical kinds.

Ranks come from the numbering style (第一部分 0 > 一、 1 > （一） 2 > 1. 3 > （1） 4 > ① 5).
Real reports bend the scheme, so the tree is built leniently:

* a heading whose number continues a sibling of another bracket style ("（一）…" then
  "（2）…") is placed beside that sibling, not under it;
* an unnumbered title line sits one level below the innermost open numbered section (it
  is most often a sub-title), beside a preceding unnumbered title, and at the top level
  when it opens a page.

Kinds come from ``nlp/data/sections.yaml``: a heading may carry several kinds
("存在的问题及改进措施" = problems + measures), in the order they appear in the title.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from budgetlint.nlp.lexicon import lexicon, load
from budgetlint.nlp.model import AnyBlock, Document, Heading, Paragraph, Table, register_view
from budgetlint.nlp.text.normalize import no_spaces, no_spaces_or_stars

# Bracketed styles are often mixed at one level ("（一）…" then "（2）…"); plain 一、 and 1.
# are not: "3.…" followed by "四、…" is a new top-level section, not a sibling.
_FAMILY = {"paren_cn": "paren", "paren_arabic": "paren"}


@dataclass(eq=False)
class Section:
    heading: Heading | None
    rank: float
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    body: list[AnyBlock] = field(default_factory=list)  # blocks before the first child
    end_line: int = 0
    level: int = 0

    @property
    def line(self) -> int:
        return self.heading.line if self.heading else 1

    @property
    def title(self) -> str:
        return self.heading.title if self.heading else ""

    @property
    def label(self) -> str:
        """How the section is named in messages: number + title ("（五）总体评价结论")."""
        if not self.heading:
            return ""
        return f"{self.heading.number}{self.heading.title}"

    @property
    def path(self) -> str:
        parts = []
        s: Section | None = self
        while s is not None and s.heading is not None:
            parts.append(s.label)
            s = s.parent
        return " > ".join(reversed(parts))

    @property
    def kinds(self) -> tuple[str, ...]:
        return section_kinds(self.title) if self.heading else ()

    def content_blocks(self) -> list[AnyBlock]:
        """The section's own body, with the heading's inline text first."""
        out: list[AnyBlock] = []
        if self.heading is not None and self.heading.inline is not None:
            out.append(self.heading.inline)
        out.extend(self.body)
        return out

    @property
    def body_span(self) -> tuple[int, int]:
        """Heading line to the last line of the section's own body (or the heading line)."""
        end = max((b.end_line for b in self.content_blocks()), default=self.line)
        return self.line, max(end, self.line)

    @property
    def has_content(self) -> bool:
        """The section's own body says something beyond a placeholder."""
        return has_content(self.content_blocks())

    @property
    def placeholder_answer(self) -> str | None:
        """The placeholder (无, 暂无 …) the section's own body consists of; None when the
        body says more, holds a table, or is empty."""
        blocks = self.content_blocks()
        if not blocks or not all(isinstance(b, Paragraph) for b in blocks):
            return None
        texts = [b.text.strip() for b in blocks]
        if all(is_placeholder(t) for t in texts) and any(t for t in texts):
            return "".join(t for t in texts if t)
        return None

    @property
    def prompt_answer(self) -> str | None:
        """The form's own instruction ("结合自评情况，分析存在的问题及原因。（200字以内）") left
        in place as the section's whole body (besides placeholders); None otherwise."""
        blocks = self.content_blocks()
        if not blocks or not all(isinstance(b, Paragraph) for b in blocks):
            return None
        texts = [b.text.strip() for b in blocks if not is_placeholder(b.text)]
        if texts and all(is_prompt(t) for t in texts):
            return "".join(texts)
        return None

    @property
    def excerpt(self) -> str:
        """What a finding on the section quotes: its heading."""
        return self.heading.text if self.heading else ""

    @property
    def location(self) -> dict | None:
        """A section has no table location (a form field has)."""
        return None

    @property
    def answer_due(self) -> bool:
        """A section's kinds decide what it must say (a form field's may depend on its
        table: :attr:`FormField.answer_due`)."""
        return True

    def problem_statements(self) -> list[Statement]:
        """What a problems section states: the sentences of its body, and the titles and
        sentences of its untyped sub-items ("1.绩效评价管理意识不强"); a measures
        sub-section is not a problem statement."""
        out: list[Statement] = []

        def add_blocks(blocks: list[AnyBlock]) -> None:
            for b in blocks:
                if isinstance(b, Paragraph):
                    sents = [
                        x for x in b.sentences if len(no_spaces_or_stars(x.text)) >= 4 and not is_placeholder(x.text)
                    ]
                    out.extend(Statement(x.text, x.line, x.end_line, len(sents) > 1) for x in sents)

        add_blocks(self.content_blocks())
        for child in self.children:
            if child.kinds or child.heading is None:
                continue
            out.append(Statement(child.heading.title, child.heading.line, child.heading.line, True))
            add_blocks(child.content_blocks())
        return out


@dataclass(frozen=True)
class Statement:
    """One statement of a problems section.  ``detailed`` marks a statement that other
    sentences go on to detail: a sub-heading, or the lead sentence ("一是管理办法存在缺项。")
    of a longer paragraph."""

    text: str
    line: int
    end_line: int
    detailed: bool


@cache
def _kind_phrases() -> list[tuple[str, str]]:
    pairs = []
    for kind, spec in load("sections")["kinds"].items():
        for phrase in spec["phrases"]:
            pairs.append((phrase.replace(" ", ""), kind))
    return pairs


def kind_spec(kind: str) -> dict:
    return load("sections")["kinds"][kind]


@lru_cache(maxsize=4096)
def section_kinds(title: str) -> tuple[str, ...]:
    """Canonical kinds of a heading title, in order of appearance ("存在的问题及改进措施" →
    ("problems", "measures"))."""
    t = no_spaces(title)
    hits: dict[str, int] = {}
    for phrase, kind in _kind_phrases():
        pos = t.find(phrase)
        if pos >= 0 and (kind not in hits or pos < hits[kind]):
            hits[kind] = pos
    # "审计发现问题整改情况" is about rectification, not a problems section
    for kind in list(hits):
        for other in kind_spec(kind).get("overrides", []):
            hits.pop(other, None)
    return tuple(sorted(hits, key=hits.__getitem__))


@lru_cache(maxsize=1)
def _placeholders() -> frozenset[str]:
    return frozenset(normalize_answer(p) for p in lexicon()["placeholders"])


def normalize_answer(text: str) -> str:
    """Trim whitespace (incl. U+3000), trailing full stops and wrapping brackets."""
    t = no_spaces(text)
    t = t.rstrip("。.．;；")
    while len(t) >= 2 and t[0] in '（(【[“"' and t[-1] in '）)】]”"':
        t = t[1:-1].strip()
    return t


def is_placeholder(text: str) -> bool:
    """True when ``text`` says nothing: empty, or one of the lexicon's placeholder answers
    (无, 无。, 暂无, /, —, -, U+3000 …)."""
    t = normalize_answer(text)
    return t == "" or t in _placeholders()


@lru_cache(maxsize=1)
def _prompt_spec() -> tuple[dict, regex.Pattern]:
    spec = load("forms")["prompt"]
    before = "|".join(map(regex.escape, spec["limit_before"]))
    after = "|".join(map(regex.escape, sorted(spec["limit_after"], key=len, reverse=True)))
    limit = regex.compile(rf"[（(](?:{before})?\d+(?:{after})[)）]")
    return spec, limit


@lru_cache(maxsize=4096)
def is_prompt(text: str) -> bool:
    """True when ``text`` is a form's own instruction rather than an answer, recognised by
    its shape (phrases in ``nlp/data/forms.yaml``): a prompt phrase (请填写, 如实填写 …); an
    instruction verb (说明, 分析, 提出 …) with a length limit ("（200字以内）"); or a lead
    clause (结合…, 对照…) and one more clause, opening with an instruction verb
    ("对照年度目标，说明相关任务目标的完成情况").  Short texts only, without figures other
    than the length limit."""
    spec, limit = _prompt_spec()
    t = no_spaces(text)
    if not t or len(t) > spec["max_chars"]:
        return False
    bare = limit.sub("", t)
    if regex.search(r"\d", bare):
        return False
    if any(p in t for p in spec["phrases"]):
        return True
    verbs = spec["verbs"]
    if bare != t and any(v in bare for v in verbs):
        return True
    if any(bare.startswith(lead) for lead in spec["leads"]):
        clauses = [c for c in regex.split(r"[，,、；;。.]", bare) if c]
        # "分析了…" reports what was done: an answer, not an instruction
        return len(clauses) == 2 and any(
            clauses[1].startswith(v) and clauses[1][len(v) : len(v) + 1] != "了" for v in verbs
        )
    return False


def _top_of_page(block: AnyBlock, prev: AnyBlock | None) -> bool:
    return (
        prev is not None
        and block.origin.page is not None
        and prev.origin.page is not None
        and block.origin.page != prev.origin.page
    )


@register_view("root")
def build_sections(doc: Document) -> Section:
    """The section tree of ``doc`` (its root has no heading); ``doc.root``."""
    root = Section(heading=None, rank=-1, level=0)
    stack: list[Section] = [root]
    prev: AnyBlock | None = None
    for block in doc.blocks:
        if isinstance(block, Heading):
            rank = _effective_rank(block, stack, _top_of_page(block, prev))
            sibling = _sibling_by_sequence(block, stack)
            if sibling is not None:
                while stack[-1] is not sibling:
                    stack.pop()
                stack.pop()
                rank = sibling.rank
            else:
                while len(stack) > 1 and stack[-1].rank >= rank:
                    stack.pop()
            parent = stack[-1]
            sec = Section(heading=block, rank=rank, parent=parent, level=parent.level + 1)
            parent.children.append(sec)
            stack.append(sec)
        else:
            # the stack top is the deepest open section and never has closed children
            stack[-1].body.append(block)
        prev = block
    _close(root, doc.n_lines or (doc.blocks[-1].end_line if doc.blocks else 1))
    return root


@register_view("sections")
def all_sections(doc: Document) -> list[Section]:
    """Every section of the tree, depth first, in document order (root excluded)."""
    out: list[Section] = []
    stack = list(reversed(doc.root.children))
    while stack:
        s = stack.pop()
        out.append(s)
        stack.extend(reversed(s.children))
    return out


class SectionIndex:
    """The innermost section that holds a line, by bisection over the sections' starts.

    Sections nest (a child's span lies inside its parent's, siblings do not overlap), so
    the innermost section holding ``line`` is the last one starting at or before it, or
    the nearest of its ancestors whose span reaches ``line``.
    """

    def __init__(self, root: Section, sections: list[Section]) -> None:
        self._root = root
        self._sections = sections
        self._starts = [s.line for s in sections]

    def at(self, line: int) -> Section:
        i = bisect_right(self._starts, line) - 1
        s: Section | None = self._sections[i] if i >= 0 else None
        while s is not None and s is not self._root and not (s.line <= line <= s.end_line):
            s = s.parent
        return s if s is not None else self._root


@register_view("section_index")
def section_index(doc: Document) -> SectionIndex:
    """``doc.section_index.at(line)``: the section a finding on ``line`` belongs to."""
    return SectionIndex(doc.root, doc.sections)


def _effective_rank(h: Heading, stack: list[Section], top_of_page: bool) -> float:
    if h.style != "none":
        return float(h.rank)
    if top_of_page:
        return float(h.rank)
    inner = stack[-1]
    if inner.heading is None:
        return float(h.rank)
    if inner.heading.style == "none":
        return inner.rank
    # below the open numbered section, but never above the level of a 一、 heading, so a
    # following 二、 closes it ("部门整体绩效评价报告" standing for a lost 一、)
    return max(inner.rank + 0.5, float(h.rank))


def _sibling_by_sequence(h: Heading, stack: list[Section]) -> Section | None:
    """An open section numbered n-1 in the same bracket family but another style."""
    if h.ordinal is None or h.ordinal < 2 or h.style not in _FAMILY:
        return None
    # a predecessor in the very same style is the true sibling; rank handles that
    if any(
        s.heading is not None and s.heading.style == h.style and s.heading.ordinal == h.ordinal - 1 for s in stack[1:]
    ):
        return None
    for sec in reversed(stack[1:]):
        sh = sec.heading
        if sh is None or sh.style == h.style:
            return None  # a true same-style sibling is handled by rank
        if _FAMILY.get(sh.style) == _FAMILY[h.style] and sh.ordinal == h.ordinal - 1:
            return sec
    return None


def _close(sec: Section, end: int) -> None:
    """Set ``end_line`` of every section: the line before the next sibling's heading."""
    sec.end_line = end
    for i, child in enumerate(sec.children):
        nxt = sec.children[i + 1].line - 1 if i + 1 < len(sec.children) else end
        _close(child, nxt)


def has_content(blocks: list[AnyBlock]) -> bool:
    """Whether any block says something beyond a placeholder."""
    for b in blocks:
        if isinstance(b, Table):
            return True
        if isinstance(b, Paragraph) and not is_placeholder(b.text):
            return True
    return False


def numbers_in_prose(doc: Document, after: int, before: int, style: str, lo: int, hi: int) -> bool:
    """Whether the outline numbers strictly between ``lo`` and ``hi`` (in ``style``) appear
    in the prose between lines ``after`` and ``before``: as list items written as
    paragraphs, or merged into a sentence ("……得分22分。（四）绩效评价指标分析")."""
    from budgetlint.nlp.text.numbering import number_text, parse_number

    missing = [number_text(style, k) for k in range(lo + 1, hi)]
    for p in doc.paragraphs_between(after, before):
        n = parse_number(p.text)
        if n is not None and n.style == style and n.ordinal is not None and lo < n.ordinal < hi:
            return True
        if any(m in p.text for m in missing):
            return True
    return False
