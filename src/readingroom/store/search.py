"""Full-text search of a library in the catalog: BM25 with the title weighted above the body.

Snippets come from FTS5's snippet() with the matched words between \\x02 and \\x03 markers;
`snippet_parts` turns them into (text, highlighted) pieces for display.

Built to answer within a keystroke on a library of tens of thousands of articles:

- Each library's articles have ids in a range of their own (`root_bounds`): the index is
  searched in that range, so the library is found without a join.
- The best `limit` ids are found first; the articles' fields and snippets are then read for
  those ids only (a snippet reads the whole body: doing it for every match was most of the
  time of a common word).
- The last word of the query, still being typed, is a prefix only from three letters on: a
  one- or two-letter prefix covers most of the vocabulary, so `g` or `go` is searched as the
  word itself until a third letter comes.
- Ranking is bounded: BM25 is computed for at most RANK_LIMIT matches. When more match (a
  very common word, which BM25 itself gives almost no weight), the articles with the words in
  their title, tags or summary are ranked (if there are not too many of those either), and
  the rest come in catalog order.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from readingroom.core.query import SearchQuery
from readingroom.core.sanitize import clean_label

MARK_START = "\x02"
MARK_END = "\x03"
WEIGHTS = "10.0, 5.0, 3.0, 1.0"  # title, tags, summary, body
ROOT_BITS = 32
"""Article ids of library number n run from n << ROOT_BITS."""
RANK_LIMIT = 3000
"""Matches ranked by BM25 at most (about 10 ms); see the module's docstring."""
SHORTEST_PREFIX = 3
"""Letters a word being typed needs before it is searched as a prefix."""
HEAD_COLUMNS = "{title tags summary}"
TAG_SEP = "\x1f"
"""What follows every tag in the catalog's `tags` column (store.catalog_rows.pack)."""
SNIPPET_WORDS = 14
"""Words of a snippet."""
SNIPPET_WORDS_BEFORE = 4
"""Words of a snippet before its first match."""
_WORD_RE = re.compile(r"\w+")
_LITERAL_RE = re.compile(r'("(?:[^"]|"")*")( \*)?')


