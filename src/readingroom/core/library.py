"""The library: every article of a folder, by slug, with references resolved between them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from operator import attrgetter

from readingroom.core.anchors import anchor_for
from readingroom.core.article import Article
from readingroom.core.links import (
    LinkKind,
    LinkTarget,
    has_scheme,
    join_relative,
    path_candidates,
    split_href,
)
from readingroom.core.scan import ScanProblem
from readingroom.core.wikilinks import is_wikilink, split_wikilink


class SortOrder(Enum):
    """How the sidebar lists articles."""

    NEWEST = "newest"
    TITLE = "title"
    RECENT = "recently read"

    def next(self) -> SortOrder:
        """The next order (the sort key cycles newest, title, recently read)."""
        orders = list(SortOrder)
        return orders[(orders.index(self) + 1) % len(orders)]


@dataclass(slots=True)
class Library:
    """All articles under one root folder.

    Resolution is case-insensitive: by slug, by relative path (with or without the extension),
    by file name when it is unique, and by title.
    """

    root: str
    articles: dict[str, Article] = field(default_factory=dict)
    problems: list[ScanProblem] = field(default_factory=list)
    slug_patterns: tuple[str, ...] = ()
    site_prefixes: tuple[str, ...] = ()
    _by_lower_slug: dict[str, str] = field(default_factory=dict, repr=False)
    _by_name: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _by_title: dict[str, str] = field(default_factory=dict, repr=False)
    _by_number: dict[int, list[str]] = field(default_factory=dict, repr=False)
    _prefix: tuple[str, ...] | None = field(default=None, repr=False)
    _prefix_known: bool = field(default=False, repr=False)
    _indexed: bool = field(default=False, repr=False)
    _newest_first: bool = field(default=False, repr=False)

    @classmethod
    def from_articles(
        cls,
        root: str,
        articles: Iterable[Article],
        problems: Iterable[ScanProblem] = (),
        *,
        slug_patterns: tuple[str, ...] = (),
        site_prefixes: tuple[str, ...] = (),
        newest_first: bool = False,
    ) -> Library:
        """Build the library (its look-up tables are built when first needed: a library of
        30,000 articles is listed before any reference is resolved). `newest_first`: the
        articles come in the order `sorted()` gives them by default, so it need not sort."""
        library = cls(
            root=root,
            problems=list(problems),
            slug_patterns=slug_patterns,
            site_prefixes=site_prefixes,
            _newest_first=newest_first,
        )
        library.articles = {article.slug: article for article in articles}
        return library

    def _index(self) -> None:
        """Build the look-up tables once (into new dicts, swapped in whole, so a second
        thread that asks meanwhile builds its own copy rather than reading half of one)."""
        if self._indexed:
            return
        by_lower_slug: dict[str, str] = {}
        by_name: dict[str, list[str]] = {}
        by_title: dict[str, str] = {}
        by_number: dict[int, list[str]] = {}
        articles = self.articles
        for slug in sorted(articles):
            lower = slug.lower()
            by_lower_slug.setdefault(lower, slug)
            name = lower.rsplit("/", 1)[-1]
            by_name.setdefault(name, []).append(slug)
            by_title.setdefault(_title_key(articles[slug].title), slug)
            numbered = _NUMBERED_RE.match(name)
            if numbered:
                by_number.setdefault(int(numbered.group(1)), []).append(slug)
        self._by_lower_slug = by_lower_slug
        self._by_name = by_name
        self._by_title = by_title
        self._by_number = by_number
        self._indexed = True

    def __len__(self) -> int:
        return len(self.articles)

    def prepare_lookups(self) -> None:
        """Build what resolving a reference or link needs (in a worker: at 30,000 articles
        the first link followed otherwise held the UI thread for 0.2 s)."""
        self._index()
        self._site_prefix()

    def get(self, slug: str) -> Article | None:
        """The article with this slug (exact, then case-insensitive), or None."""
        found = self.articles.get(slug)
        if found is None:
            self._index()
            exact = self._by_lower_slug.get(slug.lower())
            found = self.articles.get(exact) if exact else None
        return found

    def sorted(
        self, order: SortOrder = SortOrder.NEWEST, last_read: dict[str, float] | None = None
    ) -> list[Article]:
        """Articles newest first (undated last, then by title), by title, or most recently
        read first (`last_read`: slug to time; never read after, newest first)."""
        articles = list(self.articles.values())
        if not self._newest_first or order is SortOrder.TITLE:
            # Stable sorts, least significant key first: no key tuples to make and compare
            # (a third quicker at 31,000 articles).
            articles.sort(key=attrgetter("slug"))
            articles.sort(key=lambda a: _title_key(a.title))
            if order is not SortOrder.TITLE:
                articles.sort(key=lambda a: a.date or "", reverse=True)
        if order is SortOrder.RECENT:
            times = last_read or {}
            articles.sort(key=lambda a: times.get(a.slug, 0.0), reverse=True)
        return articles

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag (case-insensitive) with how many articles have it, most used first."""
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for article in self.articles.values():
            for tag in {tag.casefold(): tag for tag in article.tags}.items():
                counts[tag[0]] = counts.get(tag[0], 0) + 1
                names.setdefault(tag[0], tag[1])
        return sorted(((names[key], n) for key, n in counts.items()), key=lambda t: (-t[1], t[0]))

    def resolve_reference(self, reference: str, from_slug: str | None = None) -> str | None:
        """Resolve a front-matter `related` entry to a slug, or None when nothing matches.

        Tried in order: a path relative to the declaring article, a slug (or path from the
        root), a unique file name, a title, and for a bare number (`requires: 20`) the
        configured slug patterns (`eip-{}`) or else the one slug named like `name-20`.
        """
        text = reference.strip()
        if not text:
            return None
        self._index()
        origin = self.articles.get(from_slug) if from_slug else None
        if origin is not None and not has_scheme(text):
            path, _ = split_href(text)
            relative = join_relative(origin.path, path)
            if relative is not None and (found := self._slug_for_path(relative)):
                return found
        path, _ = split_href(text)
        rooted = join_relative("", path.lstrip("/"))
        if rooted is not None and (found := self._slug_for_path(rooted)):
            return found
        names = self._by_name.get(path_candidates(text.rsplit("/", 1)[-1])[0].lower(), [])
        if len(names) == 1:
            return names[0]
        titled = self._by_title.get(_title_key(text))
        if titled is not None or not text.isdigit():
            return titled
        for pattern in self.slug_patterns:
            found = self._slug_for_path(pattern.replace("{}", text))
            if found is not None:
                return found
        numbered = self._by_number.get(int(text), [])
        return numbered[0] if len(numbered) == 1 else None

    def resolve_link(self, href: str, from_slug: str) -> LinkTarget:
        """Resolve a link found in an article's body."""
        if is_wikilink(href):
            target, heading = split_wikilink(href)
            anchor = anchor_for(heading) if heading else None
            if not target:
                return LinkTarget(href, LinkKind.ANCHOR, from_slug, anchor)
            found = self.resolve_reference(target, from_slug)
            if found is None:
                return LinkTarget(href, LinkKind.MISSING)
            return LinkTarget(href, LinkKind.INTERNAL, found, anchor)
        if has_scheme(href):
            return LinkTarget(href, LinkKind.EXTERNAL)
        path, anchor = split_href(href)
        if not path:
            return LinkTarget(href, LinkKind.ANCHOR, from_slug, anchor)
        origin = self.articles.get(from_slug)
        origin_path = origin.path if origin else ""
        if path.startswith("/"):
            for prefix in self.site_prefixes:
                if path.startswith(prefix):
                    path = "/" + path[len(prefix) :].lstrip("/")
                    break
        relative = join_relative(origin_path, path)
        if relative is None:
            return LinkTarget(href, LinkKind.OUTSIDE)
        slug = self._slug_for_path(relative)
        if slug is None and path.startswith("/"):
            slug = self._tail_match(relative, origin_path)
        if slug is None:
            return LinkTarget(href, LinkKind.MISSING)
        return LinkTarget(href, LinkKind.INTERNAL, slug, anchor)

    def _tail_match(self, path: str, origin_path: str) -> str | None:
        """A site-absolute path (`/blog/go1.21/`) matched against slugs by their longest
        common tail of folder names, preferring the linking article's own folder; None when
        the best match is ambiguous, or when what is left before the match is not the site
        prefix the library's own links use (so `/pkg/context` is not the post `context`)."""
        parts = [part for part in path.split("/") if part]
        if not parts:
            return None
        self._index()
        name = path_candidates(parts[-1])[0].lower()
        candidates = self._by_name.get(name, [])
        lowered = [part.lower() for part in parts[:-1]]
        folder = origin_path.rsplit("/", 1)[0] if "/" in origin_path else ""

        def score(slug: str) -> tuple[int, int]:
            theirs = slug.lower().split("/")[:-1]
            common = 0
            while (
                common < min(len(theirs), len(lowered))
                and theirs[-1 - common] == lowered[-1 - common]
            ):
                common += 1
            same_folder = 1 if slug.rsplit("/", 1)[0] == folder and "/" in slug else 0
            return common, same_folder

        prefix = self._site_prefix()
        allowed = [
            slug
            for slug in candidates
            if prefix is None or tuple(lowered[: len(lowered) - score(slug)[0]]) == prefix
        ]
        if len(allowed) <= 1:
            return allowed[0] if allowed else None
        ranked = sorted(allowed, key=score, reverse=True)
        if score(ranked[0]) == score(ranked[1]):
            return None
        return ranked[0]

    def _site_prefix(self) -> tuple[str, ...] | None:
        """The folders in front of the library in its own `/`-rooted links (`("blog",)` for
        a blog whose posts link to `/blog/post`): the prefix shared by more of the links that
        name an article exactly than any other; None when no prefix stands out."""
        if not self._prefix_known:
            self._index()
            counts: dict[tuple[str, ...], int] = {}
            for article in self.articles.values():
                for href in article.links:
                    if not href.startswith("/") or href.startswith("//"):
                        continue
                    parts = [p.lower() for p in split_href(href)[0].split("/") if p]
                    if not parts:
                        continue
                    found = self._by_name.get(path_candidates(parts[-1])[0], [])
                    if len(found) != 1:
                        continue
                    tail = found[0].lower().split("/")
                    if parts[-len(tail) :] == tail:
                        key = tuple(parts[: len(parts) - len(tail)])
                        counts[key] = counts.get(key, 0) + 1
            ranked = sorted(counts.items(), key=lambda item: -item[1])
            clear = len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] > ranked[1][1])
            self._prefix = ranked[0][0] if ranked and clear else None
            self._prefix_known = True
        return self._prefix

    def _slug_for_path(self, path: str) -> str | None:
        self._index()
        for candidate in path_candidates(path):
            if candidate in self.articles:
                return candidate
            found = self._by_lower_slug.get(candidate.lower())
            if found is not None:
                return found
        return None


_NUMBERED_RE = re.compile(r"^[a-z]+[-_]?0*(\d+)$")


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()
