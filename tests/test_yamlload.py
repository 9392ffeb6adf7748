"""The YAML layer: lines kept, duplicates refused, no Python objects, YAML 1.1 surprises avoided."""

from __future__ import annotations

import pytest

from coopscore.errors import InputError
from coopscore.model.yamlload import WITH_LIBYAML, parse, read_text


def test_lines_are_kept_for_every_path() -> None:
    doc = parse("f.yaml", "a: 1\nb:\n  - x: 2\n  - y: 3\n")
    assert doc.lines[("a",)] == 1
    assert doc.lines[("b", 0, "x")] == 3
    assert doc.lines[("b", 1, "y")] == 4
    assert doc.line_of(("b", 1, "y", "missing")) == 4


def test_libyaml_is_used_when_available() -> None:
    import yaml

    assert hasattr(yaml, "CSafeLoader") == WITH_LIBYAML


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("v: no", "no"),
        ("v: yes", "yes"),
        ("v: on", "on"),
        ("v: true", True),
        ("v: False", False),
        ("v: 2021-03-16", "2021-03-16"),
        ("v: 0x10", 16),
        ("v: 1_000", 1000),
        ("v: 1.5", 1.5),
        ("v: ~", None),
    ],
)
def test_scalars_follow_yaml_1_2_where_1_1_surprises(text: str, expected: object) -> None:
    assert parse("f.yaml", text).data["v"] == expected


def _error(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse("f.yaml", text)
    return str(info.value)


def test_duplicate_keys_are_an_error_naming_both_lines() -> None:
    message = _error("a: 1\nb: 2\na: 3\n")
    assert "f.yaml:3" in message and "duplicate key 'a'" in message and "line 1" in message


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo hi']\n",
        "a: !!python/name:os.system\n",
        "a: !custom 1\n",
        "a: !!binary aGVsbG8=\n",
    ],
)
def test_tags_that_construct_objects_are_refused(text: str) -> None:
    assert "is not allowed" in _error(text)


def test_syntax_errors_carry_line_and_column() -> None:
    message = _error("a: [1, 2\nb: 3\n")
    assert message.startswith("f.yaml:") and "YAML syntax error" in message


def test_tab_indentation_is_explained() -> None:
    assert "tab" in _error("a:\n\tb: 1\n")


def test_recursive_alias_is_refused() -> None:
    assert "recursive alias" in _error("a: &x [*x]\n")


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    assert "too many values" in _error("\n".join(lines) + "\n")


def test_empty_document_is_an_error() -> None:
    assert "empty" in _error("# only a comment\n")


def test_binary_and_non_utf8_input_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        read_text("f.yaml", b"a: 1\x00\x01")
    with pytest.raises(InputError, match="UTF-8"):
        read_text("f.yaml", "名称: 湖北".encode("gbk"))
    with pytest.raises(InputError, match="limit"):
        read_text("f.yaml", b"a: 1\n" * 10, max_bytes=8)
    assert read_text("f.yaml", "\ufeffa: 1".encode()) == "a: 1"
