"""explain, rubric, schema, init, examples, compare and sensitivity, through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.cli.commands import init as init_command
from coopscore.core import sensitivity
from coopscore.core.assessment import Assessment
from coopscore.formats import rubric_docs
from coopscore.model import schemas, template
from coopscore.model.rubric import Rubric
from coopscore.model.scenario import Scenario
from coopscore.pipeline import scoring

from .conftest import ROOT, SCENARIOS
from .ruled import column

runner = CliRunner()
MR = "example:middle-reaches-2021"
YRD = "example:yangtze-delta-2020"


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


# --------------------------------------------------------------------------- explain


def test_explain_a_criterion_by_code_or_slug(rubric: Rubric) -> None:
    code, out = run("explain", "INS003")
    assert code == 0
    spec = rubric.criterion("INS003").spec  # type: ignore[union-attr]
    assert spec.rationale.en[:40] in out and spec.section in out
    assert "Met when:" in out and "institutions.execution is at least 1" in out
    assert "`" not in out  # a path is marked as code, never shown with its backticks
    assert run("explain", "missing-execution-layer")[1] == out


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("diagnostic", ["P1", "P2", "P3", "P4"])
def test_explain_a_diagnostic_with_a_scenario_shows_what_assess_found(
    diagnostic: str, lang: str
) -> None:
    """Its findings there, in the words the assessment uses, not a pointer to another command."""
    code, out = run("assess", MR, "-f", "json", "--lang", lang)
    found = next(d for d in json.loads(out)["diagnostics"] if d["id"] == diagnostic)
    code, out = run("explain", diagnostic, "--scenario", MR, "--lang", lang)
    flat = "".join(out.split())
    assert code == 0 and found["findings"][lang]
    for line in found["findings"][lang]:
        assert "".join(line.split()) in flat, line


def test_explain_with_a_scenario_shows_values_and_why() -> None:
    code, out = run("explain", "ENC002", "--scenario", MR)
    assert code == 0
    flat = " ".join(out.split())
    assert "Result: met" in out and "enclaves[].mode: at least 3 distinct" in flat
    assert "industrial, talent, science_innovation (line 415)" in flat
    assert "len(" not in out and "distinct(" not in out  # facts in words, not pseudo-code
    # the one court arrangement is an example: the one-field reading stays open, and says why
    code, out = run("explain", "JUD002", "--scenario", MR)
    assert "Result: unknown" in out and "exhaustive: false} holds at least its items" in out
    assert "(not exhaustive): environment_resources (line 567)" in " ".join(out.split())
    code, out = run("explain", "JUD002", "--scenario", MR, "--lang", "zh")
    assert "(未列全):environment_resources (第 567 行)" in " ".join(out.split())
    code, out = run("explain", "GOV001", "--scenario", MR)
    assert "Result: unknown" in out and "governance.eco_compensation" in out


def test_explain_dimension_and_recommendation_in_chinese(rubric: Rubric) -> None:
    code, out = run("explain", "D3", "--lang", "zh")
    assert code == 0 and "飞地合作" in out
    assert all(c.code in out for c in rubric.criteria if c.spec.dimension == "D3")
    code, out = run("explain", "r4")
    assert code == 0 and "Actions" in out and "SHR002" in out


def test_explain_errors() -> None:
    assert run("explain", "NOPE")[0] == 2
    code, out = run("explain", "INS003", "--scenario", "missing.yaml")
    assert code == 2 and "no such file" in out


# --------------------------------------------------------------------------- rubric


def test_rubric_list_filters(rubric: Rubric) -> None:
    code, out = run("rubric", "list", "--dimension", "D7")
    assert code == 0
    d7 = [c.code for c in rubric.criteria if c.spec.dimension == "D7"]
    assert column(out, 0) == d7
    code, out = run("rubric", "list", "--severity", "high")
    assert set(column(out, 3)) == {"high"}
    assert run("rubric", "list", "--dimension", "D9")[0] == 2


def test_rubric_show_prints_the_criterion_data() -> None:
    code, out = run("rubric", "show", "single-mode-enclave")
    assert code == 0
    (data,) = yaml.safe_load(out)
    assert data["code"] == "ENC002" and data["met"]["measure"] == "distinct"
    assert run("rubric", "show", "ZZZ999")[0] == 2


def test_rubric_lint_ok_and_broken(tmp_path: Path) -> None:
    code, out = run("rubric", "lint")
    assert code == 0 and "ok:" in out and "48 criteria" in out
    text = (ROOT / "rubrics" / "yrd-lessons.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("code: INS002", "code: INS001"), encoding="utf-8")
    code, out = run("rubric", "lint", str(broken))
    line = text[: text.index("code: INS002")].count("\n") + 1
    assert code == 2 and f"{broken}:{line}" in out and "duplicate code" in out
    unused = tmp_path / "unused.yaml"
    unused.write_text(
        text.replace("recommendations: [R2]", "recommendations: [R1]"), encoding="utf-8"
    )
    code, out = run("rubric", "lint", str(unused))
    assert code == 0 and "warning:" in out and "R2 closes no criterion" in out


def test_committed_rubric_docs_are_current(rubric: Rubric) -> None:
    committed = (ROOT / "docs" / "rubric.md").read_text(encoding="utf-8")
    assert committed == rubric_docs.render(rubric), (
        "run: coopscore rubric docs -o docs/rubric.md --force"
    )
    for c in rubric.criteria:
        assert f"### {c.code} `{c.spec.slug}`" in committed


def test_rubric_docs_command_writes_the_file(tmp_path: Path, rubric: Rubric) -> None:
    target = tmp_path / "docs" / "rubric.md"
    code, out = run("rubric", "docs", "-o", str(target))
    assert code == 2 and "no such folder" in out and not target.parent.exists()  # never made
    target.parent.mkdir()
    assert run("rubric", "docs", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == rubric_docs.render(rubric)


def test_rubric_docs_prints_by_default_and_overwrites_only_with_force(
    tmp_path: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run("rubric", "docs")
    assert code == 0 and out == rubric_docs.render(rubric)
    assert list(tmp_path.iterdir()) == []  # nothing written without a path
    target = tmp_path / "mine.md"
    target.write_text("my notes", encoding="utf-8")
    code, out = run("rubric", "docs", "-o", str(target))
    assert code == 2 and "--force" in out and target.read_text(encoding="utf-8") == "my notes"
    assert run("rubric", "docs", "-o", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8") == rubric_docs.render(rubric)


# --------------------------------------------------------------------------- schema


@pytest.mark.parametrize("which", ["scenario", "rubric"])
def test_committed_schemas_are_current_and_draft_07(which: str) -> None:
    committed = (ROOT / "schemas" / f"{which}.schema.json").read_text(encoding="utf-8")
    assert committed == schemas.text(which), (
        "run: coopscore schema NAME -o schemas/NAME.schema.json"
    )
    data = json.loads(committed)
    assert data["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in committed and "#/definitions/" in committed
    code, out = run("schema", which)
    assert code == 0 and json.loads(out) == data


SCHEMA_IN_A_FRESH_PROCESS = """
import sys
import pydantic_core
from coopscore.model import schemas
from coopscore.model.rubric import Bilingual
text = schemas.text(sys.argv[1])
built = isinstance(Bilingual.__pydantic_serializer__, pydantic_core.SchemaSerializer)
sys.stdout.write(("built" if built else "deferred") + chr(10) + text)
"""


@pytest.mark.parametrize("which", ["scenario", "rubric"])
def test_a_schema_is_generated_from_built_models_in_a_fresh_process(which: str) -> None:
    """The models defer building, and some pydantic versions (2.13) cannot put a default that
    is an instance of an unbuilt model (the rubric's problem names) into a schema."""
    done = subprocess.run(
        [sys.executable, "-c", SCHEMA_IN_A_FRESH_PROCESS, which],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    state, text = done.stdout.split("\n", 1)
    assert state == "built"
    assert text == (ROOT / "schemas" / f"{which}.schema.json").read_text(encoding="utf-8")


def test_scenario_schema_validates_the_bundled_scenarios_and_rejects_a_typo() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(schemas.schema("scenario"))
    for path in SCENARIOS.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../schemas/scenario.schema.json")
        errors = list(validator.iter_errors(yaml.safe_load(text)))
        assert errors == [], (path.name, errors[:1])
    assert list(validator.iter_errors({"schema_version": 1, "membres": []}))


def test_every_scenario_field_has_a_description() -> None:
    def walk(model: type, where: str) -> list[str]:
        missing = []
        for name, field in model.model_fields.items():  # type: ignore[attr-defined]
            if not field.description:
                missing.append(f"{where}.{name}")
        return missing

    import inspect

    from coopscore.model import scenario as module

    models = [
        m for _, m in inspect.getmembers(module, inspect.isclass)
        if issubclass(m, module.Model) and m.__module__ == module.__name__
    ]  # fmt: skip
    missing = [item for m in models for item in walk(m, m.__name__)]
    assert missing == []


def test_unknown_schema_name() -> None:
    assert run("schema", "report")[0] == 2


# --------------------------------------------------------------------------- init


def test_init_writes_a_template_that_assess_accepts(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    assert run("init", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    code, out = run("assess", str(target), "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["coverage"] == 0 and data["score"] is None and data["gaps"] == []
    assert run("init", str(target))[0] == 2  # no silent overwrite
    assert run("init", str(target), "--force")[0] == 0
    assert text == template.render(init_command.schema_uri())


def test_template_names_every_field_with_a_comment() -> None:
    text = template.render()

    for name in set(Scenario.model_fields) - {"source", "note"}:
        assert any(
            line.split(":")[0].strip() == name and "#" in line for line in text.splitlines()
        ), name


# --------------------------------------------------------------------------- examples


def test_examples_list_and_use() -> None:
    code, out = run("examples")
    assert code == 0 and MR in out and YRD in out
    code, out = run("assess", MR, "-f", "json")
    assert code == 0 and json.loads(out)["scenario"]["id"] == "middle-reaches-2021"
    code, out = run("assess", "example:nowhere")
    assert code == 2 and "no bundled example 'nowhere'" in out
    code, out = run("batch", MR, YRD, "-f", "jsonl")
    assert code == 0 and len(out.strip().splitlines()) == 2


# --------------------------------------------------------------------------- compare


def _assessment(path: str) -> dict:  # type: ignore[type-arg]
    return json.loads(run("assess", path, "-f", "json")[1])


def _scored(path: str, rubric: Rubric) -> Assessment:
    outcome = scoring.score(path, rubric)
    assert isinstance(outcome, scoring.Scored)
    return outcome.assessment


def test_compare_reports_deltas_closed_and_opened(rubric: Rubric) -> None:
    code, out = run("compare", MR, YRD, "-f", "json")
    assert code == 0
    data = (
        json.loads(out.split("\nwarning:")[0])
        if "\nwarning:" in out
        else json.loads(out[: out.rindex("}") + 1])
    )
    old, new = _assessment(MR), _assessment(YRD)
    exact = [_scored(name, rubric).score or 0.0 for name in (MR, YRD)]
    assert data["score_delta"] == round(exact[1] - exact[0], 1)  # the delta of unrounded scores
    status = {c["code"]: c["status"] for c in new["criteria"]}
    expected_closed = {g["code"] for g in old["gaps"] if status[g["code"]] == "met"}
    assert {g["code"] for g in data["gaps_closed"]} == expected_closed
    was = {c["code"]: c["status"] for c in old["criteria"]}
    assert {g["code"] for g in data["unknowns_resolved"]} == {
        code for code, s in was.items() if s == "unknown" and status[code] != "unknown"
    }
    assert [d["id"] for d in data["dimensions"]] == [f"D{i}" for i in range(1, 9)]


def test_compare_refuses_different_rubrics_unless_forced(tmp_path: Path) -> None:
    saved = _assessment(MR)
    saved["rubric"]["digest"] = "0000000000000000"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(saved), encoding="utf-8")
    code, out = run("compare", str(old), MR)
    assert code == 2 and "different rubrics" in out
    code, out = run("compare", str(old), MR, "--force", "-f", "markdown")
    assert code == 0 and "different rubrics" in out and "# Comparison" in out


def test_compare_errors(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert run("compare", str(bad), MR)[0] == 2
    assert run("compare", "missing.yaml", MR)[0] == 2


# --------------------------------------------------------------------------- sensitivity


def test_sensitivity_arithmetic_by_hand() -> None:
    assert sensitivity.ranks([3.0, 9.0, 3.0, 1.0]) == [2, 1, 2, 4]
    assert sensitivity.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.05) == 1
    assert sensitivity.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95) == 10
    assert sensitivity.aggregate((50.0, None, 100.0), [1.0, 5.0, 3.0], False) == pytest.approx(87.5)
    assert sensitivity.aggregate((25.0, 100.0), [1.0, 1.0], True) == pytest.approx(50.0)
    assert sensitivity.aggregate((0.0, 100.0), [1.0, 1.0], True) == 0.0


def test_sensitivity_dominance_is_stable_and_a_close_call_is_not() -> None:
    entries = [
        sensitivity.Entry("strong", (90.0, 90.0)),
        sensitivity.Entry("weak", (10.0, 10.0)),
        sensitivity.Entry("left", (80.0, 20.0)),
        sensitivity.Entry("right", (21.0, 80.0)),
    ]
    result = sensitivity.run(entries, [1.0, 1.0], runs=400, spread=0.5, seed=1)
    by_id = {r.id: r for r in result.ranked}
    assert by_id["strong"].stable and by_id["strong"].nominal_rank == 1
    assert by_id["weak"].stable and by_id["weak"].nominal_rank == 4
    assert not by_id["left"].stable and not by_id["right"].stable
    holds = {(p.ahead, p.behind): p.holds for p in result.pairs}
    assert holds[("strong", "weak")] == 1.0
    assert 0.3 < holds[("right", "left")] < 0.7
    again = sensitivity.run(entries, [1.0, 1.0], runs=400, spread=0.5, seed=1)
    assert again == result


def test_sensitivity_command(tmp_path: Path) -> None:
    variant = tmp_path / "variant.yaml"
    text = (SCENARIOS / "middle-reaches-2021.yaml").read_text(encoding="utf-8")
    variant.write_text(text.replace("id: middle-reaches-2021", "id: variant"), encoding="utf-8")
    code, out = run("sensitivity", str(SCENARIOS), str(variant), "--runs", "200", "--json")
    assert code == 0
    data = json.loads(out[out.index("{") :])
    assert {s["id"] for s in data["scenarios"]} >= {
        "middle-reaches-2021",
        "yangtze-delta-2020",
        "variant",
    }
    assert data["scenarios"][0]["id"] == "yangtze-delta-2020"
    code, out = run("sensitivity", str(SCENARIOS), "--runs", "100", "--aggregation", "both")
    assert code == 0 and "Weight sensitivity" in out
    assert run("sensitivity", MR)[0] == 2  # one scenario cannot be ranked


def test_recommendations_illustration_compares_against_the_facts() -> None:
    illustration = SCENARIOS / "middle-reaches-with-recommendations.yaml"
    text = illustration.read_text(encoding="utf-8")
    assert "illustration" in text.lower() and "Assumed (R" in text
    code, out = run(
        "compare", str(SCENARIOS / "middle-reaches-2021.yaml"), str(illustration), "-f", "json"
    )
    assert code == 0
    data = json.loads(out[: out.rindex("}") + 1])
    assert data["score_delta"] > 0 and data["gaps_opened"] == []
    closed_by = {
        r
        for g in data["gaps_closed"]
        for r in yaml.safe_load(run("rubric", "show", g["code"])[1].split("\n", 1)[1])[0][
            "recommendations"
        ]
    }
    assert {"R1", "R2", "R4"} <= closed_by  # R3: no enclave gap of the base is certain


def test_plan_ranks_gaps_by_recomputed_gain() -> None:
    code, out = run("plan", MR, "-f", "json")
    assert code == 0
    data = json.loads(out)
    gains = [s["score_gain"] for s in data["steps"]]
    assert gains == sorted(gains, reverse=True)
    before = _assessment(MR)
    assert {s["code"] for s in data["steps"]} == {g["code"] for g in before["gaps"]}
    top = run("plan", MR, "--top", "3", "-f", "json")[1]
    assert [s["code"] for s in json.loads(top)["steps"]] == [s["code"] for s in data["steps"][:3]]
    code, out = run("plan", MR, "-f", "markdown")
    assert code == 0 and "# Action plan" in out
    assert run("plan", "missing.yaml")[0] == 2


def test_plan_gain_equals_rescoring_with_the_gap_closed(tmp_path: Path) -> None:
    # close the top step by editing the scenario, and check the new score by assessing it
    base = tmp_path / "s.yaml"
    base.write_text(
        "schema_version: 1\nas_of: 2021\ninstitutions:\n  decision: []\n"
        "  coordination: [{name: c}]\n  execution: [{name: e}]\n",
        encoding="utf-8",
    )
    step = json.loads(run("plan", str(base), "-f", "json")[1])["steps"][0]
    assert step["code"] == "INS001"
    fixed = tmp_path / "t.yaml"
    fixed.write_text(
        base.read_text().replace("decision: []", "decision: [{name: d}]"), encoding="utf-8"
    )
    before, after = _assessment(str(base)), _assessment(str(fixed))
    dim = lambda a: next(d["score"] for d in a["dimensions"] if d["id"] == "D2")  # noqa: E731
    # the JSON rounds dimension scores to one decimal
    assert step["dimension_gain"] == pytest.approx(dim(after) - dim(before), abs=0.06)


def test_waivers_leave_the_denominator_and_show_their_reason(tmp_path: Path) -> None:
    f = tmp_path / "w.yaml"
    f.write_text(
        "schema_version: 1\ncouncil: {member_count: 4, capital_members: 4}\n"
        "not_applicable:\n  INS010: one province, so its council is its capitals by design\n",
        encoding="utf-8",
    )
    data = json.loads(run("assess", str(f), "-f", "json")[1])
    assert data["not_applicable"] == [
        {
            "code": "INS010",
            "reason": "one province, so its council is its capitals by design",
            "by": "scenario",
        }
    ]
    assert "INS010" not in {g["code"] for g in data["gaps"]}
    strict = json.loads(run("assess", str(f), "-f", "json", "--no-waivers")[1])
    assert "INS010" in {g["code"] for g in strict["gaps"]}
    code, out = run("assess", str(f))
    assert "one province, so its council is its capitals by design" in out
    f.write_text("schema_version: 1\nnot_applicable:\n  ZZZ001: no such check\n", encoding="utf-8")
    code, out = run("assess", str(f))
    assert code == 2 and f"{f}:3" in out and "ZZZ001" in out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_honours_waivers_and_no_waivers(tmp_path: Path, jobs: str) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(
            "schema_version: 1\ncouncil: {member_count: 4, capital_members: 4}\n"
            "not_applicable:\n  INS010: capitals only by design\n",
            encoding="utf-8",
        )
    rows = [
        json.loads(x)
        for x in run("batch", str(tmp_path), "-f", "jsonl", "-j", jobs)[1].splitlines()
    ]
    assert all("INS010" not in {g["code"] for g in r["gaps"]} for r in rows)
    out = run("batch", str(tmp_path), "-f", "jsonl", "-j", jobs, "--no-waivers")[1]
    assert all("INS010" in {g["code"] for g in json.loads(x)["gaps"]} for x in out.splitlines())


def test_explain_with_a_scenario_refuses_what_assess_refuses(tmp_path: Path) -> None:
    f = tmp_path / "w.yaml"
    f.write_text("schema_version: 1\nnot_applicable:\n  ZZZ001: no such check\n", encoding="utf-8")
    assess_code, assess_out = run("assess", str(f))
    explain_code, explain_out = run("explain", "INS003", "--scenario", str(f))
    assert assess_code == explain_code == 2
    assert "ZZZ001" in assess_out and assess_out == explain_out


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (["plan", "example:middle-reaches-2021"], ["Action plan", "Steps by", "score gain"]),
        (
            ["sensitivity", "example:middle-reaches-2021", "example:yangtze-delta-2020"],
            ["Weight sensitivity", "Nominal", "arithmetic", "Every pair"],
        ),
    ],
)
def test_plan_and_sensitivity_speak_chinese_with_lang_zh(
    args: list[str], english: list[str]
) -> None:
    en_code, en_out = run(*args, "--runs", "20") if args[0] == "sensitivity" else run(*args)
    zh_code, zh_out = (
        run(*args, "--runs", "20", "--lang", "zh")
        if args[0] == "sensitivity"
        else run(*args, "--lang", "zh")
    )
    assert en_code == zh_code == 0
    for words in english:
        assert words.lower() in en_out.lower() and words.lower() not in zh_out.lower()


def test_compare_speaks_chinese_with_lang_zh() -> None:
    args = ["compare", "example:middle-reaches-2021", "example:middle-reaches-with-recommendations"]
    for extra in ([], ["-f", "markdown"]):
        en_code, en_out = run(*args, *extra)
        zh_code, zh_out = run(*args, *extra, "--lang", "zh")
        assert en_code == zh_code == 0
        assert "Overall" in en_out and "unmet → met" in en_out
        assert "Overall" not in zh_out and "unmet → met" not in zh_out and "未达标 → 达标" in zh_out


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("format", ["table", "markdown", "html"])
def test_plan_states_the_score_its_gains_add_to(lang: str, format: str) -> None:
    """With its bounds, as assess states it: a point is never shown without them."""
    code, out = run("assess", MR, "-f", "json")
    record = json.loads(out)
    bounds = record["score_bounds"]
    score = f"{record['score']:.1f} ({bounds['lower']:.1f}–{bounds['upper']:.1f})"
    code, out = run("plan", MR, "-f", format, "--lang", lang)
    said = {"en": f"Score now: {score}.", "zh": f"当前得分:{score}。"}[lang]
    assert code == 0 and said in out
    code, out = run("plan", MR, "-f", "json")
    assert json.loads(out)["score_bounds"] == bounds


def test_a_plan_with_nothing_to_close_says_so_instead_of_an_empty_table() -> None:
    from coopscore.report.i18n import label

    code, out = run("plan", "example:yangtze-delta-2020", "-f", "markdown")
    assert code == 0 and label("no_gaps", "en") in out and "| Code |" not in out


def test_sensitivity_names_each_withheld_snapshot_by_its_file() -> None:
    """Snapshots of one cluster share an id: the note on a withheld score names the file too."""
    panel = sorted((SCENARIOS / "middle-reaches-panel").glob("*.yaml"))
    code, out = run("sensitivity", *map(str, panel), "example:yangtze-delta-2020")
    withheld = [line for line in out.splitlines() if "score withheld" in line]
    assert code == 0 and len(withheld) == 2
    assert len(set(withheld)) == 2 and all(".yaml)" in line for line in withheld)
