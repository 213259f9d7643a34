"""Files on disk: where readingroom keeps things, and the SQLite catalog of articles."""
