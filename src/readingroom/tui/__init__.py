"""Everything Textual: the app, its screens and widgets. Imported only by the reader itself."""
