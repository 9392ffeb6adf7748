"""Rank ranges in every batch output: JSON, JSON Lines, CSV, and the Markdown and HTML index.

The expected ranges come from the core's ``rank_ranges`` over each file's exact bounds; a file
that fails gets no rank and moves no one else's.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.core.bounds import rank_ranges
from coopscore.model.rubric import Rubric
from coopscore.pipeline import scoring
from coopscore.report.summary import Placing, standings_in_order

from .conftest import SCENARIOS

runner = CliRunner()
BAD = "schema_version: 1\nmembres: []\n"


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    """The bundled scenarios with a failing file in the middle of them, in input order."""
    names = sorted(p.name for p in SCENARIOS.glob("*.yaml"))
    out = []
    for n, name in enumerate(names):
        shutil.copy(SCENARIOS / name, tmp_path / name)
        out.append(str(tmp_path / name))
        if n == 0:
            (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
            out.append(str(tmp_path / "bad.yaml"))
    return out


def _expected(files: list[str], rubric: Rubric) -> dict[str, dict[str, object]]:
    """Each scored file's id → its rank range and separability, from the core."""
    scored = [scoring.score(f, rubric) for f in files]
    assessments = [o.assessment for o in scored if isinstance(o, scoring.Scored)]
    ranges = rank_ranges([a.score_bounds for a in assessments])
    out: dict[str, dict[str, object]] = {}
    for a, found in zip(assessments, ranges, strict=True):
        assert found is not None
        out[a.scenario_id] = {
            "rank_range": {"best": found[0], "worst": found[1]},
            "separable": found[0] == found[1],
        }
    return out


def _batch(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["batch", *args, "-q"])
    return result.exit_code, result.stdout


def test_json_items_carry_rank_range_and_failures_get_none(
    files: list[str], rubric: Rubric
) -> None:
    code, out = _batch(*files, "-f", "json")
    assert code == 2
    items = json.loads(out)
    assert len(items) == len(files)
    expected = _expected(files, rubric)
    # the bundled set holds scenarios that the facts do not order
    assert False in {e["separable"] for e in expected.values()}
    for item in items:
        if "error" in item:
            assert not {"rank", "rank_range", "separable"} & set(item)
            continue
        sid = item["scenario"]["id"]
        assert {k: item[k] for k in ("rank_range", "separable")} == expected[sid]
    ranks = sorted(i["rank"] for i in items if "error" not in i)
    assert ranks == list(range(1, len(expected) + 1))


def test_a_failed_file_does_not_shift_anyone(files: list[str]) -> None:
    good = [f for f in files if not f.endswith("bad.yaml")]
    for fmt in ("json", "jsonl"):
        with_bad = _batch(*files, "-f", fmt)[1]
        without = _batch(*good, "-f", fmt)[1]
        rows = (
            json.loads(with_bad)
            if fmt == "json"
            else list(map(json.loads, with_bad.split("\n")[:-1]))
        )
        clean = (
            json.loads(without)
            if fmt == "json"
            else list(map(json.loads, without.split("\n")[:-1]))
        )
        kept = [r for r in rows if "error" not in r]
        assert len(kept) == len(clean) == len(rows) - 1
        for a, b in zip(kept, clean, strict=True):
            assert (a["rank"], a["rank_range"], a["separable"]) == (
                b["rank"],
                b["rank_range"],
                b["separable"],
            )


def test_jsonl_lines_are_the_json_items(files: list[str]) -> None:
    array = json.loads(_batch(*files, "-f", "json")[1])
    lines = [json.loads(line) for line in _batch(*files, "-f", "jsonl")[1].splitlines()]
    assert lines == array  # one line per file, in input order, with the same rank fields


def test_csv_appends_the_rank_columns(files: list[str], rubric: Rubric) -> None:
    header, *rows = list(csv.reader(io.StringIO(_batch(*files, "-f", "csv")[1])))
    assert header[-4:] == ["rank", "rank_best", "rank_worst", "separable"]
    assert header[header.index("error") + 1] == "rank"  # the earlier columns keep their order
    assert header[:8] == [
        "id",
        "path",
        "name",
        "as_of",
        "score",
        "score_lower",
        "score_upper",
        "coverage",
    ]
    expected = _expected(files, rubric)
    seen = 0
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        if cells["error"]:
            assert [cells[c] for c in header[-4:]] == ["", "", "", ""]
            continue
        e = expected[cells["id"]]
        assert {"best": int(cells["rank_best"]), "worst": int(cells["rank_worst"])} == e[
            "rank_range"
        ]
        assert cells["separable"] == ("true" if e["separable"] else "false")
        seen += 1
    assert seen == len(expected)


