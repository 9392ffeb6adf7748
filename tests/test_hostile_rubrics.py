"""A rubric anyone wrote: what would break scoring is refused when it loads, at its line.

The guarantee under test: once ``rubric lint`` passes, ``assess`` with that rubric cannot crash.
"""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.core.conditions import OPS, Compiler, ConditionError, Context
from coopscore.errors import InputError
from coopscore.model.loader import LoadedScenario, parse_scenario
from coopscore.model.rubric import Rubric, parse_rubric
from coopscore.model.scenario import Scenario

from .conftest import RUBRICS, SCENARIOS

DEFAULT = (RUBRICS / "yrd-lessons.yaml").read_text(encoding="utf-8")
MR = str(SCENARIOS / "middle-reaches-2021.yaml")
runner = CliRunner()

MINIMAL = """\
id: tiny
version: "1"
title: {en: Tiny, zh: 小}
source: a test
dimensions:
  - id: D1
    name: {en: One, zh: 一}
    section: §1
    summary: {en: The only dimension., zh: 唯一维度。}
recommendations:
  - id: R1
    title: {en: Do it, zh: 做}
    section: §2
    actions: {en: [Act.], zh: [行动。]}
criteria:
  - code: ABC001
    slug: no-charter
    dimension: D1
    title: {en: No charter, zh: 无章程}
    rationale: {en: Why., zh: 为何。}
    severity: high
    weight: 1
    section: §3
    yrd_practice: {en: Practice., zh: 实践。}
    recommendations: [R1]
    met: {path: council.charter, eq: true}
"""


def _mutated(base: str, old: str, new: str) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _refused(text: str, message: str, needle: str) -> None:
    """Loading fails with ``message`` on the line of ``needle``."""
    with pytest.raises(InputError) as info:
        parse_rubric("hostile.yaml", text)
    found = [p for p in info.value.problems if message in p.message]
    assert found, str(info.value)
    assert found[0].line == _line_of(text, needle), str(found[0])


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    weight: 1\n", "    weight: 1.0e+308\n", "is too large"),
        ("    weight: 3\n", "    weight: 5.0e-324\n", "too small to compute with"),
        ("    weight: 1\n", "    weight: 1.0e-7\n", "must be at least 0.000001"),
        ("    weight: 1\n", "    weight: 2000000.0\n", "must be at most 1,000,000"),
        ("    weight: 3\n", "    weight: 11\n", "must be at most 10"),
        ("    weight: 3\n", "    weight: .nan\n", "not a number"),
        ("{high: 3, medium: 2, low: 1}", "{high: 3}", "missing: medium, low"),
        ("{high: 3, medium: 2, low: 1}", "{high: 3, medium: 0, low: 1}", "must be at least"),
        ("{high: 3, medium: 2, low: 1}", "{high: .inf, medium: 2, low: 1}", "infinity"),
        ("partial_credit: 0.5", "partial_credit: 1.0", "less than 1"),
        ("coverage_floor: 0.5", "coverage_floor: 1.5", "must be at most 1"),
        ("dormant_after_years: 2", "dormant_after_years: 1" + "0" * 400, "(401 digits)"),
        ("dormant_after_years: 2", "dormant_after_years: 2000000000", "within ±1,000,000,000"),
        ("stalled_after_years: 3", "stalled_after_years: 2.5", "P3 reads params.stalled_after"),
        ("stalled_after_years: 3", "stalled_after_years: -1", "P3 reads params.stalled_after"),
        ("min_count: 10", "min_count: 10000000000", "must be at most 1,000,000,000"),
        ("momentum_below: 0.5", "momentum_below: 0x10", "less than 1"),
        ("weak_share_at_least: 0.5", "weak_share_at_least: 1.0e+400", "is too large"),
    ],
)
def test_weights_and_parameters_out_of_bounds(old: str, new: str, message: str) -> None:
    _refused(_mutated(DEFAULT, old, new), message, new.strip())


# --------------------------------------------------------------------------- operands

