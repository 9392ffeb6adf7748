"""With ``--lang zh`` (or ``COOPSCORE_LANG=zh``) a reader sees no English of ours, on standard
output or standard error, on a normal run or an error: every command, every bad input of
``tests/bad``. What may stay is what no language translates: codes (D1, ADJ002), ids, file
paths, option names, the scenario's keys and the YAML parser's own text."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from coopscore.cli.app import COMMANDS, app
from coopscore.errors import Problem
from coopscore.model import schemas
from coopscore.pipeline.scoring import Failed
from coopscore.report.i18n import LABELS
from coopscore.report.problems import message, problem_text, reason

runner = CliRunner()
BAD = Path(__file__).parent / "bad"
SCENARIOS, RUBRICS = BAD.parents[1] / "scenarios", BAD.parents[1] / "rubrics"
MR = "example:middle-reaches-2021"
YRD = "example:yangtze-delta-2020"
MRR = "example:middle-reaches-with-recommendations"

# Words that are names, not English: formats, encodings, YAML's own literals, the tool.
NAMES = {
    "coopscore", "YAML", "JSON", "CSV", "HTML", "Markdown", "UTF", "GBK", "NUL", "FIFO",
    "null", "true", "false", "id", "ids", "yes", "no", "on", "off", "en", "zh", "kappa",
    "alpha", "Cohen", "Krippendorff", "DIR", "FILE", "OLD", "NEW", "NAME", "example",
    "scenario", "rubric", "table", "json", "jsonl", "csv", "markdown", "html", "inf", "nan",
    "OPTIONS", "COMMAND", "ARGS", "PATH",  # a usage line's syntax
}  # fmt: skip


@cache
def _values() -> tuple[str, ...]:
    """The words of the text the bundled scenarios and rubric give in one language only (a
    source's title, a status such as ``dormant``, a member id): shown as the file wrote it. A
    text given in both languages ({en, zh}) is not among them."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if {"en", "zh"} <= node.keys():
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str) and re.search("[A-Za-z]{2,}", node):
            found.add(" ".join(node.split()))

    for path in [*SCENARIOS.glob("*.yaml"), *RUBRICS.glob("*.yaml")]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return tuple(sorted(found, key=len, reverse=True))


@cache
def _given() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(v) for v in _values())
    return re.compile(rf"(?<![A-Za-z0-9_])(?:{alternatives})(?![A-Za-z0-9_])")


