"""P1–P4 on small scenarios (flagged, clear, unknown), the rubric's thresholds, and the bundled
scenarios' verdicts. Expected values are computed here from the inputs and the rubric, never
copied from the code under test."""

from __future__ import annotations

import json
import math
import re
from typing import Any, get_args

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.contract import write
from coopscore.core.diagnostics import Citation, Diagnostic, ReasonId
from coopscore.core.engine import assess
from coopscore.diagnostics import REGISTRY, diagnose, logic
from coopscore.errors import InputError
from coopscore.model.loader import LoadedScenario, parse_scenario
from coopscore.model.rubric import Rubric, parse_rubric
from coopscore.pipeline.inputs import read_scenario
from coopscore.report.findings import cited, evidence, findings, reason
from coopscore.report.i18n import LABELS

from .conftest import RUBRICS, SCENARIOS, scenario_from

MR = SCENARIOS / "middle-reaches-2021.yaml"
YRD = SCENARIOS / "yangtze-delta-2020.yaml"
RUBRIC_TEXT = (RUBRICS / "yrd-lessons.yaml").read_text(encoding="utf-8")


def run(fragment: dict[str, Any], rubric: Rubric) -> dict[str, Diagnostic]:
    return {d.id: d for d in diagnose(scenario_from(fragment), rubric)}


def activity(values: dict[int, int | None], field: str = "events") -> list[dict[str, Any]]:
    return [{"year": y, field: v} if v is not None else {"year": y} for y, v in values.items()]


def line_of(loaded: LoadedScenario, *path: str | int) -> int | None:
    return loaded.document.line_of(tuple(path))


# ---------------------------------------------------------------- every diagnostic, every output


def test_four_diagnostics_always_reported_unknown_when_nothing_is_stated(rubric: Rubric) -> None:
    found = diagnose(scenario_from({}), rubric)
    assert [d.id for d in found] == ["P1", "P2", "P3", "P4"]
    for d in found:
        assert d.status == "unknown" and d.flagged is None
        assert d.recommendations == ()  # linked only when flagged
        assert d.missing  # says what would settle it
        out = write.diagnostic(d)
        assert out["id"] == d.id and out["flagged"] is None
        json.dumps(out)  # serialisable as it is


def test_each_diagnostic_is_registered_under_its_own_id() -> None:
    assert list(REGISTRY) == ["P1", "P2", "P3", "P4"]
    assert all(key == logic(key).ID for key in REGISTRY)


def test_every_reason_for_an_unknown_has_words_in_both_languages() -> None:
    from coopscore.report.findings import REASONS

    assert set(REASONS) == set(get_args(ReasonId))
    assert all(LABELS[key]["en"] and LABELS[key]["zh"] for key in REASONS.values())


def test_a_rubric_without_a_diagnostics_section_runs_none() -> None:
    start = RUBRIC_TEXT.index("\ndiagnostics:")
    plain = parse_rubric("plain.yaml", RUBRIC_TEXT[:start] + "\n")
    assert diagnose(scenario_from({"barriers": {"market_access": True}}), plain) == ()


def test_sections_and_names_come_from_the_rubric(rubric: Rubric) -> None:
    spec = rubric.spec.diagnostics
    for d in diagnose(scenario_from({}), rubric):
        mine = getattr(spec, d.id)
        assert d.section == mine.section and d.name == mine.name
        assert d.section.startswith("§一(二)") and d.name.zh


# ---------------------------------------------------------------- P1 high start, low finish


def _p1_series(rubric: Rubric, recent_value: float) -> dict[int, int | None]:
    """A peak of 10 in 2015, high years around it, then ``recent_value`` in the recent window."""
    recent = rubric.spec.diagnostics.P1.recent_years
    end = 2020
    values: dict[int, int | None] = {2013: 4, 2014: 6, 2015: 10, 2016: 8}
    for year in range(2017, end + 1):
        values[year] = 9 if year <= end - recent else int(recent_value)
    return values


def test_p1_flagged_when_recent_activity_falls_below_the_threshold(rubric: Rubric) -> None:
    spec = rubric.spec.diagnostics.P1
    low = math.floor(10 * spec.momentum_below) - 1  # strictly below the threshold × peak
    d = run({"activity": activity(_p1_series(rubric, low))}, rubric)["P1"]
    assert d.status == "flagged" and d.flagged is True
    assert d.measures["peak_year"] == 2015 and d.measures["peak"] == 10
    assert d.measures["momentum"] == pytest.approx(low / 10, abs=1e-3)
    assert d.recommendations == tuple(spec.recommendations) and d.recommendations
    years, values = d.chart_series()
    assert years == list(range(2013, 2021)) and values[2] == 10


def test_p1_clear_when_recent_activity_holds_up(rubric: Rubric) -> None:
    spec = rubric.spec.diagnostics.P1
    high = math.ceil(10 * spec.momentum_below) + 1
    assert high <= 10
    d = run({"activity": activity(_p1_series(rubric, high))}, rubric)["P1"]
    assert d.status == "clear" and d.flagged is False and d.recommendations == ()
    assert d.measures["momentum"] == pytest.approx(high / 10, abs=1e-3)


def test_p1_missing_years_are_gaps_never_zero(rubric: Rubric) -> None:
    values: dict[int, int | None] = {2014: 4, 2015: 8, 2017: 6, 2018: 1, 2019: 1, 2020: 1}
    d = run({"activity": activity(values)}, rubric)["P1"]
    assert d.measures["missing_years"] == [2016]
    years, series = d.chart_series()
    assert series[years.index(2016)] is None
    assert d.measures["sparkline"][years.index(2016)] == "·"
    # the mean of the recent window uses known years only
    recent = rubric.spec.diagnostics.P1.recent_years
    window = [v for y, v in values.items() if v is not None and y > 2020 - recent]
    assert d.measures["recent_mean"] == pytest.approx(sum(window) / len(window), abs=1e-3)


