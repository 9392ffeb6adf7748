"""How fast coopscore is, against what no implementation can avoid. Ratios, not seconds.

Run from a checkout, in the environment where coopscore is installed::

    python bench/run.py --startup                # instructions and start-up only (2–4 minutes)
    python bench/run.py                          # and timed batches (3–5 minutes on 2 CPUs)
    python bench/run.py --sizes 200,2000,20000   # larger batches, peak memory (20–25 minutes)

Every measurement times whole processes, as an analyst runs them, and compares them with a floor
measured in the same run:

- ``--version``: ``python -c "import typer"``;
- ``assess``: the libraries' floor, what Typer, PyYAML and pydantic cost before a line of
  coopscore runs: importing typer, yaml and pydantic's ``BaseModel``, then parsing the same file
  with libyaml's C loader (``import pydantic`` alone is lazy and loads no model machinery);
- ``batch``: one Python process parsing the same files with libyaml's C loader and, for Markdown
  reports, writing one file per input.

Two times are taken of each run: wall time, and CPU time (user and system) of the process and
every process it waited for, its workers included, from ``getrusage(RUSAGE_CHILDREN)`` before and
after. A batch whose workers share the work over several CPUs can take less wall time than a
one-process floor while doing more work; ``cpu`` says how much more.

Each command runs once to warm the caches (but for batches over 2,000 files, whose files were just
written), then in rounds: within a round the commands take turns, so that whatever else the
machine is doing weighs on each alike. ``ratio`` and ``cpu`` are medians over rounds of each
round's ratio; ``best`` is fastest against fastest, what the ratio tends to on a machine with
nothing else to do. The verdict uses ``ratio``.

With 2,000 among the sizes, ``batch -f csv`` and the speed-up of ``--jobs 2`` over ``--jobs 1``
are measured there. With two sizes or more, peak memory is compared too: the largest resident
set of the process or any of its workers (``ru_maxrss`` from ``wait4``), at the smallest and the
largest size. Memory is flat when it grows by less than 1 KiB per file: the batch keeps each
file's path, never its result.

Instructions. Times vary with whatever else the machine does; the number of instructions a
process executes does not. With valgrind installed, each command also runs once under its
callgrind tool, and its ``Ir`` total (every program it executes included) is compared with the
same floor counted the same way. ``assess`` is counted with ``-f json``, ``-f table`` and
``-f html``; for reference, so is a Typer command with the options of ``assess`` whose body only
parses the file, against the floor, and ``assess -f json`` against that command. A batch's cost
per file is its count at ``PER_FILE_SIZES[1]`` files less its count at ``PER_FILE_SIZES[0]``,
divided by the files added, against the same difference for a process that parses the files
with libyaml's C loader: start-up cancels out. Batches are counted with ``--jobs 1``, in one
process: a forked worker's count would include its parent's up to the fork.
Without valgrind the instruction rows are left out, and the run says so.

The batches read copies of the bundled scenarios with their ``id`` changed, written to a
temporary folder that is removed at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import platform
import re
import resource
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

# What the libraries coopscore is built on cost before any of its code runs.
LIBRARY_FLOOR = """
import sys
import typer
import yaml
from pydantic import BaseModel
with open(sys.argv[1], "rb") as handle:
    yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""
