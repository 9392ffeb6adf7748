"""coopscore: score city-cluster cooperation against the YRD integration experience.

The Python API (``coopscore.assess``, ``coopscore.batch``, ``coopscore.trend`` and their result
types) lives in ``coopscore.api`` and is imported on first use, so that ``import coopscore`` and
the command line's start-up stay light.
"""

from __future__ import annotations

__version__ = "0.2.0"

# Not ``typing.TYPE_CHECKING``: ``--version`` imports this module, and nothing more than it must.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from coopscore.api import Batch, Failure, Result, Trend, assess, batch, trend
    from coopscore.errors import InputError, Problem

__all__ = [
    "Batch",
    "Failure",
    "InputError",
    "Problem",
    "Result",
    "Trend",
    "__version__",
    "assess",
    "batch",
    "trend",
]

# Where each public name is defined, imported when first asked for.
_LAZY = {
    "assess": "coopscore.api",
    "batch": "coopscore.api",
    "Result": "coopscore.api",
    "Batch": "coopscore.api",
    "Failure": "coopscore.api",
    "trend": "coopscore.api",
    "Trend": "coopscore.api",
    "InputError": "coopscore.errors",
    "Problem": "coopscore.errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'coopscore' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
