"""Start-up stays light: the CLI imports no heavy module until a command needs it.

Each check runs in a fresh interpreter, so that what this test process has imported does not
count. Nothing here is timed: the speed itself is measured by ``bench/run.py``.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coopscore import __version__

from .conftest import ROOT

HEAVY = ("pydantic", "pydantic_core", "rich", "yaml", "tabulate")

# Run the CLI with the given arguments in-process, then report which heavy modules got loaded.
RUN_AND_REPORT = """
import json, sys
from coopscore.cli import app as cli
heavy = set(json.loads(sys.argv[1]))
sys.argv = ["coopscore", *sys.argv[2:]]
status = None
try:
    cli.main()
except SystemExit as stop:
    status = stop.code
loaded = sorted({name.split(".")[0] for name in sys.modules} & heavy)
print(json.dumps({"status": status, "loaded": loaded}), file=sys.stderr)
"""


def _python(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
    )


def _run(*arguments: str) -> tuple[str, int, set[str]]:
    """Standard output, exit status and the heavy modules loaded by ``coopscore ARGUMENTS``."""
    done = _python("-c", RUN_AND_REPORT, json.dumps(HEAVY), *arguments)
    report = json.loads(done.stderr.splitlines()[-1])
    return done.stdout, report["status"], set(report["loaded"])


def test_importing_the_cli_imports_no_heavy_module() -> None:
    code = (
        "import json, sys\nimport coopscore.cli.app\n"
        "print(json.dumps(sorted({n.split('.')[0] for n in sys.modules})))"
    )
    done = _python("-c", code)
    assert done.returncode == 0, done.stderr
    imported = set(json.loads(done.stdout))
    assert "typer" in imported
    assert not imported & set(HEAVY)


def test_version_imports_no_heavy_module() -> None:
    output, status, loaded = _run("--version")
    assert (output, status) == (f"coopscore {__version__}\n", 0)
    assert not loaded


def test_version_before_a_command_imports_no_heavy_module() -> None:
    """Typer's own --version callback answers before the command named after it is loaded."""
    output, status, loaded = _run("--version", "assess", "scenarios/yangtze-delta-2020.yaml")
    assert (output, status) == (f"coopscore {__version__}\n", 0)
    assert not loaded


