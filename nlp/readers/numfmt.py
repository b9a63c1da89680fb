"""Spreadsheet number formats: a cell's value and its format code → the text Excel shows.

:func:`format_value` is the entry point; :func:`format_number`, :func:`format_date` and
:func:`format_general` are its three cases.

Numbers
-------
A format code has up to four sections separated by unquoted ';' — positive; negative;
zero; text.  A negative value shown through its own section writes its own sign or
brackets (``0.00;(0.00)`` → "(5.00)"); with one section the sign is added.  Inside a
section: digit placeholders ``0`` (always shown), ``#`` and ``?`` (shown when needed);
``.`` the decimal point; ``,`` between placeholders groups thousands, after the last one
divides by 1000; ``%`` multiplies by 100; ``E+``/``E-`` scientific notation; quoted text,
``\\x`` and ``[$¥-804]`` are literals; ``_x`` and ``*x`` are padding and add no text.
Rounding is Excel's: half away from zero on the value's 15 significant digits
(``2.675`` with ``0.00`` → "2.68").  A value rounded to zero loses its sign.  Fractions,
Chinese numerals (``[DBNum1]``) and conditions (``[>100]``) are not modelled and fall
back to General.

General shows integers as integers and other numbers with up to 15 significant digits
("0.69", "158.8", "10", "1E+20").

Dates and times
---------------
Years (``yy``/``yyyy``/``e``), months (``m`` … ``mmmm``; ``m`` after an hour or before a
second is minutes), days (``d`` … ``dddd``), Chinese weekdays (``aaa``/``aaaa``), hours,
minutes, seconds, fractions of a second (``.00``), elapsed time (``[h]``) and
``AM/PM``/``A/P``.  A date whose format has no date or time code reads ISO 8601.
"""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import regex

_WS = " \t\r\n\u3000\xa0"  # trimmed from what a cell shows (padding, literal blanks)
_GENERAL = regex.compile(r"general|G/通用格式|通用格式", regex.IGNORECASE)
_DATE_TOKEN = regex.compile(r"[yYdDhHsSeE]|[mM]|[aA]{3}")
_UNMODELLED = frozenset({"condition", "fraction", "dbnum"})
_WEEKDAYS_CN = "一二三四五六日"

Token = tuple[str, str]  # (kind, text)


# ==========================================================================================
# entry point
# ==========================================================================================
def format_value(value, fmt: str | None) -> str | None:
    """The text a cell holding ``value`` (a number, boolean, date, time or duration) shows
    under number format ``fmt``; None for a value no number format applies to (text).
    A format beyond the model shows the value as General (numbers) or ISO 8601 (dates)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        try:
            return format_number(value, fmt)
        except (InvalidOperation, ValueError, OverflowError, IndexError):
            return format_general(value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time, _dt.timedelta)):
        try:
            return format_date(value, fmt)
        except (ValueError, OverflowError, IndexError):
            return _iso(value)
    return None


# ==========================================================================================
# format codes
# ==========================================================================================
def _sections(fmt: str) -> list[str]:
    """``fmt`` split at the ';' that are not quoted, escaped or bracketed."""
    out, cur, i, n = [], [], 0, len(fmt)
    while i < n:
        ch = fmt[i]
        if ch == '"':
            j = fmt.find('"', i + 1)
            j = n if j < 0 else j + 1
            cur.append(fmt[i:j])
            i = j
        elif ch == "\\" and i + 1 < n:
            cur.append(fmt[i : i + 2])
            i += 2
        elif ch == "[":
            j = fmt.find("]", i + 1)
            j = n if j < 0 else j + 1
            cur.append(fmt[i:j])
            i = j
        elif ch == ";":
            out.append("".join(cur))
            cur = []
            i += 1
        else:
            cur.append(ch)
            i += 1
    out.append("".join(cur))
    return out


def _literal(sec: str, i: int) -> tuple[str, int] | None:
    """The literal starting at ``sec[i]`` in any format section — a quoted string, an
    escaped character, or padding ("_x", "*x", no text of its own) — as (text, next
    index), or None when ``sec[i]`` starts something else."""
    ch = sec[i]
    if ch == '"':
        j = sec.find('"', i + 1)
        j = len(sec) if j < 0 else j
        return sec[i + 1 : j], j + 1
    if ch == "\\":
        return sec[i + 1 : i + 2], i + 2
    if ch in "_*":
        return "", i + 2
    return None


# ==========================================================================================
# numbers
# ==========================================================================================
def format_general(value: float | int) -> str:
    """Excel's General: integers as integers, other numbers with up to 15 significant
    digits ("0.69", "158.8", "10")."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return "#NUM!"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.15g}"
    if "e" in text:
        mant, _, exp = text.partition("e")
        return f"{mant}E{exp[0]}{exp[1:].lstrip('0').rjust(2, '0')}"
    return text


