"""Does assessing one scenario cost in proportion to its size? Ratios, not seconds.

Run from a checkout, in the environment where coopscore is installed::

    python bench/scale.py                  # factors 4, 8, 16, ... up to the input limits
    python bench/scale.py --factors 1,10   # chosen factors
    python bench/scale.py --keep           # keep the generated scenarios
    python bench/scale.py --layout flow    # each scenario written as one line of flow YAML
    python bench/scale.py --in-list        # a rubric whose ``in`` list grows with the members

Each factor ``f`` writes a copy of the bundled Middle Reaches scenario ``f`` times as large: ``f``
times the members (each copy with its own ids, its cities pointing at its own provinces, and
sector shares nudged so that no two copies share a structure), the sources they cite, enclaves,
platforms, adjacent pairs and every other list of facts, and as many activity years as the year
range allows. Every file validates, and the largest stays under the 5 MiB and 200,000-value limits.

For each file and output format one ``coopscore assess`` process runs to completion; its wall
time and its peak resident memory (``ru_maxrss`` from ``wait4``, taken in a small launcher
process) are measured, the best time of ``--repeat`` runs kept. ``s/MiB ×`` is the time per byte
against the smallest file's: it stays near or below 1 when cost grows linearly, and grows with
the factor when it does not. Start-up weighs most on the smallest file, so a linear tool shows
ratios below 1; ``Δs/ΔMiB ×`` takes start-up out: the time each byte beyond the smallest file
adds, against the same for the file of middle size (marked ``*``); it stays near 1 at every
size when cost is linear, and grows with the size when it is not. ``peak ×`` is the peak
memory against the smallest file's, beside ``size ×``, the growth in bytes.

``--layout flow`` writes every scenario as one line of flow YAML (``{...}``), where every fact
stands on line 1: a report that quotes a fact's line must still cost what it shows, not the
file. ``--in-list`` scores with a copy of the bundled rubric in which one criterion also asks
whether any member's id is in a list as long as the members: a membership test per member
that must not search the list.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "scenarios" / "middle-reaches-2021.yaml"
RUBRIC = ROOT / "rubrics" / "yrd-lessons.yaml"
IN_LIST_CRITERION = "MOD003"
PYTHON = sys.executable
MAX_BYTES = 5 * 1024 * 1024
MAX_VALUES = 200_000
FIRST_YEAR = 1949
FORMATS = ("json", "markdown", "table")

# Lists of facts copied ``factor`` times, by their path in the scenario.
LISTS = (
    ("cooperation_model", "sub_clusters"),
    ("cooperation_model", "non_government_actors"),
    ("institutions", "decision"),
    ("institutions", "coordination"),
    ("institutions", "execution"),
    ("institutions", "task_groups"),
    ("institutions", "standing_office"),
    ("institutions", "legislative_coordination"),
    ("council", "meetings"),
    ("plans", "framework"),
    ("plans", "special_plans"),
    ("plans", "implementation_schemes"),
    ("enclaves",),
    ("platforms",),
    ("public_services",),
    ("governance", "eco_compensation"),
    ("governance", "joint_monitoring"),
    ("governance", "emergency"),
    ("demo_zones",),
    ("adjacent_pairs",),
    ("judicial", "cooperation"),
    ("standards",),
)
MEMBER_KEYS = ("province", "origin", "host")


def _suffix(copy_no: int) -> str:
    return "" if copy_no == 0 else f"-{copy_no}"


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping inside ``node``, ``node`` included."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _renamed(item: Any, copy_no: int, sources: set[str]) -> Any:
    """A copy of one fact for copy ``copy_no``: its own name, member ids and sources."""
    out = copy.deepcopy(item)
    end = _suffix(copy_no)
    for node in _walk(out):
        name = node.get("name")
        if copy_no and isinstance(name, dict):
            node["name"] = {k: f"{v} ({copy_no})" for k, v in name.items()}
        elif copy_no and isinstance(name, str):
            node["name"] = f"{name} ({copy_no})"
        for key in MEMBER_KEYS:
            if isinstance(node.get(key), str):
                node[key] += end
        cited = node.get("source")
        if isinstance(cited, str) and cited in sources:
            node["source"] = cited + end
        elif isinstance(cited, list):
            node["source"] = [s + end if s in sources else s for s in cited]
    return out


def _nudged(shares: dict[str, float], copy_no: int) -> dict[str, float]:
    """The same shares with up to 0.04 moved from the largest sector to two others.

    Two steps of 0.0001 on a 200 × 200 grid give 40,000 distinct structures per member.
    """
    if not copy_no or len(shares) < 2:
        return shares
    order = sorted(shares, key=lambda k: shares[k])
    low, middle, high = order[0], order[len(order) // 2 - (len(order) == 2)], order[-1]
    first, second = (copy_no % 200) / 10_000, (copy_no // 200 % 200) / 10_000
    out = dict(shares)
    out[high] = round(out[high] - first - second, 4)
    out[low] = round(out[low] + first, 4)
    out[middle] = round(out[middle] + second, 4)
    return out


def _member(member: dict[str, Any], copy_no: int, sources: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = _renamed(member, copy_no, sources)
    out["id"] = member["id"] + _suffix(copy_no)
    if isinstance(out.get("sector_shares"), dict):
        out["sector_shares"] = _nudged(out["sector_shares"], copy_no)
    for key in ("population_m", "gdp_bn_cny"):
        if isinstance(out.get(key), int | float) and copy_no:
            out[key] = round(out[key] * (1 + (copy_no % 97) / 1_000), 4)
    return out


def _activity(items: list[dict[str, Any]], factor: int, as_of: int) -> list[dict[str, Any]]:
    """``factor`` times the years where the range allows (years are unique, none after as_of)."""
    known = {item["year"]: item for item in items}
    first = max(FIRST_YEAR, min(known) - len(items) * (factor - 1))
    pattern = [known[year] for year in sorted(known)]
    out = []
    for year in range(first, max(known) + 1):
        item = dict(known.get(year) or pattern[(year - first) % len(pattern)])
        item["year"] = year
        out.append(item)
    return [i for i in out if i["year"] <= as_of]


def _at(data: dict[str, Any], path: Sequence[str]) -> tuple[dict[str, Any] | None, str]:
    node: Any = data
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
    return (node if isinstance(node, dict) else None), path[-1]


def scaled(data: dict[str, Any], factor: int) -> dict[str, Any]:
    """The scenario ``data`` grown ``factor`` times, with consistent ids and references."""
    out = copy.deepcopy(data)
    sources: dict[str, Any] = data.get("sources") or {}
    names = set(sources)
    out["sources"] = {k + _suffix(c): v for c in range(factor) for k, v in sources.items()}
    members = data.get("members") or []
    out["members"] = [_member(m, c, names) for c in range(factor) for m in members]
    for path in LISTS:
        parent, key = _at(out, path)
        items = parent.get(key) if parent else None
        if parent is not None and isinstance(items, list):
            parent[key] = [_renamed(i, c, names) for c in range(factor) for i in items]
    if isinstance(data.get("activity"), list) and data["activity"]:
        out["activity"] = _activity(data["activity"], factor, int(data.get("as_of") or 2100))
    out["id"] = f"{data.get('id', 'scenario')}-x{factor}"
    return out


def count_values(node: Any) -> int:
    """Values as the loader counts them: every scalar, list and mapping, keys not included."""
    if isinstance(node, dict):
        return 1 + sum(count_values(v) for v in node.values())
    if isinstance(node, list):
        return 1 + sum(count_values(v) for v in node)
    return 1


def dump(data: dict[str, Any], flow: bool = False) -> str:
    """YAML text, in blocks, or (``flow``) as one line of flow YAML."""
    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        data,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10**9 if flow else 100,
        default_flow_style=flow,
    )
    return text


def in_list_rubric(members: int) -> str:
    """The bundled rubric with one criterion also met when a member's id is in a list of
    ``members`` ids that none has: each member is tested against the whole list."""
    rubric = yaml.safe_load(RUBRIC.read_text(encoding="utf-8"))
    ids = [f"absent-{n}" for n in range(members)]
    for criterion in rubric["criteria"]:
        if criterion["code"] == IN_LIST_CRITERION:
            listed = {"each": "members", "any": {"path": "id", "in": ids}}
            criterion["met"] = {"any": [criterion["met"], listed]}
    return dump(rubric)


@dataclass
class Measured:
    seconds: float
    peak_mib: float


# Runs one command and reports its wall time and peak memory. Linux counts in a child's
# ``ru_maxrss`` the memory of the process it was forked from, so the command is started from
# this small process, never from the generator holding the largest scenario.
LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(process.pid, 0)
seconds = time.perf_counter() - start
errors = process.stderr.read().decode("utf-8", "replace")[-2000:] if process.stderr else ""
code = os.waitstatus_to_exitcode(status)
print(json.dumps({"seconds": seconds, "maxrss": usage.ru_maxrss, "code": code, "errors": errors}))
"""


