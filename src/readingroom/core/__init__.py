"""The library as plain Python: articles, front matter, links, related, history.

Nothing here imports Textual (a test checks it), so the CLI and the store can use it cheaply.
"""
