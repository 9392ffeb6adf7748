"""Writing output files safely: atomically, never over an input, creating folders as needed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from coopscore.errors import InputError


def _guard(target: Path, protected: Iterable[str]) -> None:
    resolved = target.resolve()
    for item in protected:
        if Path(item).resolve() == resolved:
            raise InputError.single(str(target), "refusing to write over an input file")


@contextlib.contextmanager
def _beside(path: Path, protected: Iterable[str]) -> Iterator[tuple[int, str]]:
    """A temporary file next to ``path`` that replaces it on success and vanishes on failure."""
    _guard(path, protected)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError.single(str(path.parent), f"cannot create folder: {exc.strerror}") from None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError.single(str(path), f"cannot write here: {exc.strerror}") from None
    try:
        yield fd, temp
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@contextlib.contextmanager
def atomic_writer(target: str | Path, protected: Iterable[str] = ()) -> Iterator[IO[str]]:
    """Open a temporary file beside ``target``; on success rename it over ``target``.

    A reader (or a crash) sees the old file or the new one, never a torn one. On any error,
    including KeyboardInterrupt, the temporary file is removed and ``target`` is untouched.
    """
    with (
        _beside(Path(target), protected) as (fd, _),
        os.fdopen(fd, "w", encoding="utf-8", newline="") as handle,
    ):
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def write_bytes(target: str | Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically, as :func:`atomic_writer` does text."""
    with _beside(Path(target), ()) as (fd, _), os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def write_text(target: str | Path, text: str, protected: Iterable[str] = ()) -> None:
    with atomic_writer(target, protected) as handle:
        handle.write(text)