MOD002_COUNT = "count: {gte: 2}"
INS001_MET = "met: {path: institutions.decision, measure: len, gte: 1}"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (MOD002_COUNT, "count: {gte: abc}", "'gte' compares the count with a number, found 'abc'"),
        (MOD002_COUNT, "count: {gte: [1]}", "found a list"),
        (MOD002_COUNT, "count: {gte: true}", "found true (a boolean)"),
        (MOD002_COUNT, "count: {gte: null}", "found null"),
        (MOD002_COUNT, "count: {gte: {path: active}}", "found a mapping"),
        (MOD002_COUNT, "count: {in: abc}", "'in' takes a list of numbers"),
        (MOD002_COUNT, "count: {contains: 1}", "'contains' does not apply"),
        (INS001_MET, INS001_MET.replace("gte: 1", "gte: true"), "found true (a boolean)"),
        (INS001_MET, INS001_MET.replace("gte: 1", "gte: '1'"), "compares with a number"),
        (INS001_MET, INS001_MET.replace("measure: len, gte: 1", "exists: 1"), "true or false"),
        (INS001_MET, INS001_MET.replace("measure: len, gte: 1", "eq: []"), "one plain value"),
        (INS001_MET, "met: {path: council.name, gte: 3}", "holds text"),
        (INS001_MET, "met: {path: council.name, measure: age, lte: 3}", "needs a year"),
        (INS001_MET, "met: {path: council.charter, measure: len, gte: 1}", "counts the items"),
        (INS001_MET, "met: {path: 'members[].id', measure: sum, gte: 3}", "needs numbers"),
        (INS001_MET, "met: {path: council.charter, eq: 1}", "needs true or false"),
        (INS001_MET, "met: {path: council.member_count, eq: many}", "needs a number"),
        (INS001_MET, "met: {path: council.member_count, in: [1, a]}", "found 'a'"),
        (INS001_MET, "met: {path: council.name, contains: x}", "needs a list path"),
        (INS001_MET, "met: {path: council.admission_criteria, contains: 5}", "needs text"),
        (INS001_MET, "met: {path: 5, eq: 1}", "a path must be text"),
        (INS001_MET, "met: {path: council.member_count, gte: {path: council.name}}", "numbers"),
        (INS001_MET, "met: {path: council.charter, exists: {path: council.name}}", "takes a value"),
        (INS001_MET, "met: {all: [{path: council.charter, eq: true, 1: a, b: c}]}", "['1', 'b']"),
        (INS001_MET, "met: {not: {1: a, b: c}}", "unknown condition form with keys ['1', 'b']"),
        (INS001_MET, f"met: {{path: '{'a.' * 300}b', eq: 1}}", "longer than any scenario path"),
        (
            "in: [market_company, joint_committee]",
            "in: market_company",
            "'in' takes a list of values, found 'market_company'",
        ),
    ],
)
def test_operands_of_the_wrong_type_are_refused_at_compile_time(
    old: str, new: str, message: str
) -> None:
    needle = new.split(":")[0] if new.startswith("count") else new
    _refused(_mutated(DEFAULT, old, new), message, needle)


def test_a_parameter_of_the_wrong_type_names_the_parameter() -> None:
    text = _mutated(DEFAULT, "dormant_after_years: 2", "dormant_after_years: two")
    needle = "{path: last_met, measure: age, lte: $dormant_after_years}"
    _refused(text, "found 'two' (from params.dormant_after_years)", needle)


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ('"Cooperation \\e[31m is driven"', "U+001B"),
        ('"nul \\0 inside"', "U+0000"),
        ('"a C1 control \\x9b"', "U+009B"),
        ('"a line \\L separator"', "U+2028 (LINE SEPARATOR)"),
        ('"bidi \\u202e override"', "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ('"zero\\u200bwidth"', "U+200B (ZERO WIDTH SPACE)"),
        ('"two\\nlines"', "U+000A"),
        ("''", "must not be empty"),
        ('"   "', "must not be empty"),
        ("x" * 201, "over the limit of 200"),
    ],
)
def test_names_and_titles_must_be_one_line_of_visible_text(new: str, message: str) -> None:
    old = "title: {en: Cooperation is driven by governments alone"
    replaced = f"title: {{en: {new}"
    _refused(_mutated(DEFAULT, old, replaced), message, replaced)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("id: yrd-lessons", "id: ''", "must not be empty"),
        ('version: "1.0.0"', 'version: "1\\t0"', "U+0009"),
        (
            "    weight: 3\n    section: §二(一)",
            "    weight: 3\n    section: ''",
            "must not be empty",
        ),
        ("dormant_after_years: 2", 'dormant_after_years: "\\e"', "U+001B"),
        ("recommendations: [R1]", 'recommendations: ["R1\\u200e"]', "U+200E"),
    ],
)
def test_ids_sections_and_references_are_visible_text(old: str, new: str, message: str) -> None:
    _refused(_mutated(DEFAULT, old, new), message, new.split("\n")[-1])


