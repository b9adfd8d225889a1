"""Make the layout corpus (tests/corpus) importable as `corpus` from every test module."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