def test_p1_a_year_listed_without_counts_is_missing(rubric: Rubric) -> None:
    d = run({"activity": activity({2015: 5, 2016: None, 2017: 4, 2018: 1})}, rubric)["P1"]
    assert d.measures["missing_years"] == [2016]


@pytest.mark.parametrize(
    "values",
    [
        {2020: 3},  # a single data point
        {2019: 3, 2020: 1},  # too few years for a trend
        {2016: 0, 2017: 0, 2018: 0, 2019: 0, 2020: 0},  # no peak: momentum undefined
    ],
)
def test_p1_unknown_on_too_little_data(rubric: Rubric, values: dict[int, int | None]) -> None:
    d = run({"activity": activity(values)}, rubric)["P1"]
    assert d.status == "unknown" and d.flagged is None and d.recommendations == ()
    assert d.reason is not None and d.reason.id in {"too_few_years", "no_peak"}
    assert reason(d.reason, "en") and reason(d.reason, "zh")
    assert reason(d.reason, "en") in findings(d, "en")  # the explanation ends the findings


def test_p1_sums_meetings_agreements_and_projects_when_no_events(rubric: Rubric) -> None:
    rows = [
        {"year": 2015, "meetings": 3, "agreements": 4},
        {"year": 2016, "meetings": 2, "agreements": 1},
        {"year": 2017, "meetings": 1},  # agreements unstated: the year is missing
        {"year": 2018, "meetings": 0, "agreements": 1},
    ]
    d = run({"activity": rows}, rubric)["P1"]
    assert d.measures["basis"] == ["meetings", "agreements"]
    _, values = d.chart_series()
    assert values == [7, 3, None, 1]


def test_p1_cites_the_lines_it_read(rubric: Rubric) -> None:
    loaded = scenario_from({"activity": activity({2015: 5, 2016: 2, 2017: 1, 2018: 1})})
    (p1, *_) = diagnose(loaded, rubric)
    line = line_of(loaded, "activity", 1, "events")
    (found,) = [c for c in p1.data if c.path == "activity[1].events"]
    assert found == Citation(loaded.file, found.fact) and (found.line, found.value) == (line, 2)
    assert cited(found) == f"activity[1].events @ {loaded.file}:{line}"  # as the outputs show it


def test_p1_causes_read_the_scenario(rubric: Rubric) -> None:
    stated_absent = {
        "institutions": {"decision": [], "coordination": [{"name": "c", "status": "dormant"}]},
        "plans": {"special_plans": [{"name": "one"}], "implementation_schemes": []},
    }
    causes = {c.id: c for c in run(stated_absent, rubric)["P1"].causes}
    assert [c.spec.id for c in rubric.causes] == list(causes)
    assert {c.status for c in causes.values()} == {"present"}
    decision = next(e for c in causes.values() for e in c.evidence if "decision" in e.path)
    assert decision.value == 0 and decision.line is not None  # a fact, with its value and line
    assert evidence(decision) == f"len(institutions.decision) = 0 @ case.yaml:{decision.line}"
    working = {
        "institutions": {
            "decision": [{"name": "d", "status": "active"}],
            "coordination": [{"name": "c", "last_met": 2020}],  # as_of 2021
        },
        "plans": {
            "special_plans": [{"name": "a"}, {"name": "b"}],
            "implementation_schemes": [{"name": "s"}],
        },
    }
    assert {c.status for c in run(working, rubric)["P1"].causes} == {"absent"}
    unknown = run({}, rubric)["P1"].causes
    assert {c.status for c in unknown} == {"unknown"} and all(c.missing for c in unknown)


# ---------------------------------------------------------------- P2 three more, three less


def _items(more: int, less: int) -> dict[str, int]:
    return {
        "infrastructure": more,
        "ecology": 0,
        "public_services": 0,
        "industry_innovation": less,
        "urban_rural": 0,
        "institutional": 0,
    }


def test_p2_domain_balance_against_the_threshold(rubric: Rubric) -> None:
    spec = rubric.spec.diagnostics.P2
    for more, less in ((16, 4), (10, 10), (12, 8)):
        d = run({"cooperation_items": _items(more, less)}, rubric)["P2"]
        part = d.measures["domain_balance"]
        share = more / (more + less)
        assert part["share_more"] == pytest.approx(share, abs=1e-3)
        assert part["status"] == ("flagged" if share >= spec.domain_share_at_least else "clear")
        # one part flagged flags P2; one part clear with two unknown leaves it unknown
        assert d.status == ("flagged" if part["status"] == "flagged" else "unknown")


def test_p2_too_few_items_is_unknown_not_a_share(rubric: Rubric) -> None:
    spec = rubric.spec.diagnostics.P2
    d = run({"cooperation_items": _items(spec.min_count - 1, 0)}, rubric)["P2"]
    assert d.measures["domain_balance"]["status"] == "unknown"
    zero = run({"cooperation_items": _items(0, 0)}, rubric)["P2"]
    assert zero.measures["domain_balance"]["share_more"] is None


def test_p2_an_unstated_domain_leaves_the_balance_unknown(rubric: Rubric) -> None:
    items = _items(30, 1)
    del items["urban_rural"]
    d = run({"cooperation_items": items}, rubric)["P2"]
    assert d.measures["domain_balance"]["status"] == "unknown"
    assert "cooperation_items.urban_rural" in d.missing


