"""The front matter of an issue: the printed contents (目录) and the masthead (版权页).

One home for everything about it, used by both stages: the normaliser fences the block off
(`region`), the structure stage reads it (`contents`, `masthead`).

* `lines`     — what one printed contents line holds (page number, leaders, title, author,
                a column prefix), as a grammar over the line's text;
* `page`      — the page as read (items, rows, page-wide facts) and the body's title index;
* `contents`  — the entries of a contents page: lines grouped into {section?, title on 1–3
                lines, author?, page?} by dynamic programming, checked against the body;
* `masthead`  — masthead labels, issue lines and notices;
* `region`    — where the contents/masthead block is in a document.
"""
