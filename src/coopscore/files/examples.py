"""The bundled example scenarios, which travel inside the package: ``example:NAME``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from coopscore.errors import InputError

PREFIX = "example:"


def folder() -> Path:
    """Packaged scenarios when installed; the checkout's ``scenarios/`` when run from source."""
    packaged = Path(str(resources.files("coopscore").joinpath("scenarios")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "scenarios"


def names() -> list[str]:
    return sorted(p.stem for p in folder().glob("*.yaml"))


def resolve(argument: str) -> str:
    """``example:NAME`` → the bundled file's path; any other argument is returned as is."""
    if not argument.startswith(PREFIX):
        return argument
    name = argument[len(PREFIX) :].removesuffix(".yaml")
    path = folder() / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(names()) or "none"
        raise InputError.single(argument, f"no bundled example {name!r}; examples: {known}")
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
