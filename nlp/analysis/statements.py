"""Arithmetic statements in the prose: changes, breakdowns and rates.

These are the sentences reviewers re-add by hand:

* a change — "人员经费完成109.33万元，比上年增加36.14万，上升22.24%" (current, delta, rate, and
  the base: stated, as in "2025年当年预算执行数为1690.69万元，2026年预算安排1434.89万元，
  比2025年预算执行数减少1.10%", or derived as current ∓ delta);
* a breakdown — "本年收入合计1071.95万元，……其中：财政拨款收入1071.80万元，占收入合计的99.99%；
  ……其他收入0.15万元，占收入合计的0.01%" (a total, its parts and their shares);
* a rate — "预算执行率为98.93%" with the budget and the spending in the same sentence.

Extraction is conservative: a number takes part only when its role is unambiguous, and a
statement the reader could take two ways is dropped.  Direction and change words live in
``nlp/data/statements.yaml``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from budgetlint.nlp.lexicon import load
from budgetlint.nlp.model import Document, Paragraph, register_view
from budgetlint.nlp.numbers.quantities import Quantity
from budgetlint.nlp.numbers.units import MONEY_UNITS
from budgetlint.nlp.text.numbering import ITEM_STYLES, marker_pattern
from budgetlint.nlp.text.sentences import clause_start

MONEY = frozenset(MONEY_UNITS)
_YEAR = regex.compile(r"(20\d{2})\s*年")


@lru_cache(maxsize=1)
def _spec() -> dict:
    return load("statements")


_LEAD = regex.compile(r"^\s*(?:其中[：:]?|" + marker_pattern(ITEM_STYLES) + ")")
_TAIL = regex.compile(r"(?:完成|为|是|达|共计|合计为?)$")
_PERIOD_ONLY = regex.compile(r"^\s*\d{4}年(?:度)?(?:预算安排|预算|决算)")


@dataclass
class Amount:
    q: Quantity
    label: str  # the clause text before the number ("人员经费完成")
    para: Paragraph

    @property
    def item(self) -> str:
        """What the amount is of, for messages: the clause without list markers and
        verbs ("2023年，我办实际支出" → "我办实际支出"); for a clause that names only a
        period ("2026年预算安排") in a numbered 科目 paragraph, the paragraph's 科目 too
        ("行政运行（2026年预算安排）")."""
        t = _TAIL.sub("", _LEAD.sub("", self.label).strip())[-16:]
        if _PERIOD_ONLY.match(self.label) and self.para is not None:
            from budgetlint.nlp.analysis.facts import subject_of

            subject = subject_of(self.para.text)
            if subject is not None:
                return f"{subject[1]}（{t}）"
        return t

    @property
    def lines(self) -> tuple[int, int]:
        return self.para.body.span_lines(self.q.start, self.q.end)


@dataclass
class Change:
    para: Paragraph
    current: Amount
    direction: str  # "up" | "down" | "flat"
    delta: Quantity | None = None
    rate: Quantity | None = None
    rate_direction: str | None = None
    base: Amount | None = None  # stated base, when the sentence gives it
    start: int = 0
    end: int = 0
    # the stated reason when it only says which way the item's money went
    # ("主要原因是：宣传事务一般行政管理事务经费增加。"): its direction and where it is
    reason_direction: str | None = None
    reason_span: tuple[int, int] | None = None

    @property
    def lines(self) -> tuple[int, int]:
        return self.para.body.span_lines(self.start, self.end)


@dataclass
class Part:
    amount: Amount
    share: Quantity | None = None


@dataclass
class Breakdown:
    para: Paragraph
    total: Amount
    parts: list[Part] = field(default_factory=list)
    start: int = 0
    end: int = 0
    last_para: Paragraph | None = None  # parts listed in the paragraphs after the total's

    @property
    def lines(self) -> tuple[int, int]:
        if self.last_para is not None:
            return self.para.body.span_lines(self.start, self.end)[0], self.last_para.body.span_lines(
                0, len(self.last_para.text)
            )[1]
        return self.para.body.span_lines(self.start, self.end)


@dataclass
class ComposedShares:
    """Shares of a whole the report does not state but whose parts are fixed: "因公出国（境）费
    支出222.5万元，占“三公”经费的8.75%；公务用车购置及运行费支出183.6万元，占……；公务接待费
    支出427.5万元，占……" lists every part of the 三公经费, so the whole is their sum."""

    para: Paragraph
    whole: str  # the whole's name, from nlp/data/statements.yaml compositions
    parts: list[Part] = field(default_factory=list)  # each with its share
    start: int = 0
    end: int = 0

    @property
    def lines(self) -> tuple[int, int]:
        return self.para.body.span_lines(self.start, self.end)