def root_bounds(root_id: int) -> tuple[int, int]:
    """The first and last article id of library number `root_id`."""
    low = root_id << ROOT_BITS
    return low, low + (1 << ROOT_BITS) - 1


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: the article, a snippet around the match, and its BM25 score (lower is
    better, as FTS5 ranks; 0.0 when it was not ranked)."""

    slug: str
    title: str
    path: str
    date: str | None
    snippet: str
    score: float


def _filters(query: SearchQuery) -> tuple[str, list[object]]:
    clauses: list[str] = []
    values: list[object] = []
    if query.before:
        clauses.append("a.date IS NOT NULL AND a.date < ?")
        values.append(query.before)
    if query.after:
        clauses.append("a.date IS NOT NULL AND a.date >= ?")
        values.append(query.after)
    for tag in query.tags:
        clauses.append("instr(char(31) || lower(a.tags), ?) > 0")
        values.append(TAG_SEP + tag.lower() + TAG_SEP)
    for tag in query.excluded_tags:
        clauses.append("instr(char(31) || lower(a.tags), ?) = 0")
        values.append(TAG_SEP + tag.lower() + TAG_SEP)
    return "".join(f" AND {clause}" for clause in clauses), values


def whole_short_words(match: str) -> str:
    """`match` with every prefix shorter than SHORTEST_PREFIX searched as a whole word."""

    def literal(found: re.Match[str]) -> str:
        text = found.group(1)[1:-1].replace('""', '"')
        if found.group(2) and len(text) < SHORTEST_PREFIX:
            return found.group(1)
        return found.group(0)

    return _LITERAL_RE.sub(literal, match)


def split_excluded(match: str) -> tuple[str, str | None]:
    """(kept, excluded) of a `kept NOT excluded` expression from core.query."""
    quoted = False
    depth = 0
    for position, char in enumerate(match):
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
        elif not quoted and depth == 0 and match.startswith(" NOT ", position):
            return match[:position], match[position + len(" NOT ") :]
    return match, None


class _Ranker:
    """Finds the best ids of one library for a MATCH expression, with the catalog's filters."""

    def __init__(
        self, db: sqlite3.Connection, bounds: tuple[int, int], where: str, values: list[object]
    ) -> None:
        self.db = db
        self.bounds = bounds
        self.where = where
        self.values = values

    def _query(self, columns: str, order: str) -> str:
        join = " JOIN article a ON a.id = article_text.rowid" if self.where else ""
        return (
            f"SELECT {columns} FROM article_text{join} WHERE article_text MATCH ? "
            f"AND article_text.rowid BETWEEN ? AND ?{self.where} ORDER BY {order} LIMIT ?"
        )

    def count(self, match: str) -> int:
        """Matches in the library, ignoring the filters (so cheap: no join)."""
        row = self.db.execute(
            "SELECT count(*) FROM article_text WHERE article_text MATCH ? "
            "AND rowid BETWEEN ? AND ?",
            (match, *self.bounds),
        ).fetchone()
        return int(row[0])

    def ranked(self, match: str, limit: int) -> list[tuple[int, float]]:
        """The best `limit` (id, BM25 score), best first."""
        sql = self._query(f"article_text.rowid, bm25(article_text, {WEIGHTS})", "2, 1")
        rows = self.db.execute(sql, (match, *self.bounds, *self.values, limit))
        return [(int(rowid), float(score)) for rowid, score in rows]

    def unranked(self, match: str, limit: int, skip: set[int]) -> list[tuple[int, float]]:
        """`limit` matches not in `skip`, newest in the catalog first, unscored."""
        sql = self._query("article_text.rowid", "article_text.rowid DESC")
        rows = self.db.execute(sql, (match, *self.bounds, *self.values, limit + len(skip)))
        kept = [(int(rowid), 0.0) for (rowid,) in rows if int(rowid) not in skip]
        return kept[:limit]

    def best(self, match: str, limit: int) -> list[tuple[int, float]]:
        """The best `limit` matches, ranking at most RANK_LIMIT of them."""
        if self.count(match) <= RANK_LIMIT:
            return self.ranked(match, limit)
        kept, excluded = split_excluded(match)
        head = f"{HEAD_COLUMNS} : ({kept})" + (f" NOT {excluded}" if excluded else "")
        found = self.ranked(head, limit) if self.count(head) <= RANK_LIMIT else []
        if len(found) < limit:
            found += self.unranked(match, limit - len(found), {rowid for rowid, _ in found})
        return found


def search(
    db: sqlite3.Connection, root: str, root_id: int, query: SearchQuery, limit: int = 50
) -> list[SearchHit]:
    """The best matches of `query` in the library at `root`, number `root_id` (newest first
    when the query has only filters)."""
    where, values = _filters(query)
    if query.match is None:
        if not where:
            return []
        rows = db.execute(
            "SELECT a.slug, a.title, a.path, a.date, a.summary, 0.0 FROM article a "
            f"WHERE a.root = ?{where} ORDER BY a.date DESC, a.title LIMIT ?",
            (root, *values, limit),
        ).fetchall()
        return [_hit(*row) for row in rows]
    match = whole_short_words(query.match)
    best = _Ranker(db, root_bounds(root_id), where, values).best(match, limit)
    if not best:
        return []
    marks = ",".join("?" * len(best))
    fields = {
        int(row[0]): row[1:]
        for row in db.execute(
            f"SELECT id, slug, title, path, date FROM article WHERE id IN ({marks})",
            [rowid for rowid, _ in best],
        )
    }
    highlight = _highlighter(query.words)
    hits = []
    for rowid, score in best:
        if rowid not in fields:
            continue
        slug, title, path, date = fields[rowid]
        text = _snippet(db, rowid, highlight)
        if text is None:  # the words are not in the body as typed (accents, say): ask FTS5
            found = db.execute(
                f"SELECT snippet(article_text, 3, '{MARK_START}', '{MARK_END}', '…', "
                f"{SNIPPET_WORDS}) FROM article_text WHERE article_text MATCH ? AND rowid = ?",
                (match, rowid),
            ).fetchone()
            text = str(found[0] or "") if found else ""
        hits.append(_hit(slug, title, path, date, text, score))
    return hits


