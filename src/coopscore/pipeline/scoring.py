"""The one way a scenario becomes an assessment: resolve → read → validate → assess → select.

Every command that scores a file (``assess``, ``batch`` and its workers, ``plan``, ``compare``,
``sensitivity``, ``explain --scenario``) calls ``score``, so all of them accept and refuse the
same inputs with the same messages. Nothing here prints or exits: a problem with the input is
a ``Failed`` outcome, and the command decides how to show it.
"""

from __future__ import annotations

import re
import traceback
from typing import Any, NamedTuple

from coopscore.core.assessment import EXTRAS, Assessment, Extra
from coopscore.core.engine import assess
from coopscore.core.selection import Selection, apply
from coopscore.errors import InputError, Problem
from coopscore.files import examples
from coopscore.files.fsio import reason, shown
from coopscore.model.loader import LoadedScenario
from coopscore.model.rubric import Rubric
from coopscore.model.yamlload import MAX_BYTES
from coopscore.pipeline.inputs import read_scenario, scenario_from_text

# How many unstated facts an assessment names as the ones to find out first.
FIND_OUT = 10


class Scored(NamedTuple):
    path: str
    assessment: Assessment


class Failed(NamedTuple):
    path: str
    problems: tuple[Problem, ...]

    @property
    def reason(self) -> str:
        """The first problems, located by line within this file (or by file if elsewhere)."""
        parts = []
        for p in self.problems[:3]:
            if p.file != self.path:
                parts.append(str(p))
            elif p.line is not None:
                parts.append(f"line {p.line}: {p.message}")
            else:
                parts.append(p.message)
        more = len(self.problems) - 3
        return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")

    def error(self) -> InputError:
        return InputError(list(self.problems))


Outcome = Scored | Failed


def _named(argument: str) -> str:
    """How reports name the file of ``argument`` where that is not its path (``example:NAME``)."""
    return examples.display(argument) if argument.startswith(examples.PREFIX) else ""


def validated(argument: str, rubric: Rubric, *, waivers: bool = True) -> LoadedScenario:
    """Read and validate one scenario, refusing what ``score`` would refuse (``InputError``).

    For commands that need the scenario itself, such as ``explain --scenario``.
    """
    return assessed(argument, rubric, waivers=waivers)[0]


def assessed(
    argument: str, rubric: Rubric, *, waivers: bool = True
) -> tuple[LoadedScenario, Assessment]:
    """One scenario read and validated, with its assessment (``InputError`` as ``score``)."""
    scenario = read_scenario(examples.resolve(argument), shown=_named(argument))
    assessment = assess(scenario, rubric, waivers)  # refuses waivers the rubric lacks
    return scenario, _as_read(assessment, scenario, argument)


def _as_read(assessment: Assessment, scenario: LoadedScenario, argument: str) -> Assessment:
    """The assessment naming its files as the reader did (``example:NAME``, bases by name)."""
    return assessment._replace(
        shown=examples.display(argument), names=tuple(scenario.document.names.items())
    )


def score(
    argument: str,
    rubric: Rubric,
    selection: Selection | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    waivers: bool = True,
    debug: bool = False,
    text: str | None = None,
    extras: frozenset[Extra] = EXTRAS,
) -> Outcome:
    """One input's outcome. Whatever goes wrong with it is a ``Failed``, never an exception.

    With ``text``, that is the scenario's YAML and ``argument`` only names it; no file is read
    but the bases it extends (``extends:``). ``extras`` are the parts beyond the results that
    the reader shows (``Assessment.find_out``, ``source_lines``, ``cluster``); the others are
    left empty, never worked out.
    A fault of ours inside scoring is a ``Failed`` too, as an internal error; with ``debug``
    its traceback is printed to standard error.
    """
    path = argument
    try:
        if text is None:
            path = examples.resolve(argument)
            scenario = read_scenario(path, max_bytes, _named(argument))
        else:
            scenario = scenario_from_text(argument, text, max_bytes)
        assessment = _as_read(assess(scenario, rubric, waivers), scenario, argument)
        assessment = assessment._replace(**_extras(assessment, scenario, extras))
        return Scored(path, apply(assessment, selection or Selection()))
    except InputError as error:
        return Failed(path, tuple(error.problems))
    except OSError as exc:
        return Failed(path, (Problem(shown(path), f"cannot read the file: {reason(exc)}"),))
    except UnicodeError as exc:
        return Failed(path, (Problem(shown(path), f"cannot use this file name: {exc}"),))
    except RecursionError:
        return Failed(path, (Problem(shown(path), "nested too deeply to score"),))
    except MemoryError:  # not a fault of ours: the memory this process may use ran out
        return Failed(path, (Problem(shown(path), "not scored: out of memory"),))
    except Exception as exc:  # a bug of ours: this input fails, the run goes on
        return Failed(path, (Problem(shown(path), internal_error(exc, debug)),))


def _extras(
    assessment: Assessment, scenario: LoadedScenario, extras: frozenset[Extra]
) -> dict[str, Any]:
    """The parts named in ``extras``, as ``Assessment`` fields; their modules load on use."""
    out: dict[str, Any] = {}
    if "find_out" in extras:
        from coopscore.core import next_facts

        out["find_out"] = tuple(next_facts.first(assessment, FIND_OUT))
    if "source_lines" in extras:
        out["source_lines"] = source_lines(scenario)
    if "cluster" in extras:
        from coopscore.core import cluster

        out["cluster"] = cluster.of(scenario)
    return out


# Line breaks as editors count them, which is how the facts' lines are numbered.
_LINE_BREAK = re.compile(r"\r\n?|\n")


def source_lines(scenario: LoadedScenario) -> tuple[str, ...]:
    """The scenario's text line by line, for reports that quote the line a fact stands on."""
    return tuple(_LINE_BREAK.split(scenario.document.text.removeprefix("\ufeff")))


def internal_error(exc: Exception, debug: bool) -> str:
    """The message for a fault of ours; with ``debug`` the traceback goes to standard error."""
    if debug:
        traceback.print_exc()
    hint = "" if debug else "; rerun with --debug for the traceback"
    return f"internal error while scoring ({type(exc).__name__}: {exc}){hint}"
