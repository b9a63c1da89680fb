"""Every real PDF is linted, and its findings are those of its text twin.

SOURCES.md pairs each PDF in ../shared/corpus/real/bin with a .txt twin (038 and 039 are
two PDFs each, a: 说明 and b: 表格, joined into one text).  Findings are compared by rule
and by the numbers in their evidence, since messages name lines and the two renderings
space some numbers differently ("10.15 %" in the text twin).  The PDF may find more
where its rendering is cleaner than the twin's; those extras are listed here, each with
the reason it is right.  Skipped when the real corpus is absent.
"""

from __future__ import annotations

from collections import Counter

import pytest
from paths import REAL

from budgetlint.config import Config
from budgetlint.runner import lint_file, selected_rules

pytestmark = pytest.mark.skipif(not (REAL / "bin").is_dir(), reason="real corpus not present")

PDF_ONLY: set = set()


def _numbers(evidence: dict) -> tuple:
    out = []
    for k in ("stated", "computed"):
        v = evidence.get(k)
        if isinstance(v, (int, float)):
            out.append(round(float(v), 2))
    for k in ("prose", "table", "first", "second"):
        v = evidence.get(k)
        if isinstance(v, dict) and isinstance(v.get("value"), (int, float)):
            out.append(round(float(v["value"]), 2))
    return tuple(sorted(out))


def _signature(paths) -> Counter:
    cfg = Config()
    rules = selected_rules(cfg)
    sig: Counter = Counter()
    for p in paths:
        res = lint_file(str(p), rules, cfg)
        assert res.error is None and not res.rule_errors, (p, res.error, res.rule_errors)
        sig.update((f.rule, _numbers(f.evidence)) for f in res.findings)
    return sig


def _groups():
    for txt in sorted(REAL.glob("*.txt")):
        stem = txt.name[:3]
        pdfs = sorted((REAL / "bin").glob(f"{stem}*.pdf"))
        if pdfs:
            yield pytest.param(txt, pdfs, id=stem)


@pytest.mark.parametrize("txt,pdfs", list(_groups()))
def test_pdf_findings_match_the_text_twin(txt, pdfs):
    from_pdf, from_txt = _signature(pdfs), _signature([txt])
    extra = {(txt.name[:3], rule, nums) for (rule, nums) in (from_pdf - from_txt)}
    assert from_txt - from_pdf == Counter()
    assert extra <= PDF_ONLY


def test_every_pdf_has_a_twin():
    pdf_stems = {p.name[:3] for p in (REAL / "bin").glob("*.pdf")}
    assert pdf_stems <= {t.name[:3] for t in REAL.glob("*.txt")}
