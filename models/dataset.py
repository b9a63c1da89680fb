"""Labelled examples for the classifier layer, read from ``corpus/labels/*.jsonl``.

The format is documented in ``corpus/LABELING.md``.  In short, one JSON object per line:

* ``task``: ``explanation`` | ``statement`` | ``actual`` (one file per task);
* ``label``: one of :data:`LABELS` for the task;
* ``source``: ``corpus/reports/<file>`` (a seed report in this repository),
  ``real/<file>`` (a disclosure in ``../shared/corpus/real``, never copied here) or
  ``paraphrase`` (written for the data set);
* ``line``/``end_line``: the unit's 1-based line span (``null`` for paraphrases);
* ``unit``: ``cell`` (an indicator's explanation / actual cell), ``sentence`` (a prose
  sentence as :mod:`budgetlint.nlp.text.sentences` splits it) or ``heading`` (a sub-heading's title);
* ``text``: the unit's text, for seed items and paraphrases only;
* ``paraphrased``: true exactly for ``source == "paraphrase"``;
* optional ``n`` (which of several units with the same span and unit kind, 0-based, in
  document order), ``digest`` (real items: the first 12 hex digits of the SHA-1 of the
  unit's UTF-8 text, so a changed rendering is caught instead of mislabelled), ``cells``
  (real items in HTML tables, whose cells all carry the table's span: a list of
  ``[line, end_line, row, col]`` locators whose texts, concatenated, make the unit) and
  ``note``.

Real items are resolved against the document model of the real file; when the folder is
absent (or ``real_dir`` is None) they are skipped and counted, never guessed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import budgetlint.nlp.analysis  # noqa: F401  (registers the views the examples are read from)

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
LABELS_DIR = REPO / "corpus" / "labels"
#: Where the real disclosures live beside the checkout (tests and ``train`` default).
DEFAULT_REAL_DIR = REPO.parent / "shared" / "corpus" / "real"

LABELS: dict[str, tuple[str, ...]] = {
    "explanation": ("cause_and_measure", "measure_only", "cause_only", "non_answer"),
    "statement": ("specific", "generic"),
    "actual": ("answer", "non_answer"),
}
FILES = {"explanation": "explanations.jsonl", "statement": "statements.jsonl", "actual": "actuals.jsonl"}
UNITS = ("cell", "sentence", "heading")
SEED_PREFIX = "corpus/reports/"
REAL_PREFIX = "real/"
PARAPHRASE = "paraphrase"
_KEYS = {"task", "label", "source", "line", "end_line", "unit", "text", "paraphrased", "note", "n", "digest", "cells"}


class LabelError(ValueError):
    """A label file that does not parse, or an item that does not resolve."""


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    source: str  # corpus/reports/<file> | real/<file> | paraphrase
    line: int | None
    end_line: int | None
    paraphrased: bool
    group: str  # the source document, for a split grouped by document
    note: str = ""


@dataclass
class LoadResult:
    examples: list[Example]
    skipped_real: int = 0  # real items not loaded because the real folder is absent
    real_dir: Path | None = None
    missing_files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Unit:
    text: str
    line: int
    end_line: int


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# -- reading and checking the label files ---------------------------------------------


def read_items(task: str, labels_dir: Path | None = None) -> list[dict]:
    """The raw items of one task's file, checked for shape; raises :class:`LabelError`."""
    if task not in LABELS:
        raise LabelError(f"unknown task {task!r}; expected one of {sorted(LABELS)}")
    path = (labels_dir or LABELS_DIR) / FILES[task]
    items = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        where = f"{path.name}:{no}"
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise LabelError(f"{where}: not JSON ({exc.msg})") from None
        check_item(item, task, where)
        items.append(item)
    return items


