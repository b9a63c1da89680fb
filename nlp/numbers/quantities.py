"""Numbers with their units, as printed in report prose and table cells.

``extract(text)`` finds every quantity in a paragraph ("1097.230816万元", "增长63.78%",
"≥75个", "1200多起", "两次"), in order and without overlaps; ``parse_value(cell)`` reads a
whole table cell ("≥75个", "99.25%", "0.69", "14,348,853.34"; "—" and "定性" give None).

A :class:`Quantity` keeps the figure *as printed* — value, unit, number of decimals — so
that rules can compare figures with the rounding they were printed with:
``base()`` converts to the base unit (万元 -> 元, 万 -> a plain number) and ``interval()``
gives the range of true values the printed figure stands for (±half a unit of its last
decimal; approximations widen it).

Signs are not read: "-5.2%" gives 5.2 and "减少91.91万元" gives 91.91; the words around a
figure are the rules' business.  Dates ("2023年", "2023年12月前", "9月份"), ordinals
("第14次"), list markers ("1、", "（2）"), document numbers ("〔2019〕8号"), codes ("204类",
"06款", "0101011") and phone numbers ("83368752") are not quantities.

Word lists (comparators, approximation markers, exclusions) live in
``nlp/data/quantities.yaml``, units and multipliers in the unit table
(:mod:`budgetlint.nlp.numbers.units`); all patterns are compiled once at import.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from budgetlint.nlp.lexicon import load
from budgetlint.nlp.numbers.units import ALIASES as _ALIAS
from budgetlint.nlp.numbers.units import BLOCKERS as _UNIT_BLOCKERS
from budgetlint.nlp.numbers.units import MULTIPLIERS as _MULT
from budgetlint.nlp.numbers.units import UNIT_KIND as _UNIT_KIND
from budgetlint.nlp.numbers.units import UNIT_SCALABLE as _UNIT_SCALABLE
from budgetlint.nlp.numbers.units import unit_info

__all__ = ["Quantity", "extract", "parse_value", "comparator_of", "unit_info"]

_D = load("quantities")

# --------------------------------------------------------------------------------------
# Width folding (1:1, so offsets in the folded text are offsets in the source text).

_FOLD: dict[int, str] = {0xFF10 + i: str(i) for i in range(10)}
_FOLD.update({ord(a): b for a, b in zip("％＋－＜＞＝．＃／～＿", "%+-<>=.#/~_")})
_FOLD.update({0xFF21 + i: chr(0x41 + i) for i in range(26)})
_FOLD.update({0xFF41 + i: chr(0x61 + i) for i in range(26)})
_FOLD.update({0x2212: "-", 0xFE6A: "%"})


_FOLD_NEEDED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


# A full-width comma is a thousands separator only between full-width digits with exactly
# three after it ("１，２３４．５万元"); elsewhere it is the clause mark it usually is.
_FW_GROUP = re.compile("(?<=[\uff10-\uff19])\uff0c(?=[\uff10-\uff19]{3}(?![\uff10-\uff19]))")


def _fold(s: str) -> str:
    if not _FOLD_NEEDED.search(s):
        return s
    if "\uff0c" in s:
        s = _FW_GROUP.sub(",", s)
    return s.translate(_FOLD)


def _first_chars(words) -> str:
    """A character class of the first characters of ``words`` (used as a cheap leading
    lookahead: Python's re has no first-character optimisation for big alternations)."""
    return "[" + "".join(re.escape(c) for c in sorted({w[0] for w in words})) + "]"


# --------------------------------------------------------------------------------------
# Lexicon tables.

_YEAR_MIN, _YEAR_MAX = (int(x) for x in _D["year_range"])
_CODE_MIN_DIGITS = int(_D["code_min_digits"])
_AROUND_TOL = float(_D["approx"]["around_tolerance"])

_CMP_BEFORE: dict[str, str] = {str(w): op for op, ws in _D["comparators_before"].items() for w in ws}
_CMP_AFTER: dict[str, str] = {str(w): op for op, ws in _D["comparators_after"].items() for w in ws}
_AX = _D["approx"]
_AT_LEAST_BEFORE = {str(w) for w in _AX["at_least"]["before"]}
_AT_LEAST_BETWEEN = {str(w) for w in _AX["at_least"]["between"]}
_AT_LEAST_AFTER = {str(w) for w in _AX["at_least"]["after"]}
_AROUND_BEFORE = {str(w) for w in _AX["around"]["before"]}
_AROUND_AFTER = {str(w) for w in _AX["around"]["after"]}
_BETWEEN_BLOCKERS: dict[str, list[str]] = {
    str(k): [str(x) for x in v] for k, v in (_D.get("between_blockers") or {}).items()
}
_NO_VALUE = {str(x) for x in _D["no_value_cells"]}
_CELL_STRIP = str(_D["cell_strip"])


def _alt(words, blockers: dict[str, list[str]] | None = None) -> str:
    """A regex alternation of literal words, longest first, each with its blockers."""
    out = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        p = re.escape(w)
        b = (blockers or {}).get(w)
        if b:
            p += "(?!" + "|".join(re.escape(x) for x in sorted(b, key=len, reverse=True)) + ")"
        out.append(p)
    return "|".join(out)


_SP = r"[ \u00a0\u3000]"
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_RUN = (
    r"[〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*"
    r"(?:[万亿][零〇一二两三四五六七八九十百千]+)*"
)
_NUM = r"(?<![0-9])(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_BETWEEN = _alt(_AT_LEAST_BETWEEN, _BETWEEN_BLOCKERS)
_AFTER = _alt(_AT_LEAST_AFTER | _AROUND_AFTER | set(_CMP_AFTER), _BETWEEN_BLOCKERS)
_UNIT_RE = _alt(_ALIAS, _UNIT_BLOCKERS)
_MULT_RE = _alt(_MULT)

_QTY_FIRST = list(_CMP_BEFORE) + list(_AT_LEAST_BEFORE | _AROUND_BEFORE) + list("0123456789〇一二两三四五六七八九十百")
# Between the number and its unit: a few spaces ("91.91 万元", "13.22  %"), or a PDF line
# wrap when a unit follows it ("减少20\n万元").
_GAP = rf"(?:{_SP}{{0,2}}\r?\n{_SP}{{0,2}}(?=(?:{_BETWEEN})?(?:{_MULT_RE}|{_UNIT_RE}))|{_SP}{{0,3}})"
_QTY = (
    rf"(?:(?={_first_chars(_CMP_BEFORE)})(?P<cmp>{_alt(_CMP_BEFORE)}){_SP}{{0,2}})?"
    rf"(?:(?={_first_chars(_AT_LEAST_BEFORE | _AROUND_BEFORE)})"
    rf"(?P<pre>{_alt(_AT_LEAST_BEFORE | _AROUND_BEFORE)}){_SP}{{0,2}})?"
    rf"(?:(?P<num>{_NUM})"
    # a Chinese numeral only counts with a unit: 两次, 三个, 五万元 (not 一是, 一般)
    rf"|(?P<cn>{_CN_RUN})(?={_SP}{{0,3}}(?:{_BETWEEN})?(?:{_MULT_RE}|{_UNIT_RE}))"
    rf"|(?P<pctw>百分之(?P<pct>[0-9]+(?:\.[0-9]+)?|百|{_CN_RUN})))"
    rf"{_GAP}"
    rf"(?P<bw1>{_BETWEEN})?"
    rf"(?P<mult>{_MULT_RE})?"
    rf"(?:(?<=[万亿千]) {{0,2}}\r?\n {{0,2}}(?=(?:{_BETWEEN})?(?:{_UNIT_RE})))?"  # 1.77 万\n元
    rf"(?P<bw2>{_BETWEEN})?"
    rf"(?P<unit>{_UNIT_RE})?"
    r"(?P<plus>\+(?![0-9]))?"
    rf"(?P<post>{_AFTER})?"
)

# --------------------------------------------------------------------------------------
# Spans that are never quantities: dates, references, ordinals, codes, set phrases.


def _year_re(lo: int, hi: int) -> str:
    """A regex for the integers lo..hi (4 digits), decade by decade."""
    alts = []
    for d in range(lo // 10, hi // 10 + 1):
        a, b = max(lo, d * 10) % 10, min(hi, d * 10 + 9) % 10
        alts.append(f"{d}{a}" if a == b else f"{d}[{a}-{b}]")
    return "(?:" + "|".join(alts) + ")"


_YY = _year_re(_YEAR_MIN, _YEAR_MAX)
_Y = rf"(?<![0-9])(?<![0-9]\.){_YY}(?![0-9])"  # "事务.2023年" is a date, "1.2023" is not
_RANGE = r" {0,2}[-–—~至到] {0,2}"
_YGAP = r" {0,2}(?:\r?\n {0,2})?"  # PDF text may wrap between 2023 and 年
_MD = r"(?:0?[1-9]|1[0-2])"
_DD = r"(?:0?[1-9]|[12][0-9]|3[01])"
_MONTH = rf"{_MD}(?:{_RANGE}{_MD})? {{0,2}}月(?:份)?(?: {{0,2}}{_DD}(?:{_RANGE}{_DD})? {{0,2}}[日号])?"
_ORD_PREFIXES = [str(p) for p in _D["ordinal_prefixes"]]
# They are tried before a quantity at each position of the one scan, so "2023年12月" is
# consumed whole and its "12" is never looked at.
_SKIP_DIGIT = [  # spans that start with a digit (not inside a number)
    # numeric dates 2022-12-31, 2024/7/30, 2025.1.1, 2024-07
    rf"{_Y}(?:[-/.]{_MD}[-/.]{_DD}|[-/]{_MD})(?![0-9])",
    # 2023年, 2022年度, 2021-2024年, 2023年12月前, 2024年7月30日
    rf"{_Y}(?:{_RANGE}{_YY})?{_YGAP}年(?:度)?(?: {{0,2}}{_MONTH})?",
    # year ranges without 年: 2021-2024 (not 2000-2050万元)
    rf"{_Y}{_RANGE}{_YY}(?![0-9])(?! {{0,2}}(?:{_MULT_RE}|{_UNIT_RE}))",
    # 12月, 9月份, 7月30日, 1-12月
    _MONTH,
    # 30日 as a day of the month (but "5日内" is a duration)
    rf"{_DD} {{0,2}}日(?!内|以内|之内|常|均)",
    # a list marker glued to a year: "4．2024年预算表" is item 4, then a date
    rf"[0-9]{{1,2}}\.(?={_YY}{_YGAP}年)",
    # quarters 3季度, 23年度
    r"[0-9] {0,2}季度",
    r"[0-9]{2} {0,2}年度",
    # times 9:00, 14：30
    r"[0-2]?[0-9][:：][0-5][0-9](?:[:：][0-5][0-9])?(?![0-9])",
    # phone numbers and hyphen codes 021-52564588, 400-820-8820
    r"(?:0[0-9]{2,3}-[0-9]{7,8}|[0-9]+(?:-[0-9]+){2,})(?![0-9])",
    # codes 204类, 06款, 8号, 3级
    rf"[0-9]+ {{0,2}}(?:{_alt(str(x) for x in _D['code_suffixes'])})",
]
_SKIP_OTHER = [
    # document numbers 〔2019〕8号, [2019]8号, （2019）8号
    rf"[〔\[【﹝(（] ?{_YY} ?[〕\]】﹞)）] ?[0-9]* ?号?",
    # references 表1-1, 图2, 附件5 (not when a unit follows: 报表3份)
    rf"(?:{_alt(p for p in _ORD_PREFIXES if p != '第')}) {{0,2}}[0-9]+"
    rf"(?: {{0,2}}[-–—.] {{0,2}}[0-9]+)*(?![0-9]|\.[0-9])(?! {{0,2}}(?:{_MULT_RE}|{_UNIT_RE}))",
    # ordinals 第14次, 第七次
    rf"第 {{0,2}}(?:[0-9]+|[{_CN_DIGITS}十百千]+)",
    # 二〇二三年
    r"[〇零一二三四五六七八九]{4} {0,2}年(?:度)?",
    # set phrases with Chinese numerals: 一次性, 十四五, 三公 (but 九十分 is 90 分)
    rf"(?<![零〇一二两三四五六七八九十百千万])(?:{_alt(str(x) for x in _D['cn_not_numbers'])})",
]
_SKIP_FIRST = list("〔[【﹝(（第〇零一二三四五六七八九") + _ORD_PREFIXES + [str(x) for x in _D["cn_not_numbers"]]
_SKIP = (
    # (the lookahead: every digit-led skip span has one of these after its first digits)
    "(?<![0-9])(?<![0-9]\\.)(?=[0-9]+ {0,2}(?:\\r?\\n {0,2})?"
    + _first_chars(list("年月日季:：-/.–—~至到") + [str(x) for x in _D["code_suffixes"]])
    + ")(?:"
    + "|".join(_SKIP_DIGIT)
    + ")"
    + f"|(?={_first_chars(_SKIP_FIRST)})(?:"
    + "|".join(_SKIP_OTHER)
    + ")"
)
# The one scan: at each position a skip span is tried first, then a quantity.  The
# leading lookahead is a cheap first-character filter (Python's re has none for big
# alternations).
_SKIP_AT = re.compile(_SKIP)
_SCAN = re.compile(f"(?={_first_chars(_SKIP_FIRST + _QTY_FIRST)})(?:(?P<skip>{_SKIP})|{_QTY})")

_ASCII_WORD = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")


# --------------------------------------------------------------------------------------
# Chinese numerals.

_CN_VAL = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_VAL.update({"零": 0, "两": 2})
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}


def _cn_value(s: str) -> int | None:
    """Value of a structured Chinese numeral ("十二", "一万二千", "两"); None if malformed
    ("十四五", digit-by-digit "二〇二三")."""
    total = section = 0
    digit: int | None = None
    prev = ""
    for ch in s:
        if ch in _CN_VAL:
            if digit is not None and prev != "零" and digit != 0:
                return None  # two digits in a row
            digit = _CN_VAL[ch]
        elif ch in _CN_SMALL:
            if prev in _CN_SMALL:
                return None
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            total += section * _CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
        prev = ch
    return total + section + (digit or 0)


# --------------------------------------------------------------------------------------
# The value type.


@dataclass(frozen=True, slots=True)  # slots: extract() builds one per figure of every paragraph
class Quantity:
    value: float  # as printed, after Chinese-numeral conversion; never negative
    text: str  # the matched source text (text == source[start:end])
    start: int
    end: int
    unit: str | None  # canonical unit as printed ("万元", "%", "个", "万", "万人次"); None if bare
    decimals: int  # digits printed after the decimal point
    approx: bool  # 余/多/+/约/近/左右/以上/超 …
    comparator: str | None  # ">=", "<=", ">", "<", "=" or None
    kind: str  # "money" | "percent" | "count" | "points" | "plain"
    # "at_least" (余/多/+/以上/超: the figure or more) or "around" (约/近/左右: near the
    # figure) when approx; not part of equality.
    approx_kind: str | None = field(default=None, compare=False)

    @property
    def grouped(self) -> bool:
        """Printed with thousands separators ("14,348,853.34")."""
        return "," in self.text

    def base(self) -> tuple[float, str | None]:
        """The value in the base unit: 万元 -> (v×1e4, "元"), 亿元 -> (v×1e8, "元"),
        万 -> (v×1e4, None), 万人 -> (v×1e4, "人"), % -> (v, "%")."""
        k, u = unit_info(self.unit)
        return self.value * k, u

    def interval(self) -> tuple[float, float]:
        """The true values the printed figure stands for, in base units.

        Exact figures: value ± 0.5×10^-decimals (scaled by the unit's factor).
        "at least" approximations (2000余套, 1.6亿+, 90%以上): [value, inf).
        "around" approximations (约5万元, 近3000人, 100人左右): the rounding interval widened
        by ``approx.around_tolerance`` × value on each side.
        Comparators are not applied; combine them with the interval where needed."""
        k, _ = unit_info(self.unit)
        v = self.value * k
        half = 0.5 * 10.0 ** (-self.decimals) * k
        if self.approx:
            if self.approx_kind == "around":
                tol = _AROUND_TOL * abs(v)
                return v - half - tol, v + half + tol
            return v, math.inf
        return v - half, v + half


# --------------------------------------------------------------------------------------
# Matching.


_GROUPS = ("cmp", "pre", "num", "cn", "pctw", "pct", "bw1", "mult", "bw2", "unit", "plus", "post")
# The parts that may follow the number, in pattern order (余/多, multiplier, 余/多, unit,
# "+", word after): the last one present ends the quantity.
_AFTER_NUMBER = ("bw1", "mult", "bw2", "unit", "plus", "post")


def _build(m: re.Match, s: str, t: str, cell: bool) -> Quantity | None:
    """The Quantity of a quantity match of _SCAN over the folded text ``t`` (``s`` is the
    source text), or None when the context rules it out.  ``cell``: the match is a whole
    table cell, where a bare number is a figure whatever surrounds it."""
    cmp_w, pre_w, num, cn, pctw, pct, bw1, mult, bw2, unit_s, plus, post = m.group(*_GROUPS)
    if cn is not None and not (mult or unit_s):
        return None  # a Chinese numeral only counts with a unit: 两次, not 一是
    ns, ne = m.span("num" if num is not None else "cn" if cn is not None else "pctw")
    if (cmp_w or pre_w) and _SKIP_AT.match(t, ns):
        return None  # "<td>2022年", "约12月": the number starts a date or a code
    number = _number(num, cn, pct)
    if number is None:
        return None
    value, decimals, int_digits = number
    if cmp_w is not None and _is_markup(t, m.start(), cmp_w):
        cmp_w = None
    start = m.start("cmp") if cmp_w is not None else m.start("pre") if pre_w is not None else ns
    canon = _ALIAS.get(unit_s) if unit_s else None
    if canon is not None and mult and not _UNIT_SCALABLE[canon]:
        # a unit that takes no multiplier (万 %) is not this quantity's, nor what follows it
        canon = unit_s = bw2 = plus = post = None
    if cn is not None and not (mult or canon):
        return None
    end = _end(m, ne, (bw1, mult, bw2, unit_s, plus, post))
    approx_kind = _approximation(cmp_w, pre_w, bw1, bw2, unit_s, plus, post)
    comparator = _comparator(cmp_w, post)
    if num is not None:
        bare = not (mult or canon or approx_kind or comparator)
        if _not_a_figure(t, ns, ne, int_digits, decimals, bare, cell):
            return None
    unit, kind = _unit_and_kind(canon, mult, pctw)
    return Quantity(
        value=value,
        text=s[start:end],
        start=start,
        end=end,
        unit=unit,
        decimals=decimals,
        approx=approx_kind is not None,
        comparator=comparator,
        kind=kind,
        approx_kind=approx_kind,
    )


def _number(num: str | None, cn: str | None, pct: str | None) -> tuple[float, int, str] | None:
    """(value, decimals printed, integer digits as printed — "" for Chinese numerals) of
    the number: digits, a Chinese numeral, or the figure of 百分之; None for a malformed
    Chinese numeral ("十四五")."""
    if num is not None:
        raw = num.replace(",", "") if "," in num else num
        int_digits, _, frac = raw.partition(".")
        return float(raw), len(frac), int_digits
    if cn is not None:
        v = _cn_value(cn)
        return None if v is None else (float(v), 0, "")
    if pct[0].isdigit():
        return float(pct), len(pct.partition(".")[2]), ""
    v = _cn_value(pct)
    return None if v is None else (float(v), 0, "")


def _is_markup(t: str, at: int, cmp_w: str) -> bool:
    """Whether the comparator at ``t[at]`` is markup or code ("<td>5", "width=100"): an
    ASCII comparator glued to a word, a quote, a slash or a digit."""
    return cmp_w[0] in "<>=" and at > 0 and (t[at - 1] in _ASCII_WORD or t[at - 1] in "\"'/" or t[at - 1].isdigit())


def _end(m: re.Match, ne: int, after: tuple[str | None, ...]) -> int:
    """Where the quantity ends: at the last of the parts ``after`` the number that is
    present (they are consecutive; trailing spaces are not part of the quantity), else at
    the number's end ``ne``."""
    for k in range(len(after) - 1, -1, -1):
        if after[k] is not None:
            return m.end(_AFTER_NUMBER[k])
    return ne


def _approximation(
    cmp_w: str | None,
    pre_w: str | None,
    bw1: str | None,
    bw2: str | None,
    unit_s: str | None,
    plus: str | None,
    post: str | None,
) -> str | None:
    """ "around" (约/近/左右), "at_least" (余/多/+/以上/超, or a unit alias holding 多/余
    such as 个多月), or None for an exact figure."""
    if not (cmp_w or pre_w or bw1 or bw2 or plus or post or (unit_s is not None and len(unit_s) > 2)):
        return None
    if (pre_w in _AROUND_BEFORE) or (post in _AROUND_AFTER):
        return "around"
    if (
        bw1
        or bw2
        or plus
        or (pre_w in _AT_LEAST_BEFORE)
        or (cmp_w in _AT_LEAST_BEFORE)
        or (post in _AT_LEAST_AFTER)
        or (unit_s is not None and ("多" in unit_s or "余" in unit_s))
    ):
        return "at_least"
    return None


def _comparator(cmp_w: str | None, post: str | None) -> str | None:
    """ ">=", "<=", ">", "<", "=" from the word before the number (不少于) or, without one,
    the word after it (以上); None when neither compares."""
    if cmp_w:
        return _CMP_BEFORE.get(cmp_w)
    return _CMP_AFTER.get(post) if post else None


def _not_a_figure(t: str, ns: int, ne: int, int_digits: str, decimals: int, bare: bool, cell: bool) -> bool:
    """Whether the digits ``t[ns:ne]`` are part of something else: a code with a leading
    zero (0101011), a dotted chain (1.1.1), an ASCII word (5G, PM2.5), a bracketed or
    list marker; in prose also a long code (83368752) or a heading number."""
    if len(int_digits) >= 2 and int_digits[0] == "0" and not decimals and not (cell and bare):
        return True  # codes with a leading zero: 0101011, （01项）
    prev = t[ns - 1] if ns > 0 else "\n"
    nxt = t[ne] if ne < len(t) else "\n"
    # dotted chains 1.1.1, 2.0.1, 2025.1.1 (tails and heads)
    if prev == "." and ns >= 2 and t[ns - 2].isdigit():
        return True
    if nxt == "." and ne + 1 < len(t) and t[ne + 1].isdigit():
        return True
    # glued to ASCII words: 5G, H5, C101, PM2.5, colspan="2", a/b
    if prev in _ASCII_WORD or prev == "\\":
        return True
    # after a straight quote: an attribute value (colspan="2"), unless the figure has a
    # unit and the quote closes a name in prose ('"…（项）"110.60万元')
    if prev in "\"'" and (bare or (ns >= 2 and t[ns - 2] == "=")):
        return True
    if bare and not cell and _bare_prose_number_is_not_a_figure(t, ns, ne, int_digits, decimals, prev, nxt):
        return True
    return prev in "(（" and nxt in ")）" and bare  # (2), （2）


def _bare_prose_number_is_not_a_figure(
    t: str, ns: int, ne: int, int_digits: str, decimals: int, prev: str, nxt: str
) -> bool:
    """For a number without unit, comparator or approximation in prose: glued to an ASCII
    word or a slash after it, a file name (123.html), a list marker (1、 2. (2)), a long
    code (83368752), or a heading number at the start of a line ("1.1 项目概况")."""
    if nxt in _ASCII_WORD or nxt in "\"'/" or prev == "/":
        return True
    if nxt == "." and ne + 1 < len(t) and t[ne + 1] in _ASCII_WORD:
        return True  # 123.html
    if not decimals:
        # list markers: 1、  2.  3．  (2)  （2）  2)
        if nxt == "、" and not (ne + 1 < len(t) and t[ne + 1].isdigit()):
            return True
        if nxt == "." and not (ne + 1 < len(t) and t[ne + 1].isdigit()):
            return True
        if nxt in ")）":
            return True
        # phone numbers and codes: 83368752
        if len(int_digits) >= _CODE_MIN_DIGITS:
            return True
    if prev in "\n \u3000":
        # heading numbers at the start of a line: "1.1 项目概况", "201 一般公共服务支出"
        ls = t.rfind("\n", 0, ns) + 1
        if not t[ls:ns].strip(" \u3000"):
            k = ne
            while k < len(t) and t[k] in " \u3000":
                k += 1
            if k < len(t) and "\u4e00" <= t[k] <= "\u9fff":
                return True
    return False


def _unit_and_kind(canon: str | None, mult: str | None, pctw: str | None) -> tuple[str | None, str]:
    """The unit as printed, multiplier included (万元, 万人次, 万; % for 百分之), and its
    kind."""
    if pctw is not None:
        return "%", "percent"
    if canon is not None:
        return (mult or "") + canon, _UNIT_KIND[canon]
    return (mult or None), "plain"


def extract(text: str) -> list[Quantity]:
    """All quantities in ``text``, in order and non-overlapping.

    Bare numbers without a unit are returned (unit None, kind "plain"); dates, ordinals,
    list markers, codes and phone numbers are not."""
    if not text:
        return []
    t = _fold(text)
    out: list[Quantity] = []
    for m in _SCAN.finditer(t):
        if m.start("skip") < 0:
            q = _build(m, text, t, cell=False)
            if q is not None:
                out.append(q)
    return out


_TRAIL = "。；;，,、"


@lru_cache(maxsize=65536)
def parse_value(cell: str | None) -> Quantity | None:
    """The quantity a whole table cell holds, or None.

    "≥75个" -> 75 个 >=;  "99.25%";  "0.69" -> 0.69 (2 decimals, unit None);
    "14,348,853.34";  "831200" (bare numbers of any length parse here);  "\\u3000≥98".
    None for empty cells, placeholders ("—", "定性", "及时"), dates ("2023年") and any cell
    that is not exactly one quantity ("完成27次，…" — use extract() for sentences).
    A leading minus sign is accepted and dropped, as in extract()."""
    if not cell:
        return None
    lo, hi = 0, len(cell)
    while lo < hi and cell[lo] in _CELL_STRIP:
        lo += 1
    while hi > lo and (cell[hi - 1] in _CELL_STRIP or cell[hi - 1] in _TRAIL):
        hi -= 1
    if lo >= hi or cell[lo:hi] in _NO_VALUE:
        return None
    t = _fold(cell)
    if t[lo] in "-+" and lo + 1 < hi and (t[lo + 1].isdigit() or t[lo + 1] == " "):
        lo += 1
        while lo < hi and t[lo] == " ":
            lo += 1
    m = _SCAN.fullmatch(t, lo, hi)
    if m is None or m.start("skip") >= 0:
        return None  # not one quantity, or a date / code ("2023年", "204类")
    return _build(m, cell, t, cell=True)


def comparator_of(text: str | None) -> str | None:
    """The comparator of a target ("不少于400起" -> ">=", "≤100%" -> "<=", "=365天" -> "=",
    "90%以上" -> ">="), or None ("控制在预算范围内", "及时", "100%")."""
    if not text:
        return None
    q = parse_value(text)
    if q is not None:
        return q.comparator
    for q in extract(text):
        if q.comparator:
            return q.comparator
    return None
