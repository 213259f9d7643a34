"""Library: look-up by slug, sorting, and resolving related entries and links."""

from __future__ import annotations

import pytest

from readingroom.core.article import Article
from readingroom.core.library import Library, SortOrder
from readingroom.core.links import LinkKind, LinkTarget
from readingroom.core.scan import ScanProblem


def article(slug: str, title: str | None = None, date: str | None = None) -> Article:
    return Article(slug=slug, path=f"{slug}.md", title=title or slug, date=date)


@pytest.fixture
def library() -> Library:
    return Library.from_articles(
        "/library",
        [
            article("guides/Getting-Started", "Getting Started", "2024-05-01"),
            article("guides/install", "Installing Everything", "2024-05-01T09:30:00"),
            article("notes/install", "Install Notes"),
            article("notes/unique-name", "Zebra Crossing", "2023-01-01"),
            article("notes/my file", "Spaces In Name", "2025-01-01"),
            article("notes/deep/leaf", "A Leaf"),
            article("index", "Home"),
            article("docs/index", "Docs Home"),
            article("Apple", "apple"),
        ],
    )


# -- from_articles and get ----------------------------------------------------------------


def test_from_articles_keys_by_slug_and_keeps_problems() -> None:
    problems = [ScanProblem("x.md", "dangling symbolic link")]
    built = Library.from_articles("/r", [article("a"), article("b/c")], problems)
    assert built.root == "/r"
    assert len(built) == 2
    assert set(built.articles) == {"a", "b/c"}
    assert built.problems == problems


def test_empty_library() -> None:
    empty = Library.from_articles("/r", [])
    assert len(empty) == 0
    assert empty.get("a") is None
    assert empty.sorted() == []
    assert empty.resolve_reference("a") is None
    assert empty.resolve_link("a.md", "x").kind is LinkKind.MISSING


def test_get_exact_and_case_insensitive(library: Library) -> None:
    exact = library.get("guides/Getting-Started")
    assert exact is not None
    assert exact.title == "Getting Started"
    assert library.get("GUIDES/getting-started") is exact
    assert library.get("apple") is library.articles["Apple"]
    assert library.get("guides/nothing") is None
    assert library.get("") is None


def test_get_prefers_the_exact_slug_over_another_case() -> None:
    both = Library.from_articles("/r", [article("Readme", "Upper"), article("readme", "Lower")])
    upper = both.get("Readme")
    lower = both.get("readme")
    assert upper is not None and upper.title == "Upper"
    assert lower is not None and lower.title == "Lower"


# -- sorted -------------------------------------------------------------------------------


def test_sorted_newest_first_with_undated_last_by_title(library: Library) -> None:
    assert [a.slug for a in library.sorted(SortOrder.NEWEST)] == [
        "notes/my file",  # 2025-01-01
        "guides/install",  # 2024-05-01T09:30:00, later the same day
        "guides/Getting-Started",  # 2024-05-01
        "notes/unique-name",  # 2023-01-01
        # undated, by title (case-insensitive)
        "notes/deep/leaf",  # A Leaf
        "Apple",  # apple
        "docs/index",  # Docs Home
        "index",  # Home
        "notes/install",  # Install Notes
    ]


def test_sorted_defaults_to_newest(library: Library) -> None:
    assert library.sorted() == library.sorted(SortOrder.NEWEST)


def test_sorted_by_title_is_case_insensitive(library: Library) -> None:
    assert [a.title for a in library.sorted(SortOrder.TITLE)] == [
        "A Leaf",
        "apple",
        "Docs Home",
        "Getting Started",
        "Home",
        "Install Notes",
        "Installing Everything",
        "Spaces In Name",
        "Zebra Crossing",
    ]


def test_same_date_sorts_by_title_then_slug() -> None:
    same = Library.from_articles(
        "/r",
        [
            article("c", "Beta", "2024-01-01"),
            article("b", "alpha", "2024-01-01"),
            article("a", "Beta", "2024-01-01"),
        ],
    )
    assert [a.slug for a in same.sorted(SortOrder.NEWEST)] == ["b", "a", "c"]
    assert [a.slug for a in same.sorted(SortOrder.TITLE)] == ["b", "a", "c"]