def check_item(item: dict, task: str, where: str = "") -> None:
    def bad(msg: str):
        raise LabelError(f"{where}: {msg}")

    if not isinstance(item, dict):
        bad("not an object")
    unknown = set(item) - _KEYS
    if unknown:
        bad(f"unknown keys {sorted(unknown)}")
    if item.get("task") != task:
        bad(f"task {item.get('task')!r} in the {task} file")
    if item.get("label") not in LABELS[task]:
        bad(f"label {item.get('label')!r} is not one of {LABELS[task]}")
    if item.get("unit") not in UNITS:
        bad(f"unit {item.get('unit')!r} is not one of {UNITS}")
    src = item.get("source")
    if not isinstance(src, str):
        bad("source missing")
    para = item.get("paraphrased")
    if not isinstance(para, bool):
        bad("paraphrased must be true or false")
    if para != (src == PARAPHRASE):
        bad("paraphrased must be true exactly for source 'paraphrase'")
    text = item.get("text")
    if src == PARAPHRASE or src.startswith(SEED_PREFIX):
        if not isinstance(text, str) or not text.strip():
            bad("seed items and paraphrases carry their text")
    elif src.startswith(REAL_PREFIX):
        if "text" in item:
            bad("real items carry no text")
        if not isinstance(item.get("digest"), str):
            bad("real items carry a digest")
    else:
        bad(f"source {src!r} is neither {SEED_PREFIX}…, {REAL_PREFIX}… nor {PARAPHRASE!r}")
    if src == PARAPHRASE:
        if item.get("line") is not None or item.get("end_line") is not None:
            bad("paraphrases have no line span (null)")
    else:
        line, end = item.get("line"), item.get("end_line")
        if not (isinstance(line, int) and isinstance(end, int) and 1 <= line <= end):
            bad("line/end_line must be integers with 1 <= line <= end_line")
    n = item.get("n", 0)
    if not isinstance(n, int) or n < 0:
        bad("n must be a non-negative integer")
    if "cells" in item:
        cells = item["cells"]
        if not src.startswith(REAL_PREFIX) or item.get("unit") != "cell":
            bad("cells locators are for real cell items")
        if not (
            isinstance(cells, list)
            and cells
            and all(isinstance(c, list) and len(c) == 4 and all(isinstance(v, int) for v in c) for c in cells)
        ):
            bad("cells must be a non-empty list of [line, end_line, row, col]")
        if (cells[0][0], cells[-1][1]) != (item["line"], item["end_line"]):
            bad("line/end_line must be the first cell's line and the last cell's end_line")


# -- resolving units in a document ------------------------------------------------------


def units(doc, task: str, unit: str) -> list[Unit]:
    """Every unit of one kind the document model gives, in document order.

    ``cell``: the explanation (task ``explanation``) or actual (task ``actual``) cell of
    each indicator of each 自评表, with its text as :meth:`Indicator.text` reads it (empty
    cells left out).  ``sentence``: the sentences of every paragraph (heading inline text
    included).  ``heading``: each heading's title (number and inline text stripped).
    """
    out: list[Unit] = []
    if unit == "cell":
        role = {"explanation": "explanation", "actual": "actual"}.get(task)
        if role is None:
            return out
        seen: set[int] = set()
        for pt in doc.perf_tables:
            for ind in pt.indicators:
                c = ind.cells.get(role)
                text = ind.text(role)
                if c is None or not text or id(c) in seen:
                    continue
                seen.add(id(c))
                out.append(Unit(text, c.line, c.end_line))
    elif unit == "sentence":
        for p in doc.paragraphs:
            for s in p.sentences:
                out.append(Unit(s.text, s.line, s.end_line))
    elif unit == "heading":
        for h in doc.headings:
            out.append(Unit(h.title, h.line, h.end_line))
    return out


def candidates(doc, item: dict) -> list[Unit]:
    """The units of the item's kind whose span is exactly the item's (line, end_line)."""
    span = (item["line"], item["end_line"])
    return [u for u in _units_cached(doc, item["task"], item["unit"]) if (u.line, u.end_line) == span]


def _units_cached(doc, task, unit):
    cache = doc.__dict__.setdefault("_dataset_units", {})
    key = (task, unit)
    if key not in cache:
        cache[key] = units(doc, task, unit)
    return cache[key]


def resolve(doc, item: dict) -> Unit:
    """The one unit an item names; raises :class:`LabelError` when there is none or the
    choice is ambiguous, or when the digest (real) or text (seed) does not match."""
    where = f"{item['source']}:{item['line']}-{item['end_line']} ({item['task']}/{item['unit']})"
    if "cells" in item:
        unit = _resolve_cells(doc, item, where)
    else:
        cands = candidates(doc, item)
        if not cands:
            raise LabelError(f"{where}: no {item['unit']} with exactly this span")
        n = item.get("n")
        if n is None:
            if len(cands) > 1:
                raise LabelError(f"{where}: {len(cands)} units share this span and the item has no n")
            n = 0
        if n >= len(cands):
            raise LabelError(f"{where}: n={n} but only {len(cands)} units share this span")
        unit = cands[n]
    if "digest" in item and digest(unit.text) != item["digest"]:
        raise LabelError(f"{where}: digest mismatch (the document's text changed)")
    if "text" in item and unit.text != item["text"]:
        raise LabelError(f"{where}: text differs from the document's {unit.text!r}")
    return unit