def test_p2_landing_ratio_and_market_share(rubric: Rubric) -> None:
    spec = rubric.spec.diagnostics.P2
    rows = [
        {"year": 2018, "agreements": 8, "projects_landed": 2},
        {"year": 2019, "agreements": 6, "projects_landed": 1},
        {"year": 2020, "agreements": 5},  # no landed count: left out of the ratio
    ]
    d = run({"activity": rows, "initiatives": {"government_led": 9, "market_led": 3}}, rubric)
    landing = d["P2"].measures["landing_ratio"]
    assert landing["agreements"] == 14 and landing["landed"] == 3
    assert landing["ratio"] == pytest.approx(3 / 14, abs=1e-3)
    assert landing["status"] == ("flagged" if spec.landing_ratio_below > 3 / 14 else "clear")
    market = d["P2"].measures["market_share"]
    assert market["share"] == pytest.approx(0.25)
    assert market["status"] == ("flagged" if spec.market_share_at_most >= 0.25 else "clear")


def test_p2_clear_only_when_all_three_parts_are_clear(rubric: Rubric) -> None:
    spec = rubric.spec.diagnostics.P2
    balanced = {
        "cooperation_items": _items(10, 10),
        "activity": [{"year": 2020, "agreements": 10, "projects_landed": 9}],
        "initiatives": {"government_led": 5, "market_led": 5},
    }
    assert spec.domain_share_at_least > 0.5 and spec.landing_ratio_below <= 0.9
    assert spec.market_share_at_most < 0.5
    d = run(balanced, rubric)["P2"]
    assert d.status == "clear" and d.flagged is False
    assert {p["status"] for p in d.measures.values()} == {"clear"}


# ---------------------------------------------------------------- P3 adjacent follow-through


def _pair(name: str, **facts: Any) -> dict[str, Any]:
    return {"name": name, **facts}


def test_p3_flagged_when_most_pairs_stalled(rubric: Rubric) -> None:
    spec = rubric.spec.diagnostics.P3
    pairs = [
        _pair("a", status="stalled", focus_areas=["x"]),
        _pair("b", status="stalled", focus_areas=["x"]),
        _pair("c", status="active", focus_areas=["x"]),
        _pair("d", status="ended", focus_areas=[]),  # over, not stalled: left out
    ]
    d = run({"adjacent_pairs": pairs}, rubric)["P3"]
    assert d.measures["pairs"] == 3 and d.measures["ended_left_out"] == 1
    assert d.measures["weak_share"] == pytest.approx(2 / 3, abs=1e-3)
    assert d.status == ("flagged" if spec.weak_share_at_least <= 2 / 3 else "clear")
    assert d.measures["weak_pairs"] == ["a", "b"]


def test_p3_clear_for_active_focused_pairs(rubric: Rubric) -> None:
    pairs = [_pair(n, status="active", focus_areas=["port"]) for n in "abc"]
    d = run({"adjacent_pairs": pairs}, rubric)["P3"]
    assert d.status == "clear" and d.measures["weak_share"] == 0


def test_p3_unknown_when_the_unknown_pairs_could_tip_it(rubric: Rubric) -> None:
    pairs = [_pair("a", status="active", focus_areas=["x"]), _pair("b"), _pair("c")]
    d = run({"adjacent_pairs": pairs}, rubric)["P3"]
    assert d.measures["weak_share_bounds"] == [0, pytest.approx(2 / 3, abs=1e-3)]
    assert d.status == "unknown" and "adjacent_pairs[1].status" in d.missing


def test_p3_no_pairs_is_unknown(rubric: Rubric) -> None:
    assert run({"adjacent_pairs": []}, rubric)["P3"].status == "unknown"
    assert run({}, rubric)["P3"].missing == ("adjacent_pairs",)


def test_p3_old_last_activity_means_stalled(rubric: Rubric) -> None:
    after = rubric.spec.params["stalled_after_years"]
    assert isinstance(after, int)
    old = 2021 - after - 1
    recent = 2021 - after
    pairs = [
        _pair("old", last_active=old, focus_areas=["x"]),
        _pair("recent", last_active=recent, focus_areas=["x"]),
    ]
    d = run({"adjacent_pairs": pairs}, rubric)["P3"]
    # neither states its status, so either may have ended: each counts only perhaps
    stalled = {"known": 0, "unknown": 0, "absent": 0, "may_have_ended": 2}
    assert d.measures["stalled"] == stalled
    tally = next(t for t in d.tallies if t.part == "stalled")
    assert (tally.open_present, tally.open_absent, tally.open_unknown) == (1, 1, 0)
    assert d.measures["weak_pairs"] == ["old"]
    # no pair surely counts (each may have ended): the share may not exist
    assert d.measures["weak_share_bounds"] is None
    assert d.status == "unknown"
    assert set(d.missing) >= {"adjacent_pairs[0].status", "adjacent_pairs[1].status"}


def test_p3_shallow_counts_only_when_the_rubric_says_so(rubric: Rubric) -> None:
    pairs = [_pair(n, status="active", focus_areas=["x"], stage="point_to_point") for n in "ab"]
    assert run({"adjacent_pairs": pairs}, rubric)["P3"].status == "clear"
    text = RUBRIC_TEXT.replace("weak_if: [stalled, unfocused]", "weak_if: [stalled, shallow]")
    assert text != RUBRIC_TEXT
    strict = parse_rubric("strict.yaml", text)
    assert run({"adjacent_pairs": pairs}, strict)["P3"].status == "flagged"


# ---------------------------------------------------------------- P4 competition


