"""`e`: edit the open article in $VISUAL or $EDITOR, then show what was written.

The editor runs as an argument list (never through a shell) while the reader is suspended, so
it has the terminal to itself; when it exits the reader comes back and the article is read
again, keeping the reading position.
"""

from __future__ import annotations

import os
import subprocess

from textual.app import App, SuspendNotSupported

from readingroom.core.editor import EditorError, editor_argv
from readingroom.core.library import Library
from readingroom.core.sanitize import clean_label
from readingroom.tui.widgets.article_view import ArticleView


class ArticleEditing(App[None]):
    """A mixin of the reader: the edit command."""

    library: Library | None

    def reload_files(self, paths: set[str]) -> None:
        """Bring the library up to date after these files changed (the reader implements it)."""
        raise NotImplementedError

    def action_edit_article(self) -> None:
        """Open the article in the editor; read it again when the editor exits."""
        view = self.query_one(ArticleView)
        article = self.library.get(view.slug) if self.library and view.slug else None
        if article is None or self.library is None:
            return
        path = os.path.join(self.library.root, article.path)
        shown = clean_label(article.path)
        try:
            argv = editor_argv(path, os.environ)
        except EditorError as exc:
            self.notify(f"Cannot edit {shown}: {exc}", severity="error", markup=False)
            return
        try:
            with self.suspend():
                finished = subprocess.run(argv, check=False)
        except SuspendNotSupported:
            self.notify("The editor needs a terminal to run in.", severity="error")
            return
        except OSError as exc:
            editor = clean_label(argv[0])
            self.notify(f"Could not run {editor}: {exc.strerror or exc}", severity="error")
            return
        if finished.returncode != 0:
            self.notify(
                f"The editor exited with status {finished.returncode}.",
                severity="warning",
                markup=False,
            )
        self.reload_files({path})
