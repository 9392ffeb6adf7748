"""What a newcomer meets first: the help, the errors in their words, and starting a scenario."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.cli.commands import init as init_command
from coopscore.errors import InputError
from coopscore.formats import fitting
from coopscore.model import schemas
from coopscore.model.loader import parse_scenario
from coopscore.model.rubric import Rubric
from coopscore.model.yamlload import read_text
from coopscore.report import explain as explaining
from coopscore.report.findings import words_of

from .conftest import ROOT, SCENARIOS

runner = CliRunner()
MR = "example:middle-reaches-2021"

# Every command line a --help can follow: the root, each command, the group and its commands.
COMMANDS = [
    [],
    ["assess"],
    ["batch"],
    ["explain"],
    ["schema"],
    ["init"],
    ["examples"],
    ["compare"],
    ["plan"],
    ["sensitivity"],
    ["agree"],
    ["rubric"],
    ["rubric", "list"],
    ["rubric", "show"],
    ["rubric", "lint"],
    ["rubric", "docs"],
]
# What Python, not the user, would call a value.
PYTHON_WORDS = re.compile(
    r"<bool>|<str>|<int>|<float>|list\[|\{[A-Z.]+\}|x>=|x<=|<=x|Value error|Input should"
)


def run(*args: str, width: int = 200, **env: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(width), **env})
    return result.exit_code, result.output


def _messages(text: str, file: str = "s.yaml") -> list[str]:
    with pytest.raises(InputError) as info:
        parse_scenario(file, text)
    return [str(p) for p in info.value.problems]


# --------------------------------------------------------------------------- 1, 2: help


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "root")
def test_help_names_every_value_in_our_words(command: list[str], width: int) -> None:
    code, shown = run(*command, "--help", width=width)
    assert code == 0, shown
    assert not PYTHON_WORDS.search(shown), shown
    for flag in ("--help", "--debug", "--force", "--no-waivers", "--quiet", "--version"):
        for line in shown.splitlines():
            if re.search(rf"│ {flag}\b", line):  # a flag: its names, then its help, no type
                assert re.search(rf"{flag}(\s+-\w)?\s+[A-Z][a-z]", line), line


@pytest.mark.parametrize(
    ("command", "usage", "metavars"),
    [
        (["assess"], "coopscore assess [OPTIONS] FILE", ["FORMAT", "FILE", "LANG", "PATH"]),
        (["assess"], "", ["CODE[,CODE…]", "SCORE", "SEVERITY", "N"]),
        (["batch"], "coopscore batch [OPTIONS] PATH...", ["DIR", "N", "FORMAT"]),
        (["init"], "coopscore init [OPTIONS] [PATH]", ["example:NAME", "ID"]),
        (["explain"], "coopscore explain [OPTIONS] CODE|SLUG|D#|R#|P#", ["FILE", "LANG"]),
        (["schema"], "coopscore schema [OPTIONS] [scenario|rubric]", ["FILE"]),
        (["sensitivity"], "coopscore sensitivity [OPTIONS] PATH...", ["N", "SHARE", "HOW"]),
        (["rubric", "list"], "coopscore rubric list [OPTIONS]", ["D#", "SEVERITY"]),
        (["compare"], "coopscore compare [OPTIONS] OLD NEW", ["FORMAT", "FILE"]),
    ],
)
def test_usage_and_metavars_read_as_words(
    command: list[str], usage: str, metavars: list[str]
) -> None:
    _, shown = run(*command, "--help", width=120)
    assert usage in shown
    for metavar in metavars:
        assert re.search(rf"\s{re.escape(metavar)}\s", shown), metavar


def test_format_help_lists_the_formats_a_command_renders() -> None:
    from coopscore.formats import registry

    _, shown = run("assess", "--help", width=200)
    assert all(name in shown for name in registry.names("assessment"))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "root")
def test_dash_h_is_help_everywhere(command: list[str]) -> None:
    long = run(*command, "--help")
    short = run(*command, "-h")
    assert short == long and short[0] == 0


def test_dash_h_works_through_the_console_entry(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from coopscore.cli.app import main

    for argv in (["-h"], ["assess", "-h"], ["rubric", "list", "-h"]):
        monkeypatch.setattr(sys, "argv", ["coopscore", *argv])
        with pytest.raises(SystemExit) as stop:
            main()
        assert stop.value.code in (0, None)
        assert "Usage: coopscore" in capsys.readouterr().out


# --------------------------------------------------------------------------- 3: our words

BAD_SCENARIOS = [
    ("name: 5\n", 2, "expected text or a mapping {en: ..., zh: ...}, found 5"),
    ("source: 5\n", 2, "expected text or a list, found 5"),
    ("as_of: '2021'\n", 2, "expected a whole number, found '2021'; write the number without"),
    ("enclaves: none\n", 2, "expected a list, found 'none'; write [] to state there are none"),
    ("council: [1]\n", 2, "or a mapping of the council's fields, found a list"),
    ("cooperation_items: [1]\n", 2, "expected a mapping of fields (key: value), found 1"),
    ("platforms: {a: 1}\n", 2, "expected a list, found a mapping"),
    ("members: [{id: a, capital: yes}]\n", 2, "expected true or false, found 'yes'"),
    ("members: [{id: a, population_m: -1}]\n", 2, "must be at least 0, found -1"),
    ("council: {member_count: 1000000001}\n", 2, "must be at most 1,000,000,000"),
    ("id: Bad Id\n", 2, "expected lower-case letters, digits, - and _"),
    ("not_applicable: {ENC001: x}\n", 2, "must be at least 3 characters long, found 'x'"),
    ("sources: {a: {title: null}}\n", 2, "expected text, found nothing (null)"),
    ("schema_version_: 1\n", 2, "unknown key 'schema_version_'"),
]


@pytest.mark.parametrize(("body", "line", "message"), BAD_SCENARIOS)
def test_scenario_errors_speak_yaml_not_python(body: str, line: int, message: str) -> None:
    problems = _messages("schema_version: 1\n" + body)
    assert any(p.startswith(f"s.yaml:{line}:") and message in p for p in problems), problems
    for problem in problems:
        assert not re.search(
            r"Input should|Value error|valid dictionary|instance of|\b(dict|str|int|float|"
            r"bool|NoneType|LocalizedText|Council|CooperationItem)\b",
            problem,
        ), problem


def test_every_file_in_the_bad_corpus_reads_in_our_words() -> None:
    bad = Path(__file__).parent / "bad"
    for path in sorted(bad.iterdir()):
        code, shown = run("assess", str(path))
        assert code == 2 and "Traceback" not in shown
        assert not re.search(r"Input should|Value error|valid dictionary", shown), shown


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("severity: high", "severity: hgh", "found 'hgh'; did you mean 'high'?"),
        ("weight: 3\n", "weight: true\n", "expected a number, found true"),
        ("  - id: R1\n", "  - id: R1x\n", "expected a recommendation id: R and a number"),
        ("code: MOD001", "code: mod001", "found 'mod001'; did you mean 'MOD001'?"),
    ],
)
def test_rubric_errors_speak_yaml_not_python(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = (ROOT / "rubrics" / "yrd-lessons.yaml").read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "r.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, shown = run("rubric", "lint", str(broken))
    assert code == 2
    rows = [r for r in shown.splitlines() if r.startswith(f"error: {broken}:")]
    assert any(message in r for r in rows), shown
    assert not re.search(r"Input should|Value error|should match pattern", shown), shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "jsn"],
            "'jsn' is not a format; expected one of table, json, markdown",
        ),
        (["--format", "jsn"], "; did you mean 'json'?"),
        (["--lang", "zhh"], "'zhh' is not a language; expected one of en, zh; did you mean 'zh'?"),
        (["--fail-on", "hgh"], "'hgh' is not a severity; expected one of high, medium, low; did"),
        (["--fail-under", "200"], "must be at most 100, found 200"),
        (["--max-bytes", "many"], "expected a whole number, found many"),
    ],
)
def test_option_errors_speak_our_words(args: list[str], message: str) -> None:
    code, shown = run("assess", MR, *args)
    assert code == 2
    flat = " ".join(part.strip("│ ") for part in shown.splitlines())
    assert message in flat, shown
    assert "Value error" not in flat and "Input should" not in flat


def test_a_mistyped_aggregation_and_severity_get_the_choice_meant() -> None:
    code, shown = run("sensitivity", MR, MR, "--aggregation", "geometrc")
    assert code == 2 and "did you mean 'geometric'?" in shown
    code, shown = run("rubric", "list", "--severity", "meduim")
    assert code == 2 and "did you mean 'medium'?" in shown


# --------------------------------------------------------------------------- 4: did you mean


def test_explain_suggests_the_code_meant() -> None:
    code, shown = run("explain", "ENC02")
    assert code == 2 and "did you mean 'ENC002'?" in shown
    code, shown = run("explain", "single-mode-enclav")
    assert code == 2 and "did you mean 'single-mode-enclave'?" in shown


@pytest.mark.parametrize(
    ("flag", "token", "meant"),
    [("--select", "ENCC", "ENC"), ("--ignore", "ENC02", "ENC002"), ("--select", "hihg", "high")],
)
def test_selection_tokens_get_the_token_meant(flag: str, token: str, meant: str) -> None:
    code, shown = run("assess", MR, flag, token)
    assert code == 2 and f"{token!r} matches no criterion" in shown
    assert f"did you mean {meant!r}?" in shown


def test_a_waiver_names_the_code_meant(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("schema_version: 1\nnot_applicable:\n  ENX002: no enclaves here\n")
    code, shown = run("assess", str(scenario))
    assert code == 2
    assert f"error: {scenario}:3: not_applicable names 'ENX002'" in shown
    assert "did you mean 'ENC002'?" in shown
    ambiguous = "schema_version: 1\nnot_applicable:\n  ENC009: no such criterion\n"
    scenario.write_text(ambiguous)
    assert "did you mean" not in run("assess", str(scenario))[1]  # as near ENC001 as ENC007


def test_a_waiver_code_of_the_wrong_form_gets_its_form() -> None:
    (problem,) = _messages("schema_version: 1\nnot_applicable: {ENC02: no enclaves here}\n")
    assert "a criterion code: three capital letters and three digits" in problem
    assert "did you mean 'ENC002'?" in problem


@pytest.mark.parametrize(
    ("body", "meant"),
    [
        ("enclaves: [{name: a, mode: science}]\n", "science_innovation"),
        ("enclaves: [{name: a, mode: Industrial}]\n", "industrial"),
        ("adjacent_pairs: [{name: a, status: stall}]\n", "stalled"),
        ("cooperation_model: {driver: government-led}\n", "government_led"),
        ("members: [{id: a, kind: provice}]\n", "province"),
    ],
)
def test_every_closed_choice_gets_the_value_meant(body: str, meant: str) -> None:
    (problem,) = _messages("schema_version: 1\n" + body)
    assert f"did you mean {meant!r}?" in problem and "s.yaml:2:" in problem


def test_other_commands_suggest_what_was_meant() -> None:
    assert "did you mean 'scenario'?" in run("schema", "scenaro")[1]
    assert "did you mean 'ENC002'?" in run("rubric", "show", "ENC02")[1]


# --------------------------------------------------------------------------- 5: explain P1–P4


@pytest.mark.parametrize("diagnostic", ["P1", "P2", "P3", "P4"])
def test_explain_a_diagnostic(rubric: Rubric, diagnostic: str) -> None:
    code, shown = run("explain", diagnostic.lower())
    assert code == 0, shown
    spec = dict(rubric.spec.diagnostics.enabled())[diagnostic]
    assert shown.startswith(f"{diagnostic} {spec.name.en} ({spec.section})")
    assert "What it measures:" in shown and "Scenario data it reads:" in shown
    said = words_of(diagnostic)
    assert said is not None
    assert said.FORMULA["en"][:40] in " ".join(shown.split())
    for path in said.DATA:
        assert f"  {path}\n" in shown
    for name, value in spec.model_dump().items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            assert f"{name} = {value:g}" in shown, name
    for rec in spec.recommendations:
        assert re.search(rf"^  {rec} \S", shown, re.MULTILINE), rec
    assert "why:" in shown  # the rubric's reasons, from its comments


def test_explain_gives_the_rubrics_reason_for_each_threshold() -> None:
    _, shown = run("explain", "P1")
    flat = " ".join(shown.split())
    assert "momentum_below = 0.5" in flat
    assert "why: Flagged when recent activity averages less than half of the peak year" in flat
    _, shown = run("explain", "P3")
    assert "stalled_after_years = params.stalled_after_years (3)" in " ".join(shown.split())
    assert "the rubric does not set it" in shown


def test_explain_a_diagnostic_in_chinese() -> None:
    code, shown = run("explain", "P2", "--lang", "zh")
    assert code == 0 and "测度内容" in shown and "三个部分" in shown and "读取的情景数据" in shown


def test_explain_a_diagnostic_the_rubric_does_not_switch_on(tmp_path: Path) -> None:
    text = (ROOT / "rubrics" / "yrd-lessons.yaml").read_text(encoding="utf-8")
    without = tmp_path / "r.yaml"
    without.write_text(text[: text.index("\ndiagnostics:")] + "\n", encoding="utf-8")
    code, shown = run("explain", "P2", "--rubric", str(without))
    assert code == 2 and "P2 is not a diagnostic this rubric switches on" in shown


# --------------------------------------------------------------------------- 6: wrapping


def _cells(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [50, 60, 80, 120])
@pytest.mark.parametrize("key", ["R5", "R1", "ENC002", "D3", "P4"])
def test_explain_wraps_to_the_terminal_and_makes_no_false_bullet(
    rubric: Rubric, key: str, width: int, lang: str
) -> None:
    code, shown = run("explain", key, "--lang", lang, width=width)
    assert code == 0
    lines = shown.splitlines()
    assert all(_cells(line) <= width for line in lines), [x for x in lines if _cells(x) > width]
    found = explaining.find(rubric, key)
    if isinstance(found, explaining.RecommendationSpec):
        actions = found.actions.zh if lang == "zh" else found.actions.en
        assert sum(line.startswith("  - ") for line in lines) == len(actions)
    assert not any(re.match(r"\s+[-–—•*] ", line) for line in lines if not line.startswith("  - "))


def test_explain_uses_the_width_it_is_given() -> None:
    narrow = run("explain", "R5", width=60)[1]
    wide = run("explain", "R5", width=200)[1]
    assert len(narrow.splitlines()) > len(wide.splitlines())
    assert max(len(line) for line in wide.splitlines()) > 100


def test_wrap_keeps_chinese_punctuation_on_its_line() -> None:
    lines = fitting.lines("一二三四五,六七八九十。", 10)
    assert all(not line.startswith((",", "。")) for line in lines), lines


# --------------------------------------------------------------------------- 7: flow mapping


def test_a_comma_inside_a_flow_mapping_gets_the_quoting_hint() -> None:
    (problem,) = _messages("schema_version: 1\nsources:\n  paper: {title: a (b, c)}\n")
    assert problem.startswith("s.yaml:3: unknown key 'c)'")
    assert 'quote the value: title: "a (b, c)"' in problem


def test_the_quoting_hint_quotes_the_whole_value_cut_by_commas() -> None:
    text = "schema_version: 1\nsources:\n  p: {title: Plan, part two, year: 2020}\n"
    (problem,) = _messages(text)
    assert "unknown key 'part two'" in problem
    assert 'quote the value: title: "Plan, part two"' in problem


def test_an_unknown_key_outside_a_flow_mapping_keeps_its_suggestion() -> None:
    (problem,) = _messages("schema_version: 1\nsources:\n  p:\n    title: a\n    yeer: 2020\n")
    assert "did you mean 'year'?" in problem and "quote" not in problem


# --------------------------------------------------------------------------- 8: UTF-16/32

TEXT = "schema_version: 1\nname: 长江中游\n"


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("utf-32", "UTF-32"),
        ("utf-32-le", "UTF-32"),
        ("utf-32-be", "UTF-32"),
    ],
)
def test_a_wide_encoding_is_named_not_called_binary(encoding: str, name: str) -> None:
    with pytest.raises(InputError) as info:
        read_text("s.yaml", TEXT.encode(encoding))
    assert str(info.value) == f"s.yaml: the file is {name}; save it as UTF-8"


def test_a_utf16_file_exits_2_through_the_cli(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_bytes(TEXT.encode("utf-16"))
    code, shown = run("assess", str(scenario))
    assert code == 2 and f"error: {scenario}: the file is UTF-16; save it as UTF-8" in shown


def test_binary_is_still_binary() -> None:
    with pytest.raises(InputError) as info:
        read_text("s.yaml", b"PK\x03\x04\x00\x00binary\x00\xff\x10")
    assert "binary file" in str(info.value)


# --------------------------------------------------------------------------- 9: schemas shipped


def test_the_wheel_ships_the_schemas_beside_the_scenarios() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    force = text[text.index("[tool.hatch.build.targets.wheel.force-include]") :]
    force = force[: force.index("\n[", 1)]
    assert '"schemas" = "coopscore/schemas"' in force
    assert '"scenarios" = "coopscore/scenarios"' in force
    sdist = text[text.index("[tool.hatch.build.targets.sdist]") :]
    assert '"schemas"' in sdist.splitlines()[1]  # a wheel built from the sdist has them too


def test_every_bundled_modeline_points_at_a_file_that_exists() -> None:
    for scenario in sorted(SCENARIOS.glob("*.yaml")):
        first = scenario.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, scenario.name
        # relative to scenarios/: in the checkout and in the package, schemas/ lies beside it
        assert match.group(1) == "../schemas/scenario.schema.json"
        assert (scenario.parent / match.group(1)).is_file()


def test_init_points_at_the_installed_schema(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    assert run("init", str(target))[0] == 0
    first = target.read_text(encoding="utf-8").splitlines()[0]
    uri = first.removeprefix("# yaml-language-server: $schema=")
    assert uri.startswith("file:///") and uri == init_command.schema_uri()
    schema = Path(init_command.schema_file())
    assert schema.is_file()
    assert json.loads(schema.read_text(encoding="utf-8")) == schemas.schema("scenario")


# --------------------------------------------------------------------------- 10: init --from


def test_init_from_an_example_keeps_every_comment_with_a_new_id(tmp_path: Path) -> None:
    target = tmp_path / "Hubei 2024.yaml"
    code, shown = run("init", "--from", MR, str(target))
    assert code == 0 and "wrote:" in shown
    original = (SCENARIOS / "middle-reaches-2021.yaml").read_text(encoding="utf-8")
    copy = target.read_text(encoding="utf-8")
    old, new = original.splitlines(), copy.splitlines()
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed == [
        (old[0], f"# yaml-language-server: $schema={init_command.schema_uri()}"),
        ("id: middle-reaches-2021", "id: hubei-2024"),
    ]
    assert copy.count("§") == original.count("§")
    code, out = run("assess", str(target), "-f", "json")
    assert code == 0 and json.loads(out)["scenario"]["id"] == "hubei-2024"


def test_init_from_takes_an_id_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    assert run("init", "--from", "example:yangtze-delta-2020", str(target), "--id", "yrd-b")[0] == 0
    assert "\nid: yrd-b\n" in target.read_text(encoding="utf-8")
    before = target.read_bytes()
    code, shown = run("init", "--from", MR, str(target))
    assert code == 2 and "exists; use --force" in shown and target.read_bytes() == before
    assert run("init", "--from", MR, str(target), "--force")[0] == 0
    assert "\nid: x\n" in target.read_text(encoding="utf-8")


def test_init_from_to_standard_output() -> None:
    code, shown = run("init", "--from", MR, "-", "--id", "mine")
    assert code == 0 and "\nid: mine\n" in shown and "# Middle Reaches" in shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "example:midle-reaches-2021"], "did you mean 'example:middle-reaches-2021'?"),
        (["--from", MR, "--id", "Not An Id"], "--id 'Not An Id' is not a scenario id"),
    ],
)
def test_init_from_refuses_what_it_cannot_do(tmp_path: Path, args: list[str], message: str) -> None:
    target = tmp_path / "x.yaml"
    code, shown = run("init", str(target), *args)
    assert code == 2 and message in shown and not target.exists()


def test_init_from_never_writes_over_the_example(tmp_path: Path) -> None:
    from coopscore.files import examples

    bundled = Path(examples.resolve(MR))  # the copy this install reads, checkout or package
    before = bundled.read_bytes()
    code, _ = run("init", "--from", MR, str(bundled), "--force")
    assert code == 2 and bundled.read_bytes() == before


def test_adopt_inserts_an_id_where_none_is_stated() -> None:
    from coopscore.model import template

    text = "# a comment\nschema_version: 1\nname: x  # §二\n"
    out = template.adopt(text, "new", "s.json", None)
    assert (
        out == "# yaml-language-server: $schema=s.json\n# a comment\nschema_version: 1\n"
        "id: new\nname: x  # §二\n"
    )


# --------------------------------------------------------------------------- 11: units, keys


def _int_fields(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every integer property of the schema, with its own schema."""
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            options = prop.get("anyOf", [prop])
            if any(o.get("type") == "integer" for o in options):
                out.append((f"{where}.{name}", prop))
        for key, value in node.items():
            out += _int_fields(value, f"{where}.{key}" if key != "properties" else where)
    return out


def test_every_count_says_what_it_counts() -> None:
    data = json.loads((ROOT / "schemas" / "scenario.schema.json").read_text(encoding="utf-8"))
    counts = [
        (name, prop)
        for name, prop in _int_fields(data)
        if not any(o.get("minimum") == 1949 for o in prop.get("anyOf", [prop]))  # years
        and not name.endswith("schema_version")
    ]
    assert len(counts) > 20
    vague = [
        name for name, prop in counts if not prop.get("description", "").startswith("How many")
    ]
    assert vague == []


def test_units_and_fixed_keys_are_documented_in_schema_and_template() -> None:
    from coopscore.model import template

    member = schemas.schema("scenario")["definitions"]["Member"]["properties"]
    assert "millions of people" in member["population_m"]["description"]
    assert "billions of yuan" in member["gdp_bn_cny"]["description"]
    shares = member["sector_shares"]["description"]
    assert all(key in shares for key in ("primary", "secondary", "tertiary", "same set"))
    platform = schemas.schema("scenario")["definitions"]["Platform"]["properties"]
    assert platform["participants"]["description"].startswith("How many cities")
    rendered = template.render()
    assert "primary, secondary and tertiary" in rendered and "millions of people" in rendered
