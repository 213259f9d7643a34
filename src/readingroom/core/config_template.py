"""The config file `readingroom config --edit` starts from: every setting, commented out."""

from __future__ import annotations

TEMPLATE = """\
# readingroom's settings. Every line is commented out: remove the leading "# " to change one.
# Run `readingroom config` to check this file and see the settings in effect.

# The folder of articles read when --library is not given (~ is your home folder;
# a relative path is taken from the folder readingroom starts in).
# library = "articles"

# How the sidebar lists articles: "newest", "title" or "recent" (most recently read first).
# sort = "newest"

# The width prose is wrapped to, 20 to 400 columns; 0 wraps to the article pane's width.
# wrap_width = 0

# Wrap long lines in code blocks (false keeps them whole, scrolled sideways).
# code_wrap = true

# Articles larger than this many MiB (1 to 32) are shown as plain text instead of rendered.
# size_cap_mib = 2

# The front-matter keys that list related articles.
# relation_keys = ["related", "see_also", "requires"]

# Site prefixes stripped from links that start with "/" (a string or a list), so
# "/blog/some-post" finds the article some-post.md when site_prefix = "/blog".
# site_prefix = ["/blog"]

# Where a bare number in a related list points: "eip-{}" makes 1559 mean eip-1559.md.
# slug_patterns = ["eip-{}"]

# The colour theme the reader starts with (any Textual theme: "textual-dark", "nord"...).
# theme = "textual-dark"

# Keys for commands, by command name (`?` in the reader lists the commands).
# Key names as Textual writes them: "R", "ctrl+r", "f5", "space"; several with commas.
# A key another command keeps is refused (move that one too to swap them).
# [keys]
# related = "R"
"""
