"""The one segmenter: words of a text, from spaCy's zh pipeline or from jieba directly.

Everything in budgetlint that needs words (the classifiers' features among them) calls
:func:`words`.  Two backends give them:

* spaCy's zh pipeline (:func:`get_nlp`) — ``zh_core_web_sm`` when installed, else
  ``spacy.blank("zh")`` with the jieba segmenter.  It is the segmenter when a model is
  installed, and wherever its start-up is paid once for many documents: a batch of files,
  scoring, the server call :func:`use_spacy` once per process (or worker);
* jieba called directly, for a single check where importing spaCy would be the only cost.
  ``spacy.blank("zh")`` + jieba and jieba alone give the same words (a test checks it on
  the real reports), so the choice never changes a finding.

A caller may ask for the segmentation it was built with (``words(text, "jieba")``: the
shipped classifiers were trained on jieba's words): spaCy's pipeline serves it when it is
the blank + jieba one, jieba directly otherwise.

Nothing here is imported at module level: importing spaCy costs about a second and
initialising jieba's dictionary about another, so a lint that never asks for tokens must
not pay for either.  ``import budgetlint.nlp.text.segmenter`` imports neither spaCy nor jieba; the first
:func:`get_nlp` call does, once per process.

Which pipeline
--------------
* ``zh_core_web_sm`` when that package is importable *and* loads (it needs
  ``spacy-pkuseg``).  If it is importable but fails to load — a broken install, the
  ``zh-core-web-sm`` placeholder on PyPI — we fall back and :func:`describe` says why.
* Otherwise ``spacy.blank("zh")`` with the jieba segmenter, i.e. the config
  ``{"nlp": {"tokenizer": {"segmenter": "jieba"}}}`` (spaCy's ``ChineseTokenizer``; the
  default segmenter is one token per character).  If jieba itself is missing, the
  character segmenter is used.

Sentence boundaries
-------------------
The registered component ``budgetlint_sentences`` sets every token's ``SENT_START`` from
:func:`budgetlint.nlp.text.sentences.split_sentences`, so ``doc.sents`` and ``Paragraph.sentences`` agree
(spaCy's own sentencizer/senter do not: e.g. they give "（" after "。" to the previous
sentence).  It writes all values in one ``doc.from_array([SENT_START], ...)`` call — setting
``token.is_sent_start`` token by token is quadratic in spaCy.  Boundaries are definite:
sentence starts get 1, every other token -1.

With a trained model the component is added *first*, before the parser; spaCy's
arc-eager parser honours preset boundaries (it must break before a token marked 1 and
may not break before one marked -1), so the parse stays within our sentences.  A
``senter`` or ``sentencizer`` in the loaded pipeline would overwrite our values, so any
such component is disabled.

A sentence's span is the token range from the token holding its first character up to the
next sentence's start; whitespace tokens between sentences therefore trail the previous
sentence (spaCy's convention).  Compare texts with ``span.text.strip()``.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["COMPONENT", "MODEL_NAME", "describe", "get_nlp", "set_sentence_starts", "tokens", "use_spacy", "words"]

MODEL_NAME = "zh_core_web_sm"
COMPONENT = "budgetlint_sentences"
JIEBA_CONFIG = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}

_lock = threading.Lock()
_nlp: Language | None = None
_kind: str = ""  # "model" | "jieba" | "char", set when the pipeline is built
_fallback_reason: str = ""  # why zh_core_web_sm was not used
_prefer_spacy = False  # set by use_spacy(): the process lints many documents


# --------------------------------------------------------------------------- helpers
def _dist_version(name: str) -> str:
    """Installed version of a distribution, read from metadata (imports nothing)."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def _model_importable() -> bool:
    from importlib.util import find_spec

    try:
        return find_spec(MODEL_NAME) is not None
    except (ImportError, ValueError):
        return False


def set_sentence_starts(doc: Doc) -> Doc:
    """The ``budgetlint_sentences`` component: SENT_START from :func:`split_sentences`."""
    n = len(doc)
    if n == 0:
        return doc
    import numpy
    from spacy.attrs import IDX, SENT_START

    from budgetlint.nlp.text.sentences import split_sentences

    values = numpy.full(n, -1, dtype=numpy.int64)
    values[0] = 1
    spans = split_sentences(doc.text)
    if spans:
        idx = doc.to_array(IDX).astype(numpy.int64)  # token start offsets, ascending
        bounds = numpy.asarray(spans, dtype=numpy.int64)
        starts, ends = bounds[:, 0], bounds[:, 1]
        # The first token that starts inside the sentence; if a token straddles the
        # boundary and none does (a one-token sentence), the token holding its first char.
        first = numpy.searchsorted(idx, starts, side="left")
        holder = numpy.searchsorted(idx, starts, side="right") - 1
        inside = first < n
        inside[inside] = idx[first[inside]] < ends[inside]
        values[numpy.where(inside, first, holder)] = 1
    doc.from_array([SENT_START], values.astype(numpy.uint64).reshape(n, 1))
    return doc