def _member(mid: str, kind: str, shares: list[float] | None = None, **facts: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": mid, "kind": kind, **facts}
    if shares is not None:
        out["sector_shares"] = dict(zip(("primary", "secondary", "tertiary"), shares, strict=True))
    return out


def _cosine(x: list[float], y: list[float]) -> float:
    dot = sum(a * b for a, b in zip(x, y, strict=True))
    return dot / math.sqrt(sum(a * a for a in x) * sum(b * b for b in y))


def test_p4_flags_converging_structures(rubric: Rubric) -> None:
    spec = rubric.spec.diagnostics.P4
    a, b = [0.1, 0.4, 0.5], [0.08, 0.42, 0.5]
    members = [_member("a", "province", a), _member("b", "province", b)]
    d = run({"members": members}, rubric)["P4"]
    conv = d.measures["convergence"]
    assert conv["max_similarity"] == pytest.approx(_cosine(a, b), abs=1e-4)
    assert conv["pairs"][0]["krugman"] == pytest.approx(0.04, abs=1e-4)
    assert conv["status"] == ("flagged" if _cosine(a, b) >= spec.similarity_at_least else "clear")
    assert d.status == "flagged"  # one part flagged is enough


def test_p4_clear_needs_dissimilar_structures_and_no_barriers(rubric: Rubric) -> None:
    a, b = [0.05, 0.9, 0.05], [0.05, 0.05, 0.9]
    assert _cosine(a, b) < rubric.spec.diagnostics.P4.similarity_at_least
    no_barriers = {
        k: False
        for k in (
            "market_access",
            "quality_standards",
            "administrative_fees",
            "household_registration",
        )
    }
    members = [_member("a", "province", a), _member("b", "province", b)]
    d = run({"members": members, "barriers": no_barriers}, rubric)["P4"]
    assert d.status == "clear" and d.recommendations == ()
    d = run({"members": members}, rubric)["P4"]
    assert d.status == "unknown" and "barriers.market_access" in d.missing


def test_p4_stated_barriers_flag_without_sector_data(rubric: Rubric) -> None:
    d = run({"barriers": {"household_registration": True}}, rubric)["P4"]
    assert d.status == "flagged"
    assert d.measures["local_protection"]["stated"] == ["household_registration"]
    assert d.recommendations == tuple(rubric.spec.diagnostics.P4.recommendations)


def test_p4_one_member_or_different_levels_give_no_pair(rubric: Rubric) -> None:
    one = run({"members": [_member("a", "province", [0.1, 0.4, 0.5])]}, rubric)["P4"]
    assert one.measures["convergence"]["pairs"] == [] and one.status == "unknown"
    mixed = [_member("p", "province", [0.1, 0.4, 0.5]), _member("c", "city", [0.1, 0.4, 0.5])]
    d = run({"members": mixed}, rubric)["P4"]
    assert d.measures["convergence"]["pairs"] == []
    assert d.measures["convergence"]["status"] == "unknown"


def test_p4_a_missing_member_keeps_convergence_unknown_unless_a_pair_flags(rubric: Rubric) -> None:
    far = [_member("a", "province", [0.05, 0.9, 0.05]), _member("b", "province", [0.05, 0.05, 0.9])]
    d = run({"members": [*far, _member("c", "province")]}, rubric)["P4"]
    conv = d.measures["convergence"]
    assert conv["status"] == "unknown" and conv["members_without_sectors"] == ["c"]
    assert "members[2].sector_shares" in d.missing


def test_p4_counts_every_similar_pair_and_lists_the_most_similar(rubric: Rubric) -> None:
    spec = rubric.spec.diagnostics.P4
    shares = [[0.05 + 0.03 * i, 0.6 - 0.04 * i, 0.35 + 0.01 * i] for i in range(12)]
    members = [_member(f"m{i:02d}", "province", x) for i, x in enumerate(shares)]
    conv = run({"members": members}, rubric)["P4"].measures["convergence"]
    values = sorted(
        (round(_cosine(shares[i], shares[j]), 4) for i in range(12) for j in range(i + 1, 12)),
        reverse=True,
    )
    similar = sum(v >= spec.similarity_at_least for v in values)
    assert conv["comparable_pairs"] == len(values) == 66
    assert conv["similar_pairs"] == similar and conv["similar_pairs_bounds"] == [similar] * 2
    assert conv["exhaustive"] and 0 < similar < 66
    listed = [p["similarity"] for p in conv["pairs"]]
    assert listed == values[: len(listed)] and len(listed) == max(10, spec.top_pairs)
    assert conv["mean_similarity"] == pytest.approx(sum(values) / 66, abs=1e-4)
    words = findings(run({"members": members}, rubric)["P4"], "en")
    bound = f"{spec.similarity_at_least:.3f}"
    assert f"{similar} of 66 comparable pairs reach {bound}, {66 - similar} stay below" in (
        " ".join(words)
    )


def test_p4_primacy_against_rank_size(rubric: Rubric) -> None:
    pops = {"w": 12.0, "x": 6.0, "y": 4.0, "z": 3.0, "v": 2.0}
    members = [_member(k, "city", population_m=v) for k, v in pops.items()]
    members.append(_member("prov", "province", population_m=50.0))  # not a city
    prim = run({"members": members}, rubric)["P4"].measures["primacy"]
    assert prim["basis"] == "population_m"
    assert prim["two_city"] == pytest.approx(12 / 6, abs=1e-3)
    assert prim["four_city"] == pytest.approx(12 / (6 + 4 + 3), abs=1e-3)
    assert prim["two_city_rank_size"] == pytest.approx(2.0)
    assert prim["four_city_rank_size"] == pytest.approx(1 / (1 / 2 + 1 / 3 + 1 / 4), abs=1e-3)
    three = run({"members": members[:3]}, rubric)["P4"].measures["primacy"]
    assert three["four_city"] is None  # needs four cities, never 0


# ---------------------------------------------------------------- rubric and scenario checks


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("momentum_below: 0.5", "momentum_below: 1.5"),
        ("similarity_at_least: 0.9", "similarity_at_least: high"),
        ("recent_years: 3", "recent_years: 0"),
        ("weak_if: [stalled, unfocused]", "weak_if: [stalled, sleepy]"),
    ],
)
def test_a_bad_diagnostics_threshold_is_a_rubric_error_with_its_line(old: str, new: str) -> None:
    assert old in RUBRIC_TEXT
    text = RUBRIC_TEXT.replace(old, new)
    with pytest.raises(InputError) as info:
        parse_rubric("r.yaml", text)
    where = f"r.yaml:{_line(text, new)}"
    assert any(str(p).startswith(where) for p in info.value.problems), info.value


