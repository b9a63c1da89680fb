"""The scikit-learn pipeline the classifiers are trained as (imported for training,
evaluation and the skops artefact only; lint time uses :mod:`budgetlint.models.linear`).

The only project-defined callables in it are :func:`budgetlint.models.features.word_tokens`,
:func:`budgetlint.models.features.normalize` and :class:`HandFeatures`, which the skops loader trusts
by name (see :mod:`budgetlint.models.store`).
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from budgetlint.models.features import hand_features, normalize, word_tokens


class HandFeatures(TransformerMixin, BaseEstimator):
    """The hand features as a dense block for a FeatureUnion."""

    def fit(self, X, y=None):  # noqa: N803 (sklearn's API)
        return self

    def transform(self, X):  # noqa: N803
        return np.asarray([hand_features(x) for x in X], dtype=float)


def build_pipeline(seed: int = 0):
    """TF-IDF over character 1–3-grams and words (jieba segmentation), hand features, and a
    class-balanced logistic regression (probabilities from its log-loss fit)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion(
        [
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char",
                    ngram_range=(1, 3),
                    preprocessor=normalize,
                    sublinear_tf=True,
                    max_features=6000,
                    dtype=np.float32,
                ),
            ),
            (
                "tokens",
                TfidfVectorizer(
                    tokenizer=word_tokens,
                    token_pattern=None,
                    lowercase=False,
                    sublinear_tf=True,
                    max_features=3000,
                    dtype=np.float32,
                ),
            ),
            ("hand", HandFeatures()),
        ]
    )
    clf = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, random_state=seed)
    return Pipeline([("features", features), ("clf", clf)])
