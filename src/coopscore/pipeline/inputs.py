"""Input files into models: a scenario or rubric file is read here, and only here.

Reading goes through ``fsio.read_input`` (regular files only, the size limit first, every file
read protected from the run's outputs); decoding, parsing and validation are the models' own
(``loader.validate_scenario``, ``model.overlay`` for a scenario that extends a base,
``rubric.parse_rubric``), which work on text and touch no file.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

from coopscore.errors import InputError
from coopscore.files import examples
from coopscore.files.fsio import Identity, protect, read_input
from coopscore.model import overlay
from coopscore.model.loader import LoadedScenario, validate_scenario
from coopscore.model.rubric import DEFAULT_RUBRIC, Rubric, parse_rubric
from coopscore.model.sections import OUTLINE_ID, Outline, parse_outline
from coopscore.model.yamlload import MAX_BYTES, Document, parse, read_text

OUTLINES = ("rubrics", "outlines")


def read_scenario(file: str, max_bytes: int = MAX_BYTES, shown: str = "") -> LoadedScenario:
    """Read, parse and validate one scenario file (a regular file, at most ``max_bytes``).

    A file that names a base (``extends:``) is merged onto it (see ``model.overlay``): the base
    is read the same way, each file of the chain once, at most ``MAX_CHAIN`` bases deep, and a
    chain that comes back to a file it already read is refused with its path. ``shown``: how
    the reader named the file, where that is not its path (``example:NAME``).
    """
    return validate_scenario(read_document(file, max_bytes, shown))


def read_document(file: str, max_bytes: int = MAX_BYTES, shown: str = "") -> Document:
    """One scenario file parsed and merged onto the bases it extends, not yet validated: its
    data as written, every list in the form it was written in (``model.openlists``)."""
    document = _read_document(file, max_bytes)
    if shown and shown != file:
        document.names[file] = shown  # a document parsed for this read alone
    return _merged(document, max_bytes)


def _merged(document: Document, max_bytes: int) -> Document:
    """A parsed scenario merged onto the chain of bases it extends (itself when it names none)."""
    if overlay.base_of(document) is None:
        return document
    return _resolve_chain(document, max_bytes)


MAX_CHAIN = 8


def _read_document(file: str, max_bytes: int) -> Document:
    return parse(file, _scenario_text(file, max_bytes))


def _scenario_text(file: str, max_bytes: int) -> str:
    return read_text(file, read_input(file, max_bytes, "scenario file (.yaml)"), max_bytes)


# The bases parsed in this process, by file name and exact text: many scenarios of a batch
# extend one base. A base is still read, checked and identified every time; only the parse of
# text already parsed is skipped. A parsed base is never changed (merging copies what it
# takes from it), and a base whose text changed between two reads is parsed afresh.
_BASES: dict[tuple[str, str], Document] = {}
_BASES_KEPT = MAX_CHAIN


def _read_base(file: str, max_bytes: int) -> Document:
    key = (file, _scenario_text(file, max_bytes))
    document = _BASES.get(key)
    if document is None:
        document = parse(*key)
        while len(_BASES) >= _BASES_KEPT:  # the oldest goes: memory stays flat
            del _BASES[next(iter(_BASES))]
        _BASES[key] = document
    return document


def _resolve_chain(top: Document, max_bytes: int) -> Document:
    chain = [top]
    names = dict(top.names)  # a base named ``example:NAME`` is shown so
    seen = {_identity(top.file): top.file}
    document = top
    while True:
        name = overlay.base_of(document)
        if name is None:
            break
        where = document.lines.get((overlay.EXTENDS,))
        if len(chain) > MAX_CHAIN:
            raise InputError.single(
                top.file,
                f"extends: a chain deeper than {MAX_CHAIN} bases "
                f"({' → '.join(d.file for d in chain)} → …)",
                line=top.lines.get((overlay.EXTENDS,)),
            )
        base = _base_path(document.file, name)
        if name.startswith(examples.PREFIX):
            names[base] = examples.display(name)
        key = _identity(base)
        if key is not None and key in seen:
            path = " → ".join([*(d.file for d in chain), base])
            raise InputError.single(
                document.file, f"extends: a cycle ({path}); a base cannot extend itself", where
            )
        try:
            document = _read_base(base, max_bytes)
        except InputError as exc:
            problem = exc.problems[0]
            if problem.line is not None:  # a problem inside the base: said at its own line
                raise
            raise InputError.single(
                document.file, f"extends: {problem.file}: {problem.message}", where
            ) from None
        if key is not None:
            seen[key] = base
        chain.append(document)
    merged = chain[-1]
    for doc in reversed(chain[:-1]):
        merged = overlay.merge(merged, doc)
    merged.names.update(names)
    return merged


def _base_path(file: str, name: str) -> str:
    """A base named relative to the file that names it, or ``example:NAME``."""
    if name.startswith(examples.PREFIX):
        return examples.resolve(name)
    return os.path.normpath(os.path.join(os.path.dirname(file), name))


def _identity(file: str) -> Identity | None:
    found = protect([file])
    return next(iter(found)) if found else None


def scenario_from_text(name: str, text: str, max_bytes: int = MAX_BYTES) -> LoadedScenario:
    """Parse and validate scenario text handed over in memory, named ``name`` in messages;
    refused as a file of the same bytes would be (size limit, encoding, structure). A base it
    extends is read as a file (``example:NAME``, or a path from the current folder)."""
    raw = text.encode("utf-8", "surrogatepass")
    return validate_scenario(_merged(parse(name, read_text(name, raw, max_bytes)), max_bytes))


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
        return _outline(name) if OUTLINE_ID().fullmatch(name) else None

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
        return rubric._replace(bundled=True)
    text = read_text(file, read_input(file, MAX_BYTES, "rubric file (.yaml)"))
    rubric = parse_rubric(file, text, BundledOutlines())
    return rubric._replace(bundled=True) if text == _bundled_text() else rubric


@cache
def _bundled_text() -> str | None:
    """The bundled rubric's text, read once to compare a given rubric with; ``None`` when it
    cannot be read (the given rubric is then not known to be the bundled one)."""
    path = default_rubric_file()
    try:
        return read_text(path, read_input(path, MAX_BYTES, "rubric file (.yaml)"))
    except InputError:
        return None