def test_sort_order_cycles() -> None:
    assert SortOrder.NEWEST.next() is SortOrder.TITLE
    assert SortOrder.TITLE.next() is SortOrder.RECENT
    assert SortOrder.RECENT.next() is SortOrder.NEWEST


def test_recently_read_first_then_newest() -> None:
    from readingroom.core.article import Article
    from readingroom.core.library import Library

    articles = [
        Article(slug="old", path="old.md", title="Old", date="2020-01-01"),
        Article(slug="new", path="new.md", title="New", date="2025-01-01"),
        Article(slug="mid", path="mid.md", title="Mid", date="2022-01-01"),
    ]
    library = Library.from_articles("/lib", articles)
    order = library.sorted(SortOrder.RECENT, {"old": 200.0, "mid": 100.0})
    assert [a.slug for a in order] == ["old", "mid", "new"]
    assert library.tag_counts() == []


def test_tag_counts_ignore_case_and_rank_by_use() -> None:
    from readingroom.core.article import Article
    from readingroom.core.library import Library

    articles = [
        Article(slug="a", path="a.md", title="A", tags=("Sleep", "go")),
        Article(slug="b", path="b.md", title="B", tags=("sleep",)),
    ]
    assert Library.from_articles("/lib", articles).tag_counts() == [("Sleep", 2), ("go", 1)]


# -- resolve_reference --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "from_slug", "expected"),
    [
        # slug, any case, with or without extension, `/`-rooted
        ("guides/install", None, "guides/install"),
        ("GUIDES/INSTALL", None, "guides/install"),
        ("guides/install.md", None, "guides/install"),
        ("/notes/install", "guides/install", "notes/install"),
        ("  guides/install  ", None, "guides/install"),
        ("guides/install#section", None, "guides/install"),
        # relative to the declaring article
        ("install.md", "notes/unique-name", "notes/install"),
        ("install.md", "guides/Getting-Started", "guides/install"),
        ("../guides/install.md", "notes/install", "guides/install"),
        ("../../index.md", "notes/deep/leaf", "index"),
        ("deep/leaf", "notes/install", "notes/deep/leaf"),
        ("./unique-name.md", "notes/install", "notes/unique-name"),
        # a folder stands for its index
        ("docs", None, "docs/index"),
        ("docs/", None, "docs/index"),
        # a unique file name from anywhere
        ("unique-name", None, "notes/unique-name"),
        ("unique-name.md", "guides/install", "notes/unique-name"),
        ("leaf", None, "notes/deep/leaf"),
        # a title, case- and space-insensitive
        ("Zebra Crossing", None, "notes/unique-name"),
        ("zebra   CROSSING", None, "notes/unique-name"),
        ("getting started", "notes/install", "guides/Getting-Started"),
    ],
)
def test_resolve_reference(
    library: Library, reference: str, from_slug: str | None, expected: str
) -> None:
    assert library.resolve_reference(reference, from_slug) == expected


@pytest.mark.parametrize(
    ("reference", "from_slug"),
    [
        ("install.md", None),  # file name shared by guides/ and notes/
        ("install", "index"),  # ambiguous name, no title "install"
        ("nothing-like-this", None),
        ("Not A Title", "guides/install"),
        ("", None),
        ("   ", None),
        ("https://example.org/guides/install", None),
        ("../../../outside.md", "notes/deep/leaf"),
    ],
)
def test_resolve_reference_misses(library: Library, reference: str, from_slug: str | None) -> None:
    assert library.resolve_reference(reference, from_slug) is None


def test_relative_path_wins_over_a_rooted_slug() -> None:
    # From `a/page`, "b" is `a/b` first; the root-level `b` only when that is missing.
    lib = Library.from_articles("/r", [article("a/page"), article("a/b"), article("b")])
    assert lib.resolve_reference("b", "a/page") == "a/b"
    assert lib.resolve_reference("b", None) == "b"
    assert lib.resolve_reference("/b", "a/page") == "b"


