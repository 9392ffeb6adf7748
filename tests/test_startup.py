"""Start-up stays light: the CLI imports no heavy module until a command needs it.

Each check runs in a fresh interpreter, so that what this test process has imported does not
count. Nothing here is timed: the speed itself is measured by ``bench/run.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys

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


def test_version_through_the_typer_app_imports_no_heavy_module() -> None:
    """Typer's own --version callback, after it has built every command's options."""
    code = RUN_AND_REPORT.replace("cli.main()", "cli.app(sys.argv[1:], prog_name='coopscore')")
    assert code != RUN_AND_REPORT
    done = _python("-c", code, json.dumps(HEAVY), "--version")
    report = json.loads(done.stderr.splitlines()[-1])
    assert done.stdout == f"coopscore {__version__}\n"
    assert report == {"status": 0, "loaded": []}


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
