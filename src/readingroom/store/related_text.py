"""Related articles found in the text: unlinked mentions of a title, and similar articles.

Both read the catalog's full-text index. Similar articles are found with the article's most
distinctive terms: words of its title, tags and summary (weighted above the body) and of its
prose (code blocks, code spans, template actions, HTML tags, URLs and link targets left out;
words used more in its code than in its prose are identifiers, not topics), scored tf-idf
against the index's document frequencies. Each term is searched on its own with BM25 (title
above tags and summary above body); a candidate's score is the sum of its BM25 scores weighted
by the terms' tf-idf, so the article's central terms count most. Candidates must share at
least two terms, and shared tags boost them.

Document frequencies come from the whole catalog (every library it holds), as the index does.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: opening the catalog for a search needs neither
    from readingroom.core.library import Library
    from readingroom.core.related import RelatedEntry

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
# Where a block left out of the prose opens: a code fence, a Go-template action, or an
# embedded style sheet, script or preformatted HTML block.
_BLOCK_OPEN_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})|\{\{|<(style|script|pre)\b", re.M | re.I)
# Every pattern here is linear in the text: no unbounded repetition is followed by anything
# that can fail and make it backtrack over a long run (a 200 kB token once took 90 s).
_INLINE_RE = re.compile(
    r"`[^`\n]*`"  # code spans
    r"|\]\([^()\s]*(?:[ \t]+\"[^\"\n]*\")?\)"  # link targets (the link text stays)
    r"|^ {0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$"  # link reference definitions
    r"|<[^<>\n]+>"  # HTML tags and autolinks
    r"|\b[a-zA-Z][a-zA-Z0-9+.-]{0,31}://\S+",  # bare URLs
    re.M,
)
# Tuned on the go blog and the EIPs (docs/related.md lists what came back).
TERM_TEXT_LIMIT = 200_000  # characters of a body read for its distinctive terms
TERMS = 20  # distinctive terms searched per article
TITLE_WEIGHT = 3
TAG_WEIGHT = 3
SUMMARY_WEIGHT = 2
MAX_DOC_SHARE = 0.5  # terms in more of the documents say nothing
PER_TERM_LIMIT = 100  # best BM25 matches kept per term
CANDIDATES = 200  # most used words whose document frequency is looked up
MIN_SHARED = 2  # terms a similar article must share
MENTION_LIMIT = 20


def _fold(text: str) -> str:
    """Lower case without diacritics, as the index's tokenizer sees words."""
    if text.isascii():
        return text.lower()
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
    from readingroom.core.related import RelatedEntry, RelationKind

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


def _cut_blocks(body: str, code: list[str]) -> str:
    """`body` without its fenced code, Go-template actions and style, script and pre blocks
    (each appended to `code`). An unclosed fence runs to the end; an unclosed action or tag is
    left in place. Linear: a closer found missing once is not searched for again."""
    lowered = body.lower()
    kept: list[str] = []
    position = search_from = 0
    missing: set[str] = set()
    while (match := _BLOCK_OPEN_RE.search(body, search_from)) is not None:
        fence = match.group(1)
        if fence:
            line_end = body.find("\n", match.end())
            closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
            closed = closing.search(body, line_end + 1) if line_end != -1 else None
            end = closed.end() if closed else len(body)
        else:
            closer = "}}" if match.group(0) == "{{" else f"</{match.group(2).lower()}>"
            found = -1 if closer in missing else lowered.find(closer, match.end())
            if found == -1:
                missing.add(closer)
                search_from = match.end()
                continue
            end = found + len(closer)
        kept.append(body[position : match.start()])
        code.append(body[match.start() : end])
        position = search_from = end
    kept.append(body[position:])
    return " ".join(kept)


def _split_prose(body: str) -> tuple[str, str]:
    """(prose, code) of a Markdown body: fenced, indented and inline code, Go-template
    actions, style/script/pre blocks, HTML tags, URLs and link targets go to `code`; the rest
    is prose."""
    code: list[str] = []

    def keep(match: re.Match[str]) -> str:
        code.append(match.group(0))
        return " "

    text = _cut_blocks(body, code)
    lines = []
    previous_blank = True
    in_code = False
    for line in text.split("\n"):
        if line.startswith(("    ", "\t")) and (in_code or previous_blank):
            in_code = True
            code.append(line)
            continue
        if line.strip():
            in_code = False
        previous_blank = not line.strip()
        lines.append(line)
    prose = _INLINE_RE.sub(keep, "\n".join(lines))
    return prose, "\n".join(code)


