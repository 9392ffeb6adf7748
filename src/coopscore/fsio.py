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
def atomic_writer(target: str | Path, protected: Iterable[str] = ()) -> Iterator[IO[str]]:
    """Open a temporary file beside ``target``; on success rename it over ``target``.

    A reader (or a crash) sees the old file or the new one, never a torn one. On any error,
    including KeyboardInterrupt, the temporary file is removed and ``target`` is untouched.
    """
    path = Path(target)
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
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_text(target: str | Path, text: str, protected: Iterable[str] = ()) -> None:
    with atomic_writer(target, protected) as handle:
        handle.write(text)
