"""readingroom: a terminal reader for a folder of Markdown articles."""

__version__ = "0.1.0"
