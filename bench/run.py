"""How fast coopscore is, against what no implementation can avoid.

Run from a checkout, in the environment where coopscore is installed::

    python bench/run.py            # N = 200, 2,000 and 20,000 (about 20 minutes on 2 cores)
    python bench/run.py --quick    # N = 200 and 2,000 (about 10 minutes)

Every measurement times whole processes, as an analyst runs them, and compares them side by side
with a floor measured in the same run: starting Python, importing what must be imported, and
parsing the same YAML with libyaml's C loader. The results are ratios, so they carry over from
one machine to another better than seconds do.

Each command runs once to warm the caches (but for N = 20,000, whose files were just written),
then in rounds: within a round the commands take turns, so that whatever else the machine is
doing weighs on each alike. ``ratio`` is the median over rounds of each round's ratio; ``best``
is fastest against fastest, what the ratio tends to on a machine with nothing else to do. The
verdict uses ``ratio``.

Peak memory is the largest resident set of the process or any of its worker processes
(``ru_maxrss`` from ``wait4``), at the smallest and the largest N. Memory is flat when it grows
by less than 1 KiB per file: the batch keeps each file's path, never its result.

The variants are copies of the bundled scenarios with their ``id`` changed, written to a
temporary folder that is removed at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
PYTHON = sys.executable

PARSE_ONLY = """
import sys
from pathlib import Path
import yaml
for path in sorted(Path(sys.argv[1]).iterdir()):
    if path.suffix == ".yaml":
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
ASSESS_FLOOR = """
import sys
import pydantic
import yaml
with open(sys.argv[1], "rb") as handle:
    yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""
# What the libraries coopscore is built on cost before any of its code runs: pydantic v2's
# ``import pydantic`` is lazy and loads no model machinery, BaseModel does.
LIBRARY_FLOOR = """
import sys
import typer
import yaml
from pydantic import BaseModel
with open(sys.argv[1], "rb") as handle:
    yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_mib: float


@dataclass
class Runs:
    """One command's runs, one per round."""

    runs: list[Run]

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)


def ratio(ours: Runs, floor: Runs) -> float:
    """The median over rounds of ours / floor, each pair run back to back."""
    pairs = zip(ours.runs, floor.runs, strict=True)
    return statistics.median(a.seconds / b.seconds for a, b in pairs)


def best_ratio(ours: Runs, floor: Runs) -> float:
    """Fastest against fastest: what the ratio tends to on a machine with nothing else to do."""
    return min(r.seconds for r in ours.runs) / min(r.seconds for r in floor.runs)


@dataclass
class Row:
    what: str
    ours: str
    floor: str
    ratio: float
    best: float
    target: str
    verdict: str


# Flat memory: what the batch keeps per file is its path (a few hundred bytes), never its result.
MEMORY_PER_FILE_KIB = 1.0


@dataclass
class Memory:
    what: str
    low: int
    high: int
    low_mib: float
    high_mib: float
    kib_per_file: float
    verdict: str


def coopscore_command() -> list[str]:
    """The installed console script, as analysts run it; else ``python -m coopscore``."""
    script = Path(PYTHON).parent / "coopscore"
    return [str(script)] if script.exists() else [PYTHON, "-m", "coopscore"]