def _weighted_terms(db: sqlite3.Connection, rowid: int) -> list[tuple[str, float]]:
    """Up to TERMS (term, tf-idf weight) pairs of the article, heaviest first.

    A term counts TITLE_WEIGHT per use in the title, TAG_WEIGHT in the tags, SUMMARY_WEIGHT
    in the summary and 1 in the prose. A prose-only term must be used at least twice and not
    more in code than in prose. Terms in one document only, or in more than MAX_DOC_SHARE of
    them, are left out.
    """
    row = db.execute(
        "SELECT title, tags, summary, body FROM article_text WHERE rowid = ?", (rowid,)
    ).fetchone()
    if row is None:
        return []
    title, tags, summary, body = (str(value or "") for value in row)
    prose, code = _split_prose(body[:TERM_TEXT_LIMIT])  # the opening says what it is about
    counts: Counter[str] = Counter()
    for text, weight in ((title, TITLE_WEIGHT), (tags, TAG_WEIGHT), (summary, SUMMARY_WEIGHT)):
        for word in _WORD_RE.findall(_fold(text)):
            counts[word] += weight
    heading = set(counts)
    prose_counts = Counter(_WORD_RE.findall(_fold(prose)))
    code_counts = Counter(_WORD_RE.findall(_fold(code)))
    for word, count in prose_counts.items():
        counts[word] += count
    candidates = [
        word
        for word, count in counts.most_common(CANDIDATES)
        if word not in STOPWORDS
        and (word in heading or (count >= 2 and code_counts[word] <= prose_counts[word]))
    ]
    if not candidates:
        return []
    total = db.execute("SELECT count(*) FROM article").fetchone()[0] or 1
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
        if docs < 2 or docs > total * MAX_DOC_SHARE:
            continue  # only here (finds nothing else) or too common (says little)
        scored.append((counts[word] * math.log(total / docs), word))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(word, weight) for weight, word in scored[:TERMS]]


def similar(
    db: sqlite3.Connection, library: Library, slug: str, limit: int = 5
) -> list[RelatedEntry]:
    """The articles closest in content: each of the article's distinctive terms searched on
    its own with BM25 (title above tags and summary above body), the scores summed weighted by
    how distinctive the term is, and boosted by shared tags. Scores are relative (higher is
    closer)."""
    from readingroom.core.related import RelatedEntry, RelationKind

    article = library.articles.get(slug)
    rowid = _row_of(db, library.root, slug)
    if article is None or rowid is None:
        return []
    terms = _weighted_terms(db, rowid)
    if not terms:
        return []
    totals: dict[str, float] = {}
    matched: dict[str, int] = {}
    for term, weight in terms:
        rows = db.execute(
            "SELECT a.slug, bm25(article_text, 4.0, 3.0, 2.0, 1.0) FROM article_text "
            "JOIN article a ON a.id = article_text.rowid "
            "WHERE article_text MATCH ? AND a.root = ? AND a.id != ? ORDER BY 2 LIMIT ?",
            (_phrase([term]), library.root, rowid, PER_TERM_LIMIT),
        )
        for other, bm25 in rows:
            key = str(other)
            totals[key] = totals.get(key, 0.0) - float(bm25) * weight
            matched[key] = matched.get(key, 0) + 1
    needed = min(MIN_SHARED, len(terms))
    tags = {tag.lower() for tag in article.tags}
    ranked: list[tuple[float, str, list[str]]] = []
    for other, total in totals.items():
        found = library.articles.get(other)
        if found is None or matched[other] < needed:
            continue
        shared = sorted(tags & {tag.lower() for tag in found.tags})
        ranked.append((total * (1 + 0.3 * len(shared)), other, shared))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    about = ", ".join(term for term, _ in terms[:4])
    entries = []
    for score, other, shared in ranked[:limit]:
        reason = f"similar: about {about}"
        if shared:
            reason += f"; shares tags: {', '.join(shared)}"
        entries.append(RelatedEntry(RelationKind.SIMILAR, other, other, reason, round(score, 3)))
    return entries
