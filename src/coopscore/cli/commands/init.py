"""init: a commented scenario template to start from, or a copy of a bundled example.

The new file's modeline (``# yaml-language-server: $schema=...``) points at the JSON Schema
installed with coopscore, as an absolute ``file:`` URI: it holds as soon as the file is
written, wherever the file is, with no other file to keep beside it.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer

from coopscore.cli.options import (
    EXIT_INPUT,
    Command,
    LangArg,
    LangOption,
    fail_input,
    say,
    spoken,
    word,
    write_new,
)
from coopscore.errors import InputError
from coopscore.files import examples as bundled
from coopscore.model import overlay, template
from coopscore.model.loader import default_id, validate_scenario
from coopscore.model.yamlload import parse
from coopscore.pipeline.inputs import read_scenario
from coopscore.report.problems import message

SCHEMA = "scenario.schema.json"
# What a written ``id:`` must be (the scenario model's Slug).
ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(init)


def schema_file() -> Path:
    """The scenario schema shipped in the package; the checkout's ``schemas/`` from source."""
    packaged = Path(str(resources.files("coopscore").joinpath("schemas", SCHEMA)))
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[4] / "schemas" / SCHEMA


def schema_uri() -> str:
    """What the modeline of a new scenario names: the installed schema as a ``file:`` URI."""
    return schema_file().resolve().as_uri()


def init(
    path: Annotated[
        str,
        typer.Argument(
            help="Where to write the new scenario; - for standard output.", metavar="PATH"
        ),
    ] = "scenario.yaml",
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from",
            metavar="example:NAME",
            help="Start from a bundled example (see coopscore examples), every comment and "
            "section mark kept, instead of the empty template.",
        ),
    ] = None,
    scenario_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--id",
            metavar="ID",
            help="The new scenario's id (with --from); default: made from PATH's file name.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: LangArg = LangOption.en,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
) -> None:
    """Write a commented scenario template, or copy a bundled example with --from example:NAME."""
    if scenario_id is not None and not ID.fullmatch(scenario_id):
        say("error", word("init_bad_id", id=repr(scenario_id)))
        raise typer.Exit(EXIT_INPUT)
    if source is None:
        text = template.render(schema_uri())
    else:
        new_id = scenario_id or default_id(path if path != "-" else "scenario.yaml")
        text = _copy(source, new_id, debug)
    write_new(path, text, force, debug, then=word("init_then", path=path))


def _copy(source: str, new_id: str, debug: bool) -> str:
    """The bundled example's text with ``new_id`` and the installed schema in its modeline."""
    name = source.removeprefix(bundled.PREFIX).removesuffix(".yaml")
    known = bundled.names()
    if name not in known:
        say("error", message(bundled.unknown(name, known), spoken()))
        raise typer.Exit(EXIT_INPUT)
    try:
        loaded = read_scenario(bundled.resolve(bundled.PREFIX + name))
        document = loaded.document
        # the line of the example's own id: none when a base it extends states the id
        line = document.lines.get(("id",)) if document.file_of(("id",)) is None else None
        text = template.adopt(document.text, new_id, schema_uri(), line)
        copied = parse(f"{bundled.PREFIX}{name}", text)
        if overlay.base_of(copied) is None:  # an example that extends another names it anywhere
            validate_scenario(copied)  # the copy reads as the example does
    except InputError as error:
        fail_input(error, debug)
    return text