def _register_component() -> None:
    from spacy.language import Language

    if not Language.has_factory(COMPONENT):
        Language.component(
            COMPONENT,
            assigns=["token.is_sent_start", "doc.sents"],
        )(set_sentence_starts)


def _install_component(nlp: Language) -> None:
    if COMPONENT in nlp.component_names:
        return
    nlp.add_pipe(COMPONENT, first=True)
    for name in list(nlp.pipe_names):
        if name == COMPONENT:
            continue
        factory = nlp.get_pipe_meta(name).factory
        if factory in ("senter", "sentencizer"):
            nlp.disable_pipe(name)


def _blank_jieba() -> Language:
    import logging

    import spacy

    global _kind
    try:
        import jieba
    except ImportError:
        _kind = "char"
        return spacy.blank("zh")
    # jieba logs "Building prefix dict ..." on stderr at DEBUG level; keep lint output clean.
    jieba.setLogLevel(logging.WARNING)
    _kind = "jieba"
    return spacy.blank("zh", config=JIEBA_CONFIG)


def _build() -> Language:
    global _kind, _fallback_reason
    import spacy

    _register_component()
    nlp = None
    if _model_importable():
        try:
            nlp = spacy.load(MODEL_NAME)
            _kind = "model"
        except Exception as exc:  # broken install, missing spacy-pkuseg, placeholder package
            first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            _fallback_reason = f"{MODEL_NAME} failed to load: {first_line[:120]}"
    else:
        _fallback_reason = f"{MODEL_NAME} not installed"
    if nlp is None:
        nlp = _blank_jieba()
    _install_component(nlp)
    return nlp


# --------------------------------------------------------------------------- public API
def get_nlp() -> Language:
    """The process-wide pipeline, built on first use (thread-safe) and cached."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = _build()
    return _nlp


def describe() -> str:
    """One line for ``--version``: spaCy version and which Chinese pipeline is used.

    Reads versions from package metadata, so it imports neither spaCy nor jieba and never
    initialises jieba's dictionary.  Before :func:`get_nlp` has run it reports what
    get_nlp would try; afterwards, what it actually built (including a failed model load).
    """
    head = f"spaCy {_dist_version('spacy')}"
    if _nlp is not None:
        kind, reason = _kind, _fallback_reason
    elif _model_importable():
        kind, reason = "model", ""
    else:
        kind, reason = "jieba", f"{MODEL_NAME} not installed"
    if kind == "model":
        version = _nlp.meta.get("version", "?") if _nlp is not None else _dist_version(MODEL_NAME)
        return f"{head}, {MODEL_NAME} {version}"
    if kind == "char":
        return f"{head}, spacy.blank('zh') character segmentation (jieba not installed; {reason})"
    return f"{head}, spacy.blank('zh') + jieba {_dist_version('jieba')} ({reason})"


def tokens(text: str) -> list[str]:
    """The tokenizer's words for ``text``, whitespace-only tokens left out.

    Runs the tokenizer only (``nlp.make_doc``), not the rest of the pipeline.
    """
    return [t.text for t in get_nlp().make_doc(text) if not t.is_space]


def use_spacy(warm: bool = False) -> None:
    """Make spaCy's pipeline the segmenter of this process (a batch, scoring, a server),
    built on the first call of :func:`words`, or now with ``warm`` (a server or a worker
    that pays its start-up before the first request)."""
    global _prefer_spacy
    _prefer_spacy = True
    if warm:
        get_nlp()


def backend() -> str:
    """The segmentation :func:`words` gives by default: "model" (zh_core_web_sm) or
    "jieba" (spaCy's blank pipeline with jieba, or jieba directly: the same words)."""
    if _nlp is not None:
        return _kind
    return "model" if _model_importable() else "jieba"


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def words(text: str, segmentation: str | None = None) -> list[str]:
    """The words of ``text``, whitespace left out.

    ``segmentation`` asks for a particular one ("jieba" or "model"); None takes the
    process default (:func:`backend`).  spaCy's pipeline is used when it is already built
    or preferred (:func:`use_spacy`) and gives the segmentation asked for, or when a model
    is installed and its words are asked for; otherwise jieba is called directly.
    """
    want = segmentation or backend()
    if want == "model" or ((_prefer_spacy or _nlp is not None) and backend() == want):
        return tokens(text)
    return jieba_words(text)


def jieba_words(text: str) -> list[str]:
    """jieba's words for ``text``, whitespace left out: what spaCy's blank zh pipeline
    with the jieba segmenter gives, without importing spaCy."""
    return [w for w in _jieba().lcut(text) if w.strip()]
