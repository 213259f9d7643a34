"""RelatedIndex: declared entries, then links, then backlinks; never self, never twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from readingroom.core.library import Library
from readingroom.core.related import RelatedEntry, RelatedIndex, RelationKind
from readingroom.store.catalog import Catalog
from tests.unit.conftest import WriteTree

KIND_ORDER = [RelationKind.DECLARED, RelationKind.LINKS, RelationKind.LINKED_FROM]


def load(root: Path) -> Library:
    catalog = Catalog(None)
    try:
        return catalog.load_library(str(root))
    finally:
        catalog.close()


def summary(entries: list[RelatedEntry]) -> list[tuple[str, str | None]]:
    return [(entry.kind.name, entry.slug) for entry in entries]


def assert_well_formed(slug: str, entries: list[RelatedEntry]) -> None:
    """Kinds in order, no self-reference, no slug twice."""
    kinds = [KIND_ORDER.index(entry.kind) for entry in entries]
    assert kinds == sorted(kinds), f"{slug}: groups out of order"
    slugs = [entry.slug for entry in entries if entry.slug is not None]
    assert slug not in slugs, f"{slug} lists itself"
    assert len(slugs) == len(set(slugs)), f"{slug} lists an article twice"


@pytest.fixture
def small(make_tree: WriteTree) -> Library:
    root = make_tree(
        {
            "hub.md": (
                "---\ntitle: Hub\nrelated:\n  - topics/alpha\n  - Beta Article\n"
                "  - no-such-article\n  - hub\n  - topics/alpha.md\n---\n"
                "# Hub\n\nSee [alpha](topics/alpha.md), [gamma](topics/gamma.md#part),"
                " [self](hub.md), [here](#top), [web](https://example.org),"
                " [gone](gone.md) and [gamma again](topics/gamma.md).\n"
            ),
            "topics/alpha.md": "---\ntitle: Alpha\n---\nBack to [the hub](../hub.md).\n",
            "topics/beta.md": "---\ntitle: Beta Article\n---\nNo links here.\n",
            "topics/gamma.md": "---\ntitle: Gamma\nrelated: [alpha.md]\n---\n## Part\n",
            "topics/delta.md": "---\ntitle: Delta\n---\nI point at [gamma](gamma.md).\n",
            "lonely.md": "# Lonely\n\nNobody links here and I link nowhere.\n",
        }
    )
    return load(root)


def test_related_groups_in_order(small: Library) -> None:
    entries = RelatedIndex(small).related("hub")
    assert summary(entries) == [
        ("DECLARED", "topics/alpha"),
        ("DECLARED", "topics/beta"),
        ("DECLARED", None),
        ("LINKS", "topics/gamma"),
    ]
    assert_well_formed("hub", entries)


def test_declared_entries_keep_their_reference_and_reason(small: Library) -> None:
    declared = RelatedIndex(small).related("hub")[:2]
    assert declared[0].reference == "topics/alpha"
    assert declared[0].reason == "declared in front matter (related)"
    assert declared[1].reference == "Beta Article"
    assert not declared[0].missing


def test_missing_declared_entry_is_listed_with_slug_none(small: Library) -> None:
    missing = [entry for entry in RelatedIndex(small).related("hub") if entry.missing]
    assert len(missing) == 1
    assert missing[0].slug is None
    assert missing[0].kind is RelationKind.DECLARED
    assert missing[0].reference == "no-such-article"
    assert "missing" in missing[0].reason


def test_link_entries_name_the_href(small: Library) -> None:
    links = [e for e in RelatedIndex(small).related("hub") if e.kind is RelationKind.LINKS]
    assert [(e.reference, e.slug, e.reason) for e in links] == [
        ("topics/gamma.md#part", "topics/gamma", "linked in §Hub: topics/gamma.md#part")
    ]


def test_backlinks_are_listed_as_linked_from(small: Library) -> None:
    entries = RelatedIndex(small).related("topics/gamma")
    assert summary(entries) == [
        ("DECLARED", "topics/alpha"),
        ("LINKED_FROM", "hub"),
        ("LINKED_FROM", "topics/delta"),
    ]
    assert entries[-1].reason.startswith("links here")
    assert_well_formed("topics/gamma", entries)


def test_backlink_already_listed_is_not_repeated(small: Library) -> None:
    # alpha links to the hub, and the hub declares alpha: alpha lists the hub once.
    assert summary(RelatedIndex(small).related("topics/alpha")) == [
        ("LINKS", "hub"),
        ("LINKED_FROM", "topics/gamma"),
    ]


def test_declared_backlinks_count_as_backlinks(small: Library) -> None:
    # beta links nowhere but the hub declares it.
    assert summary(RelatedIndex(small).related("topics/beta")) == [("LINKED_FROM", "hub")]


def test_backlinks_sorted_by_slug(small: Library) -> None:
    index = RelatedIndex(small)
    assert index.backlinks("topics/gamma") == ["hub", "topics/delta"]
    assert index.backlinks("topics/alpha") == ["hub", "topics/gamma"]
    assert index.backlinks("lonely") == []


def test_article_with_no_relations(small: Library) -> None:
    assert RelatedIndex(small).related("lonely") == []


def test_unknown_slug_has_no_related(small: Library) -> None:
    assert RelatedIndex(small).related("no/such/slug") == []


def test_self_reference_is_never_listed(make_tree: WriteTree) -> None:
    root = make_tree(
        {"me.md": "---\ntitle: Me\nrelated: [me, Me, me.md]\n---\n[me](me.md) [top](#top)\n"}
    )
    library = load(root)
    assert RelatedIndex(library).related("me") == []
    assert RelatedIndex(library).backlinks("me") == []


def test_backlinks_to_an_article_linked_twice_list_the_source_once(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "[b](b.md) [b](./b.md) [b](/b.md)\n", "b.md": "# B\n"})
    index = RelatedIndex(load(root))
    assert index.backlinks("b") == ["a"]
    assert summary(index.related("b")) == [("LINKED_FROM", "a")]


# -- the shipped library ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load(Path(__file__).resolve().parents[2] / "articles")


def test_shipped_library_loads_without_errors(shipped: Library, articles_dir: Path) -> None:
    assert len(shipped) == len(list(articles_dir.rglob("*.md")))
    assert shipped.problems == []
    for article in shipped.articles.values():
        assert article.error is None, article.slug
        assert article.problems == (), article.slug
        assert article.date is not None, article.slug
        assert article.related, f"{article.slug} declares no related articles"


def test_every_declared_entry_of_every_shipped_article_resolves(shipped: Library) -> None:
    for slug, article in shipped.articles.items():
        for reference in article.related:
            found = shipped.resolve_reference(reference, slug)
            assert found is not None, f"{slug}: related entry {reference!r} matches nothing"
            assert found != slug, f"{slug}: related entry {reference!r} is itself"
        entries = RelatedIndex(shipped).related(slug)
        assert not any(entry.missing for entry in entries), slug


def test_every_internal_link_of_every_shipped_article_resolves(shipped: Library) -> None:
    for slug, article in shipped.articles.items():
        for href in article.links:
            link = shipped.resolve_link(href, slug)
            assert link.kind.value in ("internal", "external", "anchor"), (slug, href, link)


def test_shipped_related_lists_are_well_formed(shipped: Library) -> None:
    index = RelatedIndex(shipped)
    for slug, article in shipped.articles.items():
        entries = index.related(slug)
        assert_well_formed(slug, entries)
        declared = [e for e in entries if e.kind is RelationKind.DECLARED]
        # Declared entries come first, one per declared reference (none of them is a duplicate).
        assert entries[: len(declared)] == declared
        assert [e.reference for e in declared] == list(article.related)
        for entry in entries:
            assert entry.slug in shipped.articles


def test_shipped_beyond_the_burn_related(shipped: Library) -> None:
    entries = RelatedIndex(shipped).related("recovery/beyond-the-burn")
    assert summary(entries)[:2] == [
        ("DECLARED", "mental-health/breaking-the-stigma"),
        ("DECLARED", "mental-health/understanding-trauma"),
    ]
    linked_from = {e.slug for e in entries if e.kind is RelationKind.LINKED_FROM}
    # Every article whose body links to Beyond the Burn and is not already declared.
    assert linked_from == {
        "mental-health/building-resilience-after-setbacks",
        "recovery/sleep-the-hidden-workout",
        "training/hard-finishers",
        "training/train-to-technical-failure",
        "training/unilateral-training-and-focus",
    }


def test_shipped_backlinks_match_outgoing_links(shipped: Library) -> None:
    index = RelatedIndex(shipped)
    for source, article in shipped.articles.items():
        targets = {shipped.resolve_reference(ref, source) for ref in article.related}
        targets |= {shipped.resolve_link(href, source).slug for href in article.links}
        targets.discard(None)
        targets.discard(source)
        for target in targets:
            assert target is not None
            assert source in index.backlinks(target), (source, target)
