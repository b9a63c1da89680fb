"""Phrase lists and synonyms, loaded once from the YAML files in ``nlp/data``.

Reviewers extend these files, not the code: placeholder answers, section-kind synonyms,
title endings, line items and periods all live there.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"


@cache
def load(name: str) -> dict:
    """The parsed content of ``nlp/data/<name>.yaml``."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        # libyaml's loader when the platform has it: the data files load several times faster
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def lexicon() -> dict:
    """The general phrase lists (``nlp/data/lexicon.yaml``)."""
    return load("lexicon")
