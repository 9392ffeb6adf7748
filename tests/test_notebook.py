"""The example notebook runs, in this environment's Python, and its table is the batch CSV."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from typer.testing import CliRunner

from coopscore.cli.app import app

from .conftest import ROOT

# One worker runs the whole module, so that its module-scoped fixture runs once.
pytestmark = pytest.mark.xdist_group("notebook")

NOTEBOOK = ROOT / "docs" / "notebook.ipynb"
KERNEL = "coopscore-test"


# Run after the notebook's own cells: its DataFrame, exactly, as JSON records.
PROBE = (
    "import json, sys\n"
    "records = json.loads(table.to_json(orient='records'))\n"
    "print(json.dumps({'python': sys.executable, 'table': records}))"
)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The notebook run in a kernel of this very interpreter (a kernelspec made for the run),
    with a probe cell appended."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    home = tmp_path_factory.mktemp("jupyter")
    spec = home / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": KERNEL, "language": "python"}),
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(home))
        client = NotebookClient(
            notebook,
            kernel_name=KERNEL,
            timeout=240,
            resources={"metadata": {"path": str(ROOT)}},
        )
        client.execute()
    return notebook


def _outputs(cell: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for output in cell.outputs:
        for kind, value in output.get("data", {}).items():
            found[kind] = value
        if output.get("name") == "stdout":
            found["stdout"] = found.get("stdout", "") + output["text"]
    return found


def test_the_notebook_runs_without_error(executed: Any) -> None:
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert all(o.output_type != "error" for o in cell.outputs), cell.source


def _same(value: Any, cell: str, column: str) -> bool:
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == str(value).lower()
    if isinstance(value, float):
        return f"{value:.{3 if column == 'coverage' else 1}f}" == cell
    return str(value) == cell


def test_its_table_is_the_batch_csv(executed: Any) -> None:
    probe = executed.cells[-1]
    records = json.loads(_outputs(probe)["stdout"])["table"]
    examples = [
        "example:middle-reaches-2021",
        "example:middle-reaches-with-recommendations",
        "example:yangtze-delta-2020",
    ]
    done = CliRunner().invoke(app, ["batch", *examples, "--format", "csv"])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(records) == len(rows) == 3
    for record, row in zip(records, rows, strict=True):
        assert list(record) == list(row)
        for column, cell in row.items():
            assert _same(record[column], cell, column), (column, record[column], cell)


def test_the_kernel_is_this_interpreter(executed: Any) -> None:
    probe = json.loads(_outputs(executed.cells[-1])["stdout"])
    assert Path(probe["python"]).resolve() == Path(sys.executable).resolve()


def test_a_result_shows_its_report_in_the_notebook(executed: Any) -> None:
    last = [c for c in executed.cells if c.cell_type == "code"][-2]
    html = _outputs(last)["text/html"]
    assert html.startswith('<div class="coopscore-report">') and "MOD" in html


def test_the_notebook_is_stored_without_outputs() -> None:
    stored = nbformat.read(Path(NOTEBOOK), as_version=4)
    assert all(not c.get("outputs") for c in stored.cells if c.cell_type == "code")
