"""Batch scoring: paths, formats, failures that do not stop the run, streaming, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from coopscore.cli import sinks
from coopscore.cli.app import app
from coopscore.core.selection import Selection
from coopscore.errors import InputError
from coopscore.files.fsio import atomic_writer, protect, write_text
from coopscore.formats import as_jsonl
from coopscore.model.rubric import Rubric
from coopscore.pipeline import batch as batching

from .conftest import SCENARIOS
from .ruled import column

runner = CliRunner()
BUNDLED = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))  # each file's id is its stem


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for f in SCENARIOS.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "bad.yaml").write_text("schema_version: 1\nmembres: []\n", encoding="utf-8")
    (tmp_path / "broken.yml").write_text("a: [1,\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a scenario", encoding="utf-8")
    return tmp_path


def test_expand_folders_globs_files_and_stdin(folder: Path) -> None:
    names = [Path(p).name for p in batching.expand([str(folder)])]
    assert names == sorted(names) and "notes.txt" not in names and len(names) == len(BUNDLED) + 2
    assert [Path(p).name for p in batching.expand([str(folder / "y*.yaml")])] == [
        "yangtze-delta-2020.yaml"
    ]
    stdin = io.StringIO(f"{folder / 'bad.yaml'}\n\n# comment\n{folder / 'bad.yaml'}\n")
    assert batching.expand(["-"], stdin) == [str(folder / "bad.yaml")]
    assert batching.expand([str(folder / "nothing*.yaml")]) == [str(folder / "nothing*.yaml")]


def test_batch_scores_the_good_and_names_the_bad(folder: Path) -> None:
    result = runner.invoke(app, ["batch", str(folder), "-f", "jsonl"])
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    errors = {Path(o["path"]).name: o for o in lines if "error" in o}
    scored = {o["scenario"]["id"] for o in lines if "scenario" in o}
    assert scored == set(BUNDLED)
    assert set(errors) == {"bad.yaml", "broken.yml"}
    assert "line 2" in errors["bad.yaml"]["error"] and "membres" in errors["bad.yaml"]["error"]
    assert errors["broken.yml"]["problems"][0]["line"] is not None
    assert f"2 of {len(BUNDLED) + 2} files could not be scored" in result.output


def test_exit_codes_for_clean_and_breached_batches() -> None:
    assert runner.invoke(app, ["batch", str(SCENARIOS), "-f", "csv"]).exit_code == 0
    result = runner.invoke(app, ["batch", str(SCENARIOS), "-f", "csv", "--fail-under", "75"])
    assert result.exit_code == 1 and "middle-reaches-2021: score" in result.output
    assert runner.invoke(app, ["batch", str(SCENARIOS), "--fail-on", "high"]).exit_code == 1


def test_json_is_an_array_of_contract_objects() -> None:
    result = runner.invoke(app, ["batch", str(SCENARIOS), "-f", "json"])
    data = json.loads(result.stdout)
    assert [d["scenario"]["id"] for d in data] == BUNDLED
    assert all({"score", "gaps", "dimensions", "recommendations"} <= set(d) for d in data)


def test_csv_has_overall_and_dimension_columns(folder: Path) -> None:
    result = runner.invoke(app, ["batch", str(folder), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [f"D{i}" for i in range(1, 9)] <= list(rows[0])
    by_path = {Path(r["path"]).name: r for r in rows}
    mr = json.loads(
        runner.invoke(
            app, ["assess", str(SCENARIOS / "middle-reaches-2021.yaml"), "-f", "json"]
        ).stdout
    )
    row = by_path["middle-reaches-2021.yaml"]
    assert float(row["score"]) == mr["score"]
    assert [row[f"D{i}"] for i in range(1, 9)] == [
        "" if d["score"] is None else f"{d['score']:.1f}" for d in mr["dimensions"]
    ]
    assert by_path["bad.yaml"]["error"] and not by_path["bad.yaml"]["score"]


def test_table_ranks_by_score() -> None:
    result = runner.invoke(app, ["batch", str(SCENARIOS)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    out = result.stdout
    assert out.index("Yangtze River Delta") < out.index("Middle Reaches")


class _Kept(io.StringIO):
    """A scratch file that keeps its text after it is closed, for the test to read."""

    def close(self) -> None:
        self.kept = self.getvalue()
        super().close()


def test_jsonl_holds_its_lines_in_scratch_until_every_file_is_scored(rubric: Rubric) -> None:
    out, scratch = io.StringIO(), _Kept()
    jsonl = as_jsonl.JsonlWriter(out, "en", lambda: scratch)
    writer = sinks.Stream(jsonl)
    files = [str(SCENARIOS / "middle-reaches-2021.yaml")] * 3
    seen: list[tuple[int, int]] = []

    def watched() -> Iterator[batching.Outcome]:
        for outcome in batching.score_each(files, rubric, Selection()):
            seen.append((out.getvalue().count("\n"), scratch.getvalue().count("\n")))
            yield outcome

    for outcome in watched():
        writer.add(outcome)
    # each scored file is in the scratch file by the time the next is scored; memory keeps
    # only what ranking needs, never the assessment
    assert seen == [(0, 0), (0, 1), (0, 2)]
    assert [type(p).__name__ for p in jsonl.held.placings] == ["Placing"] * 3
    writer.close()
    assert scratch.closed and scratch.kept.count("\n") == 3
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["scenario"]["id"] for line in lines] == ["middle-reaches-2021"] * 3
    # three equal encodings: any order is possible, none is separable
    assert [line["rank_range"] for line in lines] == [{"best": 1, "worst": 3}] * 3
    assert [line["separable"] for line in lines] == [False] * 3
    assert [line["rank"] for line in lines] == [1, 2, 3]


def test_markdown_batch_writes_reports_and_an_index_linking_each(
    folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "reports" / "nested"
    result = runner.invoke(app, ["batch", str(folder), "-f", "markdown", "-d", str(target)])
    assert result.exit_code == 2  # two bad inputs
    written = sorted(p.name for p in target.iterdir())
    assert written == ["index.md", *(f"{name}.md" for name in BUNDLED)]
    index = (target / "index.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(index)
    links = {
        child.attrs["href"]
        for t in tokens
        if t.type == "inline"
        for child in t.children or []
        if child.type == "link_open"
    }
    assert links == {f"{name}.md" for name in BUNDLED}
    assert "bad.yaml" in index and "broken.yml" in index


def test_markdown_batch_needs_an_output_dir() -> None:
    result = runner.invoke(app, ["batch", str(SCENARIOS), "-f", "markdown"])
    assert result.exit_code == 2 and "--output-dir" in result.output


def test_no_files_found_is_an_input_error(tmp_path: Path) -> None:
    assert runner.invoke(app, ["batch", str(tmp_path)]).exit_code == 2


def test_atomic_write_keeps_the_old_file_when_interrupted(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_writer(target) as handle:
        handle.write("new, half written")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"


def test_never_writes_over_an_input(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    shutil.copy(SCENARIOS / "yangtze-delta-2020.yaml", scenario)
    before = scenario.read_bytes()
    with pytest.raises(InputError, match="input of this run"):
        write_text(scenario, "x", protected=protect([str(scenario)]))
    result = runner.invoke(app, ["assess", str(scenario), "-f", "markdown", "-o", str(scenario)])
    assert result.exit_code == 2 and scenario.read_bytes() == before
    result = runner.invoke(app, ["batch", str(scenario), "-f", "csv", "-o", str(scenario)])
    assert result.exit_code == 2 and scenario.read_bytes() == before


def test_batch_output_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "out" / "scores.csv"
    refused = runner.invoke(app, ["batch", str(SCENARIOS), "-f", "csv", "-o", str(target)])
    assert refused.exit_code == 2 and not target.parent.exists()  # a missing folder is not made
    target.parent.mkdir()
    assert (
        runner.invoke(app, ["batch", str(SCENARIOS), "-f", "csv", "-o", str(target)]).exit_code == 0
    )
    assert target.read_text(encoding="utf-8").startswith("id,path,name")


@pytest.mark.parametrize(
    ("quiet", "to_file", "stdout_tty", "stderr_tty", "expected"),
    [
        (False, False, True, True, True),
        (True, False, True, True, False),
        (False, False, False, True, False),  # results piped
        (False, True, False, True, True),  # results go to files; the person watches stderr
        (False, True, True, False, False),
    ],
)
def test_progress_bar_only_for_a_person_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
    quiet: bool,
    to_file: bool,
    stdout_tty: bool,
    stderr_tty: bool,
    expected: bool,
) -> None:
    import sys

    from coopscore.cli import app as cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: stdout_tty, raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: stderr_tty, raising=False)
    assert cli.show_progress(quiet, to_file) is expected


def test_duplicate_ids_get_report_names_no_other_id_can_have(tmp_path: Path) -> None:
    text = (SCENARIOS / "yangtze-delta-2020.yaml").read_text(encoding="utf-8")
    inputs = tmp_path / "in"
    inputs.mkdir()
    # two files stating the id "same", and one whose id is what a naive suffix would give
    for name, scenario_id in (("a", "same"), ("b", "same"), ("c", "same-2"), ("d", "index")):
        (inputs / f"{name}.yaml").write_text(
            text.replace("id: yangtze-delta-2020", f"id: {scenario_id}"), encoding="utf-8"
        )
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(inputs), "-f", "markdown", "-d", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 5 and "index.md" in names  # four reports, none overwritten
    index = (out / "index.md").read_text(encoding="utf-8")
    for name in ("a", "b", "c", "d"):
        assert f"{inputs / name}.yaml" in index  # the index says which file went where


def test_a_default_id_from_a_file_name_is_a_valid_id(tmp_path: Path) -> None:
    text = (SCENARIOS / "yangtze-delta-2020.yaml").read_text(encoding="utf-8")
    hostile = tmp_path / "My <b>Cluster<b> `2021`.yaml"
    hostile.write_text(text.replace("id: yangtze-delta-2020\n", ""), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(hostile), "-f", "markdown", "-d", str(out)])
    assert result.exit_code == 0, result.output
    reports = sorted(p.name for p in out.iterdir() if p.name != "index.md")
    assert reports == ["my-b-cluster-b-2021.md"]


def test_a_report_that_cannot_be_written_fails_only_its_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "middle-reaches-2021.md").mkdir()  # a folder where one report should go
    result = runner.invoke(app, ["batch", str(SCENARIOS), "-f", "markdown", "-d", str(out)])
    assert result.exit_code == 2
    assert (out / "yangtze-delta-2020.md").is_file() and (out / "index.md").is_file()
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "middle-reaches-2021.yaml" in index and "folder" in index


def test_csv_and_index_columns_come_from_the_rubric(tmp_path: Path) -> None:
    import yaml

    from coopscore.pipeline.inputs import default_rubric_file

    data = yaml.safe_load(Path(default_rubric_file()).read_text(encoding="utf-8"))
    ninth = dict(data["dimensions"][-1], id="D9")
    data["dimensions"].append(ninth)
    moved = next(c for c in data["criteria"] if c["dimension"] == data["dimensions"][0]["id"])
    moved["dimension"] = "D9"
    rubric = tmp_path / "nine.yaml"
    rubric.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["batch", str(SCENARIOS), "-f", "csv", "--rubric", str(rubric)])
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split(",")
    assert [h for h in header if h.startswith("D")] == [f"D{n}" for n in range(1, 10)]
    out = tmp_path / "out"
    args = ["batch", str(SCENARIOS), "-f", "markdown", "-d", str(out), "--rubric", str(rubric)]
    assert runner.invoke(app, args).exit_code == 0
    index = (out / "index.md").read_text(encoding="utf-8")
    matrix = index.split("\n## ")[2].splitlines()
    header_row = next(line for line in matrix if line.startswith("|"))
    assert [c.strip() for c in header_row.strip("|").split("|")][-1] == "D9"


def test_a_batch_puts_the_garbage_collector_back_as_it_found_it() -> None:
    import gc

    before = gc.get_threshold(), gc.get_freeze_count()
    result = runner.invoke(app, ["batch", str(SCENARIOS), "-f", "jsonl", "--jobs", "1"])
    assert result.exit_code == 0
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_the_ranking_folds_paths_so_no_two_rows_look_alike() -> None:
    result = runner.invoke(app, ["batch", str(SCENARIOS), "-q"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines) and "…" not in result.stdout
    files = column(result.stdout, 3, "")  # a path folds at / and -, and is read back whole
    for path in sorted(SCENARIOS.glob("*.yaml")):
        assert sum(shown.endswith("/" + path.name) for shown in files) == 1, files


def test_a_markdown_batch_says_what_it_wrote(tmp_path: Path) -> None:
    target = tmp_path / "reports"
    result = runner.invoke(app, ["batch", str(SCENARIOS), "-f", "markdown", "-d", str(target)])
    assert result.exit_code == 0
    count = len(list(SCENARIOS.glob("*.yaml")))
    assert count > 1 and f"note: wrote {count} reports and " in result.stderr
    assert "index.md" in result.stderr


def test_the_progress_bar_is_cleared_before_the_ranking_is_printed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bar left on screen would run into the table (``… 91% 0:00:01Ranking``)."""
    from coopscore.cli.commands import batch as command

    events: list[str] = []

    class Bar:
        def __enter__(self) -> Bar:
            return self

        def __exit__(self, *exc: object) -> None:
            events.append("exit")

        def add_task(self, *args: object, **kwargs: object) -> int:
            return 0

        def advance(self, task: int) -> None: ...

        def refresh(self) -> None: ...

        def stop(self) -> None:
            events.append("stop")

    real = sinks.Stream.close

    def close(self: sinks.Stream) -> None:
        events.append("table")
        real(self)

    monkeypatch.setattr(command, "_progress", lambda quiet, to_file: Bar())
    monkeypatch.setattr(sinks.Stream, "close", close)
    result = runner.invoke(app, ["batch", str(SCENARIOS)])
    assert result.exit_code == 0, result.output
    assert events.index("stop") < events.index("table")