def test_python_m_coopscore_version_imports_no_heavy_module() -> None:
    done = _python("-X", "importtime", "-m", "coopscore", "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"coopscore {__version__}\n"
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "coopscore" in imported  # the report was read
    assert not imported & {*HEAVY, "typer", "click"}  # answered before the command line loads


def test_a_command_imports_what_it_needs() -> None:
    """The checks above would pass vacuously if the module names were wrong."""
    _, status, loaded = _run("assess", "scenarios/yangtze-delta-2020.yaml", "-f", "json")
    assert status == 0
    assert {"pydantic", "yaml"} <= loaded


# What ``assess`` loads only for another command or another format.
OTHER_WORK = (
    "coopscore.core.compare",
    "coopscore.core.plan",
    "coopscore.core.sensitivity",
    "coopscore.core.agreement",
    "coopscore.core.cluster",
    "coopscore.formats.compare_out",
    "coopscore.formats.plan_out",
    "coopscore.formats.sensitivity_out",
    "coopscore.formats.agree_out",
    "coopscore.report.summary",
    "coopscore.formats.ranks",
    "rich",
    "jinja2",
    "tabulate",
)


@pytest.mark.parametrize(
    ("format", "needs"),
    [
        ("json", {"coopscore.formats.json_out", "coopscore.core.next_facts"}),
        ("table", {"coopscore.formats.to_terminal", "rich"}),
        ("markdown", {"coopscore.formats.to_markdown"}),
        ("html", {"coopscore.formats.as_html", "jinja2"}),
    ],
)
def test_assess_imports_only_the_format_it_renders(format: str, needs: set[str]) -> None:
    """``assess -f FORMAT`` imports that format and what it shows, and no other analysis."""
    code = RUN_AND_REPORT.replace(
        'loaded = sorted({name.split(".")[0] for name in sys.modules} & heavy)',
        "loaded = sorted(name for name in sys.modules if name in heavy)",
    )
    watched = sorted({*OTHER_WORK, *needs})
    done = _python(
        "-c", code, json.dumps(watched), "assess", "scenarios/yangtze-delta-2020.yaml", "-f", format
    )
    report = json.loads(done.stderr.splitlines()[-1])
    assert report["status"] in (None, 0)
    loaded = set(report["loaded"])
    assert needs <= loaded  # the names are right: the check below is not vacuous
    others = set(OTHER_WORK) - needs
    if format in ("markdown", "html"):  # their module defines the index's rows too
        others.discard("coopscore.report.summary")
    assert not loaded & others


@pytest.mark.parametrize("format", ["jsonl", "csv", "json"])
def test_streaming_batch_formats_import_no_terminal_or_table_library(format: str) -> None:
    _, status, loaded = _run("batch", "scenarios", "-f", format, "--jobs", "1")
    assert status == 0
    assert {"pydantic", "yaml"} <= loaded
    assert not loaded & {"rich", "tabulate"}


def test_importing_the_models_builds_no_validator() -> None:
    """Validators are built when something is validated, not one per class at import (the
    models are declared with ``defer_build``). Bilingual is the exception: its instances are
    default values."""
    code = (
        "import json\n"
        "from pydantic import BaseModel\n"
        "import coopscore.model.scenario, coopscore.model.rubric\n"
        "models = [m for module in (coopscore.model.scenario, coopscore.model.rubric)\n"
        "          for m in vars(module).values()\n"
        "          if isinstance(m, type) and issubclass(m, BaseModel) and m is not BaseModel]\n"
        "built = [m.__name__ for m in models if m.__pydantic_complete__]\n"
        "print(json.dumps([len(models), built]))\n"
    )
    done = _python("-c", code)
    assert done.returncode == 0, done.stderr
    count, built = json.loads(done.stdout)
    assert count > 30  # the scenario and rubric models were found
    assert built == ["Bilingual"]


# Run the CLI with the arguments that follow the script in-process; ``status`` is its exit code.
RUN_CLI = """
import dataclasses, json, sys
from coopscore.cli import app as cli
sys.argv = ["coopscore", *sys.argv[1:]]
status = None
try:
    cli.main()
except SystemExit as stop:
    status = stop.code
"""

# ... then report which command modules got loaded.
RUN_AND_LIST_COMMANDS = (
    RUN_CLI
    + """
prefix = "coopscore.cli.commands."
loaded = sorted(n[len(prefix):] for n in sys.modules if n.startswith(prefix))
print(json.dumps({"status": status, "commands": loaded}), file=sys.stderr)
"""
)


def _commands_loaded(*arguments: str) -> tuple[int, list[str]]:
    """Exit status and the command modules imported by ``coopscore ARGUMENTS``."""
    done = _python("-c", RUN_AND_LIST_COMMANDS, *arguments)
    report = json.loads(done.stderr.splitlines()[-1])
    return report["status"], report["commands"]


def test_importing_the_cli_imports_no_command_module() -> None:
    code = "import sys\nimport coopscore.cli.app\nprint(sorted(sys.modules))"
    done = _python("-c", code)
    assert done.returncode == 0, done.stderr
    assert "coopscore.cli.app" in done.stdout
    assert "coopscore.cli.commands." not in done.stdout


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["examples"], ["examples"]),
        (["schema", "--help"], ["schema"]),
        (["rubric", "list", "--dimension", "D1"], ["rubric"]),
        (["init", "-"], ["init"]),
        (["--version"], []),
    ],
)
def test_a_command_imports_no_other_commands_module(
    arguments: list[str], expected: list[str]
) -> None:
    status, loaded = _commands_loaded(*arguments)
    assert (status, loaded) == (0, expected)


@pytest.mark.parametrize("arguments", [["--help"], ["asess"]])
def test_the_command_list_and_a_typo_import_no_command_module(arguments: list[str]) -> None:
    """Listing the commands needs their names and summaries, not their modules."""
    _, loaded = _commands_loaded(*arguments)
    assert loaded == []


def test_version_loads_no_library_module() -> None:
    """The console entry answers ``--version`` before it imports ``typing`` or the command line."""
    done = _python("-X", "importtime", "-m", "coopscore", "--version")
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "coopscore.entry" in imported  # the report was read
    assert not imported & {"typing", "coopscore.signals", "coopscore.cli"}


# The console entry ends the process without interpreter teardown. Output must be buffered,
# as in an analyst's shell, for these checks to see that it is flushed first.
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def _console(
    *arguments: str, stdout: int | None = subprocess.PIPE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coopscore", *arguments],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
        env=BUFFERED if env is None else env,
    )


@pytest.mark.parametrize(("extra", "code"), [([], 0), (["--fail-under", "99"], 1)])
def test_the_console_entry_flushes_its_output_and_keeps_the_exit_code(
    extra: list[str], code: int
) -> None:
    done = _console("assess", "scenarios/middle-reaches-2021.yaml", "-f", "json", *extra)
    assert done.returncode == code, done.stderr
    assert json.loads(done.stdout)["scenario"]["id"] == "middle-reaches-2021"  # all of it
    assert "Traceback" not in done.stderr