def _resolve_cells(doc, item: dict, where: str) -> Unit:
    parts = []
    for line, end, row, col in item["cells"]:
        tables = [t for t in doc.tables if (t.line, t.end_line) == (line, end)]
        if len(tables) != 1:
            raise LabelError(f"{where}: {len(tables)} tables span {line}-{end}")
        rows = tables[0].rows
        cell = next((c for c in rows[row] if c.col == col), None) if 0 <= row < len(rows) else None
        if cell is None or not cell.text.strip():
            raise LabelError(f"{where}: no non-empty cell at row {row}, col {col} of table {line}-{end}")
        parts.append(cell.text.strip())
    return Unit("".join(parts), item["line"], item["end_line"])


@lru_cache(maxsize=32)
def _load_doc(path: str):
    from budgetlint.nlp.readers import load_document

    return load_document(path)


# -- the public entry points ----------------------------------------------------------


def load(task: str, real_dir: Path | None, labels_dir: Path | None = None) -> LoadResult:
    """All examples of a task.  Real items are resolved in ``real_dir``; when it is None
    or absent they are skipped and counted in ``skipped_real``."""
    items = read_items(task, labels_dir)
    real_ok = real_dir is not None and Path(real_dir).is_dir()
    result = LoadResult(examples=[], real_dir=Path(real_dir) if real_ok else None)
    for item in items:
        src = item["source"]
        note = item.get("note", "")
        if src == PARAPHRASE:
            result.examples.append(Example(item["text"], item["label"], src, None, None, True, PARAPHRASE, note))
        elif src.startswith(SEED_PREFIX):
            result.examples.append(
                Example(item["text"], item["label"], src, item["line"], item["end_line"], False, src, note)
            )
        else:
            path = Path(real_dir) / src[len(REAL_PREFIX) :] if real_ok else None
            if path is None or not path.is_file():
                result.skipped_real += 1
                if path is not None and src not in result.missing_files:
                    result.missing_files.append(src)
                continue
            unit = resolve(_load_doc(str(path)), item)
            result.examples.append(
                Example(unit.text, item["label"], src, item["line"], item["end_line"], False, src, note)
            )
    if result.skipped_real:
        log.warning(
            "%s: %d real item(s) skipped (%s)",
            task,
            result.skipped_real,
            "real folder absent" if not real_ok else "files missing: " + ", ".join(result.missing_files),
        )
    return result


def load_examples(task: str, real_dir: Path | None) -> list[Example]:
    """The examples of one task (``explanation`` | ``statement`` | ``actual``).

    Paraphrased examples are marked (``paraphrased=True``, group ``paraphrase``): a
    trainer must keep them out of every test split.  Real items are read from
    ``real_dir`` (usually :data:`DEFAULT_REAL_DIR`) and skipped, with a logged count,
    when it is None or absent; use :func:`load` to get the count."""
    return load(task, real_dir).examples


def counts(task: str) -> dict[tuple[str, str, bool], int]:
    """(label, source, paraphrased) -> number of items, from the label file alone."""
    out: dict[tuple[str, str, bool], int] = {}
    for item in read_items(task):
        key = (item["label"], item["source"], item["paraphrased"])
        out[key] = out.get(key, 0) + 1
    return out


def format_counts(task: str, table: dict[tuple[str, str, bool], int] | None = None) -> str:
    """A plain-text table: per label, non-paraphrased items by source document, then
    paraphrases and the total."""
    table = counts(task) if table is None else table
    lines = [f"{task}:"]
    for label in LABELS[task]:
        rows = {src: n for (lab, src, para), n in table.items() if lab == label and not para}
        para = sum(n for (lab, _, p), n in table.items() if lab == label and p)
        real = sum(rows.values())
        by_doc = ", ".join(
            f"{src.split('/')[0] if src.startswith(REAL_PREFIX) else 'seed'} {src.rsplit('/', 1)[-1][:3]}: {n}"
            for src, n in sorted(rows.items())
        )
        lines.append(
            f"  {label:<18} {real:>4} from documents ({by_doc or '-'}), {para:>3} paraphrased, {real + para:>4} in all"
        )
    return "\n".join(lines)


def main() -> None:  # python -m models.dataset
    for task in LABELS:
        print(format_counts(task))
        res = load(task, DEFAULT_REAL_DIR)
        where = res.real_dir or "absent"
        print(f"  loaded {len(res.examples)} examples; real folder {where}; {res.skipped_real} real item(s) skipped")


if __name__ == "__main__":
    main()


__all__ = [
    "Example",
    "LoadResult",
    "LabelError",
    "LABELS",
    "DEFAULT_REAL_DIR",
    "load",
    "load_examples",
    "read_items",
    "resolve",
    "units",
    "candidates",
    "digest",
    "counts",
    "format_counts",
]
