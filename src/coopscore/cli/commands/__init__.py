"""Analyst commands beyond assess and batch; each module registers its own."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from coopscore.cli.commands import analysis, reference, scenarios

    reference.register(app)
    scenarios.register(app)
    analysis.register(app)
