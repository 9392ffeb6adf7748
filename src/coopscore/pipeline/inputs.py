"""Input files into models: a scenario or rubric file is read here, and only here.

Reading goes through ``fsio.read_input`` (regular files only, the size limit first, every file
read protected from the run's outputs); decoding, parsing and validation are the models' own
(``loader.parse_scenario``, ``rubric.parse_rubric``), which work on text and touch no file.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from importlib import resources
from pathlib import Path

from coopscore.errors import InputError
from coopscore.files.fsio import read_input
from coopscore.model.loader import LoadedScenario, parse_scenario
from coopscore.model.rubric import DEFAULT_RUBRIC, Rubric, parse_rubric
from coopscore.model.sections import OUTLINE_ID, Outline, parse_outline
from coopscore.model.yamlload import MAX_BYTES, Document, parse, read_text

OUTLINES = ("rubrics", "outlines")


def read_scenario(file: str, max_bytes: int = MAX_BYTES) -> LoadedScenario:
    """Read, parse and validate one scenario file (a regular file, at most ``max_bytes``)."""
    raw = read_input(file, max_bytes, "scenario file (.yaml)")
    return parse_scenario(file, read_text(file, raw, max_bytes))


def scenario_from_text(name: str, text: str, max_bytes: int = MAX_BYTES) -> LoadedScenario:
    """Parse and validate scenario text handed over in memory, named ``name`` in messages;
    refused as a file of the same bytes would be (size limit, encoding, structure)."""
    return parse_scenario(name, read_text(name, text.encode("utf-8", "surrogatepass"), max_bytes))


def default_rubric_file() -> str:
    """The bundled rubric's path: packaged data first, the source checkout second."""
    packaged = Path(str(resources.files("coopscore").joinpath("rubrics", DEFAULT_RUBRIC)))
    if packaged.is_file():
        return str(packaged)
    return str(Path(__file__).resolve().parents[3] / "rubrics" / DEFAULT_RUBRIC)


def _outline_folder() -> Path:
    """Where the bundled paper outlines are: packaged data first, the source checkout second."""
    packaged = Path(str(resources.files("coopscore").joinpath(*OUTLINES)))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3].joinpath(*OUTLINES)


class BundledOutlines:
    """The outlines of the papers coopscore ships (``rubrics/outlines/ID.yaml``), each read once.

    An id must be a plain slug, so no name a rubric gives can reach outside that folder.
    """

    def find(self, name: str) -> Outline | None:
        return _outline(name) if OUTLINE_ID.fullmatch(name) else None

    def names(self) -> list[str]:
        folder = _outline_folder()
        return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


@cache
def _outline(name: str) -> Outline | None:
    path = _outline_folder() / f"{name}.yaml"
    if not path.is_file():
        return None
    raw = read_input(str(path), MAX_BYTES, "paper outline (.yaml)")
    return parse_outline("/".join((*OUTLINES, path.name)), read_text(str(path), raw))


def read_rubric_document(file: str | None = None) -> Document:
    """The rubric's YAML with its lines and comments, for what explains a setting in the
    rubric's own words (the comment above it)."""
    path = file or default_rubric_file()
    return parse(path, read_text(path, read_input(path, MAX_BYTES, "rubric file (.yaml)")))


def read_rubric(file: str | None = None) -> Rubric:
    """Load the rubric at ``file``, or the bundled default (named ``rubrics/NAME`` in messages).

    Its section marks are checked against the bundled outline of the paper it cites. A rubric
    whose text is the bundled one's is marked ``bundled``, so that reports can say when the
    criteria behind a score are not the ones coopscore ships.
    """
    if file is None:
        path = default_rubric_file()
        raw = read_input(path, MAX_BYTES, "rubric file (.yaml)")
        rubric = parse_rubric(f"rubrics/{DEFAULT_RUBRIC}", read_text(path, raw), BundledOutlines())
        return dataclasses.replace(rubric, bundled=True)
    text = read_text(file, read_input(file, MAX_BYTES, "rubric file (.yaml)"))
    rubric = parse_rubric(file, text, BundledOutlines())
    return dataclasses.replace(rubric, bundled=True) if text == _bundled_text() else rubric


@cache
def _bundled_text() -> str | None:
    """The bundled rubric's text, read once to compare a given rubric with; ``None`` when it
    cannot be read (the given rubric is then not known to be the bundled one)."""
    path = default_rubric_file()
    try:
        return read_text(path, read_input(path, MAX_BYTES, "rubric file (.yaml)"))
    except InputError:
        return None
