"""The reader's modal screens."""
