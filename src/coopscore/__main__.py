"""`python -m coopscore` runs the command-line tool."""

from coopscore.entry import main

main()