def run_once(command: Sequence[str]) -> Measured:
    """Run to completion; wall time and peak resident memory of the command alone."""
    done = subprocess.run(
        [PYTHON, "-c", LAUNCHER, *command], capture_output=True, text=True, check=True
    )
    report = json.loads(done.stdout)
    if report["code"] != 0:
        raise SystemExit(f"{' '.join(command)} exited {report['code']}:\n{report['errors']}")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    return Measured(report["seconds"], report["maxrss"] * scale / 2**20)


def best_of(command: Sequence[str], repeat: int) -> Measured:
    runs = [run_once(command) for _ in range(repeat)]
    return Measured(min(r.seconds for r in runs), max(r.peak_mib for r in runs))


@dataclass
class Row:
    factor: int
    members: int
    size: int
    values: int
    times: dict[str, Measured]


def fits(data: dict[str, Any], factor: int, flow: bool = False) -> bool:
    """Whether the grown scenario stays under both input limits."""
    grown = scaled(data, factor)
    return len(dump(grown, flow).encode()) < MAX_BYTES and count_values(grown) < MAX_VALUES


def default_factors(data: dict[str, Any], start: int, flow: bool = False) -> list[int]:
    """Doubling from ``start`` while the file fits, then the largest factor that still fits."""
    out: list[int] = []
    factor = start
    while fits(data, factor, flow):
        out.append(factor)
        factor *= 2
    if not out:
        return [1]
    low, high = out[-1], factor  # low fits, high does not
    while high - low > max(1, low // 50):
        middle = (low + high) // 2
        low, high = (middle, high) if fits(data, middle, flow) else (low, middle)
    if low != out[-1]:
        out.append(low)
    return out


def _ratio(row: Row, first: Row, fmt: str) -> float:
    """Time per byte against the smallest file's."""
    per_byte = row.times[fmt].seconds / row.size
    return per_byte / (first.times[fmt].seconds / first.size)


def _reference(rows: list[Row]) -> Row:
    """The file whose added cost per byte the others are held against: the middle size."""
    middle = math.sqrt(rows[0].size * rows[-1].size)
    return min(rows[1:] or rows, key=lambda r: abs(math.log(r.size / middle)))


def _marginal(row: Row, rows: list[Row], fmt: str) -> float | None:
    """Time per byte added beyond the smallest file, against the same at the reference file.

    Start-up cancels out: a linear tool keeps this near 1 at every size.
    """
    first, reference = rows[0], _reference(rows)

    def slope(r: Row) -> float:
        return (r.times[fmt].seconds - first.times[fmt].seconds) / (r.size - first.size)

    if row.size <= first.size or reference.size <= first.size:
        return None
    base = slope(reference)
    return slope(row) / base if base > 0 else None


def table(rows: list[Row], formats: Sequence[str]) -> str:
    first = rows[0]
    head = f"{'factor':>6}  {'members':>7}  {'size':>9}  {'values':>7}  {'size ×':>6}"
    for fmt in formats:
        head += f"  {fmt + ' s':>10}  {'s/MiB ×':>7}  {'Δs/ΔMiB ×':>9}"
    head += f"  {'peak MiB':>8}  {'peak ×':>6}"
    lines = [head]
    for row in rows:
        line = (
            f"{row.factor:>6}  {row.members:>7,}  {row.size / 2**20:>5.2f} MiB  {row.values:>7,}"
            f"  {row.size / first.size:>6.1f}"
        )
        for fmt in formats:
            marginal = _marginal(row, rows, fmt)
            shown = "" if marginal is None else f"{marginal:.2f}"
            line += f"  {row.times[fmt].seconds:>10.3f}  {_ratio(row, first, fmt):>7.2f}"
            line += f"  {shown:>9}"
        peak = max(m.peak_mib for m in row.times.values())
        first_peak = max(m.peak_mib for m in first.times.values())
        mark = "*" if row is _reference(rows) and len(rows) > 2 else ""
        lines.append(f"{line}  {peak:>8.1f}  {peak / first_peak:>6.2f} {mark}".rstrip())
    return "\n".join(lines)


def coopscore_command() -> list[str]:
    return [PYTHON, "-m", "coopscore"]


def measure_all(
    data: dict[str, Any],
    factors: Sequence[int],
    formats: Sequence[str],
    repeat: int,
    folder: Path,
    progress: Callable[[str], None],
    flow: bool = False,
    in_list: bool = False,
) -> list[Row]:
    rows = []
    for factor in factors:
        grown = scaled(data, factor)
        path = folder / f"x{factor}.yaml"
        path.write_text(dump(grown, flow), encoding="utf-8")
        extra: list[str] = []
        if in_list:
            rubric = folder / f"rubric-x{factor}.yaml"
            rubric.write_text(in_list_rubric(len(grown["members"])), encoding="utf-8")
            extra = ["--rubric", str(rubric)]
        times = {}
        for fmt in formats:
            command = [*coopscore_command(), "assess", str(path), "-f", fmt, *extra]
            times[fmt] = best_of(command, repeat)
        rows.append(
            Row(factor, len(grown["members"]), path.stat().st_size, count_values(grown), times)
        )
        summary = ", ".join(f"{f} {t.seconds:.2f} s" for f, t in times.items())
        progress(f"  x{factor}: {path.stat().st_size / 2**20:.2f} MiB, {summary}")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, default=BASE, help="Scenario to grow.")
    parser.add_argument("--factors", metavar="F,F,...", help="Size factors (default: doubling).")
    parser.add_argument("--start", type=int, default=4, help="First factor when doubling.")
    parser.add_argument(
        "--formats", default=",".join(FORMATS), help="Output formats to time (json,markdown,table)."
    )
    parser.add_argument("--repeat", type=int, default=3, help="Runs per measurement; best kept.")
    parser.add_argument("--keep", action="store_true", help="Keep the generated scenarios.")
    parser.add_argument(
        "--layout",
        choices=("block", "flow"),
        default="block",
        help="Write each scenario in YAML blocks, or as one line of flow YAML.",
    )
    parser.add_argument(
        "--in-list",
        action="store_true",
        help="Score with a rubric whose 'in' list grows with the members.",
    )
    args = parser.parse_args(argv)

    data = yaml.safe_load(args.base.read_text(encoding="utf-8"))
    if args.factors:
        factors = sorted(int(f) for f in args.factors.split(","))
    else:
        factors = default_factors(data, args.start, args.layout == "flow")
    formats = [f for f in args.formats.split(",") if f]
    folder = Path(tempfile.mkdtemp(prefix="coopscore-scale-"))
    try:
        print(f"base {args.base.name}, factors {', '.join(map(str, factors))}", flush=True)
        rows = measure_all(
            data,
            factors,
            formats,
            args.repeat,
            folder,
            lambda s: print(s, flush=True),
            flow=args.layout == "flow",
            in_list=args.in_list,
        )
    finally:
        if args.keep:
            print(f"scenarios kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print()
    print(table(rows, formats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
