"""Where the tests find their inputs.

The sample reports are part of the repository; the real disclosures live beside the
checkout (``../shared/corpus/real``) and tests that read them skip when it is absent.
"""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "corpus" / "reports"
REAL = REPO.parent / "shared" / "corpus" / "real"