def test_diagnostics_link_only_known_recommendations_and_valid_causes() -> None:
    text = RUBRIC_TEXT.replace(
        "recommendations: [R5]\n    # Flagged", "recommendations: [R9]\n    # Flagged"
    )
    with pytest.raises(InputError, match="unknown recommendation 'R9'"):
        parse_rubric("r.yaml", text)
    text = RUBRIC_TEXT.replace(
        "each: institutions.decision\n            any:",
        "each: institutions.decisions\n            any:",
    )
    with pytest.raises(InputError) as info:
        parse_rubric("r.yaml", text)
    assert "no-high-level-push" in str(info.value) and "decisions" in str(info.value)


def test_a_diagnostic_switched_on_with_no_settings_uses_the_defaults(rubric: Rubric) -> None:
    start = RUBRIC_TEXT.index("\ndiagnostics:")
    bare = parse_rubric("bare.yaml", RUBRIC_TEXT[:start] + "\ndiagnostics:\n  P4: {}\n")
    assert set(run({}, bare)) == {"P4"}
    d = run({"barriers": {"market_access": True}}, bare)["P4"]
    assert d.status == "flagged" and d.section == "§一(二)4"
    assert d.recommendations == ()  # nothing linked unless the rubric links it
    assert bare.causes == ()


def _scenario_problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_scenario("s.yaml", text)
    return [str(p) for p in info.value.problems]


def test_sector_shares_must_sum_to_about_one() -> None:
    text = (
        "schema_version: 1\nmembers:\n  - id: a\n"
        "    sector_shares: {primary: 0.1, secondary: 0.3, tertiary: 0.4}\n"
    )
    (problem,) = _scenario_problems(text)
    assert problem.startswith("s.yaml:4:") and "sum to about 1" in problem and "0.800" in problem
    ok = text.replace("tertiary: 0.4", "tertiary: 0.58")  # 0.98: within rounding
    assert parse_scenario("s.yaml", ok).model.members


def test_activity_years_are_unique_and_not_after_as_of() -> None:
    dup = "schema_version: 1\nactivity:\n  - {year: 2018, events: 1}\n  - {year: 2018, events: 2}\n"
    (problem,) = _scenario_problems(dup)
    assert problem.startswith("s.yaml:2:") and "2018 is listed twice" in problem
    late = "schema_version: 1\nas_of: 2020\nactivity:\n  - {year: 2019}\n  - {year: 2021}\n"
    problems = _scenario_problems(late)
    assert any(p.startswith("s.yaml:5:") and "after" in p for p in problems), problems


# ---------------------------------------------------------------- the bundled scenarios


def _by_id(path: object, rubric: Rubric) -> dict[str, Diagnostic]:
    return {d.id: d for d in assess(read_scenario(str(path)), rubric).diagnostics}


def test_middle_reaches_flags_p1_p2_p4_with_numbers(rubric: Rubric) -> None:
    loaded = read_scenario(str(MR))
    found = {d.id: d for d in assess(loaded, rubric).diagnostics}
    spec = rubric.spec.diagnostics
    # P1: the paper's events per year; recent mean over the peak, computed here from the file
    rows = {a.year: a.events for a in loaded.model.activity or []}
    assert all(v is not None for v in rows.values())
    counts = {y: float(v or 0) for y, v in rows.items()}
    end = max(counts)
    recent = [v for y, v in counts.items() if y > end - spec.P1.recent_years]
    peak_year = max(counts, key=lambda y: (counts[y], -y))
    p1 = found["P1"]
    assert p1.status == "flagged"
    assert p1.measures["peak_year"] == peak_year and 2015 <= peak_year <= 2017  # §一(二)1
    assert p1.measures["momentum"] == pytest.approx(
        sum(recent) / len(recent) / counts[peak_year], abs=1e-3
    )
    assert {c.status for c in p1.causes} == {"present"}  # all three causes stated
    # P2: the domain counts from §一(一)
    items = loaded.model.cooperation_items
    assert items is not None
    more = (items.infrastructure or 0) + (items.ecology or 0) + (items.public_services or 0)
    less = (items.industry_innovation or 0) + (items.urban_rural or 0) + (items.institutional or 0)
    p2 = found["P2"]
    assert p2.status == "flagged"
    assert p2.measures["domain_balance"]["share_more"] == pytest.approx(
        more / (more + less), abs=1e-3
    )
    assert p2.measures["market_share"]["status"] == "unknown"  # no counts in the paper
    # P4: the most similar pair from the members' sector shares, and the stated barriers
    shares = {
        m.id: [m.sector_shares[k] for k in sorted(m.sector_shares)]
        for m in loaded.model.members or []
        if m.sector_shares
    }
    kinds = {m.id: m.kind for m in loaded.model.members or []}
    best = max(
        _cosine(shares[a], shares[b])
        for a in shares
        for b in shares
        if a < b and kinds[a] == kinds[b]
    )
    p4 = found["P4"]
    assert p4.status == "flagged"
    assert p4.measures["convergence"]["max_similarity"] == pytest.approx(best, abs=1e-4)
    assert len(p4.measures["local_protection"]["stated"]) == 4
    pops = sorted(
        (m.population_m for m in loaded.model.members or [] if m.kind == "city" and m.population_m),
        reverse=True,
    )
    assert p4.measures["primacy"]["two_city"] == pytest.approx(pops[0] / pops[1], abs=1e-3)
    for d in (p1, p2, p4):
        assert d.recommendations == tuple(getattr(spec, d.id).recommendations)


