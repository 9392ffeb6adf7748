"""The report's blocks are values: equal by their fields, hashable, read-only."""

from __future__ import annotations

import pytest

from coopscore.report.blocks import Column, Fact, Heading, Paragraph, Span, Table, inline


def test_blocks_are_equal_by_class_and_fields() -> None:
    assert Span("a", "code") == Span("a", "code")
    assert Span("a", "code") != Span("a", "dim")
    assert Span("a") != Span("a", "plain", "http://example.com")
    assert Heading(inline("x")) == Heading(inline("x"), 2, None)
    assert Heading(inline("x")) != Paragraph(inline("x"))  # another kind, the same text
    assert len({Fact("f", "line 3"), Fact("f", "line 3"), Fact("f", "line 4")}) == 2


def test_blocks_are_read_only() -> None:
    span = Span("a")
    with pytest.raises(AttributeError):
        span.text = "b"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del span.mark  # type: ignore[misc]
    assert span.text == "a"


def test_a_replaced_block_keeps_what_was_not_replaced() -> None:
    table = Table((Column("a", "code"),), ((inline("x"),),), "t")
    untitled = table.replace(title=None)
    assert (untitled.columns, untitled.rows, untitled.title) == (table.columns, table.rows, None)
    assert "title=None" in repr(untitled)


def test_a_table_refuses_a_row_of_another_width() -> None:
    with pytest.raises(ValueError, match="a row of 2 cells in a table of 1"):
        Table((Column("a"),), ((inline("x"), inline("y")),))
