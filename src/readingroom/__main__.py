"""`python -m readingroom` runs the command line."""

from readingroom.cli import main

raise SystemExit(main())