def test_jobs_2_ranks_as_jobs_1_does(files: list[str]) -> None:
    for fmt in ("json", "csv"):
        assert _batch(*files, "-f", fmt, "-j", "1")[1] == _batch(*files, "-f", fmt, "-j", "2")[1]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_index_shows_rank_ranges_and_leaves_failures_out(
    files: list[str], rubric: Rubric, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    code, _ = _batch(*files, "-f", fmt, "-d", str(out))
    assert code == 2
    text = (out / ("index.md" if fmt == "markdown" else "index.html")).read_text(encoding="utf-8")
    text = re.sub(r"<wbr>|</?span[^>]*>", "", text)  # how the HTML lets a path fold
    ranking = text.split("Scenarios × dimensions")[0]
    expected = _expected(files, rubric)
    for sid, e in expected.items():
        span = e["rank_range"]
        assert isinstance(span, dict)
        shown = (
            str(span["best"])
            if span["best"] == span["worst"]
            else f"{span['best']}–{span['worst']}"
        )
        shown += "" if e["separable"] else " ≈"
        if fmt == "html":  # the table row that links the scenario's page
            row = next(
                tr for tr in re.findall(r"<tr>(.*?)</tr>", ranking, re.S) if f"{sid}.html" in tr
            )
            cells = [
                " ".join(re.sub(r"<[^>]+>", "", c).split())
                for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            ]
        else:
            row = next(line for line in ranking.splitlines() if f"{sid}.md" in line)
            cells = [c.strip() for c in row.split("|") if c.strip()]
        assert cells[1] == shown, (sid, cells)
    assert "bad.yaml" not in ranking and "bad.yaml" in text  # listed with the failures only


def test_standings_in_order_skip_failures_and_unbounded() -> None:
    a = Placing("a", 50.0, 1.0, (40.0, 60.0))
    b = Placing("b", 55.0, 1.0, (58.0, 70.0))
    c = Placing("c", None, 0.1, None)  # nothing can apply: no range, no effect on others
    found = standings_in_order([a, None, b, c])
    assert found[1] is None
    sa, sb, sc = found[0], found[2], found[3]
    assert sa is not None and sb is not None and sc is not None
    assert (sb.place, sb.best, sb.worst, sb.separable) == (1, 1, 2, False)
    assert (sa.place, sa.best, sa.worst, sa.separable) == (2, 1, 2, False)
    assert (sc.place, sc.best, sc.worst, sc.separable) == (3, None, None, None)
    alone = standings_in_order([a, Placing("d", 90.0, 1.0, (80.0, 95.0))])
    assert [(s.best, s.worst, s.separable) for s in alone if s] == [(2, 2, True), (1, 1, True)]


def test_rows_of_one_name_are_told_apart_by_year_then_by_file() -> None:
    from coopscore.report.summary import Summary, told_apart

    def row(name: str, year: int | None, shown: str) -> Summary:
        return Summary(
            id="c", name=name, path=shown, shown=shown, as_of=year, score=None,
            score_bounds=None, coverage=0.0, dimensions=(), thin=(), high=0, medium=0, low=0,
            top_recommendation=None,
        )  # fmt: skip

    rows = [row("A", 2020, "a.yaml"), row("A", 2021, "b.yaml"), row("A", 2021, "c.yaml")]
    rows.append(row("B", 2021, "d.yaml"))
    assert told_apart(rows, lambda r: r.name) == [
        "A (2020)", "A (2021) · b.yaml", "A (2021) · c.yaml", "B",
    ]  # fmt: skip
    assert told_apart(rows, lambda r: r.name, files=False) == [
        "A (2020)", "A (2021)", "A (2021)", "B",
    ]  # fmt: skip
    assert len(set(told_apart(rows, lambda r: r.id))) == len(rows)
