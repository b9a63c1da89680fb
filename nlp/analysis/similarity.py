"""Text similarity for answers that merely repeat a question (实际完成值 copying the
indicator name or the target)."""

from __future__ import annotations

from budgetlint.nlp.analysis.perf import Indicator
from budgetlint.nlp.analysis.sections import is_placeholder
from budgetlint.nlp.numbers.quantities import extract
from budgetlint.nlp.text.normalize import no_spaces_or_stars


def _bigrams(t: str) -> set[str]:
    return {t[i : i + 2] for i in range(len(t) - 1)}


def restates(actual: str, *others: str) -> bool:
    """Whether ``actual`` merely repeats the indicator name and/or the target: equal to
    one, contained in one, or made (nearly) only of their character pairs — and it states
    no figure (years and dates are not figures: "2021年度内完成" repeats a target)."""
    a = no_spaces_or_stars(actual).rstrip("。，,；;")
    os_ = [no_spaces_or_stars(o).rstrip("。，,；;") for o in others if no_spaces_or_stars(o)]
    if len(a) < 2 or not os_ or extract(a):
        return False
    if any(a == o or (a in o and len(a) >= 0.6 * len(o)) for o in os_):
        return True
    ba = _bigrams(a)
    pool = set().union(*(_bigrams(o) for o in os_))
    # a short answer ("及时") shares its few pairs with anything: only longer ones count
    return len(a) >= 4 and len(ba & pool) / len(ba) >= 0.85


def does_not_answer(actual: str, name: str) -> bool:
    """An actual-value cell that answers nothing: a placeholder (无), or a repetition of
    the indicator's own name (what BPL003 reports; copying a qualitative target such as
    "及时" is how units record that it was met, and is not counted)."""
    return is_placeholder(actual) or restates(actual, name)


def unanswered_actual(ind: Indicator) -> str | None:
    """Why an indicator's 实际完成值 answers nothing: "placeholder" (无 and the like, for an
    indicator that carries points), "name" (it repeats the indicator's own name), or
    None — a figure, a statement of the result, an empty cell, or a copied qualitative
    target ("及时" for "及时", how units record that it was met)."""
    actual = ind.text("actual")
    if not actual or ind.actual is not None:
        return None
    if ind.actual_is_placeholder:
        # "无 无 无 0 0 无" rows are placeholders for indicators that do not exist
        points = ind.points
        return "placeholder" if points is not None and points.value > 0 else None
    return "name" if restates(actual, ind.name) else None
