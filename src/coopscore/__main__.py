"""`python -m coopscore` runs the command-line tool."""

from coopscore.cli import main

main()
