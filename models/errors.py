"""Errors of the classifier layer (importable without scikit-learn)."""


class ModelUnavailable(RuntimeError):
    """A trained artefact is missing or incompatible; the message names ``budgetlint train``."""
