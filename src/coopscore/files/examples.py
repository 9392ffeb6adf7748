"""The bundled example scenarios, which travel inside the package: ``example:NAME``.

``NAME`` is looked up among the bundled names, never joined to a folder: only a name that
``coopscore examples`` lists, exactly, reads a file. Anything else (a path, ``..``, another
case, a look-alike letter, a trailing dot or space) is refused with the list and the name most
likely meant, so that an example's name cannot reach outside the examples.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from coopscore.errors import InputError
from coopscore.suggest import did_you_mean

PREFIX = "example:"


def folder() -> Path:
    """Packaged scenarios when installed; the checkout's ``scenarios/`` when run from source."""
    packaged = Path(str(resources.files("coopscore").joinpath("scenarios")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "scenarios"


def names() -> list[str]:
    return sorted(p.stem for p in folder().glob("*.yaml"))


def unknown(name: str, known: list[str]) -> str:
    """Why ``name`` names no bundled example: the name most likely meant, and the list."""
    close = did_you_mean(name, known, show=lambda n: repr(PREFIX + n))
    listed = ", ".join(PREFIX + n for n in known) or "none"
    return f"no bundled example {name!r}; {close + ' ' if close else ''}examples: {listed}"


def lookup(name: str) -> Path:
    """The bundled file named exactly ``name`` (``.yaml`` may be written); InputError else."""
    known = names()
    bare = name.removesuffix(".yaml")
    if bare not in known:
        raise InputError.single(PREFIX + name, unknown(bare, known))
    return folder() / f"{bare}.yaml"


def resolve(argument: str) -> str:
    """``example:NAME`` → the bundled file's path; any other argument is returned as is."""
    if not argument.startswith(PREFIX):
        return argument
    path = lookup(argument[len(PREFIX) :])
    try:  # a short path reads better in evidence when the example lies below the working folder
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def display(argument: str) -> str:
    """How a report names an input: ``example:NAME`` as given, any other path relative to the
    working folder when it lies below it, else as given."""
    if argument.startswith(PREFIX):
        return PREFIX + argument[len(PREFIX) :].removesuffix(".yaml")
    try:
        below = Path(argument).resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return argument
    return str(below)