@pytest.mark.parametrize("format", ["table", "markdown"])
def test_a_batch_where_nothing_scored_says_so_instead_of_an_empty_ranking(
    tmp_path: Path, format: str
) -> None:
    missing = str(tmp_path / "gone.yaml")
    folder = tmp_path / "reports"
    extra = ["-d", str(folder)] if format == "markdown" else []
    result = runner.invoke(app, ["batch", missing, "-f", format, *extra])
    assert result.exit_code == 2
    text = (folder / "index.md").read_text(encoding="utf-8") if extra else result.stdout
    assert "No scenario could be scored." in text and "gone.yaml" in text
    assert "Bounds" not in text  # no ranking table's header without a row


@pytest.mark.parametrize(
    ("command", "suffix", "first"),
    [
        (["batch", "example:middle-reaches-2021", "-q"], ".csv", "id,path,name"),
        (["batch", "example:middle-reaches-2021", "-q"], ".jsonl", '{"coopscore_version"'),
        (["trend", str(SCENARIOS / "middle-reaches-panel")], ".csv", "cluster,year,dimension"),
        (["trend", str(SCENARIOS / "middle-reaches-panel")], ".json", "{"),
    ],
)
def test_without_format_the_output_file_s_extension_names_it(
    tmp_path: Path, command: list[str], suffix: str, first: str
) -> None:
    """As for assess: -o FILE's extension picks the format when --format is not given."""
    target = tmp_path / f"out{suffix}"
    result = CliRunner().invoke(app, [*command, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(first)


def test_a_report_is_named_after_its_file_so_snapshots_of_one_cluster_stay_apart(
    tmp_path: Path,
) -> None:
    """Snapshots share their cluster's id; each report takes its file's name (as a slug), and a
    name given twice gets a number no slug can hold."""
    panel = sorted((SCENARIOS / "middle-reaches-panel").glob("*.yaml"))
    args = ["batch", *map(str, panel), str(SCENARIOS / "middle-reaches-2021.yaml"), "-q"]
    out = tmp_path / "reports"
    result = runner.invoke(app, [*args, "-f", "markdown", "-d", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    stems = [p.stem for p in panel]
    assert names == sorted(["index.md", *(f"{s}.md" for s in stems), "middle-reaches-2021.2.md"])
    index = (out / "index.md").read_text(encoding="utf-8")
    assert all(f"({name})" in index for name in names if name != "index.md")