# What Typer costs invoking one command with the options ``assess`` has (their names and
# types; tests/test_startup.py holds them to the real command's), its body parsing the same file.
# Typer coerces every option through a pydantic TypeAdapter, so this floor includes pydantic's
# field machinery too. A reference, not a target: it shows what is left for coopscore's own work.
TYPER_COMMAND_FLOOR = """
import sys
from enum import Enum
from typing import Annotated, Literal, Optional
import typer
import yaml
from pydantic import BaseModel

class Lang(str, Enum):
    en = "en"
    zh = "zh"

class Severity(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

@app.callback()
def root() -> None:
    pass

@app.command()
def assess(
    file: Annotated[str, typer.Argument()],
    format: Annotated[
        Optional[Literal["table", "json", "markdown", "html"]],
        typer.Option("--format", "-f"),
    ] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o")] = None,
    lang: Annotated[Lang, typer.Option("--lang")] = Lang.en,
    rubric: Annotated[Optional[str], typer.Option("--rubric")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore")] = None,
    fail_under: Annotated[Optional[float], typer.Option("--fail-under")] = None,
    fail_on: Annotated[Optional[Severity], typer.Option("--fail-on")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1)] = 5 * 1024 * 1024,
    no_waivers: Annotated[bool, typer.Option("--no-waivers")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
    debug: Annotated[bool, typer.Option("--debug")] = False,
) -> None:
    with open(file, "rb") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)

app(prog_name="coopscore")
"""
# The floor this benchmark used first: pydantic v2's ``import pydantic`` loads no model machinery.
IMPORT_FLOOR = """
import sys
import pydantic
import yaml
with open(sys.argv[1], "rb") as handle:
    yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""
PARSE_ONLY = """
import sys
from pathlib import Path
import yaml
for path in sorted(Path(sys.argv[1]).iterdir()):
    if path.suffix == ".yaml":
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
PARSE_AND_WRITE = """
import sys
from pathlib import Path
import yaml
out = Path(sys.argv[2])
out.mkdir(exist_ok=True)
for path in sorted(Path(sys.argv[1]).iterdir()):
    if path.suffix == ".yaml":
        text = path.read_text(encoding="utf-8")
        yaml.load(text, Loader=yaml.CSafeLoader)
        (out / (path.stem + ".md")).write_text(text, encoding="utf-8")
"""

# Instruction counts: the ratio each is held to.
INSTRUCTION_TARGETS = {"json": 1.5, "table": 1.8, "html": 1.8}
PER_FILE_TARGETS = {"jsonl": 1.3, "csv": 1.3, "markdown": 1.6, "html": 1.6}
# Batch sizes whose difference is the per-file cost: a multiple of the bundled scenarios' number,
# so that each of them is added as often as the others.
PER_FILE_SIZES = (3, 12)

# Speed-affecting settings of the calling shell that an analyst's does not have: byte-code caches
# are written and used, as after an ordinary install, and output is buffered.
UNSET = (
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONUNBUFFERED",
    "PYTHONDEVMODE",
    "PYTHONMALLOC",
    "PYTHONTRACEMALLOC",
    "PYTHONPROFILEIMPORTTIME",
)
ENVIRONMENT = {k: v for k, v in os.environ.items() if k not in UNSET}

# Flat memory: what the batch keeps per file is its path (a few hundred bytes), never its result.
MEMORY_PER_FILE_KIB = 1.0
# Sizes up to this one get a warm-up run and ``--batch-repeat`` rounds.
WARM_UP_UP_TO = 2_000


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
    def cpu_seconds(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)


def ratio(ours: Runs, floor: Runs, cpu: bool = False) -> float:
    """The median over rounds of ours / floor, each pair run back to back."""
    pairs = zip(ours.runs, floor.runs, strict=True)
    if cpu:
        return statistics.median(a.cpu_seconds / b.cpu_seconds for a, b in pairs)
    return statistics.median(a.seconds / b.seconds for a, b in pairs)


def best_ratio(ours: Runs, floor: Runs) -> float:
    """Fastest against fastest: what the ratio tends to on a machine with nothing else to do."""
    return min(r.seconds for r in ours.runs) / min(r.seconds for r in floor.runs)


@dataclass
class Row:
    what: str
    floor: str
    ratio: float
    best: float
    cpu: float
    target: str
    verdict: str
    seconds: float
    floor_seconds: float


@dataclass
class Memory:
    what: str
    low: int
    high: int
    low_mib: float
    high_mib: float
    kib_per_file: float
    verdict: str


@dataclass
class Counted:
    """One instruction-count comparison: ours against its floor, in instructions."""

    what: str
    floor: str
    ours: int
    floor_count: int
    target: str
    verdict: str

    @property
    def ratio(self) -> float:
        return self.ours / self.floor_count


def valgrind() -> str | None:
    """The valgrind program, if installed."""
    return shutil.which("valgrind")


