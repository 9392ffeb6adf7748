"""Model validators built once and kept on disk, instead of rebuilt on every start.

Pydantic builds a model's validator in Python: for the scenario and rubric models that is the
largest part of a command's start-up, far more than reading and scoring a scenario. The models
are declared with ``defer_build``, so importing them builds nothing. :func:`install` gives each
model its validator: loaded from the cache folder when an entry matches, otherwise built as
pydantic would build it on first use, and stored for the next run.

An entry is named by a digest of everything a validator depends on: the source of every module
of the package, and the versions of Python, pydantic, pydantic-core and coopscore. Whatever goes
wrong with the cache (no folder, a torn or foreign file, a read-only disk) costs only the
rebuild; it never changes a result. The folder is ``$COOPSCORE_CACHE_DIR`` if set, otherwise
``coopscore`` under the user's cache folder; ``COOPSCORE_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

import pydantic
import pydantic_core
from pydantic import BaseModel

import coopscore
from coopscore.errors import InputError
from coopscore.fsio import write_bytes

Outcome = Literal["cached", "built", "off"]
PREFIX = "validators-"


def cache_folder(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where validators are kept, or None when caching is turned off."""
    if environ.get("COOPSCORE_NO_CACHE", "") not in ("", "0"):
        return None
    if environ.get("COOPSCORE_CACHE_DIR"):
        return Path(environ["COOPSCORE_CACHE_DIR"])
    if sys.platform == "win32" and environ.get("LOCALAPPDATA"):
        return Path(environ["LOCALAPPDATA"]) / "coopscore" / "Cache"
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coopscore"


def digest(models: Sequence[type[BaseModel]]) -> str:
    """What the validators of ``models`` depend on, as a short hex digest."""
    hasher = hashlib.sha256()
    versions = (sys.version, pydantic.VERSION, pydantic_core.__version__, coopscore.__version__)
    for part in (*versions, *(_name(model) for model in models)):
        hasher.update(part.encode() + b"\0")
    package = Path(coopscore.__file__).parent
    for source in sorted(package.rglob("*.py")):
        hasher.update(source.relative_to(package).as_posix().encode() + b"\0")
        hasher.update(source.read_bytes())
    return hasher.hexdigest()[:24]


def install(models: Sequence[type[BaseModel]], folder: Path | None) -> Outcome:
    """Give each of ``models`` a ready validator, from ``folder`` when it holds a matching one."""
    if folder is None:
        return "off"
    try:
        key = digest(models)
    except OSError:  # the package is not plain files on disk: nothing to key the cache on
        return "off"
    entry = folder / f"{PREFIX}{key}.pickle"
    stored = _load(entry)
    if stored is not None and all(_name(model) in stored for model in models):
        for model in models:
            model.__pydantic_validator__ = stored[_name(model)]
        return "cached"
    built: dict[str, pydantic_core.SchemaValidator] = {}
    for model in models:
        model.model_rebuild(force=True)
        validator = model.__pydantic_validator__
        if isinstance(validator, pydantic_core.SchemaValidator):
            built[_name(model)] = validator
    _store(entry, built)
    return "built"


def _name(model: type[BaseModel]) -> str:
    return f"{model.__module__}.{model.__qualname__}"


def _load(entry: Path) -> dict[str, pydantic_core.SchemaValidator] | None:
    try:
        with entry.open("rb") as handle:
            stored = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # a torn or foreign entry is rebuilt, whatever it raises
        return None
    if not isinstance(stored, dict):
        return None
    return {
        name: value
        for name, value in stored.items()
        if isinstance(name, str) and isinstance(value, pydantic_core.SchemaValidator)
    }


def _store(entry: Path, validators: dict[str, pydantic_core.SchemaValidator]) -> None:
    """Keep the new entry and drop entries for other sources or versions."""
    try:
        data = pickle.dumps(validators, protocol=pickle.HIGHEST_PROTOCOL)
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_bytes(entry, data)
    except (OSError, InputError, pickle.PicklingError, TypeError, AttributeError):
        return
    for other in entry.parent.glob(f"{PREFIX}*.pickle"):
        if other != entry:
            with contextlib.suppress(OSError):
                other.unlink()
