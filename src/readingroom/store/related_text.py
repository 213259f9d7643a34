"""Related articles found in the text: unlinked mentions of a title, and similar articles.

Both read the catalog's full-text index. Similar articles are found with the article's most
distinctive terms (tf-idf against the index's document frequencies) searched with BM25,
title weighted above body, and boosted by shared tags.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections import Counter

from readingroom.core.library import Library
from readingroom.core.related import RelatedEntry, RelationKind

VOCAB_SCHEMA = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_vocab USING fts5vocab(article_text, 'row');"
)
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_STOPWORD_TEXT = """
about above after again against all also although among and another any are around because
been before being below between both but can cannot could did does doing down during each
either else enough even ever every few for from further get gets given had has have having
her here hers herself him himself his how however into its itself just least less like made
make makes many may more most much must need never not now off once one only onto other
others our ours out over own per rather really same say says see seen several she should
since some such than that the their theirs them themselves then there these they this those
though through thus too under until upon use used uses using very via was way well were what
when where whether which while who whom whose why will with within without would yes yet you
your yours yourself http https www com org html
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_CODE_RE = re.compile(
    r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$|`[^`\n]*`|\{\{.*?\}\}|\S+://\S+", re.M | re.S
)
TERMS = 15
MENTION_LIMIT = 20


def _fold(text: str) -> str:
    """Lower case without diacritics, as the index's tokenizer sees words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _phrase(words: list[str]) -> str:
    return '"' + " ".join(word.replace('"', '""') for word in words) + '"'


def _row_of(db: sqlite3.Connection, root: str, slug: str) -> int | None:
    row = db.execute("SELECT id FROM article WHERE root = ? AND slug = ?", (root, slug)).fetchone()
    return int(row[0]) if row else None


def _sentence(body: str, words: list[str]) -> str:
    """The sentence of `body` that contains the words in order, shortened to about 160
    characters."""
    pattern = re.compile(r"\b" + r"\W+".join(re.escape(word) for word in words) + r"\b", re.I)
    found = pattern.search(body) or pattern.search(_fold(body))
    if found is None:
        return ""
    start = 0
    for end in _SENTENCE_END_RE.finditer(body, 0, found.start()):
        start = end.end()
    stop = _SENTENCE_END_RE.search(body, found.end())
    sentence = " ".join(body[start : stop.start() if stop else len(body)].split())
    if len(sentence) > 160:
        offset = max(0, found.start() - start - 60)
        sentence = ("…" if offset else "") + sentence[offset : offset + 157].rstrip() + "…"
    return sentence


def mentions(
    db: sqlite3.Connection, library: Library, slug: str, already: set[str]
) -> list[RelatedEntry]:
    """Articles whose text names this article's title without linking to it (`already`:
    slugs related another way), each with the sentence that mentions it."""
    article = library.articles.get(slug)
    if article is None:
        return []
    words = _WORD_RE.findall(_fold(article.title)) or []
    raw_words = re.findall(r"\w+", article.title)
    if len(raw_words) < 2 and len(article.title) < 10:
        return []  # a one-word title would be "mentioned" everywhere
    query = "body : " + _phrase([_fold(word) for word in raw_words] or words)
    entries: list[RelatedEntry] = []
    rows = db.execute(
        "SELECT a.slug, t.body FROM article_text t JOIN article a ON a.id = t.rowid "
        "WHERE article_text MATCH ? AND a.root = ? AND a.slug != ? ORDER BY rank LIMIT ?",
        (query, library.root, slug, MENTION_LIMIT + len(already)),
    )
    for other, body in rows:
        if other in already or other not in library.articles:
            continue
        sentence = _sentence(str(body), raw_words)
        reason = f"mentions it: “{sentence}”" if sentence else "mentions its title"
        entries.append(RelatedEntry(RelationKind.MENTIONS, str(other), str(other), reason))
        if len(entries) >= MENTION_LIMIT:
            break
    return entries


def _distinctive_terms(db: sqlite3.Connection, rowid: int) -> list[str]:
    row = db.execute("SELECT title, body FROM article_text WHERE rowid = ?", (rowid,)).fetchone()
    if row is None:
        return []
    prose = _CODE_RE.sub(" ", str(row[1]))
    text = _fold(f"{row[0]} {row[0]} {row[0]} {prose}")
    counts = Counter(word for word in _WORD_RE.findall(text) if word not in STOPWORDS)
    candidates = [word for word, _ in counts.most_common(300)]
    if not candidates:
        return []
    total = db.execute("SELECT count(*) FROM article_text").fetchone()[0] or 1
    marks = ",".join("?" * len(candidates))
    frequency = {
        str(term): int(docs)
        for term, docs in db.execute(
            f"SELECT term, doc FROM article_vocab WHERE term IN ({marks})", candidates
        )
    }
    scored = []
    for word in candidates:
        docs = frequency.get(word, 1)
        if docs < 2 or docs > total * 0.5:
            continue  # only here (finds nothing else) or everywhere (says nothing)
        scored.append(((1 + math.log(counts[word])) * math.log(total / docs), word))
    return [word for _, word in sorted(scored, reverse=True)[:TERMS]]


def similar(
    db: sqlite3.Connection, library: Library, slug: str, limit: int = 5
) -> list[RelatedEntry]:
    """The articles closest in content: BM25 on the article's distinctive terms, shared tags
    as a boost. Scores are relative (higher is closer)."""
    article = library.articles.get(slug)
    rowid = _row_of(db, library.root, slug)
    if article is None or rowid is None:
        return []
    terms = _distinctive_terms(db, rowid)
    if not terms:
        return []
    query = " OR ".join(_phrase([term]) for term in terms)
    rows = db.execute(
        "SELECT a.slug, bm25(article_text, 4.0, 2.0, 2.0, 1.0) FROM article_text "
        "JOIN article a ON a.id = article_text.rowid "
        "WHERE article_text MATCH ? AND a.root = ? AND a.id != ? ORDER BY rank LIMIT 40",
        (query, library.root, rowid),
    ).fetchall()
    tags = {tag.lower() for tag in article.tags}
    ranked: list[tuple[float, str, list[str]]] = []
    for other, bm25 in rows:
        found = library.articles.get(str(other))
        if found is None:
            continue
        shared = sorted(tags & {tag.lower() for tag in found.tags})
        ranked.append((-float(bm25) * (1 + 0.3 * len(shared)), str(other), shared))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    about = ", ".join(terms[:4])
    entries = []
    for score, other, shared in ranked[:limit]:
        reason = f"similar: about {about}"
        if shared:
            reason += f"; shares tags: {', '.join(shared)}"
        entries.append(RelatedEntry(RelationKind.SIMILAR, other, other, reason, round(score, 3)))
    return entries
