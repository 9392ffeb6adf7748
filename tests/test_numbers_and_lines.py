"""Numbers the model cannot hold are refused where they are written; lines are editors' lines.

A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r``. libyaml also breaks lines at NEL, U+2028 and
U+2029; every line reported must still be the one an editor (or ``grep -n``) shows.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any

import pytest
import yaml

from coopscore.core.engine import assess
from coopscore.errors import InputError, Problem
from coopscore.formats import json_out
from coopscore.model.loader import parse_scenario
from coopscore.model.rubric import Rubric
from coopscore.model.scenario import MAX_COUNT, MAX_GDP_BN_CNY, MAX_POPULATION_M
from coopscore.model.yamlload import MAX_INT, parse

SEPARATORS = ["\u2028", "\u2029", "\x85"]


def _problem(text: str) -> Problem:
    with pytest.raises(InputError) as info:
        parse("f.yaml", text)
    return info.value.problems[0]


def _line(text: str, needle: str) -> int:
    """The line of ``needle`` as an editor counts it."""
    before = text[: text.index(needle)]
    return len(re.findall(r"\r\n?|\n", before)) + 1


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        ("1" + "0" * 399, "(400 digits) is too large"),
        ("1" + "0" * 4999, "(5,000 digits) is too large"),
        ("-" + "9" * 400, "(400 digits) is too large"),
        ("9_007_199_254_740_992", "is too large: numbers must lie within ±9,007,199,254,740,991"),
        ("0x20000000000000", "0x20000000000000 is too large"),
        ("0x" + "f" * 300, "(300 digits) is too large"),
        ("0" + "7" * 19, "is too large"),
        ("0b1" + "0" * 53, "is too large"),
        ("1.0e+400", "1.0e+400 is too large"),
        ("-1.0e+400", "-1.0e+400 is too large"),
        ("1.0e+16", "1.0e+16 is too large"),
        (".inf", ".inf (infinity) is not allowed"),
        ("-.Inf", "-.Inf (infinity) is not allowed"),
        (".nan", ".nan (not a number) is not allowed"),
        ("4.9e-324", "4.9e-324 is too small to compute with"),
        ("1.0e-400", "1.0e-400 is too small to compute with"),
        ("1.0e-13", "is too small to compute with"),
        ("0." + "0" * 150 + "1", "is too long (at most 100)"),
    ],
)
def test_a_number_arithmetic_cannot_hold_is_refused_at_its_line(literal: str, message: str) -> None:
    text = f"a: 1\nb:\n  c: {literal}\n"
    problem = _problem(text)
    assert message in problem.message
    assert (problem.line, problem.column, problem.path) == (3, 6, "b.c")


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ("9007199254740991", MAX_INT),
        ("-9_007_199_254_740_991", -MAX_INT),
        ("0x1fffffffffffff", MAX_INT),
        ("0b101", 5),
        ("1_000", 1000),
        ("0.0", 0.0),
        ("1.0e-12", 1e-12),
        ("9.0e+15", 9e15),
    ],
)
def test_numbers_within_the_bounds_are_read_in_every_form(literal: str, value: object) -> None:
    assert parse("f.yaml", f"a: {literal}\n").data["a"] == value


def test_a_huge_number_as_a_key_is_refused_too() -> None:
    problem = _problem("a: 1\n" + "9" * 30 + ": x\n")
    assert "is too large" in problem.message and problem.line == 2


@pytest.mark.parametrize(
    ("field", "value", "bound"),
    [
        ("council:\n  member_count", MAX_COUNT + 1, f"must be at most {MAX_COUNT:,}"),
        ("initiatives:\n  market_led", MAX_COUNT + 1, f"must be at most {MAX_COUNT:,}"),
        ("members:\n  - id: a\n    population_m", MAX_POPULATION_M * 2, "must be at most"),
        ("members:\n  - id: a\n    gdp_bn_cny", MAX_GDP_BN_CNY * 2, "must be at most"),
        ("as_of", 2101, "must be at most 2100"),
    ],
)
def test_the_scenario_model_bounds_counts_and_sizes(field: str, value: float, bound: str) -> None:
    text = f"schema_version: 1\n{field}: {value!r}\n"
    with pytest.raises(InputError) as info:
        parse_scenario("s.yaml", text)
    problem = info.value.problems[0]
    assert bound in problem.message
    assert problem.line == text.count("\n")  # the value's own line, the last one


def _refuse_constant(name: str) -> None:
    raise AssertionError(f"{name} in the JSON output")


def test_the_largest_stated_values_still_score_to_finite_numbers(rubric: Rubric) -> None:
    """Sums, ratios and means of values at the bounds stay finite and in the JSON contract."""
    year = {"meetings": MAX_COUNT, "agreements": MAX_COUNT, "projects_landed": MAX_COUNT}
    scenario = {
        "schema_version": 1,
        "as_of": 2100,
        "members": [
            {"id": f"c{i}", "kind": "city", "population_m": size, "gdp_bn_cny": size}
            for i, size in enumerate([MAX_POPULATION_M, 1e-12, 1e-12, MAX_POPULATION_M])
        ],
        "council": {"member_count": MAX_COUNT, "capital_members": MAX_COUNT},
        "activity": [{"year": y, **year} for y in range(1949, 2101)],
        "cooperation_items": {
            k: MAX_COUNT
            for k in (
                "infrastructure",
                "ecology",
                "public_services",
                "industry_innovation",
                "urban_rural",
                "institutional",
            )
        },
        "initiatives": {"government_led": MAX_COUNT, "market_led": MAX_COUNT},
        "enclaves": [{"name": "e", "count": MAX_COUNT}],
    }
    loaded = parse_scenario("big.yaml", yaml.safe_dump(scenario))
    out = json_out.render(assess(loaded, rubric))
    data: dict[str, Any] = json.loads(out, parse_constant=_refuse_constant)
    assert data["scenario"]["as_of"] == 2100


# --------------------------------------------------------------------------- lines


@pytest.mark.parametrize("separator", SEPARATORS)
@pytest.mark.parametrize("quote", ['"', "'"])
def test_separators_inside_values_do_not_shift_later_lines(separator: str, quote: str) -> None:
    text = (
        f"a: {quote}one{separator}two{separator}{separator}three{quote}\n"
        f"b:\n"
        f"  - {quote}x{separator}y{quote}\n"
        f"  - z: 1\n"
        f"c: {{d: {quote}{separator}{quote}, e: 2}}\n"
        f"f: 3\n"
    )
    doc = parse("f.yaml", text)
    if separator != "\x85":  # YAML folds NEL in a quoted value as a line break
        assert separator in doc.data["a"]
    for path, needle in [
        (("a",), "a:"),
        (("b",), "b:"),
        (("b", 0), "  - "),
        (("b", 1, "z"), "z: 1"),
        (("c", "e"), "e: 2"),
        (("f",), "f: 3"),
    ]:
        assert doc.lines[path] == _line(text, needle), path


@pytest.mark.parametrize("separator", SEPARATORS)
def test_errors_after_separators_name_the_editors_line(separator: str) -> None:
    text = f"a: 'x{separator}'\nb: 1\nnote: \"{separator}{separator}\"\nb: 2\n"
    problem = _problem(text)
    assert problem.line == 4 and problem.column == 1
    assert "duplicate key 'b' (first given on line 2)" in problem.message


def test_a_validation_error_after_separators_is_on_its_line() -> None:
    text = 'schema_version: 1\nname: "a\u2028b\u2029c\x85d"\ndescription: "\u2028"\nas_of: "2021"\n'
    with pytest.raises(InputError) as info:
        parse_scenario("s.yaml", text)
    assert [p.line for p in info.value.problems] == [4]


@pytest.mark.parametrize("separator", SEPARATORS)
def test_a_separator_that_breaks_the_syntax_is_located_and_explained(separator: str) -> None:
    text = f"a: 1\n# a comment{separator}that YAML reads as a new line\nb: 2\n"
    problem = _problem(text)
    assert problem.line == 3  # YAML missed the ':' it wanted before 'b'
    assert problem.message.startswith("YAML syntax error")
    assert (
        "on line 2, column 12" in problem.message and "YAML ends a line at the" in problem.message
    )


def test_syntax_errors_without_separators_keep_their_line_and_column() -> None:
    problem = _problem("a: 1\nb: [1, 2\nc: 3\n")
    assert problem.line == 3 and "YAML ends a line" not in problem.message


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("a: 1\r\nb: 'x\u2028y'\r\nc: 2\r\n", "c:"),
        ("a: 1\rb: 'x\u2028y'\rc: 2\r", "c:"),
        ("a: 1\r\n\rb: '\x85'\nc: 2\n", "c:"),
        ("\ufeffa: 'x\u2028'\nb: '\u2029'\nc: 2\n", "c:"),
    ],
)
def test_crlf_lone_cr_and_a_byte_order_mark(text: str, needle: str) -> None:
    assert parse("f.yaml", text).lines[("c",)] == _line(text, needle)


def test_a_character_yaml_refuses_is_located() -> None:
    problem = _problem("a: 中文\u2028\nb: x\x1bz\n")
    assert (problem.line, problem.column) == (2, 5)
    assert "#x001b is not allowed" in problem.message


def test_every_key_is_on_its_line_among_random_separators() -> None:
    rng = random.Random(7)
    rows = []
    for i in range(300):
        value = "".join(rng.choice(["a", "中", " ", *SEPARATORS]) for _ in range(rng.randint(0, 6)))
        quote = rng.choice(['"', "'"])
        end = rng.choice(["\n", "\r\n", "\r", "\n# a comment\n"])
        rows.append(f"k{i}: {quote}{value}{quote}{end}")
    text = "".join(rows)
    doc = parse("f.yaml", text)
    for i in range(300):
        assert doc.lines[(f"k{i}",)] == _line(text, f"k{i}:"), i


def test_many_separators_are_placed_quickly() -> None:
    """Line starts are found once per file: 40,000 nodes after separators parse at once."""
    text = "".join(f"k{i}: ['\u2028', '\u2029']\n" for i in range(20_000))
    doc = parse("f.yaml", text)
    assert doc.lines[("k19999", 1)] == 20_000


def test_evidence_cites_the_editors_line(rubric: Rubric) -> None:
    text = (
        "schema_version: 1\nas_of: 2021\n"
        'name: "Middle\u2028Reaches\u2029cluster\x85(example)"\n'
        "council:\n  charter: true\n  rules_of_procedure: false\n"
    )
    result = next(
        r for r in assess(parse_scenario("s.yaml", text), rubric).results if r.spec.code == "INS005"
    )
    lines = {e.path: e.line for e in result.evidence}
    assert lines["council.charter"] == _line(text, "charter:")
    assert lines["council.rules_of_procedure"] == _line(text, "rules_of_procedure:")


# --------------------------------------------------------------------------- large and odd


def test_unknown_member_ids_are_searched_for_a_close_match_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coopscore.model import consistency

    calls = []
    original = consistency.did_you_mean

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(consistency, "did_you_mean", counted)
    data = {
        "schema_version": 1,
        "members": [{"id": f"member-{i}"} for i in range(300)],
        "enclaves": [{"name": "e", "origin": f"x-{i}", "host": "member-1"} for i in range(500)],
    }
    with pytest.raises(InputError) as info:
        parse_scenario("s.yaml", yaml.safe_dump(data))
    assert len(calls) == consistency.MAX_HINTS
    shown = str(info.value)
    assert "(300 in all)" in shown and "member-299" not in shown


def test_distinct_values_count_hashable_and_unhashable_alike() -> None:
    from coopscore.core.conditions import _distinct

    names = [{"en": "a"}, {"en": "a"}, "a", 1, True, 1.0, [1], [1], None, None]
    assert _distinct(names) == [{"en": "a"}, "a", 1, [1], None]


@pytest.mark.parametrize(
    "fragment",
    [
        {"members": [], "enclaves": [], "adjacent_pairs": [], "activity": [], "platforms": []},
        {"members": [{"id": "a", "kind": "city", "population_m": 0.0, "gdp_bn_cny": 0.0}] * 1},
        {"members": [{"id": f"c{i}", "kind": "city", "population_m": 0.0} for i in range(4)]},
        {"activity": [{"year": 1949, "events": 0}, {"year": 2100, "events": 0}]},
        {"initiatives": {"government_led": 0, "market_led": 0}},
        {"adjacent_pairs": [{"name": f"p{i}", "status": "stalled"} for i in range(3000)]},
    ],
)
def test_odd_but_valid_scenarios_score_and_render(rubric: Rubric, fragment: dict[str, Any]) -> None:
    from coopscore.formats import as_markdown

    data = {"schema_version": 1, **fragment}
    assessment = assess(parse_scenario("odd.yaml", yaml.safe_dump(data)), rubric)
    json.loads(json_out.render(assessment), parse_constant=_refuse_constant)
    assert as_markdown.document(assessment, "en")
