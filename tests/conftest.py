import sys
from pathlib import Path

# tests/docx_builder.py is a helper module the tests import by name
sys.path.insert(0, str(Path(__file__).parent))