def test_prose_may_hold_line_breaks_and_tabs() -> None:
    text = _mutated(
        MINIMAL,
        "rationale: {en: Why., zh: 为何。}",
        "rationale:\n      en: |\n        Why,\n        \tover two lines.\n      zh: 为何。",
    )
    rubric = parse_rubric("prose.yaml", text)
    assert rubric.criteria[0].spec.rationale.en == "Why,\n\tover two lines.\n"
    bad = _mutated(MINIMAL, "rationale: {en: Why., zh: 为何。}", 'rationale: {en: "\\e", zh: x}')
    _refused(bad, "U+001B", "rationale:")


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize(
    ("old", "new", "message", "needle"),
    [
        (
            "    met: {path: council.charter, eq: true}\n",
            "",
            "missing required field 'met'",
            "- code",
        ),
        ("dimension: D1", "dimension: D2", "unknown dimension 'D2'", "dimension: D2"),
        ("recommendations: [R1]", "recommendations: [R7]", "unknown recommendation", "[R7]"),
        ("  - id: R1", "  - id: R1x", "expected a recommendation id", "id: R1x"),
        ("code: ABC001", "code: abc001", "did you mean 'ABC001'?", "code: abc001"),
        ("weight: 1", "weight: true", "expected a number, found true", "weight: true"),
    ],
)
def test_structure_of_a_small_rubric(old: str, new: str, message: str, needle: str) -> None:
    _refused(_mutated(MINIMAL, old, new), message, needle)


def test_a_rubric_without_criteria_is_refused() -> None:
    text = MINIMAL[: MINIMAL.index("criteria:")] + "criteria: []\n"
    _refused(text, "at least 1 item", "criteria: []")


def test_duplicates_are_refused_with_both_lines() -> None:
    criterion = MINIMAL[MINIMAL.index("  - code: ABC001") :]
    text = MINIMAL + criterion.replace("slug: no-charter", "slug: other")
    _refused(text, "duplicate code 'ABC001' (first on line 16)", "code: ABC001\n    slug: other")


def test_nesting_deeper_than_the_loader_allows_is_refused() -> None:
    deep = "met: " + "{not: " * 70 + "{path: council.charter, eq: true}" + "}" * 70
    _refused(_mutated(MINIMAL, "met: {path: council.charter, eq: true}", deep), "nesting", "met:")


def test_deep_but_allowed_nesting_scores() -> None:
    deep = "met: " + "{not: " * 30 + "{path: council.charter, eq: true}" + "}" * 30
    text = _mutated(MINIMAL, "met: {path: council.charter, eq: true}", deep)
    rubric = parse_rubric("deep.yaml", text)
    data = {"schema_version": 1, "council": {"charter": True}}
    assert _scored(rubric, parse_scenario("s.yaml", json.dumps(data))) == ["met"]


def _scored(rubric: Rubric, scenario: LoadedScenario) -> list[str]:
    from coopscore.core.engine import assess

    return [r.status for r in assess(scenario, rubric).results]


# ------------------------------------------------------------- lint passes, nothing crashes

