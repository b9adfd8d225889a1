"""The structure stage's diagnostic codes, one line each (docs/diagnostics.md lists them).

S1xx: the contents and how it matched the body; S2xx: headers, captions and continuations;
S3xx: sections; S4xx: consistency across the issue.
"""

from __future__ import annotations

from publish.model import Code

STRUCTURE_CODES: tuple[Code, ...] = (
    Code("S101", "A contents entry matches no article title in the body (a warning when "
                          "it prints a page: an article may be missing or misread)."),
    Code("S102", "An article title matched a contents entry only approximately."),
    Code("S103", "An article the printed contents does not list, and the body cue that "
                          "found it."),
    Code("S104", "The printed contents matched few of the articles (or none was read "
                          "from a contents page): the structure is in doubt; said in the run's "
                          "summary."),
    Code("S110", "A slogan printed on the contents page was left out."),
    Code("S205", "A continuation (上接/下转, or a column read after another article) was "
                          "moved back to its article."),
    Code("S210", "A photo caption stranded between two articles was left out."),
    Code("S211", "A deck printed after its article's end was given back to it."),
    Code("S220", "A title misprinted in the body was corrected to the contents' "
                          "spelling."),
    Code("S301", "An article listed under one column in the contents is printed under "
                          "another in the body."),
    Code("S401", "One person's name is spelled two ways in the issue."),
    Code("S402", "One term is spelled two ways in the issue."),
)  # fmt: skip

__all__ = ["STRUCTURE_CODES"]
