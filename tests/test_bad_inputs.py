"""Bad scenario files, each with the message it must get: exit 2, file:line, no traceback.

Each YAML file in ``bad/`` that can carry a comment starts with ``# expect: LINE: text``; the
others (empty, binary, wrongly encoded) are listed here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app

BAD = Path(__file__).parent / "bad"
runner = CliRunner()

WITHOUT_HEADER = {
    "empty.yaml": (None, "the file is empty, expected a YAML mapping"),
    "comments-only.yaml": (None, "the file is empty, expected a YAML mapping"),
    "binary.yaml": (None, "binary file, expected a UTF-8 YAML text file"),
    "gbk.yaml": (2, "not UTF-8 text (byte 0xba); save the file as UTF-8"),
    "utf-16.yaml": (None, "the file is UTF-16; save it as UTF-8"),
}


def expectations() -> list[tuple[str, int | None, str]]:
    out = []
    for path in sorted(BAD.iterdir()):
        if path.name in WITHOUT_HEADER:
            line, text = WITHOUT_HEADER[path.name]
            out.append((path.name, line, text))
            continue
        head = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# expect: (\d+): (.+)", head)
        assert match, f"{path.name} has no '# expect: LINE: message' header"
        line = int(match.group(1)) or None
        out.append((path.name, line, match.group(2)))
    return out


def test_corpus_is_complete() -> None:
    assert len(expectations()) == len(list(BAD.iterdir())) >= 25


@pytest.mark.parametrize(("name", "line", "message"), expectations())
def test_bad_file_gets_its_message(name: str, line: int | None, message: str) -> None:
    path = BAD / name
    before = path.read_bytes()
    result = runner.invoke(app, ["assess", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    where = f"{path}:{line}:" if line else f"{path}:"
    assert any(
        row.startswith(f"error: {where}") and message in row for row in result.output.splitlines()
    ), result.output
    assert path.read_bytes() == before  # nothing the user gave is modified


def test_debug_shows_a_traceback() -> None:
    result = runner.invoke(app, ["assess", str(BAD / "typo-key.yaml"), "--debug"])
    assert result.exit_code != 0 and result.exception is not None


def test_all_problems_of_a_file_are_listed(tmp_path: Path) -> None:
    f = tmp_path / "many.yaml"
    f.write_text(
        "schema_version: 1\nas_of: 2021\nmembres: []\nenclaves:\n"
        + "".join(f"  - {{name: p{i}, mode: nope}}\n" for i in range(60)),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["assess", str(f)])
    rows = [r for r in result.output.splitlines() if r.startswith("error:")]
    assert rows[0].startswith(f"error: {f}:3:") and "membres" in rows[0]
    assert len(rows) == 51 and "stopped after 50 problems" in rows[-1]


def test_size_limit_and_flag_to_raise_it(tmp_path: Path) -> None:
    f = tmp_path / "big.yaml"
    f.write_text("schema_version: 1\n" + "# padding\n" * 200, encoding="utf-8")
    result = runner.invoke(app, ["assess", str(f), "--max-bytes", "1000"])
    assert result.exit_code == 2 and "over the limit of 1,000 bytes" in result.output
    assert runner.invoke(app, ["assess", str(f), "--max-bytes", "100000"]).exit_code == 0
    result = runner.invoke(app, ["batch", str(f), "-f", "jsonl", "--max-bytes", "1000"])
    assert result.exit_code == 2 and "over the limit" in result.output


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "locked.yaml"
    f.write_text("schema_version: 1\n", encoding="utf-8")
    real_open = os.open

    def refuse(path: str, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == str(f):  # as for a user without read permission (root has it)
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = runner.invoke(app, ["assess", str(f)])
    assert result.exit_code == 2
    assert "cannot read the scenario file (.yaml): permission denied" in result.output


def test_batch_names_every_bad_file_and_goes_on() -> None:
    result = runner.invoke(app, ["batch", str(BAD), "-f", "jsonl"])
    assert result.exit_code == 2
    named = {
        Path(line.split('"path": "')[1].split('"')[0]).name for line in result.stdout.splitlines()
    }
    assert named == {p.name for p in BAD.iterdir()}