EXTREMES = [
    ("{high: 3, medium: 2, low: 1}", "{high: 1000000, medium: 0.000001, low: 0.000001}"),
    ("partial_credit: 0.5", "partial_credit: 1.0e-12"),
    ("coverage_floor: 0.5", "coverage_floor: 0"),
    ("    weight: 1\n", "    weight: 1000000\n"),
    ("    weight: 3\n", "    weight: 0.000001\n"),
    ("dormant_after_years: 2", "dormant_after_years: -1000000000"),
    ("stalled_after_years: 3", "stalled_after_years: 0"),
    ("min_count: 10", "min_count: 1"),
]


@pytest.fixture(scope="module")
def extreme_rubric(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = functools.reduce(lambda t, pair: _mutated(t, *pair), EXTREMES, DEFAULT)
    path = tmp_path_factory.mktemp("rubrics") / "extreme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["assess", MR, "-f", "json"],
        ["assess", MR, "-f", "markdown"],
        ["assess", MR],
        ["batch", str(SCENARIOS), "-f", "csv"],
        ["plan", MR, "-f", "json"],
        ["compare", MR, str(SCENARIOS / "yangtze-delta-2020.yaml"), "-f", "json"],
    ],
)
def test_a_rubric_at_every_bound_lints_and_scores(extreme_rubric: Path, command: list[str]) -> None:
    lint = runner.invoke(app, ["rubric", "lint", str(extreme_rubric)])
    assert lint.exit_code == 0, lint.output
    result = runner.invoke(app, [*command, "--rubric", str(extreme_rubric)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    assert "NaN" not in result.output and "Infinity" not in result.output


def test_lint_reports_a_hostile_rubric_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(_mutated(DEFAULT, MOD002_COUNT, "count: {gte: abc}"), encoding="utf-8")
    for command in (["rubric", "lint", str(path)], ["assess", MR, "--rubric", str(path)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2 and "Traceback" not in result.output
        line = _line_of(path.read_text(encoding="utf-8"), "count: {gte: abc}")
        assert f"error: {path}:{line}:" in result.output


# ------------------------------------------------------- compiled means it cannot crash

PATHS = [
    "council.charter",
    "council.member_count",
    "council.name",
    "council.meetings",
    "council.admission_criteria",
    "cooperation_model.driver",
    "enclaves[].mode",
    "enclaves[].count",
    "members[].source",
    "members[].source[]",
    "members[].sector_shares",
    "members[].sector_shares.industry",
    "institutions.decision[].last_met",
    "as_of",
]
PLAIN: list[Any] = [None, True, 0, 2, 2019, 0.5, "talent", "mixed", "a", "$n", "$s"]
OPERANDS: list[Any] = [*PLAIN, [], [2, 3], ["talent", "mixed"], [True], {"path": "as_of"}]
OPERANDS += [{"path": "council.name"}, {"x": 1}]
MEASURES: list[Any] = [None, "len", "distinct", "age", "max", "min", "sum"]


def _conditions() -> list[dict[str, Any]]:
    """Every path, test, measure and operand combined; most are refused, the rest must run."""
    out: list[dict[str, Any]] = []
    for path, op, measure, value in itertools.product(PATHS, [*OPS, "exists"], MEASURES, OPERANDS):
        leaf = {"path": path, op: value}
        out.append(leaf if measure is None else {**leaf, "measure": measure})
    for each, op, value in itertools.product(["council.meetings", "enclaves"], OPS, OPERANDS):
        out.append({"each": each, "where": {"path": "year", "gte": 2000}, "count": {op: value}})
    return out


FRAGMENTS = [
    {},
    {"council": {"charter": True, "member_count": 4, "name": {"en": "C"}, "meetings": []}},
    {
        "members": [
            {"id": "a", "source": "s", "sector_shares": {"industry": 0.4, "services": 0.6}},
            {"id": "b", "source": ["s", "t"]},
        ],
        "sources": {"s": {"title": "S"}, "t": {"title": "T"}},
        "enclaves": [{"name": "e", "mode": "talent", "count": 2}, {"name": "f"}],
        "council": {"meetings": [{"year": 2019}], "admission_criteria": ["a"]},
        "institutions": {"decision": [{"name": "d", "last_met": 2018}]},
    },
]


@pytest.fixture(scope="module")
def scenarios() -> list[LoadedScenario]:
    return [
        parse_scenario("s.yaml", json.dumps({"schema_version": 1, "as_of": 2021, **f}))
        for f in FRAGMENTS
    ]


def test_a_condition_that_compiles_evaluates_without_error(
    scenarios: list[LoadedScenario],
) -> None:
    compiler = Compiler(Scenario, {"n": 2, "s": "talent"})
    compiled = 0
    for spec in _conditions():
        try:
            evaluator = compiler.compile(spec, ("met",))
        except ConditionError:
            continue
        compiled += 1
        for loaded in scenarios:
            ctx = Context(loaded.data, loaded.model.as_of, loaded.document.line_of)
            assert evaluator(ctx, loaded.data, ()) in (True, False, None), spec
    assert compiled > 300  # the combinations are not all refused


def test_a_dimension_without_criteria_and_no_recommendations_lint_and_score(
    tmp_path: Path,
) -> None:
    head, rest = MINIMAL.split("recommendations:\n  - id: R1", 1)
    empty_dimension = (
        "  - id: D2\n    name: {en: Two, zh: 二}\n    section: §4\n    weight: 1000000\n"
        "    summary: {en: Empty., zh: 空。}\n"
    )
    criteria = rest[rest.index("criteria:") :].replace(
        "recommendations: [R1]", "recommendations: []"
    )
    path = tmp_path / "sparse.yaml"
    path.write_text(head + empty_dimension + "recommendations: []\n" + criteria, encoding="utf-8")
    lint = runner.invoke(app, ["rubric", "lint", str(path)])
    assert lint.exit_code == 0 and "dimension D2 has no criterion" in lint.output, lint.output
    for command in (["assess", MR, "-f", "json"], ["assess", MR, "-f", "markdown"], ["plan", MR]):
        result = runner.invoke(app, [*command, "--rubric", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code in (0, 1), result.output


# --------------------------------------------------------------------------- in Chinese


def _hostile_texts() -> list[str]:
    """Every hostile rubric of this module's cases, and wrong section marks."""
    texts = []
    for test in list(globals().values()):
        for mark in getattr(test, "pytestmark", []):
            if mark.name != "parametrize":
                continue
            names = (
                [n.strip() for n in mark.args[0].split(",")]
                if isinstance(mark.args[0], str)
                else list(mark.args[0])
            )
            for values in mark.args[1]:
                case = dict(zip(names, values, strict=False))
                if "old" in case and "new" in case:
                    base = DEFAULT if case["old"] in DEFAULT else MINIMAL
                    if case["old"] in base:
                        texts.append(base.replace(case["old"], case["new"], 1))
                elif "new" in case and "message" in case:
                    old = "title: {en: Cooperation is driven by governments alone"
                    texts.append(_mutated(DEFAULT, old, f"title: {{en: {case['new']}"))
    section = "    weight: 3\n    section: §二(一)"
    for mark in ("§九(一)", "§二(九)", "§二(一)9", "abc", "§xyz", "§二(三)–(一)", "§二(四)1"):
        texts.append(_mutated(DEFAULT, section, f"    weight: 3\n    section: {mark}"))
    texts.append(_mutated(DEFAULT, "paper_outline: liu-chen-2021", "paper_outline: nope"))
    texts.append(_mutated(DEFAULT, "  - id: R2", "  - id: R1"))
    return texts


def test_every_refusal_of_a_hostile_rubric_is_said_in_chinese() -> None:
    from coopscore.pipeline.inputs import BundledOutlines
    from coopscore.report.problems import problem_text

    from .test_zh_messages import RUBRIC_WORDS, english

    left: dict[str, list[str]] = {}
    said = 0
    for text in _hostile_texts():
        try:
            parse_rubric("hostile.yaml", text, BundledOutlines())
        except InputError as refused:
            problems = refused.problems
        else:
            continue  # a case of this module that a rubric may hold
        for problem in problems:
            said += 1
            words = [w for w in english(problem_text(problem, "zh")) if w not in RUBRIC_WORDS]
            if words:
                left[problem.message] = words
    assert left == {}
    assert said > 60
