"""An article of the library: what its file says about itself."""

from __future__ import annotations

import sys
from dataclasses import field

from readingroom.core.record import record

WORDS_PER_MINUTE = 230


@record
class Article:
    """One Markdown file of the library, described by its front matter and body.

    `error` is set when the file could not be read or parsed; such an article is still listed
    (by file name) so the reader can see why. `problems` are lesser faults (a front-matter field
    of the wrong type, invalid UTF-8) that do not stop the article from being read.
    `digest` identifies the file's content, so state can follow an article that is renamed.
    `related` holds the references of every relation key (`related`, `see_also`, `requires`
    by default), `related_keys` the key each came from. `link_sections` gives, for each of
    `links`, the heading of the section the link is in.
    """

    slug: str
    path: str
    title: str
    date: str | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""
    author: str = ""
    related: tuple[str, ...] = ()
    related_keys: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    link_sections: tuple[str, ...] = ()
    words: int = 0
    size: int = 0
    mtime_ns: int = 0
    error: str | None = None
    problems: tuple[str, ...] = field(default=())
    digest: str = ""

    @property
    def declared(self) -> list[tuple[str, str]]:
        """(front-matter key, reference) of every declared relation; `related` when the key
        is not recorded."""
        keys = self.related_keys if len(self.related_keys) == len(self.related) else ()
        return [(keys[i] if keys else "related", ref) for i, ref in enumerate(self.related)]

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the body at an ordinary pace, at least one."""
        return max(1, round(self.words / WORDS_PER_MINUTE))

    @property
    def file_name(self) -> str:
        """The file name alone, without its folders."""
        return self.path.rsplit("/", 1)[-1]


def with_shared_strings(article: Article) -> Article:
    """The same article with the items of its lists interned (one string object for each
    distinct tag, relation key, section heading or link target in the process).

    A library repeats these thousands of times, and an article read in a worker process
    arrives with copies of its own: in benchmarks/scale.py's library the items of 31,000
    articles' lists took 25 MB, 0.5 MB of them distinct.
    """
    intern = sys.intern
    return Article(
        slug=article.slug,
        path=article.path,
        title=article.title,
        date=article.date,
        tags=tuple(map(intern, article.tags)),
        summary=article.summary,
        author=article.author,
        related=tuple(map(intern, article.related)),
        related_keys=tuple(map(intern, article.related_keys)),
        links=tuple(map(intern, article.links)),
        link_sections=tuple(map(intern, article.link_sections)),
        words=article.words,
        size=article.size,
        mtime_ns=article.mtime_ns,
        error=article.error,
        problems=article.problems,
        digest=article.digest,
    )
