"""--jobs: scoring in worker processes gives the same output, in the same order, as one process."""

from __future__ import annotations

import json
import multiprocessing
import pickle
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.core.selection import Selection
from coopscore.model.rubric import Rubric
from coopscore.pipeline import batch as batching

from .conftest import RUBRICS, SCENARIOS

runner = CliRunner()
BAD = Path(__file__).parent / "bad"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Variants of the bundled scenarios, with bad files among them."""
    target = tmp_path / "scenarios"
    target.mkdir()
    sources = sorted(SCENARIOS.glob("*.yaml"))
    for n in range(14):
        source = sources[n % len(sources)]
        name = f"{n:02d}-{source.stem}"
        text = source.read_text(encoding="utf-8")
        text, found = re.subn(r"(?m)^id: .*$", f"id: {name}", text, count=1)
        assert found
        (target / f"{name}.yaml").write_text(text, encoding="utf-8")
    for n, bad in enumerate(["typo-key", "gbk", "alias-bomb", "two-documents", "empty"]):
        shutil.copy(BAD / f"{bad}.yaml", target / f"{3 * n + 1:02d}-bad-{bad}.yaml")
    return target


def _batch(*arguments: str) -> tuple[int, str]:
    result = runner.invoke(app, ["batch", *arguments])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_jobs_2_writes_byte_for_byte_what_jobs_1_writes(folder: Path, format: str) -> None:
    one = _batch(str(folder), "-f", format, "--jobs", "1")
    two = _batch(str(folder), "-f", format, "--jobs", "2")
    assert one[0] == two[0] == 2  # some files could not be scored
    assert one[1] == two[1]
    expected = batching.expand([str(folder)])
    if format == "jsonl":
        rows = [json.loads(line) for line in two[1].splitlines()]
        paths = [row["path"] if "error" in row else row["scenario"]["path"] for row in rows]
        failed = [row["path"] for row in rows if "error" in row]
        assert len(failed) == 5 and all("-bad-" in path for path in failed)
    else:
        paths = [line.split(",")[1] for line in two[1].splitlines()[1:]]
    assert paths == expected


def test_jobs_2_with_a_rubric_file_and_thresholds(folder: Path) -> None:
    rubric = str(RUBRICS / "yrd-lessons.yaml")
    arguments = [str(folder), "-f", "jsonl", "--rubric", rubric, "--fail-on", "high"]
    assert _batch(*arguments, "--jobs", "1") == _batch(*arguments, "--jobs", "2")


def test_markdown_reports_are_the_same_with_workers(folder: Path, tmp_path: Path) -> None:
    for jobs in ("1", "3"):
        code, _ = _batch(str(folder), "-f", "markdown", "-d", str(tmp_path / jobs), "-j", jobs)
        assert code == 2
    one = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "1").iterdir()}
    three = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "3").iterdir()}
    assert one == three and len(one) == 15  # 14 reports and the index


def test_whole_outcomes_travel_back_with_the_rubric_shared(folder: Path, rubric: Rubric) -> None:
    files = batching.expand([str(folder)])
    alone = list(batching.score_each(files, rubric, Selection()))
    together = list(batching.score_each(files, rubric, Selection(), jobs=2))
    assert together == alone
    scored = [o for o in together if isinstance(o, batching.Scored)]
    assert len(scored) == 14
    # the rubric's parts are this process's own objects, not copies
    first = scored[0].assessment
    assert first.dimensions[0].spec is rubric.dimensions[0]
    assert first.dimensions[0].results[0].spec is rubric.criteria[0].spec


def test_an_assessment_pickles_on_its_own(rubric: Rubric) -> None:
    (outcome,) = batching.score_each(
        [str(SCENARIOS / "middle-reaches-2021.yaml")], rubric, Selection()
    )
    assert isinstance(outcome, batching.Scored)
    assert pickle.loads(pickle.dumps(outcome)) == outcome


def test_jobs_1_scores_in_this_process(
    folder: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(batching, "_Pool", no_pool)
    code, output = _batch(str(folder), "-f", "jsonl", "--jobs", "1")
    assert code == 2 and len(output.splitlines()) == 19
    with pytest.raises(AssertionError, match="pool was started"):
        list(batching.score_each(batching.expand([str(folder)]), rubric, Selection(), jobs=2))


def test_stopping_early_leaves_no_worker_behind(folder: Path, rubric: Rubric) -> None:
    files = batching.expand([str(folder)])
    outcomes: Iterator[batching.Outcome] = batching.score_each(files, rubric, Selection(), jobs=2)
    next(outcomes)
    assert multiprocessing.active_children()
    outcomes.close()  # what Ctrl-C does to the loop that reads the outcomes
    assert not multiprocessing.active_children()


def test_workers_that_start_afresh_load_the_rubric_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batching, "START_METHOD", "spawn")
    rubric = str(RUBRICS / "yrd-lessons.yaml")
    arguments = [str(folder), "-f", "csv", "--rubric", rubric]
    assert _batch(*arguments, "--jobs", "1") == _batch(*arguments, "--jobs", "2")