def test_the_console_entry_leaves_no_temporary_file(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    done = _console(
        "assess", "scenarios/middle-reaches-2021.yaml", "-f", "markdown", "-o", str(report)
    )
    assert done.returncode == 0, done.stderr
    assert report.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


@pytest.mark.parametrize("arguments", [["--version"], ["examples"]])
def test_a_full_disk_behind_standard_output_is_one_line_and_exit_2(
    arguments: list[str],
) -> None:
    """Output that could not be delivered is said, never left to the interpreter's exit."""
    with open("/dev/full", "w") as full:
        done = _console(*arguments, stdout=full.fileno())
    assert done.returncode == 2
    assert done.stderr == "error: cannot write to standard output: no space left on the device\n"


@pytest.mark.parametrize("arguments", [["--version"], ["examples"]])
def test_a_closed_pipe_behind_standard_output_ends_the_run_quietly_with_141(
    arguments: list[str],
) -> None:
    read, write = os.pipe()
    os.close(read)  # nothing will read: every write fails with EPIPE
    try:
        done = _console(*arguments, stdout=write)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


# The console entry, with an exit callback that reports what pydantic will see of plugins.
ENTRY_WITH_CALLBACK = """
import atexit, os, sys
from coopscore import entry
atexit.register(lambda: print("plugins:", os.environ.get(entry.PLUGINS_VARIABLE), file=sys.stderr))
sys.argv = ["coopscore", "examples"]
entry.main()
"""


@pytest.mark.parametrize(("given", "seen"), [(None, "__all__"), ("", ""), ("logfire", "logfire")])
def test_the_console_entry_runs_exit_callbacks_and_turns_plugins_off_unless_told(
    given: str | None, seen: str
) -> None:
    env = {k: v for k, v in BUFFERED.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    done = subprocess.run(
        [sys.executable, "-c", ENTRY_WITH_CALLBACK],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "example:" in done.stdout
    assert done.stderr.splitlines()[-1] == f"plugins: {seen}"


# A command run in-process through ``entry.run``: its exit code, the collector's passes during
# it, the collector's settings after it, and whether the environment was left alone.
IN_PROCESS = """
import gc, json, os, sys
from coopscore import entry
gc.set_threshold(321, 7, 8)
passes = []
def seen(phase, info):
    if phase == "start":
        passes.append(info["generation"])
gc.callbacks.append(seen)
sys.argv = ["coopscore", *sys.argv[1:]]
gc.collect()  # the young generation's count starts from nothing
passes.clear()
code = entry.run()
gc.callbacks.clear()
env = os.environ.get(entry.PLUGINS_VARIABLE)
print(json.dumps({"code": code, "passes": passes, "after": gc.get_threshold(), "env": env}))
"""


def test_a_command_run_in_process_collects_no_garbage_and_restores_the_collector() -> None:
    env = {k: v for k, v in BUFFERED.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            IN_PROCESS,
            "assess",
            "scenarios/middle-reaches-2021.yaml",
            "-f",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["code"] == 0
    assert report["passes"] == []  # start-up allocates fewer objects than START_THRESHOLD
    assert report["after"] == [321, 7, 8]
    assert report["env"] is None  # only the console entry sets it


def test_a_batch_inside_the_held_off_collector_collects_and_gives_it_back() -> None:
    """A long batch sets its own thresholds (``long_run``) and puts the start-up ones back."""
    from coopscore import entry
    from coopscore.pipeline import batch

    before = gc.get_threshold()
    with entry.CollectorHeldOff():
        held = gc.get_threshold()
        assert held == (entry.START_THRESHOLD, *before[1:])
        with batch.long_run():
            assert gc.get_threshold() != held and gc.get_threshold()[0] > 0 and gc.isenabled()
        assert gc.get_threshold() == held
    assert gc.get_threshold() == before


# Run the CLI in-process, then list the dataclasses coopscore defined.
RUN_AND_LIST_DATACLASSES = (
    RUN_CLI
    + """
found = sorted(
    f"{name}.{value.__qualname__}"
    for name, module in list(sys.modules.items())
    if name.startswith("coopscore") and module is not None
    for value in vars(module).values()
    if isinstance(value, type) and value.__module__ == name and dataclasses.is_dataclass(value)
)
records = sum(
    1
    for name, module in list(sys.modules.items())
    if name.startswith("coopscore") and module is not None
    for value in vars(module).values()
    if isinstance(value, type) and value.__module__ == name and tuple in value.__mro__
)
print(json.dumps({"status": status, "dataclasses": found, "records": records}), file=sys.stderr)
"""
)


# Defining a dataclass compiles its generated methods (about four times what a NamedTuple costs),
# and a command pays for every one it defines at start-up. The few a command may still define:
# the report's words (``report.notes``) and a batch's summary rows (``report.summary``).
@pytest.mark.parametrize(
    ("arguments", "allowed"),
    [
        (("assess", "scenarios/middle-reaches-2021.yaml", "-f", "json"), 2),
        (("batch", "scenarios", "-f", "jsonl", "--jobs", "1"), 5),
    ],
    ids=["assess-json", "batch-jsonl"],
)
def test_the_records_on_the_start_up_path_are_not_dataclasses(
    arguments: tuple[str, ...], allowed: int
) -> None:
    """The records a command defines on its way are NamedTuples or classes with ``__slots__``,
    not dataclasses, which cost start-up time to define."""
    done = _python("-c", RUN_AND_LIST_DATACLASSES, *arguments)
    report = json.loads(done.stderr.splitlines()[-1])
    assert report["status"] in (None, 0), done.stderr
    assert report["records"] > 30  # the records were found: the check below is not vacuous
    found = report["dataclasses"]
    assert len(found) <= allowed, (
        f"{len(found)} dataclasses defined by `coopscore {' '.join(arguments)}`, at most "
        f"{allowed} allowed: each costs start-up time to define; make a frozen "
        f"record a typing.NamedTuple, another a class with __slots__: {found}"
    )


# The options of a Typer command, as a click command holds them: each one's flags, whether it is
# a flag, whether it takes several values, and the Python type its value is coerced to.
PARAMETERS = """
import json, sys, typing
import typer.main
def shape(command):
    rows = []
    for p in command.params:
        kind = p.type_descriptor.annotation
        rows.append([p.name, sorted(p.opts), bool(getattr(p, "is_flag", False)), p.multiple,
                     str(kind).replace("typing.", "")])
    return sorted(rows)
"""


def test_the_benchmarks_typer_floor_has_the_options_of_assess() -> None:
    """``bench/run.py`` measures what Typer alone costs running a command like ``assess``: its
    stand-in must keep the real command's options and their types to measure that."""
    import runpy

    floor = runpy.run_path(str(ROOT / "bench" / "run.py"), run_name="bench")["TYPER_COMMAND_FLOOR"]
    stand_in = floor.replace('app(prog_name="coopscore")', "")
    ours = (
        PARAMETERS
        + "from coopscore.cli.app import build\n"
        + "app = build(['assess'])\n"
        + "group = typer.main.get_command(app)\n"
        + "print(json.dumps(shape(group.commands['assess'])))\n"
    )
    theirs = (
        PARAMETERS
        + stand_in
        + "group = typer.main.get_command(app)\n"
        + "print(json.dumps(shape(group.commands['assess'])))\n"
    )
    real, mirrored = (json.loads(_python("-c", code).stdout) for code in (ours, theirs))
    assert real and mirrored == [[*row[:4], _enum(row[0], row[4])] for row in real]


def _enum(name: str, kind: str) -> str:
    """An enum's type named as the stand-in names it (the values are what Typer coerces to)."""
    if not kind.startswith("<enum "):
        return kind
    return {"lang": "<enum 'Lang'>", "fail_on": "<enum 'Severity'>"}.get(name, kind)


# The console entry's plugin setting and stand-in, then a pydantic model built and validated:
# what pydantic's plugin lookup answers, and whether ``importlib.metadata`` was imported.
PLUGIN_LOOKUP = """
import json, os, sys
from coopscore import entry
given = sys.argv[1]
if given != "-":
    os.environ[entry.PLUGINS_VARIABLE] = given
os.environ.setdefault(entry.PLUGINS_VARIABLE, "__all__")
entry.skip_plugin_lookup()
from pydantic import BaseModel
class Point(BaseModel):
    x: int
Point(x=1)
before = "importlib.metadata" in sys.modules
from pydantic.plugin import _loader
answer = list(_loader.get_plugins())
group = _loader.PYDANTIC_ENTRY_POINT_GROUP  # not the stand-in's: pydantic's own loader's
os.environ[entry.PLUGINS_VARIABLE] = ""  # plugins back on: the loader itself answers
again = list(_loader.get_plugins())
real = sys.modules["pydantic.plugin._loader"].get_plugins is not entry._no_plugins
print(json.dumps([before, answer, group, again, real]))
"""


@pytest.mark.parametrize("given", ["-", "1", "true", "__all__"])
def test_with_plugins_off_pydantic_finds_none_without_reading_package_metadata(
    given: str,
) -> None:
    done = _python("-c", PLUGIN_LOOKUP, given)
    assert done.returncode == 0, done.stderr
    before, answer, group, again, real = json.loads(done.stdout)
    assert before is False  # importlib.metadata is not imported to learn there is nothing
    assert answer == []
    assert group == "pydantic"
    assert again == []  # nothing installed here registers a pydantic plugin
    assert real is True


def test_with_some_plugins_named_pydantic_looks_them_up_itself() -> None:
    done = _python("-c", PLUGIN_LOOKUP, "logfire")
    assert done.returncode == 0, done.stderr
    before, answer, *_ = json.loads(done.stdout)
    assert before is True  # no stand-in: pydantic's loader, and importlib.metadata, are used
    assert answer == []