def instructions(command: Sequence[str], program: str) -> int:
    """The instructions ``command`` executes (callgrind's ``Ir``), every program it executes
    included, such as the interpreter a console script names. The command runs once first, so
    that byte-code caches are written, as after an ordinary install."""
    run_once(command)
    with tempfile.TemporaryDirectory(prefix="coopscore-callgrind-") as folder:
        subprocess.run(
            [
                program,
                "--tool=callgrind",
                "--trace-children=yes",
                f"--callgrind-out-file={folder}/out.%p",
                *command,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=ENVIRONMENT,
            check=True,
        )
        total = 0
        for path in Path(folder).iterdir():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.startswith(("summary:", "totals:")):
                    total += int(line.split()[1])
                    break
        return total


def coopscore_command() -> list[str]:
    """The installed console script, as analysts run it; else ``python -m coopscore``."""
    script = Path(PYTHON).parent / "coopscore"
    return [str(script)] if script.exists() else [PYTHON, "-m", "coopscore"]


def run_once(command: Sequence[str]) -> Run:
    """Run a command to completion: its wall time, the CPU time of it and every process it
    waited for, and the peak memory of the largest of them."""
    with tempfile.TemporaryFile() as errors:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, env=ENVIRONMENT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(f"{' '.join(command)} exited {code}:\n{message}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
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


def verdict(value: float, limit: float, higher_is_better: bool = False) -> str:
    ok = value >= limit if higher_is_better else value <= limit
    return "PASS" if ok else "MISS"


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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
    return {
        "system": platform.platform(),
        "cpu": f"{cpu}, {cpus()} CPUs",
        "python": platform.python_version(),
        "pyyaml": f"{yaml.__version__} (libyaml: {yaml.__with_libyaml__})",
        "pydantic": pydantic.VERSION,
        "typer": typer.__version__,
    }


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def count_instructions(
    program: str, tool: Sequence[str], scenario: str, folder: Path
) -> list[Counted]:
    """Every instruction comparison: ``assess`` in three formats against the libraries' floor,
    and each batch format's cost per file against parsing alone. The counts run side by side,
    one per CPU: an instruction count does not depend on what else runs."""
    print("instructions (callgrind), side by side", flush=True)
    counting = folder / "counted"
    counting.mkdir()
    low, high = (make_variants(counting, n) for n in PER_FILE_SIZES)
    commands: dict[str, list[str]] = {
        "floor": [PYTHON, "-c", LIBRARY_FLOOR, scenario],
        "typer": [PYTHON, "-c", TYPER_COMMAND_FLOOR, "assess", scenario, "--format", "json"],
    }
    for name in INSTRUCTION_TARGETS:
        commands[name] = [*tool, "assess", scenario, "--format", name]
    for size, files in zip(PER_FILE_SIZES, (low, high), strict=True):
        commands[f"parse {size}"] = [PYTHON, "-c", PARSE_ONLY, str(files)]
        for name in PER_FILE_TARGETS:
            command = [*tool, "batch", str(files), "--format", name, "--jobs", "1", "-q"]
            if name in ("markdown", "html"):
                command += ["-d", str(counting / f"{name}{size}")]
            commands[f"{name} {size}"] = command
    with concurrent.futures.ThreadPoolExecutor(max_workers=cpus()) as pool:
        futures = {key: pool.submit(instructions, c, program) for key, c in commands.items()}
        count = {key: future.result() for key, future in futures.items()}

    found: list[Counted] = []

    def add(what: str, floor: str, ours: float, floor_count: float, target: float | None) -> None:
        value = ours / floor_count
        found.append(
            Counted(
                what,
                floor,
                round(ours),
                round(floor_count),
                f"≤ {target:g}×" if target else "—",
                verdict(value, target) if target else "reference",
            )
        )
        print(f"  {what} vs {floor}: {value:.2f}× ({ours / 1e6:,.1f} M)", flush=True)

    for name, target in INSTRUCTION_TARGETS.items():
        add(
            f"assess -f {name}",
            "import typer+BaseModel+yaml, parse",
            count[name],
            count["floor"],
            target,
        )
    # References: how much of the floor the libraries take once Typer runs a command, and what
    # is left above that for coopscore itself.
    typer_floor = "Typer command, assess's options, parse"
    add(typer_floor, "import typer+BaseModel+yaml, parse", count["typer"], count["floor"], None)
    add("assess -f json", typer_floor, count["json"], count["typer"], None)
    added = PER_FILE_SIZES[1] - PER_FILE_SIZES[0]
    small, large = PER_FILE_SIZES
    parse = (count[f"parse {large}"] - count[f"parse {small}"]) / added
    for name, target in PER_FILE_TARGETS.items():
        ours = (count[f"{name} {large}"] - count[f"{name} {small}"]) / added
        add(f"batch -f {name} --jobs 1, per file", "parse only, per file", ours, parse, target)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9, help="Rounds of single commands.")
    parser.add_argument(
        "--batch-repeat", type=int, default=3, help="Rounds of batches up to 2,000 files."
    )
    parser.add_argument(
        "--large-repeat", type=int, default=1, help="Rounds of batches of more files."
    )
    parser.add_argument(
        "--sizes", metavar="N,N,...", default="200", help="Numbers of files (default: 200)."
    )
    parser.add_argument(
        "--startup",
        action="store_true",
        help="Start-up and instruction counts only: no timed batches (two to four minutes).",
    )
    parser.add_argument(
        "--no-instructions", action="store_true", help="Leave out the instruction counts."
    )
    parser.add_argument("--json", metavar="FILE", help="Also write the results as JSON.")
    parser.add_argument("--keep", action="store_true", help="Keep the generated scenarios.")
    args = parser.parse_args(argv)

    sizes = sorted({int(n) for n in args.sizes.split(",")})
    # CSV and the --jobs 2 speed-up are measured at one size, large enough for the speed-up to
    # show through the start-up: 2,000 files when they are measured
    detail = 2_000 if 2_000 in sizes else None
    tool = coopscore_command()
    scenario = str(SCENARIOS / "middle-reaches-2021.yaml")
    info = machine()
    for key, value in info.items():
        print(f"{key:9} {value}")
    print(f"command   {' '.join(tool)}")
    print(f"load      {load()} (1, 5, 15 min) at start")
    rows: list[Row] = []
    counted: list[Counted] = []
    memory: list[Memory] = []
    details: dict[str, dict[str, list[float]]] = {}

    def add(
        what: str,
        floor_name: str,
        ours: Runs,
        floor: Runs,
        target: float | None,
        speedup: bool = False,
    ) -> None:
        if speedup:  # the floor is the slower run here: how many times faster ours is
            value, best, cpu = ratio(floor, ours), best_ratio(floor, ours), ratio(ours, floor, True)
        else:
            value, best, cpu = ratio(ours, floor), best_ratio(ours, floor), ratio(ours, floor, True)
        if target is None:
            goal, result = "", ""
        else:
            goal = f"{'≥' if speedup else '≤'} {target:g}×"
            result = verdict(value, target, higher_is_better=speedup)
        rows.append(
            Row(what, floor_name, value, best, cpu, goal, result, ours.seconds, floor.seconds)
        )
        details[what] = {
            "seconds": [r.seconds for r in ours.runs],
            "floor_seconds": [r.seconds for r in floor.runs],
            "cpu_seconds": [r.cpu_seconds for r in ours.runs],
            "floor_cpu_seconds": [r.cpu_seconds for r in floor.runs],
        }
        print(f"  {what} vs {floor_name}: {value:.2f}× (best {best:.2f}×, cpu {cpu:.2f}×)")

    folder = Path(tempfile.mkdtemp(prefix="coopscore-bench-"))
    try:
        print("\nstart-up", flush=True)
        with_typer, version = measure(
            [PYTHON, "-c", "import typer"], [*tool, "--version"], repeat=args.repeat
        )
        add("--version", "import typer", version, with_typer, 1.5)

        print("assess", flush=True)
        libraries, imports, as_json, as_table = measure(
            [PYTHON, "-c", LIBRARY_FLOOR, scenario],
            [PYTHON, "-c", IMPORT_FLOOR, scenario],
            [*tool, "assess", scenario, "--format", "json"],
            [*tool, "assess", scenario],
            repeat=args.repeat,
        )
        libraries_floor = "import typer+BaseModel+yaml, parse"
        add("assess -f json", libraries_floor, as_json, libraries, 1.5)
        add("assess (table)", libraries_floor, as_table, libraries, None)
        add("assess -f json", "import yaml+pydantic, parse", as_json, imports, None)
        add(libraries_floor, "import yaml+pydantic, parse", libraries, imports, None)

        program = None if args.no_instructions else valgrind()
        if program is not None:
            counted += count_instructions(program, tool, scenario, folder)
        elif not args.no_instructions:
            print(
                "valgrind is not installed: no instruction counts; the cpu column compares CPU time"
            )

        peaks: dict[tuple[int, str], float] = {}
        for size in () if args.startup else sizes:
            print(f"batch, {size:,} files", flush=True)
            small = size <= WARM_UP_UP_TO
            repeat = args.batch_repeat if small else args.large_repeat
            files = str(make_variants(folder, size))
            reports, written = str(folder / f"reports{size}"), str(folder / f"written{size}")
            markdown = [*tool, "batch", files, "--format", "markdown", "-d", reports, "-q"]
            jsonl = [*tool, "batch", files, "--format", "jsonl"]
            commands = [
                [PYTHON, "-c", PARSE_AND_WRITE, files, written],
                markdown,
                [*markdown, "--jobs", "1"],
                [PYTHON, "-c", PARSE_ONLY, files],
                jsonl,
                [*jsonl, "--jobs", "1"],
            ]
            if size == detail:
                commands += [[*tool, "batch", files, "--format", "csv"], [*jsonl, "--jobs", "2"]]
            # files just written are in the file cache: the largest batches need no warm-up
            write, md, md_single, parse, default, single, *more = measure(
                *commands, repeat=repeat, warm_up=small
            )
            jobs = f"--jobs {cpus()}"
            add(f"batch {size:,} -f markdown -d ({jobs})", "parse + write", md, write, None)
            add(f"batch {size:,} -f markdown -d --jobs 1", "parse + write", md_single, write, None)
            add(f"batch {size:,} -f jsonl ({jobs})", "parse only", default, parse, 1.2)
            add(f"batch {size:,} -f jsonl --jobs 1", "parse only", single, parse, 1.2)
            if more:
                csv, two = more
                add(f"batch {size:,} -f csv ({jobs})", "parse only", csv, parse, 1.2)
                add(
                    f"batch {size:,} -f jsonl: --jobs 2 speed-up",
                    "--jobs 1",
                    two,
                    single,
                    1.7,
                    True,
                )
            peaks[size, ""] = default.peak_mib
            peaks[size, " --jobs 1"] = single.peak_mib
            if not args.keep:
                for path in (files, reports, written):
                    shutil.rmtree(path, ignore_errors=True)
        low, high = sizes[0], sizes[-1]
        for label in ("", " --jobs 1") if high > low else ():
            a, b = peaks[low, label], peaks[high, label]
            per_file = (b - a) * 1024 / (high - low)
            what = f"batch -f jsonl{label}"
            memory.append(
                Memory(what, low, high, a, b, per_file, verdict(per_file, MEMORY_PER_FILE_KIB))
            )
            print(f"  peak memory, {what}: {b / a:.2f}×, {per_file:.2f} KiB per file", flush=True)
    finally:
        if args.keep:
            print(f"files kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    print(f"load      {load()} (1, 5, 15 min) at end\n")
    what_width = max(len(what) for what in [*(r.what for r in rows), *(c.what for c in counted)])
    floor_width = max(len(f) for f in [*(r.floor for r in rows), *(c.floor for c in counted)])
    print(
        f"{'coopscore':{what_width}}  {'against':{floor_width}}  {'ratio':>7}  {'best':>7}"
        f"  {'cpu':>7}  {'target':>7}"
    )
    for r in rows:
        print(
            f"{r.what:{what_width}}  {r.floor:{floor_width}}  {r.ratio:>6.2f}×  {r.best:>6.2f}×"
            f"  {r.cpu:>6.2f}×  {r.target:>7}  {r.verdict}"
        )
    if memory:
        print(
            f"\n{'peak memory':{what_width}}  {'small N':>10}  {'large N':>10}  {'ratio':>7}"
            f"  {'KiB/file':>8}  {'target':>8}"
        )
    for m in memory:
        print(
            f"{m.what:{what_width}}  {m.low_mib:>6.1f} MiB  {m.high_mib:>6.1f} MiB"
            f"  {m.high_mib / m.low_mib:>6.2f}×  {m.kib_per_file:>8.2f}"
            f"  {'≤ ' + format(MEMORY_PER_FILE_KIB, 'g'):>8}  {m.verdict}"
        )
    if counted:
        print(
            f"\n{'instructions':{what_width}}  {'against':{floor_width}}  {'coopscore':>10}"
            f"  {'floor':>10}  {'ratio':>7}  {'target':>7}"
        )
    for c in counted:
        print(
            f"{c.what:{what_width}}  {c.floor:{floor_width}}  {c.ours / 1e6:>8,.0f} M"
            f"  {c.floor_count / 1e6:>8,.1f} M  {c.ratio:>6.2f}×  {c.target:>7}  {c.verdict}"
        )
    if args.json:
        result = {
            "machine": info,
            "rows": [asdict(r) for r in rows],
            "instructions": [{**asdict(c), "ratio": c.ratio} for c in counted],
            "memory": [asdict(m) for m in memory],
            "runs": details,
        }
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
