"""An article of the library: what its file says about itself."""

from __future__ import annotations

from dataclasses import dataclass, field

WORDS_PER_MINUTE = 230


@dataclass(frozen=True, slots=True)
class Article:
    """One Markdown file of the library, described by its front matter and body.

    `error` is set when the file could not be read or parsed; such an article is still listed
    (by file name) so the reader can see why. `problems` are lesser faults (a front-matter field
    of the wrong type, invalid UTF-8) that do not stop the article from being read.
    `digest` identifies the file's content, so state can follow an article that is renamed.
    """

    slug: str
    path: str
    title: str
    date: str | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""
    author: str = ""
    related: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    words: int = 0
    size: int = 0
    mtime_ns: int = 0
    error: str | None = None
    problems: tuple[str, ...] = field(default=())
    digest: str = ""

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the body at an ordinary pace, at least one."""
        return max(1, round(self.words / WORDS_PER_MINUTE))

    @property
    def file_name(self) -> str:
        """The file name alone, without its folders."""
        return self.path.rsplit("/", 1)[-1]