@dataclass
class RateStatement:
    para: Paragraph
    rate: Quantity
    budget: Amount
    spent: Amount

    @property
    def lines(self) -> tuple[int, int]:
        return self.para.body.span_lines(self.budget.q.start, self.rate.end)


@dataclass
class Statements:
    changes: list[Change] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    rates: list[RateStatement] = field(default_factory=list)
    composed: list[ComposedShares] = field(default_factory=list)


def _direction(word: str) -> str | None:
    spec = _spec()["directions"]
    for d in ("up", "down", "flat"):
        if word in spec[d]:
            return d
    return None


@lru_cache(maxsize=1)
def _dir_pattern() -> regex.Pattern:
    words = sorted({w for ws in _spec()["directions"].values() for w in ws}, key=len, reverse=True)
    return regex.compile("(" + "|".join(map(regex.escape, words)) + r")了?(?:为|至)?\s*$")


def _word_before(text: str, pos: int) -> str | None:
    """The direction word right before ``pos`` ("增加", "下降了", "增长为" …)."""
    m = _dir_pattern().search(text[max(0, pos - 6) : pos])
    return m.group(1) if m else None


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    # a half-width "." or "!?" ends a sentence in prose typed with half-width punctuation
    # ("增长30 %.主要原因是:…"), but not inside a number, a list marker or a URL ("3.", "1.5")
    for m in regex.finditer(r"[。！？\n]|(?<![0-9A-Za-z.])[.!?](?![0-9A-Za-z.])", text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _is_money(q: Quantity) -> bool:
    return q.unit in MONEY and not q.approx and not q.comparator


def _delta_unit(q: Quantity, like: Quantity) -> Quantity | None:
    """A change amount as money: "36.14万" after "109.33万元" is 36.14万元."""
    if q.approx or q.comparator:
        return None
    if q.unit in MONEY:
        return q
    if q.unit == "万" and like.unit == "万元":
        return Quantity(q.value, q.text, q.start, q.end, "万元", q.decimals, False, None, "money")
    if q.unit == "亿" and like.unit == "亿元":
        return Quantity(q.value, q.text, q.start, q.end, "亿元", q.decimals, False, None, "money")
    return None


def _is_comparison(clause: str) -> bool:
    return any(w in clause for w in _spec()["comparison_markers"])


@register_view("statements")
def extract_statements(doc: Document) -> Statements:
    st = Statements()
    paras = list(doc.paragraphs)
    for para in paras:
        _from_paragraph(para, st)
    for i in range(len(paras)):
        _listed_breakdown(paras, i, st)
    return st


def _para_lines(para: Paragraph) -> tuple[int, int]:
    return para.body.span_lines(0, len(para.text))


def _part_clauses(para: Paragraph) -> list[Part] | None:
    """A paragraph that is only parts, "基本支出11700.63万元，占42.30 %；" or "一般公共服务支出
    （类）264.87 万元，占86.05%；社会保障和就业支出（类）10.82 万元，占3.52%；……": every
    clause between ；/。 one amount and at most its share; None otherwise."""
    text = para.text
    qs = para.quantities
    parts: list[Part] = []
    start = 0
    for m in list(regex.finditer(r"[；;。]", text)) + [None]:
        end = m.start() if m else len(text)
        seg = [q for q in qs if q.start >= start and q.end <= end]
        if m is None and not text[start:end].strip():
            break
        levels = _level_amounts(text, start, seg)
        if len(levels) != 1 or len(seg) > 2:
            return None
        a = levels[0]
        a.para = para
        share = None
        if len(seg) == 2:
            q = seg[1]
            if q.unit != "%" or q.start < a.q.end or not _SHARE_OF_ANY.match(text[a.q.end : q.start]):
                return None
            share = q
        elif seg[0] is not a.q:
            return None
        parts.append(Part(a, share))
        start = m.end() if m else len(text)
    return parts or None


def _listed_breakdown(paras: list[Paragraph], i: int, st: Statements) -> None:
    """A total whose paragraph ends with 其中： / 主要用于以下方面：, its parts in the
    paragraphs right after it, one or more a paragraph ("本年支出预算合计27664.22万元，其中：" |
    "基本支出11700.63万元，占42.30 %；" | "项目支出13025.38万元，占47.08%；" | …), up to the
    part that ends with 。."""
    para = paras[i]
    text = para.text.rstrip()
    marker = next(
        (w for w in _spec()["breakdown_markers"] if regex.sub(r"[：:，,]$", "", text).endswith(w.rstrip("：:，,"))),
        None,
    )
    if marker is None or not para.quantities:
        return
    s0 = _sentence_bounds(text)[-1][0]
    sq = [q for q in para.quantities if q.start >= s0]
    levels = _level_amounts(text, s0, sq)
    if not levels or levels[-1].q is not sq[-1]:
        return
    total = levels[-1]
    total.para = para
    if not any(w in total.label for w in _spec()["total_words"]):
        return
    parts: list[Part] = []
    last = para
    for nxt in paras[i + 1 : i + 13]:
        if _para_lines(nxt)[0] != _para_lines(last)[1] + 1:
            break
        got = _part_clauses(nxt)
        if got is None:
            break
        parts += got
        last = nxt
        if nxt.text.rstrip().endswith("。"):
            break
    if len(parts) < 2 or any(p.amount.q.unit != total.q.unit for p in parts):
        return
    st.breakdowns.append(Breakdown(para, total, parts, total.q.start, len(text), last))


def _from_paragraph(para: Paragraph, st: Statements) -> None:
    text = para.text
    qs = para.quantities
    if not qs:
        return
    starts = [q.start for q in qs]  # in order: extract() returns the quantities so
    carry: Amount | None = None  # the subject amount a following "与上年相比…" refers to
    prev_total: Amount | None = None  # the last amount of the sentence before ("…决算为22.62万元。其中…")
    last: list[Change] = []  # the changes of the sentence before
    for s0, s1 in _sentence_bounds(text):
        if len(last) == 1:
            _reason(text, s0, s1, last[0])
        n_changes = len(st.changes)
        sq = qs[bisect_left(starts, s0) : bisect_left(starts, s1)]
        last = []
        if not sq:
            prev_total = None  # "……合计100万元。主要用于……。其中……": 其中 is of the middle sentence
            continue
        _changes(para, text, s0, sq, st, carry)
        _breakdown(para, text, s0, s1, sq, st, prev_total)
        _measure_breakdown(para, text, sq, st)
        _rate(para, text, s0, sq, st)
        _composed(para, text, s0, sq, st)
        carry = _sole_level(para, text, s0, sq)
        prev_levels = _level_amounts(text, s0, sq)
        prev_total = prev_levels[-1] if prev_levels else None
        if prev_total is not None:
            prev_total.para = para
        last = st.changes[n_changes:]


@lru_cache(maxsize=1)
def _reason_pattern() -> regex.Pattern:
    sp = _spec()["reasons"]
    openers = "|".join(map(regex.escape, sorted(sp["openers"], key=len, reverse=True)))
    money = "|".join(map(regex.escape, sorted(sp["money_words"], key=len, reverse=True)))
    words = sorted({w for d in ("up", "down") for w in _spec()["directions"][d] if len(w) > 1}, key=len, reverse=True)
    return regex.compile(
        rf"\s*(?:{openers})\s*[：:，,]?\s*(?P<subject>[^，,；;：:。、（）()]*?(?P<money>{money}))"
        rf"(?P<word>{'|'.join(map(regex.escape, words))})了?\s*[。；;.]?\s*$"
    )


_LEVEL_MARK = regex.compile(r"[（(](?:类|款|项)[）)]")


def _reason(text: str, s0: int, s1: int, ch: Change) -> None:
    """The sentence after a change, when it is a one-clause reason naming only the way the
    item's money moved: "主要原因是：宣传事务一般行政管理事务经费增加。" — the subject is
    the money itself (经费/支出/资金…), alone or with the item's name from the paragraph."""
    m = _reason_pattern().match(text[s0:s1])
    if not m:
        return
    subject = _bare(m.group("subject"))[: -len(_bare(m.group("money"))) or None]
    if subject and subject not in _bare(_LEVEL_MARK.sub("", text[:s0])):
        return
    if any(_word_before(subject, i) for i in range(1, len(subject) + 1)):
        return  # "人员减少导致支出增加": more than one movement
    ch.reason_direction = _direction(m.group("word"))
    ch.reason_span = (s0, s1)


def _sole_level(para: Paragraph, text: str, s0: int, sq: list[Quantity]) -> Amount | None:
    """The amount a sentence states when it states exactly one figure, a money level
    ("项目支出预算数为4335.3万元。"): a next sentence that opens with the comparison
    ("与上年相比减少了1237.7万元") is about it."""
    levels = _level_amounts(text, s0, sq)
    if len(levels) != 1:
        return None
    # besides it, only its share ("2940.05万元，占本年支出合计的100.00%")
    for q in sq:
        if q is not levels[0].q and not (
            q.unit == "%" and "占" in text[max(clause_start(text, q.start), s0) : q.start]
        ):
            return None
    levels[0].para = para
    return levels[0]


def _restates(text: str, s0: int, cs: int, pos: int, word: str, carry: Amount) -> bool:
    """ "与2023年度相比，一般公共预算财政拨款支出减少63.14万元" after "一般公共预算财政拨款
    支出2940.05万元，占……。": the sentence opens with a comparison clause of its own and
    the next clause names the same item as the amount before."""
    if cs == s0 or not _opening_comparison().match(text, s0):
        return False
    head = text[s0:cs]
    if regex.search(r"[，,；;：:].", head) or not _is_comparison(head):
        return False  # one comparison clause, then this one
    subject = _bare(regex.sub(regex.escape(word) + r"了?(?:为|至)?\s*$", "", text[cs:pos]))
    item = _bare(_LEAD.sub("", carry.label))
    item = _TAIL.sub("", item)
    if not subject:
        return True  # "与上年相比，增加1,003.69 万元": no subject of its own
    return len(subject) >= 2 and (subject == item or (len(subject) >= 4 and item.endswith(subject)))


@lru_cache(maxsize=1)
def _opening_comparison() -> regex.Pattern:
    words = sorted(_spec()["comparison_openers"], key=len, reverse=True)
    return regex.compile(r"\s*(?:" + "|".join(map(regex.escape, words)) + ")")


def _level_amounts(text: str, s0: int, sq: list[Quantity]) -> list[Amount]:
    """Money amounts stating a level (not a change, not a share) in a sentence."""
    out = []
    for q in sq:
        if not _is_money(q):
            continue
        cs = max(clause_start(text, q.start), s0)
        clause = text[cs : q.start]
        if _word_before(text, q.start) or _is_comparison(clause) or "占" in clause[-4:]:
            continue
        out.append(Amount(q, clause, None))  # type: ignore[arg-type]
    return out


def _changes(
    para: Paragraph, text: str, s0: int, sq: list[Quantity], st: Statements, carry: Amount | None = None
) -> None:
    levels = _level_amounts(text, s0, sq)
    for a in levels:
        a.para = para
    i = 0
    while i < len(sq):
        q = sq[i]
        word = _word_before(text, q.start)
        cs = max(clause_start(text, q.start), s0)
        clause = text[cs : q.start]
        restated = word is not None and carry is not None and _restates(text, s0, cs, q.start, word, carry)
        if not word or not (_is_comparison(clause) or restated):
            i += 1
            continue
        direction = _direction(word)
        cur_candidates = [a for a in levels if a.q.end <= cs]
        if (
            not cur_candidates
            and carry is not None
            and (restated or (cs == s0 and _opening_comparison().match(text, s0)))
        ):
            # the sentence has no subject of its own: "与上年相比增加878.93万元，增长30%。"
            # right after "住房保障（类）支出3894.09万元，主要用于……。"
            cur_candidates = [carry]
        if not cur_candidates or direction is None:
            i += 1
            continue
        current = cur_candidates[-1]
        ch = Change(para=para, current=current, direction=direction, start=current.q.start, end=q.end)
        if q.unit == "%":
            ch.rate, ch.rate_direction = q, direction
        else:
            ch.delta = _delta_unit(q, current.q)
            if ch.delta is None:
                i += 1
                continue
            # an immediately following rate clause: "，增长22.24%" / "，上升22.24%"
            if i + 1 < len(sq):
                nq = sq[i + 1]
                between = text[q.end : nq.start]
                w2 = _word_before(text, nq.start)
                if nq.unit == "%" and w2 and regex.fullmatch(r"[，,、]?\s*(?:同比)?\s*\S{0,4}?\s*", between):
                    ch.rate, ch.rate_direction = nq, _direction(w2)
                    ch.end = nq.end
                    i += 1
        ch.base = _stated_base(clause, current, cur_candidates[:-1])
        st.changes.append(ch)
        i += 1


def _stated_base(comp_clause: str, current: Amount, earlier: list[Amount]) -> Amount | None:
    """The amount the comparison refers to, when the sentence states it: the latest
    earlier amount whose clause names the year the comparison names ("比2025年预算执行数"
    ↔ "2025年当年预算执行数为1690.69万元") and not the current amount's year."""
    m = _YEAR.search(comp_clause)
    if not m:
        return None
    year = m.group(1)
    cy = _YEAR.search(current.label)
    if cy and cy.group(1) == year:
        return None
    for a in reversed(earlier):
        ay = _YEAR.search(a.label)
        if ay and ay.group(1) == year:
            return a
    return None


def _breakdown(
    para: Paragraph,
    text: str,
    s0: int,
    s1: int,
    sq: list[Quantity],
    st: Statements,
    prev_total: Amount | None = None,
) -> None:
    markers = _spec()["breakdown_markers"]
    pos, mlen = -1, 0
    for w in markers:
        i = text.find(w, s0, s1)
        if i >= 0 and (pos < 0 or i < pos or (i == pos and len(w) > mlen)):
            pos, mlen = i, len(w)
    if pos < 0:
        return
    levels = _level_amounts(text, s0, sq)
    for a in levels:
        a.para = para
    before = [a for a in levels if a.q.end <= pos]
    after = [a for a in levels if a.q.start > pos]
    if not before and prev_total is not None and not text[s0:pos].strip():
        # the sentence opens with 其中: its total closes the sentence before
        # ("2019年实际支出“三公经费”决算为22.62万元。其中公务接待费为20.10万元，……")
        before = [prev_total]
    if not before or len(after) < 2:
        return
    total = before[-1]
    if not any(w in total.label for w in _spec()["total_words"]):
        return
    if any(a.q.unit != total.q.unit for a in after):
        return
    parts = []
    nested = False
    prev_end = pos + mlen
    for a in after:
        # "其中基本支出183.25万元，包括人员经费165.98万元和公用经费17.27万元；项目支出76万元":
        # amounts after 包括/含 belong to the part before them, until the next "；"
        between = text[prev_end : a.q.start]
        prev_end = a.q.end
        if regex.search(r"[；;]", between):
            nested = False
            between = regex.split(r"[；;]", between)[-1]
        if any(w in between for w in _spec()["nested_markers"]):
            nested = True
        if nested:
            continue
        share = None
        for q in sq:
            if q.unit == "%" and q.start > a.q.end:
                between = text[a.q.end : q.start]
                if "占" in between and not regex.search(r"[；;。]", between) and len(between) <= 20:
                    share = q
                break
        parts.append(Part(a, share))
    if len(parts) >= 2:
        st.breakdowns.append(Breakdown(para, total, parts, total.q.start, after[-1].q.end))


def _rate(para: Paragraph, text: str, s0: int, sq: list[Quantity], st: Statements) -> None:
    for q in sq:
        if q.unit != "%" or q.approx:
            continue
        cs = max(clause_start(text, q.start), s0)
        if not any(w in text[cs : q.start] for w in _spec()["execution_rate_words"]):
            continue
        levels = [a for a in _level_amounts(text, s0, sq) if a.q.end <= q.start]
        budget = [a for a in levels if "预算" in a.label and not any(w in a.label for w in ("执行", "支出", "完成"))]
        spent = [a for a in levels if any(w in a.label for w in ("支出", "执行数", "完成", "使用"))]
        if len(budget) == 1 and len(spent) == 1 and budget[0] is not spent[0]:
            b, s = budget[0], spent[0]
            b.para = s.para = para
            st.rates.append(RateStatement(para, q, b, s))


_BRACKETS = regex.compile(r"[（）()“”\"‘’'「」《》\s]")
_SHARE_OF = regex.compile(r"^[，,、]?\s*占(?P<whole>[^，,；;。]{1,20}?)(?:的|比重为?|比例为?|为)*\s*$")


_SHARE_OF_ANY = regex.compile(r"^[，,、]?\s*占[^，,；;。]{0,20}$")


def _bare(s: str) -> str:
    """A name without brackets, quotes or blanks: "因公出国（境）费" → "因公出国境费"."""
    return _BRACKETS.sub("", s)


def _composed(para: Paragraph, text: str, s0: int, sq: list[Quantity], st: Statements) -> None:
    """Shares "A万元，占W的P%" of a whole W whose parts are fixed (compositions in the data
    file), when every part is named exactly once in the sentence."""
    comps = _spec()["compositions"]
    by_whole: dict[str, list[Part]] = {}
    levels = _level_amounts(text, s0, sq)
    for a in levels:
        nxt = [q for q in sq if q.start >= a.q.end]
        if not nxt or nxt[0].unit != "%":
            continue
        m = _SHARE_OF.match(text[a.q.end : nxt[0].start])
        if not m:
            continue
        whole = _bare(m.group("whole"))
        for name, spec in comps.items():
            if any(_bare(w) in whole for w in spec["whole"]):
                a.para = para
                by_whole.setdefault(name, []).append(Part(a, nxt[0]))
    for name, parts in by_whole.items():
        components = comps[name]["parts"]
        matched: list[Part] = []
        for aliases in components:
            hits = [p for p in parts if any(_bare(w) in _bare(p.amount.label) for w in aliases)]
            if len(hits) != 1 or hits[0] in matched:
                break
            matched.append(hits[0])
        else:
            if len(matched) == len(parts):
                ordered = sorted(parts, key=lambda p: p.amount.q.start)
                st.composed.append(
                    ComposedShares(para, name, ordered, ordered[0].amount.q.start, ordered[-1].share.end)
                )


_PAREN_PARTS = regex.compile(r"\s*[（(]\s*其中\s*[：:，,]?(?P<body>[^（）()]*)[）)]")


def _measure_breakdown(para: Paragraph, text: str, sq: list[Quantity], st: Statements) -> None:
    """A measured total with its parts in brackets: "地上建筑面积为8013平方米（其中计容面积
    7998平方米，不计容面积105平方米）".  Only units of physical measure (area, length,
    volume, weight; the data file's measure_units): parts of a count (人, 个) may overlap."""
    units = set(_spec()["measure_units"])
    for i, q in enumerate(sq):
        if q.unit not in units or q.approx or q.comparator:
            continue
        m = _PAREN_PARTS.match(text, q.end)
        if not m:
            continue
        inside = [x for x in sq[i + 1 :] if x.start >= m.start("body") and x.end <= m.end("body")]
        if len(inside) < 2 or any(x.unit != q.unit or x.approx or x.comparator for x in inside):
            continue
        cs = clause_start(text, q.start)
        total = Amount(q, text[cs : q.start], para)
        parts = []
        for x in inside:
            ps = max(clause_start(text, x.start), m.start("body"))
            parts.append(Part(Amount(x, text[ps : x.start], para)))
        st.breakdowns.append(Breakdown(para, total, parts, q.start, m.end()))