# Byte-code caches are written and used, as they are after an ordinary install.
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: Sequence[str]) -> Run:
    """Run a command to completion: wall and CPU time, and the peak memory of the largest of it
    and its worker processes."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, env=ENVIRONMENT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(f"{' '.join(command)} exited {code}:\n{message}")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss * scale / 2**20)


def measure(*commands: Sequence[str], repeat: int, warm_up: bool = True) -> list[Runs]:
    """Each command's runs over ``repeat`` rounds, after a warm-up round.

    The commands take turns within each round, so that whatever else the machine is doing
    weighs on each of them alike, and ratios are taken round by round.
    """
    for command in commands if warm_up else ():
        run_once(command)
    runs: list[Runs] = [Runs([]) for _ in commands]
    for _ in range(repeat):
        for command, done in zip(commands, runs, strict=True):
            done.runs.append(run_once(command))
    return runs


def make_variants(folder: Path, count: int) -> Path:
    """``count`` scenario files: the bundled ones in turn, each with its own ``id``."""
    sources = sorted(SCENARIOS.glob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    target = folder / f"n{count}"
    target.mkdir()
    for n in range(count):
        index = n % len(sources)
        new_id = f"{sources[index].stem}-v{n:05d}"
        text, found = re.subn(r"(?m)^id: .*$", f"id: {new_id}", texts[index], count=1)
        if not found:
            text = f"id: {new_id}\n{text}"
        (target / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return target


def verdict(ratio: float, limit: float, higher_is_better: bool = False) -> str:
    ok = ratio >= limit if higher_is_better else ratio <= limit
    return "PASS" if ok else "MISS"


def seconds(runs: Runs) -> str:
    return f"{runs.seconds:.3f} s"


def machine() -> dict[str, str]:
    import pydantic
    import typer
    import yaml

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 1
    return {
        "system": platform.platform(),
        "cpu": f"{cpu}, {cpus} CPUs",
        "python": platform.python_version(),
        "pyyaml": f"{yaml.__version__} (libyaml: {yaml.__with_libyaml__})",
        "pydantic": pydantic.VERSION,
        "typer": typer.__version__,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 200 and 2,000 only.")
    parser.add_argument("--repeat", type=int, default=9, help="Rounds of single commands.")
    parser.add_argument(
        "--batch-repeat", type=int, default=5, help="Rounds of batches up to N = 2,000."
    )
    parser.add_argument(
        "--large-repeat", type=int, default=1, help="Rounds of batches of N = 20,000."
    )
    parser.add_argument(
        "--sizes", metavar="N,N,...", help="Numbers of files instead of 200,2000,20000."
    )
    parser.add_argument("--json", metavar="FILE", help="Also write the results as JSON.")
    parser.add_argument("--keep", action="store_true", help="Keep the generated scenarios.")
    args = parser.parse_args(argv)

    sizes = [200, 2_000] if args.quick else [200, 2_000, 20_000]
    if args.sizes:
        sizes = sorted(int(n) for n in args.sizes.split(","))
    # the other formats and the --jobs speed-up are measured at one size
    detail = 2_000 if 2_000 in sizes else sizes[-1]
    tool = coopscore_command()
    scenario = str(SCENARIOS / "middle-reaches-2021.yaml")
    info = machine()
    for key, value in info.items():
        print(f"{key:9} {value}")
    print(f"command   {' '.join(tool)}")
    print(f"load      {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min) at start")
    rows: list[Row] = []
    memory: list[Memory] = []
    details: dict[str, dict[str, list[float]]] = {}

    def add(
        what: str, ours: Runs, floor: Runs, target: float | None, speedup: bool = False
    ) -> None:
        if speedup:  # the floor is the slower run here: report how many times faster ours is
            value, best = ratio(floor, ours), best_ratio(floor, ours)
        else:
            value, best = ratio(ours, floor), best_ratio(ours, floor)
        if target is None:
            goal, result = "", ""
        else:
            goal = f"{'≥' if speedup else '≤'} {target:g}×"
            result = verdict(value, target, higher_is_better=speedup)
        rows.append(Row(what, seconds(ours), seconds(floor), value, best, goal, result))
        details[what] = {
            "seconds": [r.seconds for r in ours.runs],
            "floor_seconds": [r.seconds for r in floor.runs],
            "cpu_seconds": [r.cpu_seconds for r in ours.runs],
            "floor_cpu_seconds": [r.cpu_seconds for r in floor.runs],
        }
        print(f"  {what}: {value:.2f}× (best {best:.2f}×)", flush=True)

    folder = Path(tempfile.mkdtemp(prefix="coopscore-bench-"))
    try:
        print("\nstart-up", flush=True)
        bare, with_typer, version, help_ = measure(
            [PYTHON, "-c", "pass"],
            [PYTHON, "-c", "import typer"],
            [*tool, "--version"],
            [*tool, "--help"],
            repeat=args.repeat,
        )
        add("--version vs python + import typer", version, with_typer, 1.5)
        add("--version vs bare python", version, bare, None)
        add("--help vs python + import typer", help_, with_typer, None)
        add("--help vs bare python", help_, bare, None)

        print("assess", flush=True)
        floor, libraries, as_json, as_table = measure(
            [PYTHON, "-c", ASSESS_FLOOR, scenario],
            [PYTHON, "-c", LIBRARY_FLOOR, scenario],
            [*tool, "assess", scenario, "-f", "json"],
            [*tool, "assess", scenario],
            repeat=args.repeat,
        )
        add("assess -f json vs import yaml+pydantic, parse", as_json, floor, 1.5)
        add("assess (table) vs import yaml+pydantic, parse", as_table, floor, 1.5)
        add("assess -f json vs import typer+BaseModel+yaml, parse", as_json, libraries, None)
        add("typer+BaseModel+yaml vs import yaml+pydantic", libraries, floor, None)

        peaks: dict[tuple[int, str], float] = {}
        for size in sizes:
            print(f"batch, N = {size:,}", flush=True)
            repeat = args.batch_repeat if size <= 2_000 else args.large_repeat
            files = str(make_variants(folder, size))
            batch = [*tool, "batch", files, "-f", "jsonl"]
            commands = [[PYTHON, "-c", PARSE_ONLY, files], batch, [*batch, "--jobs", "1"]]
            if size == detail:
                commands += [[*tool, "batch", files, "-f", "csv"], [*batch, "--jobs", "2"]]
            # files just written are in the file cache: the largest batches need no warm-up
            parse, default, single, *more = measure(*commands, repeat=repeat, warm_up=size <= 2_000)
            add(f"batch N={size:,} jsonl vs parse-only", default, parse, 1.2)
            add(f"batch N={size:,} jsonl --jobs 1 vs parse-only", single, parse, 1.2)
            if more:
                csv, two = more
                add(f"batch N={size:,} csv vs parse-only", csv, parse, 1.2)
                add(f"batch N={size:,} jsonl: --jobs 2 speed-up", two, single, 1.7, speedup=True)
            peaks[size, ""] = default.peak_mib
            peaks[size, " --jobs 1"] = single.peak_mib
            if not args.keep:
                shutil.rmtree(files)
        low, high = sizes[0], sizes[-1]
        for label in ("", " --jobs 1"):
            a, b = peaks[low, label], peaks[high, label]
            per_file = (b - a) * 1024 / (high - low)
            what = f"batch -f jsonl{label}"
            memory.append(
                Memory(what, low, high, a, b, per_file, verdict(per_file, MEMORY_PER_FILE_KIB))
            )
            print(f"  peak memory, {what}: {b / a:.2f}×, {per_file:.2f} KiB per file", flush=True)
    finally:
        if args.keep:
            print(f"scenarios kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    print(f"load      {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min) at end\n")
    width = max(len(r.what) for r in rows)
    print(
        f"{'measurement':{width}}  {'coopscore':>10}  {'floor':>10}  {'ratio':>7}  {'best':>7}"
        f"  {'target':>7}"
    )
    for r in rows:
        print(
            f"{r.what:{width}}  {r.ours:>10}  {r.floor:>10}  {r.ratio:>6.2f}×  {r.best:>6.2f}×"
            f"  {r.target:>7}  {r.verdict}"
        )
    print(
        f"\n{'peak memory':{width}}  {'small N':>10}  {'large N':>10}  {'ratio':>7}"
        f"  {'KiB/file':>8}  {'target':>8}"
    )
    for m in memory:
        print(
            f"{m.what:{width}}  {m.low_mib:>6.1f} MiB  {m.high_mib:>6.1f} MiB"
            f"  {m.high_mib / m.low_mib:>6.2f}×  {m.kib_per_file:>8.2f}"
            f"  {'≤ ' + format(MEMORY_PER_FILE_KIB, 'g'):>8}  {m.verdict}"
        )
    if args.json:
        result = {
            "machine": info,
            "rows": [asdict(r) for r in rows],
            "memory": [asdict(m) for m in memory],
            "runs": details,
        }
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
