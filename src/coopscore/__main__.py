"""`python -m coopscore` runs the command-line tool."""

from coopscore.entry import main

if __name__ == "__main__":
    main()