def _highlighter(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern matching any of the query's words or phrases (a word also as the start of a
    longer one: the last word may be a prefix), case-insensitively."""
    patterns = []
    for word in words:
        tokens = _WORD_RE.findall(word)
        if tokens:
            patterns.append(r"(?<!\w)" + r"\W+".join(map(re.escape, tokens)) + r"\w*")
    return re.compile("|".join(patterns), re.IGNORECASE) if patterns else None


def _snippet(db: sqlite3.Connection, rowid: int, highlight: re.Pattern[str] | None) -> str | None:
    """About SNIPPET_WORDS words of the body around the first match, matches marked; the
    body's opening when the match is elsewhere (title, tags); None when the body holds
    something FTS5 matched that the pattern cannot see (diacritics, other scripts).

    FTS5's snippet() tokenizes the whole body of each hit: for fifty long articles that was
    most of a search's time.
    """
    row = db.execute("SELECT body FROM article_text WHERE rowid = ?", (rowid,)).fetchone()
    body = str(row[0] or "") if row else ""
    first = highlight.search(body) if highlight is not None else None
    if first is None:
        if highlight is not None and not body.isascii():
            return None
        start = 0
    else:
        before = list(_WORD_RE.finditer(body, max(0, first.start() - 200), first.start()))
        start = (
            before[-SNIPPET_WORDS_BEFORE].start()
            if len(before) >= SNIPPET_WORDS_BEFORE
            else (before[0].start() if before and first.start() > 200 else 0)
        )
    end = start
    for count, word in enumerate(_WORD_RE.finditer(body, start, start + 600), start=1):
        end = word.end()
        if count >= SNIPPET_WORDS:
            break
    fragment = body[start:end]
    if highlight is not None:
        fragment = highlight.sub(lambda found: MARK_START + found.group(0) + MARK_END, fragment)
    lead = "…" if body[:start].strip() else ""
    tail = "…" if body[end:].strip() else ""
    return lead + fragment + tail


def _hit(
    slug: object, title: object, path: object, date: object, snippet: object, score: object
) -> SearchHit:
    return SearchHit(
        slug=str(slug),
        title=str(title),
        path=str(path),
        date=None if date is None else str(date),
        snippet=clean_label(" ".join(readable(_keep_marks(str(snippet or ""))).split())),
        score=float(str(score)),
    )


# Markdown syntax in a snippet of raw body text, and what it reads as. A link's target goes
# unless a highlighted word is in it (then it is what matched, and stays).
_SYNTAX = (
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\ue000\ue001\n]*\)"), r"\1"),  # [text](target)
    (re.compile(r"\]\([^)\ue000\ue001\n]*\)"), ""),  # ](target) cut off at the start
    (re.compile(r"(^|\s)#{1,6}(?=\s)"), r"\1"),  # heading hashes
    (re.compile(r"\*\*|__|`+|\[\[|\]\]"), ""),  # strong, code spans, wikilink brackets
)


def readable(snippet: str) -> str:
    """A snippet of raw Markdown as it reads: link text without its target, no heading
    hashes, strong markers, backticks or wikilink brackets (highlight markers kept)."""
    for pattern, replacement in _SYNTAX:
        snippet = pattern.sub(replacement, snippet)
    return snippet


def _keep_marks(text: str) -> str:
    """Protect the highlight markers from the sanitiser (they are control characters)."""
    return text.replace(MARK_START, "\ue000").replace(MARK_END, "\ue001")


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """(text, highlighted) pieces of a hit's snippet."""
    parts: list[tuple[str, bool]] = []
    highlighted = False
    for piece in snippet.replace("\ue001", "\ue000").split("\ue000"):
        if piece:
            parts.append((piece, highlighted))
        highlighted = not highlighted
    return parts


def plain_snippet(snippet: str) -> str:
    """The snippet without highlight markers."""
    return snippet.replace("\ue000", "").replace("\ue001", "")
