"""publish: OCR'd Chinese periodical issues -> EPUB 3 and typeset PDF editions.

Public API (everything else is internal):

    normalise(text)            -> Normalised (clean lines + every change + diagnostics)
    detect_structure(...)      -> (Issue, diagnostics)
    build_issue(path, ...)     -> the outputs and report of one input
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
