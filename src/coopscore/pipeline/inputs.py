"""Input files into models: a scenario or rubric file is read here, and only here.

Reading goes through ``fsio.read_input`` (regular files only, the size limit first, every file
read protected from the run's outputs); decoding, parsing and validation are the models' own
(``loader.parse_scenario``, ``rubric.parse_rubric``), which work on text and touch no file.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from coopscore.files.fsio import read_input
from coopscore.model.loader import LoadedScenario, parse_scenario
from coopscore.model.rubric import DEFAULT_RUBRIC, Rubric, parse_rubric
from coopscore.model.yamlload import MAX_BYTES, read_text


def read_scenario(file: str, max_bytes: int = MAX_BYTES) -> LoadedScenario:
    """Read, parse and validate one scenario file (a regular file, at most ``max_bytes``)."""
    raw = read_input(file, max_bytes, "scenario file (.yaml)")
    return parse_scenario(file, read_text(file, raw, max_bytes))


def default_rubric_file() -> str:
    """The bundled rubric's path: packaged data first, the source checkout second."""
    packaged = Path(str(resources.files("coopscore").joinpath("rubrics", DEFAULT_RUBRIC)))
    if packaged.is_file():
        return str(packaged)
    return str(Path(__file__).resolve().parents[3] / "rubrics" / DEFAULT_RUBRIC)


def read_rubric(file: str | None = None) -> Rubric:
    """Load the rubric at ``file``, or the bundled default (named ``rubrics/NAME`` in messages)."""
    if file is None:
        path = default_rubric_file()
        raw = read_input(path, MAX_BYTES, "rubric file (.yaml)")
        return parse_rubric(f"rubrics/{DEFAULT_RUBRIC}", read_text(path, raw))
    raw = read_input(file, MAX_BYTES, "rubric file (.yaml)")
    return parse_rubric(file, read_text(file, raw))