def test_resolve_reference_from_an_unknown_article_is_from_the_root(library: Library) -> None:
    assert library.resolve_reference("guides/install", "no/such/article") == "guides/install"


# -- resolve_link -------------------------------------------------------------------------


FROM = "guides/install"


INTERNAL, ANCHOR, EXTERNAL = LinkKind.INTERNAL, LinkKind.ANCHOR, LinkKind.EXTERNAL
OUTSIDE, MISSING = LinkKind.OUTSIDE, LinkKind.MISSING


@pytest.mark.parametrize(
    ("href", "kind", "slug", "anchor"),
    [
        ("Getting-Started.md", INTERNAL, "guides/Getting-Started", None),
        ("getting-started.MD", INTERNAL, "guides/Getting-Started", None),
        ("../notes/install.md", INTERNAL, "notes/install", None),
        ("./../notes/deep/leaf.md", INTERNAL, "notes/deep/leaf", None),
        ("/notes/install.md", INTERNAL, "notes/install", None),
        ("/index", INTERNAL, "index", None),
        ("../docs/", INTERNAL, "docs/index", None),
        ("../notes/install.md#part-two", INTERNAL, "notes/install", "part-two"),
        ("../notes/my%20file.md", INTERNAL, "notes/my file", None),
        ("../notes/install.md#caf%C3%A9", INTERNAL, "notes/install", "café"),
        ("../notes/install.md?plain=1", INTERNAL, "notes/install", None),
        ("#a-heading", ANCHOR, FROM, "a-heading"),
        ("#with%20space", ANCHOR, FROM, "with space"),
        ("http://example.org/a.md", EXTERNAL, None, None),
        ("https://example.org", EXTERNAL, None, None),
        ("mailto:someone@example.org", EXTERNAL, None, None),
        ("//cdn.example.org/x", EXTERNAL, None, None),
        ("../../outside.md", OUTSIDE, None, None),
        ("/../outside.md", OUTSIDE, None, None),
        ("../notes/../../x.md", OUTSIDE, None, None),
        ("nothing.md", MISSING, None, None),
        ("../notes/nothing.md#x", MISSING, None, None),
        ("picture.png", MISSING, None, None),
    ],
)
def test_resolve_link(
    library: Library, href: str, kind: LinkKind, slug: str | None, anchor: str | None
) -> None:
    assert library.resolve_link(href, FROM) == LinkTarget(href, kind, slug, anchor)


def test_resolve_link_from_a_root_article(library: Library) -> None:
    assert library.resolve_link("guides/install.md", "index").slug == "guides/install"
    assert library.resolve_link("../outside.md", "index").kind is LinkKind.OUTSIDE


def test_html_extension_links_find_the_markdown_article(library: Library) -> None:
    link = library.resolve_link("Getting-Started.html", FROM)
    assert link.kind is LinkKind.INTERNAL
    assert link.slug == "guides/Getting-Started"


def test_windows_drive_letter_is_not_a_scheme(library: Library) -> None:
    assert library.resolve_link("C:/notes/install.md", FROM).kind is LinkKind.MISSING


# -- wikilinks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "kind", "slug", "anchor"),
    [
        ("[[Zebra Crossing]]", INTERNAL, "notes/unique-name", None),
        ("[[unique-name]]", INTERNAL, "notes/unique-name", None),
        ("[[Zebra Crossing#Where To Cross]]", INTERNAL, "notes/unique-name", "where-to-cross"),
        ("[[#Local Heading]]", ANCHOR, FROM, "local-heading"),
        ("[[No Such Page]]", MISSING, None, None),
    ],
)
def test_resolve_wikilink(
    library: Library, href: str, kind: LinkKind, slug: str | None, anchor: str | None
) -> None:
    assert library.resolve_link(href, FROM) == LinkTarget(href, kind, slug, anchor)


def test_prepare_lookups_builds_what_resolving_needs(library: Library) -> None:
    assert not library._indexed and not library._prefix_known
    library.prepare_lookups()
    assert library._indexed and library._prefix_known
    assert library.get(next(iter(library.articles))) is not None