def format_number(value: float | int, fmt: str | None) -> str:
    """``value`` as a cell with number format ``fmt`` shows it (see the module docstring).
    Formats this does not model (fractions, Chinese numerals, conditions) fall back to
    General, with the sign."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    fmt = (fmt or "").strip()
    if not fmt or _GENERAL.fullmatch(fmt):
        return format_general(value)
    section, own_sign = _pick_section(_sections(fmt), value)
    toks, flags = _number_tokens(section)
    if flags & _UNMODELLED:
        return format_general(value)
    digits = [k for k, (kind, _) in enumerate(toks) if kind == "digit"]
    if "general" in flags or ("text" in flags and not digits):
        body = format_general(abs(value) if own_sign else value)
        lits = _literal_text(toks)
        return (body + lits).strip(_WS) if lits else body
    if not digits:  # only literal text (the "-" an accounting format shows for zero)
        text = _literal_text(toks).strip(_WS)
        return ("-" + text if value < 0 and not own_sign and text else text) or format_general(value)
    return _format_placeholders(value, toks, digits[0], digits[-1], own_sign)


def _pick_section(sections: list[str], value: float | int) -> tuple[str, bool]:
    """The section that shows ``value`` — positive; negative; zero — and whether it writes
    its own sign (a negative value shown by the second section)."""
    if value > 0 or len(sections) == 1:
        return sections[0], False
    if value < 0:
        return sections[1], True
    return (sections[2] if len(sections) >= 3 else sections[0]), False


def _number_tokens(section: str) -> tuple[list[Token], set[str]]:
    """Tokens of a number-format section: ("lit", text), ("digit", 0/#/?), ("point", "."),
    ("comma", ","), ("percent", "%"), ("exp", "E+"), plus flags (general, text, fraction,
    dbnum, condition)."""
    toks: list[Token] = []
    flags: set[str] = set()
    i, n = 0, len(section)
    while i < n:
        ch = section[i]
        lit = _literal(section, i)
        if lit is not None:
            if lit[0]:
                toks.append(("lit", lit[0]))
            i = lit[1]
        elif ch == "[":
            j = section.find("]", i + 1)
            j = n if j < 0 else j
            inner = section[i + 1 : j]
            if inner.startswith("$"):
                sym = inner[1:].split("-", 1)[0]
                if sym:
                    toks.append(("lit", sym))
            elif inner[:1] in "<>=":
                flags.add("condition")
            elif inner.lower().startswith("dbnum"):
                flags.add("dbnum")
            i = j + 1
        elif ch in "0#?":
            toks.append(("digit", ch))
            i += 1
        elif ch == ".":
            toks.append(("point", ch))
            i += 1
        elif ch == ",":
            toks.append(("comma", ch))
            i += 1
        elif ch == "%":
            toks.append(("percent", ch))
            i += 1
        elif ch in "Ee" and i + 1 < n and section[i + 1] in "+-":
            toks.append(("exp", section[i : i + 2]))
            i += 2
        elif ch == "/":
            flags.add("fraction")
            i += 1
        elif ch == "@":
            flags.add("text")
            i += 1
        elif section.startswith(("General", "general", "GENERAL"), i):
            flags.add("general")
            i += 7
        elif section.startswith("G/通用格式", i):
            flags.add("general")
            i += 6
        elif section.startswith("通用格式", i):
            flags.add("general")
            i += 4
        else:
            toks.append(("lit", ch))
            i += 1
    return toks, flags


def _literal_text(toks: list[Token]) -> str:
    """The text the tokens show of their own: literals and percent signs."""
    return "".join(t for kind, t in toks if kind in ("lit", "percent"))


def _format_placeholders(value: float | int, toks: list[Token], first: int, last: int, own_sign: bool) -> str:
    """A section with digit placeholders from ``toks[first]`` to ``toks[last]``: the
    literals around them, the value scaled by its percent signs and trailing commas, in
    fixed or scientific notation."""
    pct = sum(1 for kind, _ in toks if kind == "percent")
    scale = 0
    k = last + 1
    while k < len(toks) and toks[k][0] == "comma":
        scale += 1
        k += 1
    prefix = _literal_text(toks[:first])
    suffix = _literal_text(toks[k:])
    x = abs(_decimal(float(value))) * (Decimal(100) ** pct) / (Decimal(1000) ** scale)
    negative = value < 0
    exp = next((t for kind, t in toks if kind == "exp"), None)
    if exp is not None:
        body = _scientific(x, toks, exp)
    else:
        body, rounded_to_zero = _fixed(x, toks[first : last + 1])
        if rounded_to_zero:
            negative = False  # "-0.00" is shown without its sign
    sign = "-" if negative and not own_sign else ""
    return (sign + prefix + body + suffix).strip(_WS)


def _decimal(value: float) -> Decimal:
    """The value as Excel holds it for display: 15 significant digits."""
    return Decimal(f"{value:.15g}")


def _scientific(x: Decimal, toks: list[Token], exp: str) -> str:
    """``x`` in scientific notation with as many mantissa decimals as the section has
    placeholders between its point and the exponent (not the exponent's own ``00``)."""
    kinds = [kind for kind, _ in toks]
    e_at = kinds.index("exp")
    point = kinds.index("point") if "point" in kinds[:e_at] else e_at
    places = kinds[point:e_at].count("digit")
    text = f"{float(x):.{places}E}"
    mant, _, e = text.partition("E")
    sign = "-" if e.startswith("-") else ("+" if exp.endswith("+") else "")
    return f"{mant}E{sign}{e.lstrip('+-').lstrip('0').rjust(2, '0')}"


def _fixed(x: Decimal, body_toks: list[Token]) -> tuple[str, bool]:
    """``x`` through the placeholders ``body_toks`` (digits, point, grouping commas), and
    whether it rounded to zero."""
    int_ph: list[str] = []
    dec_ph: list[str] = []
    has_point = grouped = False
    for kind, t in body_toks:
        if kind == "point":
            has_point = True
        elif kind == "digit":
            (dec_ph if has_point else int_ph).append(t)
        elif kind == "comma" and not has_point:
            grouped = True
    places = len(dec_ph)
    q = x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    int_s, _, dec_s = f"{q:f}".partition(".")
    if int_s == "0" and "0" not in int_ph:
        int_s = ""
    int_s = int_s.rjust(int_ph.count("0"), "0")
    if grouped and int_s:
        int_s = f"{int(int_s):,}"
    dec = list(dec_s)
    while dec and dec_ph[len(dec) - 1] != "0" and dec[-1] == "0":
        dec.pop()
    return int_s + ("." + "".join(dec) if has_point else ""), q == 0


# ==========================================================================================
# dates and times
# ==========================================================================================
def format_date(value, fmt: str | None) -> str:
    """A date/time value as its date format shows it (years, months, days, hours, minutes,
    seconds, AM/PM, 星期); ISO 8601 when the format has no date or time codes."""
    if isinstance(value, _dt.timedelta):
        secs = int(value.total_seconds())
        return f"{secs // 3600}:{secs % 3600 // 60:02d}:{secs % 60:02d}"
    sec = _sections(fmt or "")[0]
    plain = regex.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", sec)
    if not _DATE_TOKEN.search(plain) or _GENERAL.search(plain):
        return _iso(value)
    if isinstance(value, _dt.time):
        value = _dt.datetime.combine(_dt.date(1899, 12, 31), value)
    elif not isinstance(value, _dt.datetime):
        value = _dt.datetime.combine(value, _dt.time())
    toks = _date_tokens(sec)
    codes = [t for kind, t in toks if kind == "code"]
    twelve = "ampm" in codes or "ap" in codes
    out: list[str] = []
    n_code = 0  # codes seen so far: codes[n_code] is the current one
    for kind, t in toks:
        if kind == "lit":
            out.append(t)
            continue
        prev = codes[n_code - 1] if n_code else ""
        nxt = codes[n_code + 1] if n_code + 1 < len(codes) else ""
        n_code += 1
        out.append(_date_code(t, value, prev, nxt, twelve))
    return "".join(out).strip(_WS)


def _date_tokens(sec: str) -> list[Token]:
    """Tokens of a date-format section: ("code", "yyyy"/"m"/"hh"/"ampm"/".00"/…) and
    ("lit", text)."""
    toks: list[Token] = []
    i, n = 0, len(sec)
    while i < n:
        ch = sec[i]
        lit = _literal(sec, i)
        if lit is not None:
            if lit[0]:
                toks.append(("lit", lit[0]))
            i = lit[1]
        elif ch == "[":
            j = sec.find("]", i + 1)
            j = n if j < 0 else j
            inner = sec[i + 1 : j].lower()
            if inner and set(inner) <= set("hms"):
                toks.append(("code", inner[0] * 2 if len(inner) > 1 else inner))
            i = j + 1
        elif sec[i : i + 5].upper() == "AM/PM":
            toks.append(("code", "ampm"))
            i += 5
        elif sec[i : i + 3].upper() == "A/P":
            toks.append(("code", "ap"))
            i += 3
        elif ch.lower() in "ymdhsae":
            j = i
            while j < n and sec[j].lower() == ch.lower():
                j += 1
            toks.append(("code", sec[i:j].lower()))
            i = j
        elif ch == "." and i + 1 < n and sec[i + 1] == "0":
            j = i + 1
            while j < n and sec[j] == "0":
                j += 1
            toks.append(("code", "." + "0" * (j - i - 1)))
            i = j
        else:
            toks.append(("lit", ch))
            i += 1
    return toks


def _date_code(t: str, value: _dt.datetime, prev: str, nxt: str, twelve: bool) -> str:
    """What one date code shows; ``prev``/``nxt`` are the neighbouring codes ("" at the
    ends: an ``m`` after an hour or before a second means minutes), ``twelve`` whether the
    format has AM/PM."""
    if t == "ampm":
        return "AM" if value.hour < 12 else "PM"
    if t == "ap":
        return "A" if value.hour < 12 else "P"
    c = t[0]
    if c == "y" or c == "e":
        return f"{value.year % 100:02d}" if t in ("y", "yy") else str(value.year)
    if c == "m":
        if prev[:1] == "h" or nxt[:1] == "s":
            return f"{value.minute:02d}" if len(t) >= 2 else str(value.minute)
        if len(t) >= 4:
            return value.strftime("%B")
        if len(t) == 3:
            return value.strftime("%b")
        return f"{value.month:02d}" if len(t) == 2 else str(value.month)
    if c == "d":
        if len(t) >= 4:
            return value.strftime("%A")
        if len(t) == 3:
            return value.strftime("%a")
        return f"{value.day:02d}" if len(t) == 2 else str(value.day)
    if c == "a":
        wd = _WEEKDAYS_CN[value.weekday()]
        return ("星期" + wd) if len(t) >= 4 else wd
    if c == "h":
        h = (value.hour % 12 or 12) if twelve else value.hour
        return f"{h:02d}" if len(t) >= 2 else str(h)
    if c == "s":
        return f"{value.second:02d}" if len(t) >= 2 else str(value.second)
    if c == ".":
        return f"{value.microsecond / 1e6:.{len(t) - 1}f}"[1:]
    return ""


def _iso(value) -> str:
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


__all__ = ["format_value", "format_number", "format_date", "format_general"]
