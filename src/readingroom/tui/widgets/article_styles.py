"""The article view's styles: one component class per role the renderer gives text.

Every colour is a theme variable, so every Textual theme (and a 16-colour terminal) works. The
overlays differ by text style as well as colour, so they stay apart under NO_COLOR: every find
match is underlined, the current one is reversed and bold, the link cursor is reversed and
underlined, and a hint label (drawn over its link's first letters) is reversed and bold.
"""

from __future__ import annotations

ROLES = (
    "title", "meta", "tag", "error", "warning", "notice",
    "h1", "h2", "h3", "h4", "h5", "h6", "h1-rule", "h2-rule",
    "em", "strong", "strike", "code", "link", "image", "image-target", "html", "footnote", "task",
    "quote", "quote-bar", "list-marker", "rule", "table-border", "table-header",
    "code-block", "code-language",
    "tok-keyword", "tok-string", "tok-number", "tok-comment", "tok-name", "tok-builtin",
    "tok-operator", "match", "match-current", "link-cursor", "hint",
)  # fmt: skip

ARTICLE_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
        overflow-x: auto;
        & > .article-view--title { color: $markdown-h1-color; text-style: bold; }
        & > .article-view--meta { color: $text-muted; }
        & > .article-view--tag { color: $text-accent; }
        & > .article-view--error { color: $text-error; text-style: bold; }
        & > .article-view--warning { color: $text-warning; }
        & > .article-view--notice { color: $text-muted; text-style: italic; }
        & > .article-view--h1 { color: $markdown-h1-color; text-style: $markdown-h1-text-style; }
        & > .article-view--h2 { color: $markdown-h2-color; text-style: bold; }
        & > .article-view--h3 { color: $markdown-h3-color; text-style: $markdown-h3-text-style; }
        & > .article-view--h4 { color: $markdown-h4-color; text-style: $markdown-h4-text-style; }
        & > .article-view--h5 { color: $markdown-h5-color; text-style: $markdown-h5-text-style; }
        & > .article-view--h6 { color: $markdown-h6-color; text-style: $markdown-h6-text-style; }
        & > .article-view--h1-rule { color: $markdown-h1-color; }
        & > .article-view--h2-rule { color: $markdown-h2-color; }
        & > .article-view--em { text-style: italic; }
        & > .article-view--strong { text-style: bold; }
        & > .article-view--strike { text-style: strike; }
        & > .article-view--code { color: $text-warning; text-style: bold; }
        & > .article-view--link { color: $link-color; text-style: underline; }
        & > .article-view--image { color: $text-secondary; text-style: italic; }
        & > .article-view--image-target { color: $text-muted; }
        & > .article-view--html { color: $text-muted; }
        & > .article-view--footnote { color: $text-accent; }
        & > .article-view--task { color: $text-accent; }
        & > .article-view--quote { color: $text-muted; text-style: italic; }
        & > .article-view--quote-bar { color: $primary; }
        & > .article-view--list-marker { color: $text-primary; text-style: bold; }
        & > .article-view--rule { color: $primary; }
        & > .article-view--table-border { color: $primary; }
        & > .article-view--table-header { text-style: bold; }
        & > .article-view--code-block { background: $boost; }
        & > .article-view--code-language { color: $text-muted; text-style: italic; }
        & > .article-view--tok-keyword { color: $text-accent; text-style: bold; }
        & > .article-view--tok-string { color: $text-success; }
        & > .article-view--tok-number { color: $text-warning; }
        & > .article-view--tok-comment { color: $text-muted; text-style: italic; }
        & > .article-view--tok-name { color: $text-primary; }
        & > .article-view--tok-builtin { color: $text-secondary; }
        & > .article-view--tok-operator { color: $text-accent; }
        & > .article-view--match { background: $warning 30%; text-style: underline; }
        & > .article-view--match-current { color: $warning; text-style: reverse bold; }
        & > .article-view--link-cursor { color: $link-color; text-style: reverse underline; }
        & > .article-view--hint { color: $accent; text-style: reverse bold; }
    }
    """
