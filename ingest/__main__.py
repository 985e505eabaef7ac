"""`python -m ingest ...`: see `ingest.cli`."""

from ingest.cli import main

main()
