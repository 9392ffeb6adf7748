"""The console entry point: light work first, so that nothing heavy loads before it must.

``--version`` is answered before Typer is imported, and Ctrl-C and SIGTERM are routed through
``signals`` before the command line loads, so that a run stopped while it starts ends as
cleanly as one stopped later.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from coopscore import __version__

        print(f"coopscore {__version__}")
        raise SystemExit(0)
    from coopscore import signals

    signals.install()
    try:
        from coopscore.cli.app import main as run
    except signals.Stopped as stop:  # stopped while the command line was loading
        raise SystemExit(stop.code) from None
    run()