@cache
def _keys() -> frozenset[str]:
    """Every key a scenario or a rubric may hold, and every value of a closed vocabulary (the
    schemas' property names and enumerations)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    found.update(value)
                if key == "enum" and isinstance(value, list):
                    found.update(str(v) for v in value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for which in schemas.MODELS:
        walk(json.loads(schemas.text(which)))
    return frozenset(found)


ALLOWED = [
    r"(?<=YAML 语法错误:)[^\n(]*",  # the parser's own words
    r"(?<=YAML 中不允许字符 )\S+([^)\n]*)",
    r"'[^'\n]*'",  # a value, a key, a path as the file or the user wrote it
    r'"[^"\n]*"',
    r"(?:example:)?[\w.\-~]*/[\w./\-~]*",  # paths
    r"[\w.\-]*\.(?:yaml|yml|json|jsonl|md|html|csv)(?![A-Za-z])",
    r"example:[a-z0-9-]+",
    # ids, slugs and keys written with - or _
    r"(?<![A-Za-z0-9])[a-z0-9]+(?:[-_][a-z0-9]+)+(?![A-Za-z0-9])",
    r"--?[a-z][a-z-]*",  # options
    r"(?<![A-Za-z0-9])[A-Z]{1,4}\d+(?![A-Za-z0-9])",  # codes
    r"\b[a-z_]+(?:\.[a-z_\[\]0-9]+)+\b",  # scenario paths (institutions.decision)
    r"\{en: \.\.\., zh: \.\.\.\}",
    r"`[^`\n]*`",  # a value in a reason, as code
    r"(?<=位置:)[^)\n]*",  # where in the file
    r"(?<![A-Za-z0-9])(?:0x[0-9a-fA-F]+|[0-9a-f]{8,})(?![A-Za-z0-9])",  # numbers, digests
    r"[a-zA-Z]+Error\b.*",  # an exception's own text in an internal error
    r"U\+[0-9A-F]{4,6}[((][A-Z][A-Z -]*[))]",  # a character and its Unicode name
]


def english(text: str) -> list[str]:
    """The runs of Latin letters left in ``text`` once what may stay is taken out."""
    text = _given().sub(" ", text)
    for pattern in ALLOWED:
        text = re.sub(pattern, " ", text)
    words = re.findall(r"[A-Za-z]{2,}", text)
    allowed = NAMES | _keys() | set(COMMANDS)
    return [w for w in words if w not in allowed]


def _run(args: list[str], stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, args, env={"COOPSCORE_LANG": "zh", "COLUMNS": "2000"}, input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


def _panel(tmp: Path) -> list[str]:
    """Snapshots of one cluster: a bundled example and an overlay stating a later year."""
    base = BAD.parents[1] / "scenarios" / "middle-reaches-2021.yaml"
    (tmp / "a.yaml").write_text(base.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp / "b.yaml").write_text(
        "extends: a.yaml\nas_of: 2022\ncouncil:\n  member_count: 9\n"
        "remove: [judicial.cooperation]\n",
        encoding="utf-8",
    )
    return [str(tmp / "a.yaml"), str(tmp / "b.yaml")]


def _cases(tmp: Path) -> Iterator[list[str]]:
    """A normal run and the error paths of every command."""
    folder = tmp / "reports"
    yield ["assess", MR, "--fail-under", "90", "--fail-on", "high"]
    yield ["assess", MR, "-f", "json", "--select", "D3"]
    yield ["assess", MR, "-f", "json", "--select", "XYZ"]
    yield ["assess", str(tmp / "nope.yaml")]
    yield ["assess", str(tmp)]
    yield ["assess", "example:nope"]
    yield ["assess", MR, "-o", str(tmp / "x.html"), "-f", "json"]
    yield ["assess", MR, "-o", str(tmp / "x.csv")]
    yield ["assess", MR, "-o", str(tmp / "missing" / "x.json")]
    yield ["batch", MR, MRR, str(tmp / "nope.yaml"), str(BAD / "typo-key.yaml")]
    yield ["batch", MR, "-f", "markdown"]
    yield ["batch", MR, "-f", "markdown", "-d", str(folder), "-o", "x"]
    yield ["batch", MR, "-d", str(folder)]
    yield ["batch", MR, str(BAD / "wrong-type.yaml"), "-f", "markdown", "-d", str(folder)]
    yield ["batch", MR, "--fail-under", "90"]
    yield ["batch", str(tmp / "empty-folder-nope")]
    yield ["explain", "XYZ999"]
    yield ["explain", "P9"]
    yield ["explain", "D9"]
    yield ["explain", "ADJ002"]
    yield ["explain", "P1"]
    yield ["explain", "P3"]
    yield ["explain", "R5"]
    yield ["explain", "ENC002", "--scenario", MR]
    yield ["rubric", "list", "-d", "D9"]
    yield ["rubric", "show", "XYZ999"]
    yield ["rubric", "lint"]
    yield ["schema", "scenari"]
    yield ["schema", "scenario", "-o", str(tmp / "s.json")]
    yield ["schema", "scenario", "-o", str(tmp / "s.json")]
    yield ["init", str(tmp / "new.yaml")]
    yield ["init", str(tmp / "new.yaml")]
    yield ["init", "-", "--from", "example:nope"]
    yield ["init", "-", "--from", "example:middle-reaches-2021", "--id", "Bad Id"]
    yield ["examples"]
    yield ["compare", MR, MRR]
    yield ["compare", MR, YRD]
    yield ["plan", MR]
    yield ["sensitivity", MR]
    yield ["sensitivity", MR, MRR, YRD]
    yield ["agree", MR]
    yield ["agree", MR, YRD]
    yield ["trend", MR]
    yield ["trend", MR, MRR]
    panel = _panel(tmp)
    yield ["trend", *panel]
    yield ["trend", *panel, "-v"]
    yield ["compare", panel[1], panel[0]]
    # criteria the rubric's own conditions make not applicable, said with why
    none_built = tmp / "no-enclaves.yaml"
    none_built.write_text(
        "schema_version: 1\nid: no-enclaves\nas_of: 2021\nenclaves: []\n", "utf-8"
    )
    yield ["assess", str(none_built)]
    yield ["explain", "ENC002", "--scenario", str(none_built)]
    # usage errors: Typer's sentences, said in the run's language
    yield ["assess", "--bogus", MR]
    yield ["assess"]
    yield ["assess", MR, "-f", "pdf"]
    yield ["assess", MR, "-f", "jsn"]
    yield ["assess", MR, "-f"]
    yield ["assess", MR, "--verbose=yes"]
    yield ["assess", MR, "another.yaml"]
    yield ["assess", MR, "--max-bytes", "0"]
    yield ["batch", MR, "--jobs", "x"]
    yield ["asess"]
    yield ["rubric", "shw"]
    yield ["compare"]


def test_every_command_speaks_chinese_on_its_normal_and_error_paths(tmp_path: Path) -> None:
    found = {}
    for args in _cases(tmp_path):
        _, out = _run(args)
        left = [w for line in out.splitlines() for w in english(line)]
        if left:
            found[" ".join(args)] = sorted(set(left))
    assert found == {}


@pytest.mark.parametrize("bad", sorted(p.name for p in BAD.iterdir()), ids=str)
def test_every_bad_input_is_said_in_chinese(bad: str) -> None:
    code, out = _run(["assess", str(BAD / bad)])
    assert code == 2
    assert out.startswith("错误:"), out
    assert [w for line in out.splitlines() for w in english(line)] == [], out


def test_a_problem_in_english_is_said_as_the_reader_wrote_it() -> None:
    problems = (
        Problem("a.yaml", "unknown key 'x'; did you mean 'y'?", 3, None, "x"),
        Problem("b.yaml", "no such file"),
        Problem("a.yaml", "expected a list, found 5", 4, 2, "institutions.decision"),
        Problem("a.yaml", "a sentence of no known form", 9),
    )
    for p in problems:
        assert problem_text(p, "en") == str(p)
        assert message(p.message, "en") == p.message
    assert reason("a.yaml", problems, "en") == Failed("a.yaml", problems).reason


def test_a_message_of_no_known_form_is_kept_and_a_known_one_is_not() -> None:
    assert message("a sentence of no known form", "zh") == "a sentence of no known form"
    said = message("unknown key 'x'; did you mean 'y' or 'z'?", "zh")
    assert "'x'" in said and "'y'" in said and english(said) == [], said


# A value of the one shape a placeholder of these names takes; any other is quoted text.
SHAPED = {"code": "ABC123", "diagnostic": "P1", "line": "7", "limit": "12", "level": "point"}
SHAPED["place"] = "§二"


def filled_forms(kind: str) -> Iterator[tuple[str, dict[str, str], str]]:
    """Each catalogue form of ``kind`` (``problem_``, ``help_``): its key, a value for each
    placeholder, and its English filled with them."""
    for key, texts in LABELS.items():
        if key.startswith(kind) and not key.startswith("help_frame_"):
            names = re.findall(r"(?<!\{)\{([a-z_]+)\}", texts["en"])
            values = {n: SHAPED.get(n, f"'v{i}'") for i, n in enumerate(names)}
            yield key, values, texts["en"].format(**values)


@pytest.mark.parametrize("kind", ["problem_", "help_"])
def test_every_message_form_is_a_form_of_the_english_it_matches(kind: str) -> None:
    """Each form, filled with its own placeholder names, is matched by itself and said in
    Chinese with every value kept."""
    for key, values, english_text in filled_forms(kind):
        said = message(english_text, "zh", kind)
        assert said != english_text, key
        assert all(v in said or message(v, "zh") in said for v in values.values()), (key, said)


@pytest.mark.parametrize("columns", ["0", "1", "-3", "wide", "", "39"])
def test_a_usage_error_is_always_said_whatever_columns_says(columns: str) -> None:
    env = {**os.environ, "COLUMNS": columns}
    done = subprocess.run(
        [sys.executable, "-m", "coopscore", "plan", "x", "-f", "csv"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "'csv' is not a format" in " ".join(done.stderr.split()), done.stderr
    assert max(len(line) for line in done.stderr.splitlines()) >= 40  # never a letter a line


def test_trend_shows_every_fact_with_verbose(tmp_path: Path) -> None:
    """The hint trend prints (``-v`` shows them all) names an option trend has."""
    panel = _panel(tmp_path)
    (tmp_path / "b.yaml").write_text(
        "extends: a.yaml\nas_of: 2022\nadjacent_pairs: []\nenclaves: []\nplatforms: []\n",
        encoding="utf-8",
    )
    code, short = _run(["trend", *panel])
    assert code == 0 and "-v" in short
    code, full = _run(["trend", *panel, "-v"])
    assert code == 0 and "-v" not in full
    assert len(full.splitlines()) > len(short.splitlines())


def _usage_error(args: list[str], lang: str | None) -> str:
    env = {"COLUMNS": "100", "COOPSCORE_LANG": lang or ""}
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 2, result.output
    return result.stderr


@pytest.mark.parametrize(
    ("args", "lang", "said"),
    [
        (["assess", "--lang", "zh", "--bogus"], None, "没有选项 --bogus"),
        (["assess", "--lang=zh", MR, "-f"], None, "选项 '-f' 需要一个值。"),
        (["assess", MR, "--bogus", "--lang", "zh"], None, "没有选项 --bogus"),
        (["assess", "--lang", "en", "--bogus"], "zh", "No such option: --bogus"),
        (["assess", MR, "--bogus"], "zh", "没有选项 --bogus"),
        (["assess", MR, "--bogus"], None, "No such option: --bogus"),
    ],
)
def test_a_usage_error_speaks_the_language_the_command_line_names(
    args: list[str], lang: str | None, said: str
) -> None:
    """``--lang`` is read after the error is found: the arguments name the language, else
    ``COOPSCORE_LANG`` does; the usage line, the help hint and the box say it alike."""
    shown = _usage_error(args, lang)
    assert said in shown
    chinese = ("用法:", "查看帮助", "错误")
    frame = chinese if re.search(r"[\u4e00-\u9fff]", said) else ("Usage:", "Try", "Error")
    assert all(part in shown for part in frame), shown


def test_an_option_missing_its_value_is_shown_with_the_command_usage() -> None:
    shown = _usage_error(["assess", MR, "-f"], None)
    assert "Usage: coopscore assess [OPTIONS] FILE" in shown
    assert "Try 'coopscore assess --help' for help." in shown
    assert "Option '-f' requires an argument." in shown


def test_english_usage_errors_are_typers_own_after_a_chinese_one() -> None:
    """The Chinese frame of one run is not left behind for the next (runs in one process)."""
    _usage_error(["assess", MR, "--bogus"], "zh")
    shown = _usage_error(["assess", MR, "--bogus"], None)
    assert "Usage:" in shown and "Error" in shown and "错误" not in shown


@pytest.mark.parametrize("kind", ["problem_", "help_"])
def test_each_message_form_is_the_first_to_match_its_own_english(kind: str) -> None:
    """Forms are tried in catalogue order: none is hidden behind a more general one."""
    from coopscore.report.problems import _forms

    forms = _forms(kind)
    for key, _, filled in filled_forms(kind):
        assert next(k for k, pattern in forms if pattern.match(filled)) == key, filled


# A rubric's own syntax, kept as written in any language: a condition's keys and tests.
RUBRIC_WORDS = {
    "all", "any", "not", "coalesce", "path", "each", "where", "among", "count", "exists",
    "params", "measure", "len", "distinct", "age", "max", "min", "sum", "eq", "ne", "gt",
    "gte", "lt", "lte", "in", "not_in", "contains",
}  # fmt: skip

# Conditions that the compiler refuses, one for each way a condition can be wrong.
BAD_CONDITIONS: list[Any] = [
    [], {"foo": 1}, {"all": []}, {"any": [{"path": "id", "exists": True}], "x": 1},
    {"path": 5, "exists": True}, {"path": "x" * 3000, "exists": True},
    {"path": "members..id", "exists": True}, {"path": "members[0].kind", "eq": "city"},
    {"path": "nosuch", "exists": True}, {"path": "as_of"},
    {"path": "as_of", "exists": {"path": "as_of"}}, {"path": "as_of", "gte": {"x": 1}},
    {"path": "as_of", "gte": {"path": "id"}}, {"path": "id", "gte": 3},
    {"path": "members", "measure": "lenn", "gte": 1}, {"path": "members[].id", "eq": "x"},
    {"path": "members", "measure": "sum", "gte": 1}, {"path": "as_of", "measure": "len", "gte": 1},
    {"path": "id", "measure": "age", "gte": 1}, {"path": "as_of", "eq": "x"},
    {"path": "as_of", "in": 3}, {"path": "as_of", "gte": "$nope"}, {"path": "as_of", "gte": "$s"},
    {"path": "as_of", "exists": 3}, {"path": "as_of", "gte": True}, {"path": "as_of", "eq": None},
    {"path": "as_of", "eq": [1]}, {"path": "members", "eq": "x"},
    {"path": "members[].kind", "measure": "distinct", "contains": "x"},
    {"path": "as_of", "contains": "x"}, {"path": "members[].kind", "contains": "x"},
    {"path": "members[0].kind", "eq": "provnce"}, {"each": "members"},
    {"each": "as_of", "all": [{"path": "id", "exists": True}]},
    {"each": "members", "all": [{"path": "id", "exists": True}], "among": {"path": "id"}},
    {"each": "members", "count": {"gte": 1, "lte": 3}}, {"each": "members", "count": {"gte": "x"}},
    {"each": "members", "count": {"gte": "$s"}}, {"each": "members", "count": {"contains": 1}},
    {"each": "members", "count": {"gte": "150%"}}, {"each": "members", "count": {"in": "50%"}},
    {"each": "members", "count": {"in": [1, "x"]}},
]  # fmt: skip


def test_every_way_a_condition_is_wrong_is_said_in_chinese() -> None:
    from coopscore.core.conditions import Compiler, ConditionError
    from coopscore.model.scenario import Scenario

    compiler = Compiler(Scenario, {"n": 2, "s": "x"})
    left = {}
    said = set()
    for spec in BAD_CONDITIONS:
        with pytest.raises(ConditionError) as refused:
            compiler.compile(spec, ("criteria", 0, "met"))
        text = message(str(refused.value), "zh")
        said.add(text)
        words = [w for w in english(text) if w not in RUBRIC_WORDS]
        if words:
            left[str(refused.value)] = words
    assert left == {}
    assert len(said) >= 35  # each a message of its own


HELP_PATHS = [
    [], *([name] for name in COMMANDS), ["rubric", "list"], ["rubric", "show"],
    ["rubric", "lint"], ["rubric", "docs"],
]  # fmt: skip


@pytest.mark.parametrize("columns", ["80", "120"])
@pytest.mark.parametrize("path", HELP_PATHS, ids=lambda p: " ".join(p) or "coopscore")
def test_every_help_is_said_in_chinese_and_nothing_in_it_is_cut(
    path: list[str], columns: str
) -> None:
    """``--help`` with COOPSCORE_LANG=zh: every text, title and note in Chinese (option names,
    metavars and values aside), no line wider than the terminal, nothing cut with "…"."""
    result = runner.invoke(app, [*path, "--help"], env={"COOPSCORE_LANG": "zh", "COLUMNS": columns})
    assert result.exit_code == 0, result.output
    shown = result.stdout
    english_left = [w for line in shown.splitlines() for w in english(line)]
    kept = {"CODE", "SCORE", "SEVERITY", "LANG", "FORMAT", "DIR", "SHARE", "HOW", "KEY", "N"}
    kept |= {"ID", "SLUG", "COOPSCORE", "CPU", "MiB", "Schema", "arithmetic", "geometric", "both"}
    kept |= {"list", "show", "lint", "docs"}  # the rubric group's commands
    assert [w for w in english_left if w not in kept | RUBRIC_WORDS] == [], shown
    from rich.cells import cell_len

    assert all(cell_len(line) <= int(columns) for line in shown.splitlines()), shown
    assert not any(line.rstrip(" │").endswith("…") for line in shown.splitlines()), shown


def test_help_in_english_is_typers_own_after_a_chinese_one() -> None:
    runner.invoke(app, ["assess", "--help"], env={"COOPSCORE_LANG": "zh"})
    shown = runner.invoke(app, ["assess", "--help"], env={"COOPSCORE_LANG": ""}).stdout
    assert "Usage: coopscore assess" in shown and "Options" in shown and "[default: en]" in shown
    assert not re.search(r"[\u4e00-\u9fff]", shown)