def test_yangtze_delta_flags_none_of_p1_to_p3(rubric: Rubric) -> None:
    found = _by_id(YRD, rubric)
    for key in ("P1", "P2", "P3"):
        assert found[key].flagged is not True, key
    # the paper presents its adjacent pairs as active and focused models (§二(六))
    assert found["P3"].status == "clear"


def test_json_output_carries_the_diagnostics() -> None:
    result = CliRunner().invoke(app, ["assess", str(MR), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    by_id = {d["id"]: d for d in data["diagnostics"]}
    assert list(by_id) == ["P1", "P2", "P3", "P4"]
    assert [by_id[k]["flagged"] for k in ("P1", "P2", "P4")] == [True, True, True]
    p1 = by_id["P1"]
    assert p1["series"]["years"][0] == 2013 and len(p1["series"]["values"]) == 8
    assert p1["data"] and all(" @ " in line for line in p1["data"])
    assert p1["findings"]["en"] and p1["findings"]["zh"]


def test_terminal_shows_the_diagnostics_section() -> None:
    loaded = read_scenario(str(MR))
    values = [float(a.events or 0) for a in loaded.model.activity or []]
    top = max(values)
    spark = "".join("▁▂▃▄▅▆▇█"[round(v / top * 7)] for v in values)
    result = CliRunner().invoke(app, ["assess", str(MR)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Diagnostics" in result.output and spark in result.output
    assert "No high-level push" in result.output
    zh = CliRunner().invoke(app, ["assess", str(MR), "--lang", "zh"], env={"COLUMNS": "200"})
    assert "问题诊断" in zh.output and "高开低走" in zh.output


def test_markdown_report_names_known_years_and_missing_ones(rubric: Rubric) -> None:
    from coopscore.formats import as_markdown

    values: dict[int, int | None] = {2014: 4, 2015: 8, 2017: 6, 2018: 1, 2019: 1, 2020: 1}
    a = assess(scenario_from({"activity": activity(values)}), rubric)
    text = as_markdown.document(a, "en")
    p1 = text[text.index("### `P1`") : text.index("### `P2`")]
    for year, value in values.items():
        if value is not None:
            assert re.search(rf"\b{year}:\s{value}\b", p1), (year, p1)
    assert re.search(r"\b2016:\s—", p1) and not re.search(r"2016:\s0", p1)  # missing, not 0
    assert text.count("### `P") == 4


# ---------------------------------------------------------------- unknown is never shown as none

FORMS = ("market_access", "quality_standards", "administrative_fees", "household_registration")


def _json(fragment: dict[str, Any], rubric: Rubric) -> dict[str, dict[str, Any]]:
    return {k: write.diagnostic(d) for k, d in run(fragment, rubric).items()}


def _tallies(out: dict[str, Any]) -> dict[str, dict[str, int]]:
    keys = ("present", "absent", "unknown", "total")
    return {t["part"]: {k: t[k] for k in keys} for t in out["tallies"]}


def test_one_form_stated_and_three_unknown_never_read_as_none(rubric: Rubric) -> None:
    d = run({"barriers": {"market_access": True}}, rubric)
    en = findings(d["P4"], "en")
    assert (
        "local protection: 1 of 4 forms stated present (market_access), 0 stated absent, 3 unknown"
        in en
    )
    every = [line for found in d.values() for line in findings(found, "en")]
    assert not [line for line in every if re.search(r"\bnone\b", line)], every
    assert not [line for line in every if "0 of 4" in line], every
    zh = " ".join(findings(d["P4"], "zh"))
    assert "4 种形式中已说明存在 1 种" in zh and "已说明不存在 0 种" in zh and "未知 3 种" in zh
    assert LABELS["none"]["zh"] + "(" not in zh  # the old "无(…)" form is gone
    out = write.diagnostic(d["P4"])
    assert _tallies(out)["local_protection"] == {
        "present": 1,
        "absent": 0,
        "unknown": 3,
        "total": 4,
    }
    assert out["measures"]["local_protection"]["unknown"] == list(FORMS[1:])


def test_json_counts_stated_present_stated_absent_and_unknown_apart(rubric: Rubric) -> None:
    items = _items(12, 4)
    del items["urban_rural"]  # unstated: unknown, not 0
    fragment = {
        "barriers": {"market_access": True, "quality_standards": False},
        "adjacent_pairs": [
            _pair("a", status="stalled", focus_areas=["x"]),
            _pair("b", status="active", focus_areas=[]),
            _pair("c"),  # nothing stated about it
        ],
        "cooperation_items": items,
        "activity": [
            {"year": 2019, "agreements": 6, "projects_landed": 2},
            {"year": 2020, "agreements": 5},  # landed projects unstated
        ],
        "initiatives": {"government_led": 9},
        "members": [
            _member("w", "city", population_m=10.0),
            _member("x", "city", population_m=5.0),
            _member("y", "city"),  # size unstated
        ],
    }
    out = _json(fragment, rubric)
    p2, p3, p4 = (_tallies(out[k]) for k in ("P2", "P3", "P4"))
    # a domain stated 0 is absent, one left out unknown
    some = sum(1 for v in items.values() if v > 0)
    zero = sum(1 for v in items.values() if v == 0)
    assert p2["domain_balance"] == {"present": some, "absent": zero, "unknown": 1, "total": 6}
    assert p2["landing_ratio"] == {"present": 1, "absent": 0, "unknown": 1, "total": 2}
    assert p2["market_share"] == {"present": 1, "absent": 0, "unknown": 1, "total": 2}
    # pair c states no status: it may have ended, so it counts only perhaps, apart
    assert p3["stalled"] == {"present": 1, "absent": 1, "unknown": 0, "total": 2}
    assert p3["unfocused"] == {"present": 1, "absent": 1, "unknown": 0, "total": 2}
    assert p3["shallow"] == {"present": 0, "absent": 0, "unknown": 2, "total": 2}
    open_c = {"present": 0, "absent": 0, "unknown": 1}
    assert all(t["may_be_out"] == open_c for t in out["P3"]["tallies"])
    assert p4["local_protection"] == {"present": 1, "absent": 1, "unknown": 2, "total": 4}
    assert p4["primacy"] == {"present": 2, "absent": 0, "unknown": 1, "total": 3}
    assert out["P4"]["measures"]["primacy"]["cities_unknown"] == ["y"]
    assert _tallies(out["P1"])["causes"]["unknown"] == len(rubric.causes)
    en = {k: " ".join(v["findings"]["en"]) for k, v in out.items()}
    shallow = "point-to-point: 0 to 3 of 2 to 3 pairs, 0 stated otherwise, 2 unknown, 1 of "
    assert shallow + "unstated status that may have ended" in en["P3"]
    assert "1 state one of them only (unknown, left out of the ratio) (unknown: 2020)" in en["P2"]
    assert "(unknown: urban_rural)" in en["P2"] and "market-led unknown" in en["P2"]
    assert "1 member cities without population_m: unknown" in en["P4"]
    # the fields the JSON had keep their names
    old = {"id", "name", "section", "status", "flagged", "measures", "findings", "data"}
    assert all(
        old | {"missing", "recommendations", "tallies", "thresholds"} <= set(v)
        for v in out.values()
    )


def _measured(rubric: Rubric) -> tuple[dict[str, Any], dict[str, tuple[str, float, float, int]]]:
    """A scenario with a value for each diagnostic, and (measure, value, bound, digits) each."""
    spec = rubric.spec.diagnostics
    low = math.floor(10 * spec.P1.momentum_below) - 1
    a, b = [0.1, 0.4, 0.5], [0.08, 0.42, 0.5]
    pairs = [_pair(n, status="stalled", focus_areas=["x"]) for n in "ab"]
    fragment = {
        "activity": activity(_p1_series(rubric, low)),
        "cooperation_items": _items(16, 4),
        "adjacent_pairs": [*pairs, _pair("c", status="active", focus_areas=["x"])],
        "members": [_member("a", "province", a), _member("b", "province", b)],
        "barriers": dict.fromkeys(FORMS, False),
    }
    expected = {
        "P1": ("momentum", low / 10, spec.P1.momentum_below, 2),
        "P2": ("share_more", 16 / 20, spec.P2.domain_share_at_least, 2),
        "P3": ("weak_share", 2 / 3, spec.P3.weak_share_at_least, 2),
        "P4": ("max_similarity", round(_cosine(a, b), 4), spec.P4.similarity_at_least, 3),
    }
    return fragment, expected


def test_each_diagnostic_shows_its_distance_to_the_threshold(rubric: Rubric) -> None:
    fragment, expected = _measured(rubric)
    out = _json(fragment, rubric)
    for key, (measure, value, bound, digits) in expected.items():
        (line,) = [t for t in out[key]["thresholds"] if t["measure"] == measure]
        assert line["value"] == pytest.approx(value, abs=1e-3) and line["threshold"] == bound
        assert line["distance"] == pytest.approx(value - bound, abs=1e-3)
        assert line["status"] in {"flagged", "clear"}
        shown = f"{value:.{digits}f} vs {bound:.{digits}f}"
        side = "above" if value > bound else "below"
        gap = f"{abs(value - bound):.{digits}f} {side}"
        assert any(shown in s and gap in s for s in out[key]["findings"]["en"]), (key, shown)
        zh = f"{value:.{digits}f} 对比阈值 {bound:.{digits}f}"
        assert any(zh in s for s in out[key]["findings"]["zh"]), (key, zh)
    # P4's local protection: no form present of four stated absent, against one to flag
    (forms,) = [t for t in out["P4"]["thresholds"] if t["measure"] == "forms_present"]
    assert (forms["value"], forms["bounds"], forms["status"]) == (0, [0, 0], "clear")


def test_an_unknown_value_stands_beside_its_threshold_as_unknown(rubric: Rubric) -> None:
    out = _json({}, rubric)
    spec = rubric.spec.diagnostics
    bounds = {
        "P1": f"{spec.P1.momentum_below:.2f}",
        "P2": f"{spec.P2.domain_share_at_least:.2f}",
        "P3": f"{spec.P3.weak_share_at_least:.2f}",
        "P4": f"{spec.P4.similarity_at_least:.3f}",
    }
    for key, found in out.items():
        assert found["thresholds"] and all(t["value"] is None for t in found["thresholds"])
        bound = bounds[key]
        assert any(f"unknown vs {bound}" in s for s in found["findings"]["en"]), key
        assert any(f"未知 对比阈值 {bound}" in s for s in found["findings"]["zh"]), key
    # a range the unknown forms leave open: 0 stated present, up to 4
    (forms,) = [t for t in out["P4"]["thresholds"] if t["measure"] == "forms_present"]
    assert forms["bounds"] == [0, 4] and forms["distance"] is None and forms["status"] == "unknown"


# ---------------------------------------------------------------- P2 (a) from tagged items


def _tagged(counts: dict[str, int], weighted: bool = False) -> list[dict[str, Any]]:
    """The items behind ``counts``: one entry each, or one entry with a ``count`` per domain."""
    out: list[dict[str, Any]] = []
    for domain, n in counts.items():
        if weighted and n:
            out.append({"name": f"{domain} items", "domain": domain, "count": n})
        else:
            out += [{"name": f"{domain} {i}", "domain": domain, "year": 2019} for i in range(n)]
    return out


@pytest.mark.parametrize(("more", "less"), [(16, 4), (10, 10), (12, 8), (5, 2)])
def test_p2_tagged_items_give_the_verdict_of_the_equivalent_counts(
    rubric: Rubric, more: int, less: int
) -> None:
    counts = _items(more, less)
    by_count = run({"cooperation_items": counts}, rubric)["P2"]
    for weighted in (False, True):
        by_item = run({"cooperation_items": _tagged(counts, weighted)}, rubric)["P2"]
        assert by_item.status == by_count.status
        a, b = by_item.measures["domain_balance"], by_count.measures["domain_balance"]
        for key in ("status", "counts", "more", "less", "share_more"):
            assert a.get(key) == b.get(key), key
        assert by_item.thresholds[0] == by_count.thresholds[0]
        assert by_item.tallies[0] == by_count.tallies[0]
        assert (a["form"], b["form"]) == ("items", "counts")


def test_p2_findings_cite_each_tagged_item_at_its_line(rubric: Rubric) -> None:
    items = [
        {"name": "Road joint meetings", "domain": "infrastructure", "year": 2015, "count": 2},
        {"name": {"en": "Lakes declaration", "zh": "湖泊湿地宣言"}, "domain": "ecology"},
        {"name": "Commodity exchange", "domain": "industry_innovation", "year": 2017},
    ]
    loaded = scenario_from({"cooperation_items": items})
    (_, p2, *_) = diagnose(loaded, rubric)
    for index in range(len(items)):
        line = line_of(loaded, "cooperation_items", index, "domain")
        assert f"cooperation_items[{index}].domain @ {loaded.file}:{line}" in map(cited, p2.data)
    en, zh = " ".join(findings(p2, "en")), " ".join(findings(p2, "zh"))
    first = line_of(loaded, "cooperation_items", 0)
    assert f"infrastructure 2: Road joint meetings (2015, ×2, line {first})" in en
    assert "Lakes declaration" in en and "湖泊湿地宣言" in zh and f"第 {first} 行" in zh
    assert "urban_rural" not in en.split("(a) counted from")[1]  # a domain with no entry: no line
    # a domain no entry names counts 0, as a stated list names every item it has
    assert p2.measures["domain_balance"]["counts"]["urban_rural"] == 0


@pytest.mark.parametrize(
    ("written", "nearest"),
    [
        ("infrastucture", "infrastructure"),
        ("生态环保", "ecology"),
        ("innovation", "industry_innovation"),
    ],
)
def test_p2_a_mistyped_domain_is_an_error_at_its_line(written: str, nearest: str) -> None:
    text = (
        "schema_version: 1\ncooperation_items:\n"
        "  - {name: Road meetings, domain: infrastructure}\n"
        f"  - name: Second item\n    domain: {written}\n"
    )
    (problem,) = _scenario_problems(text)
    assert problem.startswith("s.yaml:5:"), problem
    assert f"did you mean {nearest!r}?" in problem and "cooperation_items[1].domain" in problem


def test_p2_items_need_a_domain_and_take_only_their_own_keys() -> None:
    text = (
        "schema_version: 1\ncooperation_items:\n"
        "  - {name: A}\n  - {name: B, domain: ecology, colour: red}\n"
    )
    problems = _scenario_problems(text)
    assert any(p.startswith("s.yaml:3:") and "'domain'" in p for p in problems), problems
    assert any(p.startswith("s.yaml:4:") and "'colour'" in p for p in problems), problems
    (problem,) = _scenario_problems("schema_version: 1\ncooperation_items: 5\n")
    assert problem.startswith("s.yaml:2:") and "list of items" in problem


def test_the_item_domains_are_the_domains_p2_counts() -> None:
    from coopscore.diagnostics.p2_three_more_three_less.logic import DOMAINS
    from coopscore.model.scenario import CooperationDomain, CooperationItems, Fact

    assert get_args(CooperationDomain) == DOMAINS
    assert set(CooperationItems.model_fields) - set(Fact.model_fields) == set(DOMAINS)


def test_a_tagged_item_name_cannot_break_the_markdown_section(rubric: Rubric) -> None:
    from coopscore.formats import as_markdown

    name = "Park | fund\n## injected *bold* <b>x</b>"
    fragment = {"cooperation_items": [{"name": name, "domain": "industry_innovation"}]}
    text = as_markdown.document(assess(scenario_from(fragment), rubric), "en")
    assert "\n## injected" not in text and "<b>" not in text
    assert text.count("### `P") == 4


def test_primacy_counts_a_municipality_as_a_city(rubric: Rubric) -> None:
    """Shanghai is a 直辖市: province-level in rank, but the YRD's primate city."""
    members = [
        {"id": "shanghai", "name": "Shanghai", "kind": "municipality", "population_m": 24.9},
        {"id": "nanjing", "name": "Nanjing", "kind": "city", "population_m": 9.3},
        {"id": "hangzhou", "name": "Hangzhou", "kind": "city", "population_m": 11.9},
    ]
    found = {d.id: d for d in diagnose(scenario_from({"members": members}), rubric)}
    cities = [c["id"] for c in found["P4"].measures["primacy"]["cities"]]
    assert cities[0] == "shanghai" and set(cities) == {"shanghai", "nanjing", "hangzhou"}


def test_two_years_of_activity_give_no_trend(rubric: Rubric) -> None:
    """Fewer years than P1 needs cannot show a rise and a fall: no trend is drawn from them."""
    from coopscore.report.findings import findings

    fragment = {"activity": [{"year": 2019, "events": 5}, {"year": 2020, "events": 2}]}
    (p1,) = [d for d in diagnose(scenario_from(fragment), rubric) if d.id == "P1"]
    assert p1.flagged is None
    assert p1.measures["slope"] is None
    assert not any(line.startswith("trend ") for line in findings(p1, "en"))
