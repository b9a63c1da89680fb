"""Facts: amounts tied to a line item, a period and a role, from prose and from tables.

A fact says "公用经费, 2023, 决算 (actual) = 104.29 万元, stated at line 38".  Facts from
different places that agree on (item, period, role) must agree on the amount; the
number rules compare them.  Extraction is deliberately conservative: a number becomes a
fact only when its clause names exactly one line item and the number is a level (not a
change "增加36.14万", a share "占…%" or a rate).

Items come from ``nlp/data/line_items.yaml`` and from 科目 (budget classification)
codes: "行政运行（01项）" under "公共安全支出（204类）司法（06款）" is item 2040601, and so is
the table row "204 06 01 行政运行".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import regex

from budgetlint.nlp.analysis.dockind import report_year
from budgetlint.nlp.analysis.ledgers import fiscal_is_general, functional_ledgers, row_total, table_kind
from budgetlint.nlp.lexicon import load
from budgetlint.nlp.model import Cell, Document, Paragraph, Table, register_view
from budgetlint.nlp.numbers.quantities import Quantity, parse_value
from budgetlint.nlp.numbers.rounding import Interval
from budgetlint.nlp.numbers.units import MONEY_UNITS
from budgetlint.nlp.text.normalize import no_spaces_or_stars
from budgetlint.nlp.text.numbering import ITEM_STYLES, marker_pattern
from budgetlint.nlp.text.sentences import clause_start

_YEAR = regex.compile(r"(20\d{2})\s*年")
# a 科目 name, which may itself hold a short bracketed word ("政府办公厅（室）及相关机构事务"),
# followed by its code: "（03款）"
_SUBJECT = regex.compile(
    r"((?:[^（()）\d、，。；：:“”\"]|[（(][^）)\d]{1,4}[）)]){2,40}?)[（(](\d{2,3})(类|款|项)[）)]"
)

# a 科目 named by its path without codes: "社会福利（款）社会福利事业单位（项）"
_NAMED = regex.compile(
    r"((?:[^（()）\d、，。；：:“”\"]|[（(](?![类款项][）)])[^）)\d]{1,4}[）)]){2,40}?)[（(](类|款|项)[）)]"
)
_LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}


@dataclass
class Fact:
    item: str  # canonical item name, or a 科目 code "2040601"
    period: str  # "2023", "" when unknown
    role: str  # initial | adjusted | budget | actual
    quantity: Quantity
    unit: str | None  # 元/万元/亿元; None when a table does not say
    source: str  # "prose" | "table"
    line: int
    end_line: int
    label: str  # how the item is written at this place
    where: str  # human description of the place
    excerpt: str = ""
    table: int | None = None
    row: int | None = None
    col: int | None = None
    scope: str = ""  # "topic" for a numbered paragraph's own subject
    paragraph: int = 0  # first line of the paragraph a prose fact comes from
    fund: str = ""  # general | fiscal | all | …: whose money (nlp/data/standard_tables.yaml)

    @classmethod
    def in_table(
        cls,
        table: int,
        cell: Cell,
        q: Quantity,
        *,
        item: str,
        period: str,
        role: str,
        unit: str | None,
        label: str,
        where: str,
        fund: str = "",
        line: int | None = None,
        end_line: int | None = None,
    ) -> Fact:
        """A table fact read from ``cell`` (its lines unless the row's are given)."""
        return cls(
            item=item,
            period=period,
            role=role,
            quantity=q,
            unit=unit,
            source="table",
            line=cell.line if line is None else line,
            end_line=cell.end_line if end_line is None else end_line,
            label=label,
            where=where,
            excerpt=cell.text,
            table=table,
            row=cell.row,
            col=cell.col,
            fund=fund,
        )

    def yuan_interval(self, unit: str | None = None) -> Interval | None:
        """The printed value as an interval in 元 (±half a unit of its last decimal)."""
        u = unit or self.unit
        if u not in MONEY_UNITS or self.quantity.approx:
            return None
        return Interval.printed(self.quantity.value, self.quantity.decimals, MONEY_UNITS[u])


@lru_cache(maxsize=1)
def _items() -> list[tuple[str, str]]:
    pairs = [(p, item) for item, phrases in load("line_items")["items"].items() for p in phrases]
    return sorted(pairs, key=lambda x: -len(x[0]))


@lru_cache(maxsize=1)
def _roles() -> list[tuple[str, str]]:
    return [(w, role) for role, words in load("line_items")["roles"].items() for w in words]


def item_mentions(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, item) mentions of lexicon line items: leftmost first,
    the longest at one position ("基本支出预算数" is 基本支出, not "支出预算数").  A mention
    right after a fund qualifier (政府性基金, 国有资本经营 …) names that fund's own item
    ("政府性基金财政拨款收入" is not 财政拨款收入) and is qualified accordingly."""
    found = []
    for phrase, item in _items():
        start = 0
        while True:
            i = text.find(phrase, start)
            if i < 0:
                break
            found.append((i, i + len(phrase), item))
            start = i + 1
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    taken: list[tuple[int, int, str]] = []
    for i, j, item in found:
        if all(j <= a or i >= b for a, b, _ in taken):
            taken.append((i, j, _qualified(text, i, item)))
    return taken


def _qualified(text: str, start: int, item: str) -> str:
    before = text[max(0, start - 12) : start]
    for q in load("line_items")["fund_qualifiers"]:
        if before.endswith(q) or before.rstrip("预算拨款财政").endswith(q):
            return f"{q}·{item}"
    return item


def clause_role(clause: str, default: str) -> str:
    for w in _std()["role_neutral"]:
        clause = clause.replace(w, "・" * len(w))
    if any(w in clause for w in load("line_items")["roles"]["initial"]):
        return "initial"
    if any(w in clause for w in load("line_items")["roles"]["adjusted"]):
        return "adjusted"
    best, pos = default, -1
    for w, role in _roles():
        if role in ("initial", "adjusted"):
            continue
        i = clause.rfind(w)
        if i > pos:
            best, pos = role, i
    return best


@lru_cache(maxsize=1)
def _std() -> dict:
    return load("standard_tables")


@lru_cache(maxsize=1)
def _fund_phrases() -> list[tuple[str, str]]:
    pairs = [(p, fund) for fund, phrases in _std()["fund_phrases"].items() for p in phrases]
    return sorted(pairs, key=lambda x: -len(x[0]))


def heading_fund(title: str) -> str:
    """The fund of the table a 说明 section heading explains, "" when it names none; as
    for captions, a title preceded by a qualifier ("财政拨款“三公”经费支出决算情况") is
    another table's."""
    t = no_spaces_or_stars(title)
    qualifiers = _std()["title_qualifiers"]
    best, size = "", 0
    for spec in _std()["kinds"].values():
        for h in spec["titles"] + spec["headings"]:
            i = t.find(h)
            if i < 0 or len(h) <= size or any(q in t[:i] for q in qualifiers):
                continue
            best, size = spec["fund"], len(h)
    return best


def clause_fund(before_item: str) -> str:
    """The fund a clause names right before its item ("一般公共预算财政拨款基本支出")."""
    tail = before_item[-14:]
    for phrase, fund in _fund_phrases():
        if tail.endswith(phrase) or tail.rstrip("收支出入").endswith(phrase):
            return fund
    return ""


def default_role(doc: Document) -> str:
    """Budgets state plans; final accounts and self-evaluations state what happened."""
    return {"budget": "budget", "final_accounts": "actual", "performance": "actual"}.get(doc.doc_kind, "")


_COMPARED = regex.compile(r"[比较与同]\s*$")
_COMPARED_ANY = regex.compile(r"[比较]|相比|同比")


def _period(paragraph_before: str, clause_before: str, year: int | None) -> str:
    """The year a number is about: a year or a relative word (上年, 本年) in its own clause,
    else the last year named before it in its paragraph, else the report year.  A year
    that is a comparison base ("比2025年预算执行数") never counts."""
    own = _explicit_year(clause_before)
    if own:
        return own
    rel = _relative_year(clause_before, year)
    if rel:
        return rel
    return _explicit_year(paragraph_before) or (str(year) if year else "")


def _explicit_year(text: str) -> str | None:
    found = None
    for m in _YEAR.finditer(text):
        if not _COMPARED.search(text[: m.start()]):
            found = m.group(1)
    return found


def _relative_year(text: str, year: int | None) -> str | None:
    if year is None:
        return None
    for offset, words in load("line_items")["relative_years"].items():
        for w in words:
            i = text.find(w)
            if i >= 0 and not _COMPARED.search(text[:i]):
                return str(year + int(offset))
    return None


def _is_level(clause_before: str) -> bool:
    tail = clause_before[-6:]
    return not any(w in tail for w in load("line_items")["not_levels"])


def prose_facts(doc: Document) -> list[Fact]:
    year = report_year(doc)
    dflt = default_role(doc)
    out: list[Fact] = []
    index = doc.section_index
    names = subject_names(doc)
    lead_fund = ""
    for para in doc.paragraphs:
        facts = _paragraph_facts(para, year, dflt, names)
        if not _LIST_MARKER.match(para.text) and len(no_spaces_or_stars(para.text)) > 12:
            lead_fund = _lead_fund(para.text)
        if not facts:
            continue
        sec, fund = index.at(para.line), ""
        while sec is not None and sec.heading is not None and not fund:
            fund = heading_fund(sec.title)
            sec = sec.parent
        for f in facts:
            if f.scope != "topic" and not f.fund:
                f.fund = fund
            elif f.scope == "topic" and not f.fund:
                # a 科目's amount is of the fund its section explains, else of the one the
                # paragraph leading into the list names ("财政拨款支出主要内容如下：")
                f.fund = fund or lead_fund
        out.extend(facts)
    return out


def _lead_fund(text: str) -> str:
    """The one fund a paragraph ending in a colon names, "" otherwise."""
    t = no_spaces_or_stars(text)
    if not t.endswith(("：", ":")):
        return ""
    found = set()
    for phrase, fund in _fund_phrases():
        if phrase in t:
            found.add(fund)
            t = t.replace(phrase, "・")
    return found.pop() if len(found) == 1 else ""


def subject_names(doc: Document) -> dict[str, set[str]]:
    """科目 code → the names the report's 功能分类 tables give it."""
    out: dict[str, set[str]] = defaultdict(set)
    for led, _fund in functional_ledgers(doc):
        for r in led.rows:
            if r.code and r.label:
                out[r.code].add(no_spaces_or_stars(r.label))
    return out


def _named_subject(text: str, names: dict[str, set[str]]) -> tuple[str, str, int] | None:
    """The 科目 a numbered paragraph opens with when it names it by its path without codes
    ("社会保障和就业支出（类）社会福利（款）社会福利事业单位（项）", or "人大事务行政运行（项）"
    under a 类 heading): the one coded row whose names, from some level down, spell the
    path; (code, name, end offset), or None when no row or more than one does."""
    pieces, pos = [], 0
    for m in _NAMED.finditer(text):
        if m.start() != pos:
            break
        pieces.append((no_spaces_or_stars(m.group(1).strip('“”"、 ')), m.group(2)))
        pos = m.end()
        if m.group(2) == "项":
            break
    if not pieces:
        return None
    path, level = "".join(p for p, _ in pieces), _LEVEL_DIGITS[pieces[-1][1]]
    hits = set()
    for code in names:
        if len(code) != level:
            continue
        chain = [names.get(code[:n], set()) for n in range(3, level + 1, 2)]
        for k in range(len(chain)):
            if _spells(path, chain[k:]):
                hits.add(code)
    if len(hits) != 1:
        return None
    m = regex.match(r"[”\"」]?\s*", text[pos:])
    return hits.pop(), pieces[-1][0], pos + (m.end() if m else 0)


def _spells(path: str, chain: list[set[str]]) -> bool:
    """Whether ``path`` is one name of each level of ``chain``, in order."""
    if not chain:
        return path == ""
    return any(path.startswith(n) and _spells(path[len(n) :], chain[1:]) for n in chain[0] if n)


def _subject_lead(text: str) -> tuple[int, str]:
    """The length of the words between a 科目 path and its amount (``subject_amount_leads``)
    and the fund they name."""
    for w in sorted(load("line_items")["subject_amount_leads"], key=len, reverse=True):
        if text.startswith(w):
            return len(w), clause_fund(w)
    return 0, ""


def subject_of(text: str) -> tuple[str, str, int] | None:
    """The 科目 a numbered paragraph is about: ("2040601", "行政运行", end offset in the
    text after its list marker), or None."""
    return _subject_code(_LIST_MARKER.sub("", text))


_ITEM_NUMBER = marker_pattern(ITEM_STYLES)
_LIST_MARKER = regex.compile(r"^\s*(?:" + _ITEM_NUMBER + r")\s*[“\"]?")
_LABEL_LEAD = regex.compile(r"^(其中[:：]?|" + _ITEM_NUMBER + ")")


def _subject_code(text: str) -> tuple[str, str, int] | None:
    """The 科目 path a numbered paragraph opens with: ("2040601", "行政运行", end offset)."""
    code, name, end = "", "", -1
    pos = 0
    for m in _SUBJECT.finditer(text):
        if m.start() != pos and code:
            break
        name = m.group(1).strip('“”"、 ')
        digits = m.group(2)
        code += digits
        end, pos = m.end(), m.end()
        if m.group(3) == "项":
            break
    if not code or end < 0:
        return None
    m = regex.match(r"[”\"」]?\s*", text[end:])
    return code, name, end + (m.end() if m else 0)


def _paragraph_facts(
    para: Paragraph, year: int | None, dflt: str, names: dict[str, set[str]] | None = None
) -> list[Fact]:
    text = para.text
    facts: list[Fact] = []
    stripped = _LIST_MARKER.sub("", text)
    subject = _subject_code(stripped)
    if subject is None and names and _LIST_MARKER.match(text):
        subject = _named_subject(stripped, names)
    subject_fund = ""
    if subject is not None:
        n, subject_fund = _subject_lead(stripped[subject[2] :])
        subject = (subject[0], subject[1], subject[2] + n)
    offset = len(text) - len(stripped)
    restate = load("line_items")["topic_restatements"]
    for q in para.quantities:
        if q.unit not in MONEY_UNITS or q.approx or q.comparator:
            continue
        cs = clause_start(text, q.start)
        before = text[cs : q.start]
        if not _is_level(before):
            continue
        period = _period(text[: q.start], before, year)
        role = clause_role(before, dflt)
        item = label = ""
        scope = fund = ""
        if subject is not None and q.start == subject[2] + offset:
            item, label, scope, fund = subject[0], subject[1], "topic", subject_fund
        elif (
            subject is not None
            and not item_mentions(before)
            and any(w in before for w in restate)
            and not _COMPARED_ANY.search(before)
            and "其中" not in text[subject[2] + offset : q.start]
        ):
            # "……（01项）56.12万元。……2026年预算安排57.8万元": the paragraph restates its subject
            item, label, scope = subject[0], subject[1], "topic"
        else:
            mentions = item_mentions(before)
            if len({m[2] for m in mentions}) != 1:
                continue
            item = mentions[-1][2]
            label = before[mentions[-1][0] : mentions[-1][1]]
            fund = clause_fund(before[: mentions[-1][0]])
        if not role:
            continue
        line, end = para.body.span_lines(q.start, q.end)
        facts.append(
            Fact(
                item=item,
                period=period,
                role=role,
                quantity=q,
                unit=q.unit,
                source="prose",
                line=line,
                end_line=end,
                label=label,
                where=f"第{line}行正文",
                excerpt=text[max(cs, q.start - 40) : q.end],
                scope=scope,
                paragraph=para.line,
                fund=fund,
            )
        )
    return facts


# -- tables -----------------------------------------------------------------------------


def _column_role(header: str) -> str:
    """The role of a table column from its header ("2023年决算数" → actual); the first
    role in ``column_roles`` whose word the header contains."""
    h = no_spaces_or_stars(header)
    for role, words in load("line_items")["column_roles"].items():
        if any(w in h for w in words):
            return role
    return ""


def table_facts(doc: Document) -> list[Fact]:
    year = report_year(doc)
    dflt = default_role(doc)
    out: list[Fact] = []
    perf_tables = {id(pt.table) for pt in doc.perf_tables}
    for pt in doc.perf_tables:
        if not pt.is_overall:
            continue
        for fr in pt.funds:
            if fr.label != "年度资金总额":
                continue
            for role_key, role in (("initial", "initial"), ("budget", "adjusted"), ("executed", "actual")):
                cell = fr.cells.get(role_key)
                q = parse_value(cell.text) if cell is not None else None
                if q is None or q.approx or q.unit not in (None,) + tuple(MONEY_UNITS):
                    continue
                out.append(
                    Fact(
                        item="支出总额",
                        period=str(year or ""),
                        role=role,
                        quantity=q,
                        unit=q.unit or pt.unit,
                        source="table",
                        line=fr.line,
                        end_line=fr.end_line,
                        label=fr.label,
                        where=f"第{fr.line}行绩效自评表“{fr.label}”行",
                        excerpt=cell.text,
                        table=pt.table.index,
                        row=fr.row,
                        col=cell.col,
                    )
                )
    for table in doc.tables:
        if id(table) in perf_tables:
            continue
        out.extend(_generic_table_facts(table, year, dflt))
    out.extend(standard_table_facts(doc))
    out.extend(subject_table_facts(doc))
    return out


def subject_table_facts(doc: Document) -> list[Fact]:
    """The 合计 of each coded row of the 功能分类 tables, as a fact of its 科目 code in the
    table's fund; the 一般公共预算 table's rows also stand for 财政拨款 when the unit has
    no other 财政拨款 (its 财政拨款收支总表 holds only 一般公共预算) and no 财政拨款 table
    of its own lists the 科目."""
    role = {"budget": "budget", "final_accounts": "actual"}.get(doc.doc_kind, "")
    year = report_year(doc)
    if not role or year is None:
        return []
    leds = functional_ledgers(doc)
    funds = [(led, fund, "") for led, fund in leds]
    if not any(f == "fiscal" for _, f in leds) and fiscal_is_general(doc):
        funds += [(led, "fiscal", "，本单位财政拨款均为一般公共预算") for led, f in leds if f == "general"]
    out = []
    for led, fund, note in funds:
        table = led.table
        for code, r in led.coded().items():
            if len(code) not in (3, 5, 7):
                continue
            q = row_total(led, r)
            if q is None:
                continue
            cell = r.amounts[0]
            out.append(
                Fact.in_table(
                    table.index,
                    cell,
                    q,
                    item=code,
                    period=str(year),
                    role=role,
                    unit=q.unit or table.unit,
                    label=r.label,
                    fund=fund,
                    where=f"第{cell.line}行{no_spaces_or_stars(table.caption)}“{code} {r.label}”合计{note}",
                )
            )
    return out


def _amount(cell) -> Quantity | None:
    q = parse_value(cell.text)
    if q is None or q.approx or q.comparator or q.unit not in (None, *MONEY_UNITS):
        return None
    return q


def standard_table_facts(doc: Document) -> list[Fact]:
    """Facts from the cells of the standard 部门预算/决算 tables whose meaning their kind
    fixes (``nlp/data/standard_tables.yaml``): labelled total rows, the 合计 row of named
    columns, and fixed one-row layouts that check their own sums.  Each carries the
    table's fund; role and period are the report's."""
    role = {"budget": "budget", "final_accounts": "actual"}.get(doc.doc_kind, "")
    year = report_year(doc)
    if not role or year is None:
        return []
    ledgers = {id(led.table): led for led in doc.ledgers}
    out: list[Fact] = []
    for table in doc.tables:
        kind = table_kind(table)
        if kind is None:
            continue
        spec = _std()["kinds"][kind]
        found: list[tuple[str, Cell, Quantity, str]] = []
        found += _labelled_rows(table, spec.get("rows", {}))
        led = ledgers.get(id(table))
        if led is not None:
            found += _total_columns(led, spec.get("columns", {}))
        for layout in spec.get("layouts", []):
            found += _layout_rows(table, layout)
        for item, cell, q, label in found:
            out.append(
                Fact.in_table(
                    table.index,
                    cell,
                    q,
                    item=item,
                    period=str(year),
                    role=role,
                    unit=q.unit or table.unit,
                    label=label,
                    fund=spec["fund"],
                    where=f"第{cell.line}行{no_spaces_or_stars(table.caption)}“{label}”",
                )
            )
    return out


def _labelled_rows(table: Table, rows: dict[str, str]) -> list[tuple[str, Cell, Quantity, str]]:
    """A label cell of ``rows`` and the amounts right after it, when they all agree."""
    if not rows:
        return []
    seen: dict[str, list[tuple[Cell, Quantity, str]]] = defaultdict(list)
    for cells in table.rows:
        label = None
        for c in cells:
            t = no_spaces_or_stars(c.text)
            if not t:
                continue
            q = _amount(c)
            if q is None:
                label = t if t in rows else None
                if parse_value(c.text) is not None:
                    label = None
            elif label is not None:
                seen[label].append((c, q, label))
    out = []
    for label, vals in seen.items():
        if len({round(q.value, 6) for _, q, _ in vals}) == 1:
            c, q, lab = vals[0]
            out.append((rows[label], c, q, lab))
    return out


def _total_columns(led, columns: dict[str, str]) -> list[tuple[str, Cell, Quantity, str]]:
    """The 合计 row's cells under the named columns, when the row lines up with them."""
    if not columns or not led.columns:
        return []
    totals = [r for r in led.rows if r.is_total and r.reliable]
    if len(totals) != 1 or len(totals[0].amounts) != len(led.columns):
        return []
    out = []
    for pos, name in enumerate(led.columns):
        item = columns.get(name)
        q = totals[0].value(pos)
        if item and isinstance(q, Quantity):
            out.append((item, totals[0].amounts[pos], q, f"{totals[0].label}·{name}"))
    return out


def _layout_rows(table: Table, layout: dict) -> list[tuple[str, Cell, Quantity, str]]:
    """The one row of exactly ``layout["items"]`` amounts whose sums hold; nothing when
    no row or more than one row fits."""
    items = layout["items"]
    fits = []
    for cells in table.rows:
        filled = [c for c in cells if no_spaces_or_stars(c.text)]
        if len(filled) != len(items):
            continue
        qs = [_amount(c) for c in filled]
        if any(q is None for q in qs):
            continue
        by = dict(zip(items, qs, strict=True))
        if all(_sums_to(by[whole], [by[p] for p in parts]) for whole, parts in layout["sums"].items()):
            fits.append(list(zip(items, filled, qs, strict=True)))
    if len(fits) != 1:
        return []
    return [(item, c, q, item) for item, c, q in fits[0]]


def _sums_to(whole: Quantity, parts: list[Quantity]) -> bool:
    w = Interval.printed(whole.value, whole.decimals)
    total = Interval.exact(0.0)
    for p in parts:
        total = total + Interval.printed(p.value, p.decimals)
    return w.meets(total)


def _generic_table_facts(table: Table, year: int | None, dflt: str) -> list[Fact]:
    """Facts from a table whose header row names periods/roles (2023年决算数, 预算数 …)."""
    out: list[Fact] = []
    header: dict[int, tuple[str, str]] = {}
    for _r, cells in enumerate(table.rows):
        texts = [no_spaces_or_stars(c.text) for c in cells]
        roles = {i: _column_role(t) for i, t in enumerate(texts) if t and parse_value(t) is None}
        if sum(1 for v in roles.values() if v) >= 2:
            header = {}
            for i, role in roles.items():
                if role:
                    m = _YEAR.search(texts[i])
                    period = m.group(1) if m else (_relative_year(texts[i], year) or str(year or ""))
                    header[i] = (period, role)
            continue
        if not header:
            continue
        label_cell = next((c for c in cells if no_spaces_or_stars(c.text) and parse_value(c.text) is None), None)
        if label_cell is None:
            continue
        label = _LABEL_LEAD.sub("", no_spaces_or_stars(label_cell.text)).rstrip("：:")
        mentions = item_mentions(label)
        if len(mentions) != 1 or mentions[0][1] - mentions[0][0] != len(label):
            continue
        item = mentions[0][2]
        for i, (period, role) in header.items():
            if i >= len(cells) or cells[i] is label_cell:
                continue
            q = parse_value(cells[i].text)
            if q is None or q.approx or q.unit not in (None,) + tuple(MONEY_UNITS) or q.comparator:
                continue
            c = cells[i]
            out.append(
                Fact.in_table(
                    table.index,
                    c,
                    q,
                    item=item,
                    period=period,
                    role=role,
                    unit=q.unit or table.unit,
                    label=label,
                    where=f"第{c.line}行表格“{label}”行",
                )
            )
    return out


def infer_table_units(prose: list[Fact], table: list[Fact]) -> dict[int, str]:
    """For tables that do not state a unit: the money unit under which other items of the
    same table agree with the prose, when exactly one unit does."""
    # only whether some prose fact agrees matters, so each key keeps its distinct prose
    # intervals (a value repeated in the prose is compared once)
    by_key: dict[tuple, dict[Interval, None]] = defaultdict(dict)
    for p in prose:
        pi = p.yuan_interval()
        if pi is not None:
            by_key[(p.item, p.period, p.role)][pi] = None
    agree: dict[int, set[str]] = defaultdict(set)
    for t in table:
        if t.unit is not None or t.table is None or t.quantity.value == 0:
            continue
        intervals = by_key.get((t.item, t.period, t.role))
        if not intervals:
            continue
        for u in MONEY_UNITS:
            if u in agree.get(t.table, ()):
                continue
            ti = t.yuan_interval(u)
            if ti is not None and any(pi.meets(ti) for pi in intervals):
                agree[t.table].add(u)
    return {tix: next(iter(units)) for tix, units in agree.items() if len(units) == 1}


@dataclass(frozen=True)
class TableSide:
    """The table cell prose facts of one (item, period, role) are compared with."""

    fact: Fact  # the first candidate cell
    unit: str | None  # its unit, stated or inferred; None when no candidate has one


def table_sides(table: list[Fact], inferred: dict[int, str]) -> dict[tuple, TableSide]:
    """(item, period, role, fund) → the table side of the prose-against-table comparison, for the
    keys whose candidate cells tell one value: with a unit (stated, else ``inferred`` for
    the table) when any candidate has one, all those in one value in 元; else all the
    candidates' printed values equal.  Keys whose cells disagree are left out.  Computed
    once per key, not once per prose fact."""
    by_key: dict[tuple, list[Fact]] = defaultdict(list)
    for t in table:
        by_key[(t.item, t.period, t.role, t.fund)].append(t)
    out: dict[tuple, TableSide] = {}
    for key, cands in by_key.items():
        resolved = [(t, t.unit or inferred.get(t.table)) for t in cands]
        known = [(t, u) for t, u in resolved if u]
        if known:
            if len({round(t.quantity.value * MONEY_UNITS[u], 2) for t, u in known}) == 1:
                out[key] = TableSide(*known[0])
        elif len({t.quantity.value for t, _ in resolved}) == 1:
            out[key] = TableSide(resolved[0][0], None)
    return out


@dataclass(frozen=True)
class EmptyNoteConflict:
    """A note saying its table is empty, and a nonzero amount the table holds."""

    note: Paragraph
    fact: Fact  # the first nonzero cell bound by the table's kind
    caption: str


def empty_note_conflicts(doc: Document) -> list[EmptyNoteConflict]:
    """Standard tables followed by a note that says the table is empty ("故本表为空表")
    while a cell the table's kind gives a meaning holds a nonzero amount."""
    phrases = _std()["empty_table_notes"]
    facts = [f for f in standard_table_facts(doc) if f.quantity.value != 0]
    out = []
    blocks = doc.blocks
    for i, b in enumerate(blocks[:-1]):
        nxt = blocks[i + 1]
        if b.kind != "table" or nxt.kind != "paragraph":
            continue
        if not any(p in no_spaces_or_stars(nxt.text) for p in phrases):
            continue
        own = [f for f in facts if f.table == b.index]
        if own:
            out.append(EmptyNoteConflict(nxt, own[0], no_spaces_or_stars(b.caption)))
    return out


def side_for(sides: dict[tuple, TableSide], p: Fact) -> TableSide | None:
    """The table side a prose fact is compared with: the cells of its own fund (named in its
    clause or by its section), else the cells of no stated fund; an amount that names no
    fund is also compared with the all-funds tables (收支总表)."""
    key = (p.item, p.period, p.role)
    if p.item.isdigit():
        # a 科目's amount differs from fund to fund: only the table of its own fund tells it
        return sides.get((*key, p.fund)) if p.fund else None
    for fund in dict.fromkeys((p.fund, "", "all" if not p.fund else "")):
        side = sides.get((*key, fund))
        if side is not None:
            return side
    return None


def likely_slip(p: Fact, t: Fact, unit: str) -> str:
    """How a prose amount that contradicts its table cell was probably miswritten: a unit
    slip (the values differ by a power of ten such as 元/万元) or a dropped leading digit
    (",867.48" or "867.48" for 1,867.48); "" when neither explains it."""
    pi, ti = p.yuan_interval(), t.yuan_interval(unit)
    if pi is None or ti is None:
        return ""
    for factor, name in _std()["scale_slips"].items():
        k = float(factor)
        if (pi * k).meets(ti) or (pi * (1 / k)).meets(ti):
            return f"两数相差约{name}倍，可能是单位（元、万元、亿元）写错"
    pd = "".join(ch for ch in p.quantity.text if ch.isdigit() or ch == ".")
    td = "".join(ch for ch in t.quantity.text if ch.isdigit() or ch == ".")
    if p.unit == unit and pd and len(pd) < len(td) and td.endswith(pd) and "." in pd:
        return "正文数字可能漏写了首位数字"
    return ""


@register_view("facts")
def collect_facts(doc: Document) -> list[Fact]:
    return prose_facts(doc) + table_facts(doc)
