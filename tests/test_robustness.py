"""No input makes coopscore crash: random documents, mutated scenarios, interrupts and kills."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coopscore.cli import app as cli
from coopscore.cli.app import app
from coopscore.model.scenario import Scenario
from coopscore.model.yamlload import MAX_BYTES
from coopscore.pipeline import batch as batching

from .conftest import SCENARIOS

runner = CliRunner()
FIELDS = [*Scenario.model_fields, "membres", "name", "year", "mode", "status", "<<"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["no", "yes", "2021-03-16", "~", "0x1F", "industrial", "stalled", ""]),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(FIELDS), children, max_size=5),
    ),
    max_leaves=25,
)
FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _assess_text(text: str | bytes) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        result = runner.invoke(app, ["assess", str(path), "-f", "json"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_cli_default_size_limit_is_the_loaders() -> None:
    assert cli.DEFAULT_MAX_BYTES == MAX_BYTES


@FAST
@given(DOCUMENTS, st.booleans())
def test_random_documents_never_crash(document: object, with_version: bool) -> None:
    if with_version and isinstance(document, dict):
        document = {"schema_version": 1, **document}
    code, output = _assess_text(yaml.safe_dump(document, allow_unicode=True))
    assert code in (0, 1, 2)
    if code == 2:
        assert "error: " in output and "fuzz.yaml" in output


@FAST
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_random_bytes_and_text_never_crash(raw: bytes | str) -> None:
    code, _ = _assess_text(raw)
    assert code in (0, 1, 2)


SOURCES = {p.name: p.read_text(encoding="utf-8").splitlines() for p in SCENARIOS.glob("*.yaml")}


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A bundled scenario with a few lines deleted, doubled, re-indented or garbled."""
    lines = list(SOURCES[draw(st.sampled_from(sorted(SOURCES)))])
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "double", "indent", "dedent", "garble", "swap"]))
        if action == "delete":
            del lines[i]
        elif action == "double":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = "  " + lines[i]
        elif action == "dedent":
            lines[i] = lines[i].lstrip()
        elif action == "garble":
            pos = draw(st.integers(0, max(len(lines[i]) - 1, 0)))
            lines[i] = (
                lines[i][:pos]
                + draw(st.sampled_from([":", "[", "{", "'", "-", "\t", "*x", "&"]))
                + lines[i][pos:]
            )
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines) + "\n"


@FAST
@given(mutated())
def test_mutated_scenarios_never_crash(text: str) -> None:
    code, output = _assess_text(text)
    assert code in (0, 1, 2)
    if code == 2:
        assert "fuzz.yaml" in output


@settings(max_examples=15, deadline=None)
@given(st.lists(mutated(), min_size=2, max_size=5))
def test_batch_names_every_failing_file(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, text in enumerate(texts):
            path = Path(folder) / f"s{n}.yaml"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        result = runner.invoke(app, ["batch", folder, "-f", "jsonl"])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code in (0, 1, 2)
        import json

        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(rows) == len(paths)
        failed = [r for r in rows if "error" in r]
        assert (result.exit_code == 2) == bool(failed)
        for row in failed:
            assert row["path"] in {str(p) for p in paths} and row["error"]


def test_ctrl_c_during_a_batch_keeps_written_reports_and_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = batching.score_each

    def interrupted(*args: object, **kwargs: object) -> Iterator[batching.Outcome]:
        for n, outcome in enumerate(real(*args, **kwargs)):  # type: ignore[arg-type]
            if n == 1:
                raise KeyboardInterrupt
            yield outcome

    monkeypatch.setattr(batching, "score_each", interrupted)
    out = tmp_path / "reports"
    result = runner.invoke(app, ["batch", str(SCENARIOS), "-f", "markdown", "-d", str(out)])
    assert result.exit_code == 130
    assert "interrupted" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["middle-reaches-2021.md"]


KILLER = """
import os, signal, sys
from coopscore.files.fsio import atomic_writer
with atomic_writer(sys.argv[1]) as out:
    out.write("new " * 100000)
    out.flush()
    if sys.argv[2] == "mid":
        os.kill(os.getpid(), signal.SIGKILL)
if sys.argv[2] == "after":
    os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.parametrize(("when", "expected"), [("mid", "old"), ("after", "new")])
def test_a_killed_report_write_leaves_the_old_file_or_the_new_one(
    tmp_path: Path, when: str, expected: str
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old report", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", KILLER, str(target), when], check=False)
    assert done.returncode == -signal.SIGKILL
    text = target.read_text(encoding="utf-8")
    if expected == "old":
        assert text == "old report"
    else:
        assert text == "new " * 100000
    assert os.path.getsize(target) in (len("old report"), len("new " * 100000))
