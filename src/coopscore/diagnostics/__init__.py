"""The problems a rubric may switch on by id, each a folder of its own, and their registry.

A problem's folder holds all of it: ``logic.py`` (its ``ID`` and a pure
``diagnose(scenario, spec, rubric)``: no words, no I/O), ``words.py`` (its findings and its
explanation, in both languages) and ``README.md`` (its documentation). ``REGISTRY`` maps each
id to its folder, one line each; nothing else in coopscore names a problem. The engine runs
the logic through :func:`logic`, the report reaches the words through the folder's name. The
result types and the reading every problem shares are in :mod:`coopscore.core.diagnostics`.

A new problem is a new folder, one line here and its settings in the rubric model.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from coopscore.core.diagnostics.results import Diagnostic
    from coopscore.model.loader import LoadedScenario
    from coopscore.model.rubric import ProblemSpec, Rubric

__all__ = ["REGISTRY", "Diagnostician", "diagnose", "logic", "module"]

# Each problem's id and its folder.
REGISTRY: dict[str, str] = {
    "P1": "p1_high_start_low_finish",
    "P2": "p2_three_more_three_less",
    "P3": "p3_adjacent_follow_through",
    "P4": "p4_competition",
}

Spec = TypeVar("Spec", bound="ProblemSpec", contravariant=True)


class Diagnostician(Protocol[Spec]):
    """One problem: its id and a pure reading of a scenario against its rubric settings."""

    @property
    def ID(self) -> str: ...

    def diagnose(self, scenario: LoadedScenario, spec: Spec, rubric: Rubric) -> Diagnostic: ...


def module(id_: str, part: str) -> str:
    """The full name of one part (``logic``, ``words``) of the problem ``id_``."""
    return f"{__name__}.{REGISTRY[id_]}.{part}"


def logic(id_: str) -> Diagnostician[Any]:
    """The problem's logic module."""
    return cast("Diagnostician[Any]", import_module(module(id_, "logic")))


def diagnose(scenario: LoadedScenario, rubric: Rubric) -> tuple[Diagnostic, ...]:
    """The diagnostics the rubric switches on, in id order, with its thresholds. Pure."""
    return tuple(
        logic(key).diagnose(scenario, spec, rubric)
        for key, spec in rubric.spec.diagnostics.enabled()
    )
