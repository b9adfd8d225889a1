"""The issue as clean plain text: one paragraph or heading per line (`publish clean`)."""

from __future__ import annotations

from collections.abc import Iterator

from publish.model import Article, Issue


def article_lines(article: Article) -> Iterator[str]:
    for text in (article.kicker, article.title, article.subtitle, article.byline):
        if text:
            yield text
    for block in article.blocks:
        yield block.text
    for text in (article.author_note, article.source_note):
        if text:
            yield text


def issue_lines(issue: Issue) -> Iterator[str]:
    """Cover editorial, the printed contents/masthead page, then every article in order."""
    articles = issue.articles
    rest = articles
    if articles and articles[0].kind.value == "cover_editorial":
        yield from article_lines(articles[0])
        rest = articles[1:]
    for block in issue.front_matter:
        yield block.text
    for article in rest:
        yield from article_lines(article)


def render_text(issue: Issue) -> str:
    return "\n".join(issue_lines(issue)) + "\n"
