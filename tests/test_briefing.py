"""Reports a policy analyst can hand on: the summary first, facts in words with their lines, the
file named once, provenance in every header, nothing broken at 80 columns, Chinese throughout."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from coopscore import __version__
from coopscore.cli.app import app
from coopscore.core.assessment import Assessment
from coopscore.formats import as_markdown
from coopscore.formats.escaping import code_span, markdown_text
from coopscore.model.rubric import Rubric
from coopscore.model.yamlload import parse
from coopscore.pipeline import scoring
from coopscore.pipeline.inputs import read_scenario
from coopscore.pipeline.scoring import Scored, score
from coopscore.report import briefing, numbers
from coopscore.report.blocks import Bullets
from coopscore.report.notes import Style
from coopscore.report.words import Words

from .conftest import RUBRICS, SCENARIOS

MR = "example:middle-reaches-2021"
MR_FILE = SCENARIOS / "middle-reaches-2021.yaml"
MD = Style(markdown_text, code_span)  # file text styled as Markdown code
SMALL = str(Path(__file__).parent / "data" / "small.yaml")
runner = CliRunner()


def run(*args: str, columns: int = 80) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.fixture(scope="module")
def mr(rubric: Rubric) -> Assessment:
    outcome = score(MR, rubric)
    assert isinstance(outcome, Scored)
    return outcome.assessment


def _pair_line() -> int:
    line = read_scenario(str(MR_FILE)).document.line_of(("adjacent_pairs", 0, "status"))
    assert line is not None
    return line


# ------------------------------------------------------------------------- the summary first


@pytest.mark.parametrize(
    ("lang", "head", "standing"),
    [("en", "Summary", "Scores {} of 100"), ("zh", "概要", "按已说明的事实得分 {}")],
)
def test_the_terminal_opens_with_the_summary(
    lang: str, head: str, standing: str, mr: Assessment
) -> None:
    standing = standing.format(numbers.score(mr.score))
    lines = run("assess", MR, "--lang", lang).splitlines()
    assert lines[0].startswith(("Middle Reaches", "长江中游")) and "example:" in lines[1]
    first = next(n for n, line in enumerate(lines) if line == head)
    # only the header (the name, then the file and what made the report) comes before it
    assert first <= 4 and lines[first - 1] == ""
    assert lines[first + 1].startswith("  " + standing)
    table = lines.index("Dimensions" if lang == "en" else "维度得分")
    assert first < table


@pytest.mark.parametrize(
    ("lang", "head", "standing"),
    [("en", "## Summary", "Scores {} of 100"), ("zh", "## 概要", "按已说明的事实得分 {}")],
)
def test_the_markdown_report_opens_with_the_summary(
    lang: str, head: str, standing: str, mr: Assessment
) -> None:
    standing = standing.format(numbers.score(mr.score))
    text = run("assess", MR, "-f", "markdown", "--lang", lang)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[0] == head
    after = text.split(head + "\n\n", 1)[1]
    assert after.startswith(standing)
    assert "**" + ("First recommendations" if lang == "en" else "优先建议") + "**" in after


def test_the_standing_gives_score_bounds_and_coverage_or_says_it_is_withheld(
    mr: Assessment, rubric: Rubric
) -> None:
    assert mr.score is not None and mr.score_bounds is not None
    low, high = mr.score_bounds
    assert low <= mr.score <= high
    assert briefing.standing(mr, "en") == (
        f"Scores {numbers.score(mr.score)} of 100 on the facts stated; the unstated facts allow "
        f"{numbers.score(low)} to {numbers.score(high)}; "
        f"{numbers.percent(mr.coverage)} of the criterion weight is known."
    )
    small = score(SMALL, rubric)
    assert isinstance(small, Scored)
    withheld = briefing.standing(small.assessment, "en")
    assert withheld.startswith("The score is withheld: 19% of the criterion weight is known")
    assert "allow 5.8 to 94.7" in withheld


def test_gaps_are_counted_by_severity_and_recommendations_name_what_they_close(
    mr: Assessment,
) -> None:
    b = briefing.summary(mr, "en")
    high = [g.spec.code for g in mr.gaps if g.spec.severity == "high"]
    assert b.gaps[0] == f"Gaps the stated facts make certain: {len(mr.gaps)} (6 high, 4 medium)"
    assert b.gaps[1] == "high: " + ", ".join(high)
    first = [r for r in mr.recommendations if r.priority > 0][:3]
    assert len(b.recommendations) == 3
    for line, r in zip(b.recommendations, first, strict=True):
        assert line.startswith(f"{r.spec.id} ") and line.endswith("closes " + ", ".join(r.gaps))


def test_the_summary_follows_the_selection(rubric: Rubric) -> None:
    text = run("assess", MR, "--select", "ADJ", "-f", "markdown")
    summary = text.split("## Summary", 1)[1].split("## ", 1)[0]
    assert "certain: 2 (1 high, 1 medium); 8 more hidden by the selection" in summary


def test_find_out_first_lists_the_most_narrowing_facts(mr: Assessment) -> None:
    facts = mr.find_out
    assert facts and list(facts) == sorted(facts, key=lambda f: -f.narrowing)
    listed = briefing.summary(mr, "en").find_out
    shapes = list(dict.fromkeys(re.sub(r"\[\d+\]", "[*]", f.path) for f in facts))
    top = facts[0]
    tenths = math.floor(top.narrowing * 10 + 1e-9) / 10  # float noise below a tenth aside
    assert listed[0] == (
        f"{top.path}: narrows the score bounds by at least {tenths:.1f} points; "
        f"it bears on {', '.join(top.criteria)}"
    )
    shown = [re.sub(r"\[\d+\]", "[*]", line.split(":", 1)[0]) for line in listed]
    assert shown == shapes  # every one: the terminal shows the first few unless -v
    first = next(b for b in briefing.blocks(mr, Words("en")) if isinstance(b, Bullets) and b.brief)
    assert first.brief == briefing.FIRST_FACTS < len(first.items) == len(shapes)
    # paths that differ only in list indices are one line, with their count
    stages = [top._replace(path=f"adjacent_pairs[{i}].stage") for i in range(3)]
    folded = briefing.find_out(mr._replace(find_out=tuple(stages)), "zh", MD)
    assert folded[0].startswith(f"`adjacent_pairs[*].stage`(共 {len(stages)} 项):至少")


# ---------------------------------------------------------------------------- facts in words


def test_evidence_names_the_thing_it_is_about_and_its_line(mr: Assessment) -> None:
    adj = next(g for g in mr.gaps if g.spec.code == "ADJ002")
    pair = next(e for e in adj.evidence if e.path == "adjacent_pairs[0].status")
    assert pair.subject == {
        "en": "Xianning–Yueyang–Jiujiang small triangle",
        "zh": '咸岳九"小三角"',
    }
    line = _pair_line()
    en = f"Xianning–Yueyang–Jiujiang small triangle — status: stalled  (line {line}, "
    terminal = run("assess", MR, columns=200)
    assert en + "adjacent_pairs[0].status)" in terminal
    assert f"{line} │       status: stalled" in terminal  # the scenario's own line beneath it
    report = run("assess", MR, "-f", "markdown")
    assert (
        "Xianning–Yueyang–Jiujiang small triangle — status: stalled "
        f"(line {line}, `adjacent_pairs[0].status`)"
    ) in report
    zh = run("assess", MR, "-f", "markdown", "--lang", "zh")
    name = markdown_text('咸岳九"小三角"')
    assert f"{name} — status: stalled (第 {line} 行, `adjacent_pairs[0].status`)" in zh


def test_measures_are_said_in_words(mr: Assessment) -> None:
    report = run("assess", MR, "-f", "markdown")
    assert "plans.implementation\\_schemes: no items (line " in report
    assert "cooperation\\_model.sub\\_clusters: at least 6 (not exhaustive) (line " in report
    assert (
        "adjacent\\_pairs: among the items listed, share that match: 4 of 4 to 5 (80% to 100%) "
        "(not exhaustive: the items not listed can move the share anywhere from 0% to 100%) "
        "(line " in report
    )
    assert "council: stated (line " in report
    assert re.search(r"last\\_active: 2018, 3 years before the as-of year \(line \d+", report)


def test_the_file_is_named_once_in_a_report_and_as_the_reader_named_it() -> None:
    for lang in ("en", "zh"):
        text = run("assess", MR, "-f", "markdown", "--lang", lang)
        assert text.count(MR) == 1 and f"`{MR}`" in text.split("## ")[0]
        assert str(MR_FILE) not in text and ".yaml" not in text
    terminal = run("assess", MR, columns=120)
    assert terminal.count(MR) == 1 and ".yaml" not in terminal


# -------------------------------------------------------------------------------- 80 columns


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("columns", [80, 120])
def test_no_line_reference_breaks_and_nothing_runs_past_the_edge(
    mr: Assessment, lang: str, columns: int
) -> None:
    out = run("assess", MR, "--lang", lang, columns=columns)
    lines = out.splitlines()
    assert all(cell_len(line) <= columns for line in lines), max(lines, key=cell_len)
    assert not re.search(r"\bline\s*$", out, re.M) and not re.search(r"第\s*\d*\s*$", out, re.M)
    assert not re.search(r"^\s*\d+\s*行", out, re.M)
    at = "line" if lang == "en" else "第"
    cited = {
        e.line for g in mr.gaps for e in sorted(g.evidence, key=lambda e: e.measure == "len")[:3]
    }
    for n in cited:
        whole = f"(line {n}" if lang == "en" else f"(第 {n} 行"
        assert whole in out, (at, n)
    assert any(line.startswith(MR + " · ") for line in lines)
    for g in mr.gaps:  # slugs whole, never cut mid-word
        assert re.search(rf"(^|\s){re.escape(g.spec.slug)}$", out, re.M), g.spec.slug


# -------------------------------------------------------------------------------- provenance


def _modified(tmp_path: Path) -> Path:
    text = (RUBRICS / "yrd-lessons.yaml").read_text(encoding="utf-8")
    changed = re.sub(r"(\n    weight: )(\d+)", lambda m: m[1] + str(int(m[2]) + 1), text, count=1)
    assert changed != text
    mine = tmp_path / "mine.yaml"
    mine.write_text(changed, encoding="utf-8")
    return mine


def test_every_header_names_the_tool_the_rubric_and_its_digest(
    rubric: Rubric, tmp_path: Path
) -> None:
    digest = rubric.digest[:12]
    terminal = run("assess", MR, columns=120).splitlines()
    tool = f"coopscore {__version__}"
    assert terminal[1] == f"{MR} · {tool} · rubric yrd-lessons 1.0.0 · digest {digest}"
    report = run("assess", MR, "-f", "markdown").split("## ")[0]
    assert f"*rubric yrd-lessons 1.0.0* · *digest {digest}*" in report and "modified" not in report
    folder = tmp_path / "out"
    result = runner.invoke(app, ["batch", MR, SMALL, "-f", "markdown", "-d", str(folder)])
    assert result.exit_code in (0, 1), result.output
    index = (folder / "index.md").read_text(encoding="utf-8").split("## ")[0]
    assert f"digest {digest}" in index and f"coopscore {__version__}" in index
    assert "modified" not in index


def test_a_modified_rubric_is_marked_and_a_copy_of_the_bundled_one_is_not(
    tmp_path: Path,
) -> None:
    mine = _modified(tmp_path)
    marker = "modified rubric: not the one bundled with coopscore"
    assert marker in run("assess", MR, "--rubric", str(mine))
    report = run("assess", MR, "-f", "markdown", "--rubric", str(mine))
    assert f"**{marker}**" in report.split("## ")[0]
    assert "评价准则已修改" in run(
        "assess", MR, "-f", "markdown", "--lang", "zh", "--rubric", str(mine)
    )
    folder = tmp_path / "out"
    args = ["batch", MR, "-f", "markdown", "-d", str(folder), "--rubric", str(mine)]
    assert runner.invoke(app, args).exit_code in (0, 1)
    assert marker in (folder / "index.md").read_text(encoding="utf-8")
    copy = tmp_path / "copy.yaml"
    copy.write_bytes((RUBRICS / "yrd-lessons.yaml").read_bytes())
    assert "modified" not in run("assess", MR, "--rubric", str(copy))


def test_the_index_header_comes_from_the_rows_it_is_given(mr: Assessment) -> None:
    text, row = as_markdown.report(mr, "en")
    assert text == as_markdown.document(mr, "en")
    dims = [d.spec.id for d in mr.dimensions]
    index = as_markdown.index_page([row], [], "en", dims)
    assert f"digest {mr.rubric.digest[:12]}" in index
    failed_only = as_markdown.index_page([], [("x.yaml", "broken")], "en", dims)
    assert f"`coopscore` {__version__}" in failed_only.split("## ")[0]


# --------------------------------------------------------------------------- Chinese reports

# What may stay in ASCII letters in a Chinese report outside code: the scenario's own words
# (keys, ids, values, the sources it cites), the rubric's codes and ids, and the tool's name.
_TOKEN = re.compile(r"[A-Za-z0-9_.\-\[\]*]+")


def _scenario_words() -> set[str]:
    data = parse(str(MR_FILE), MR_FILE.read_text(encoding="utf-8")).data
    words: set[str] = set()

    def walk(node: Any, free: bool) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                words.update(_TOKEN.findall(str(key)))
                walk(value, free or key == "sources")
        elif isinstance(node, list):
            for item in node:
                walk(item, free)
        elif isinstance(node, str) and (free or " " not in node):
            words.update(_TOKEN.findall(node))

    walk(data, False)
    return words


def english_words(text: str) -> set[str]:
    """ASCII words of four letters or more outside code (code spans, fenced blocks)."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"(`+).*?\1", " ", text)
    text = text.replace("\\", "")
    return {t for t in _TOKEN.findall(text) if re.fullmatch(r"[A-Za-z]{4,}", t)}


def test_a_chinese_report_has_no_english_of_ours(rubric: Rubric) -> None:
    text = run("assess", MR, "-f", "markdown", "--lang", "zh")
    allowed = _scenario_words() | {"coopscore", "true", "false"}  # YAML's own booleans
    mr = scoring.score(MR, rubric)
    assert isinstance(mr, scoring.Scored)
    for r in mr.assessment.unknowns:  # the keys a scenario may state: paths, as written
        allowed |= {t for path in r.unknown for t in _TOKEN.findall(path)}
    allowed |= {c.code for c in rubric.criteria} | {c.spec.slug for c in rubric.criteria}
    left = english_words(text) - allowed
    assert not left, sorted(left)
    assert english_words("Why it matters `code` ```x\nEnglish```") == {"matters"}
    for heading in ("## 概要", "## 分维度短板", "## 计分方法"):
        assert heading in text


def test_the_terminal_names_the_first_facts_and_v_names_them_all() -> None:
    def run(*args: str) -> str:
        return CliRunner().invoke(app, ["assess", "example:middle-reaches-2021", *args]).output

    brief, every = run(), run("-v")
    page = run("-f", "markdown")
    facts = " ".join(page.split()).count("narrows the score bounds by at least")
    assert facts > briefing.FIRST_FACTS
    assert " ".join(every.split()).count("narrows the score bounds by at least") == facts
    assert " ".join(brief.split()).count("narrows the score bounds") == briefing.FIRST_FACTS
    assert f"(+{facts - briefing.FIRST_FACTS} more; -v shows all)" in brief
