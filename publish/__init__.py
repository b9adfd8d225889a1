"""publish: OCR'd Chinese periodical issues -> EPUB 3 and typeset PDF editions.

The stages, each a package with one entry point (everything else is internal):

    publish.ingest.read_source(path)               -> Source (decoded text, or parsed lines)
    publish.normalise.normalise(text)              -> Normalised (clean lines, every change)
    publish.structure.detect_structure(...)        -> Issue (the model, publish.model)
    publish.script.convert_issue(issue, config)    -> the traditional edition of an Issue
    publish.backends.get_backend(name).write(...)  -> Written (an EPUB or a PDF)

and the build machinery over them:

    publish.build.pipeline.process(path)           -> Processed (source, normalised, issue)
    publish.build.pipeline.build_input(...)        -> InputReport (every edition and format)
    publish.build.batch.build_all(paths, ...)      -> RunResult (a batch, with its reports)
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
