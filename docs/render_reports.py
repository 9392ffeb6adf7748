"""Render the bundled example reports to HTML, then to PNG (and PDF) with headless Chromium.

Run from a checkout, in the environment where coopscore is installed::

    python docs/render_reports.py                   # build/reports/NAME.LANG.html and .png
    python docs/render_reports.py --pdf --height 4000 --out /tmp/reports

Each report is made by the command an analyst runs (``coopscore assess example:NAME --format
html --lang LANG``), in English and in Chinese. A screenshot shows the page as a browser draws
it (the first ``--height`` pixels); ``--pdf`` also prints it as a browser would, which shows
the print style: page breaks between sections, tables kept whole, black and white.

Chromium is looked for as ``chromium``, ``chromium-browser``, ``google-chrome`` and
``google-chrome-stable``. Without one, the HTML is still written and the script says so and
exits 0. Not run by the tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from coopscore.files import examples
from coopscore.report.i18n import LANGS

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
WIDTH = 1100
TIMEOUT = 120


def browser() -> str | None:
    """The first headless-capable browser on PATH, if any."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def write_html(name: str, lang: str, out: Path) -> Path:
    """One bundled report, made by the command line, as ``NAME.LANG.html``."""
    page = out / f"{name}.{lang}.html"
    command = [sys.executable, "-m", "coopscore", "assess", f"{examples.PREFIX}{name}"]
    command += ["--format", "html", "--lang", lang, "-o", str(page)]
    subprocess.run(command, check=True, timeout=TIMEOUT)
    return page


def _chromium(executable: str, *arguments: str) -> None:
    command = [executable, "--headless", "--disable-gpu", "--hide-scrollbars"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    subprocess.run(
        [*command, *arguments],
        check=True,
        timeout=TIMEOUT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def screenshot(executable: str, page: Path, height: int) -> Path:
    png = page.with_suffix(".png")
    _chromium(
        executable,
        f"--window-size={WIDTH},{height}",
        f"--screenshot={png}",
        page.resolve().as_uri(),
    )
    return png


def pdf(executable: str, page: Path) -> Path:
    printed = page.with_suffix(".pdf")
    _chromium(
        executable, "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.resolve().as_uri()
    )
    return printed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/reports"), help="output folder")
    parser.add_argument("--height", type=int, default=3200, help="screenshot height in pixels")
    parser.add_argument("--pdf", action="store_true", help="also print each page to PDF")
    parser.add_argument("--lang", choices=LANGS, action="append", help="default: every one")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    pages = [
        write_html(name, lang, args.out) for name in examples.names() for lang in args.lang or LANGS
    ]
    for page in pages:
        print(page)
    found = browser()
    if found is None:
        print(
            f"no headless browser found ({', '.join(BROWSERS)}): wrote the HTML only",
            file=sys.stderr,
        )
        return 0
    for page in pages:
        print(screenshot(found, page, args.height))
        if args.pdf:
            print(pdf(found, page))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
