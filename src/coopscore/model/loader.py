"""Scenario files → validated scenarios, with every problem located at file:line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path as FsPath
from typing import Any, NamedTuple

from pydantic import ValidationError

from coopscore.errors import InputError, Problem
from coopscore.model import consistency, openlists, schemapath
from coopscore.model.scenario import Scenario
from coopscore.model.yamlload import Document, parse
from coopscore.paths import Path, format_path
from coopscore.patterns import Lazy
from coopscore.suggest import did_you_mean

MAX_PROBLEMS = 50


class LoadedScenario(NamedTuple):
    """A validated scenario together with the raw data and line map the engine cites."""

    document: Document
    model: Scenario

    @property
    def file(self) -> str:
        return self.document.file

    @property
    def shown_file(self) -> str:
        """The file as the reader named it (``example:NAME``), as reports show it."""
        return self.document.shown_name()

    @property
    def id(self) -> str:
        """The stated id, or one made from the file name that obeys the same pattern."""
        return self.model.id or default_id(self.file)

    @property
    def open_lists(self) -> frozenset[Path]:
        """The paths of the lists that are not exhaustive: at least these items, maybe more."""
        return self.document.open_lists

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.document.data
        return data


def default_id(file: str) -> str:
    """A scenario id from a file name, checked like a written ``id:``: lower-case letters,
    digits, ``-`` and ``_``, at most 80 characters. Anything else becomes ``-``; a name with
    nothing usable gives ``scenario``."""
    stem = re.sub(r"[^a-z0-9_-]+", "-", FsPath(file).stem.lower()).strip("-_")[:80].rstrip("-_")
    return stem if stem else "scenario"


# The keys every saved assessment starts with, none of which a scenario has.
SAVED_KEYS = frozenset({"coopscore_version", "rubric", "scenario", "score"})


def parse_scenario(file: str, text: str) -> LoadedScenario:
    """Parse and validate scenario text; ``file`` is only used to name it in messages."""
    return validate_scenario(parse(file, text))


def validate_scenario(document: Document) -> LoadedScenario:
    """Validate parsed scenario data (one file's, or one merged from a base and overlays)."""
    file = document.file
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        raise InputError.single(
            file, f"expected a mapping of scenario fields at the top, found {kind}", line=1
        )
    if document.data.keys() >= SAVED_KEYS:
        raise InputError.single(
            file,
            "this is a saved assessment (what assess --format json writes), not a scenario; "
            "give it to compare (coopscore compare OLD.json NEW)",
            line=1,
        )
    document = openlists.unwrap(document, Scenario)
    try:
        model = Scenario.model_validate(document.data)
    except ValidationError as exc:
        typed = validation_problems(document, exc, Scenario)
        seen = {p.path for p in typed}
        extra = [p for p in consistency.problems(document) if p.path not in seen]
        raise InputError(capped(file, typed + extra)) from None
    problems = consistency.problems(document)
    if problems:
        raise InputError(capped(file, problems))
    return LoadedScenario(document, model)


def data_path(data: Any, loc: tuple[Any, ...], missing: bool = False) -> Path:
    """Map a pydantic error location onto the data, dropping union-branch labels."""
    out: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            out.append(part)
            node = node[part]
        elif missing and part == loc[-1]:
            out.append(part)  # the required field that is not there
            break
    return tuple(out)


def validation_problems(document: Document, exc: ValidationError, model: Any) -> list[Problem]:
    """Turn pydantic errors into located problems in our words, one per path.

    A union reports one error per branch: the deepest in the data says most, and branches that
    fail at the same place are said together ("expected text or a list").
    """
    located: dict[Path, list[Any]] = {}
    for error in exc.errors(include_url=False):
        path = data_path(document.data, error["loc"], error["type"] == "missing")
        located.setdefault(path, []).append(error)
    above = {path[:depth] for path in located for depth in range(len(path))}
    deepest = [path for path in located if path not in above]
    ordered = sorted(deepest, key=lambda p: document.line_of(p) or 0)
    return [_problem(document, path, located[path], model) for path in ordered]


def capped(file: str, problems: list[Problem]) -> list[Problem]:
    """In line order, at most MAX_PROBLEMS of them, saying so when some are left out."""
    ordered = sorted(problems, key=lambda p: p.line or 0)
    if len(ordered) <= MAX_PROBLEMS:
        return ordered
    return [*ordered[:MAX_PROBLEMS], Problem(file, f"(stopped after {MAX_PROBLEMS} problems)")]


def _problem(document: Document, path: Path, errors: list[Any], model: Any) -> Problem:
    error = errors[0]
    kind = error["type"]
    if kind == "extra_forbidden":
        message = _unknown_key(document, path, model)
    elif kind == "missing":
        message = f"missing required field {path[-1]!r}"
    else:
        wanted = [w for w in dict.fromkeys(_expected(e) for e in errors) if w]
        if len(wanted) > 1 and len(wanted) == len(errors):  # the branches of a union
            message = f"expected {' or '.join(wanted)}, found {shown(error.get('input'))}"
        else:
            message = worded(error)
    file = document.file_of(path) or document.file
    return Problem(file, message, line=document.line_of(path), path=format_path(path))


def _unknown_key(document: Document, path: Path, model: Any) -> str:
    key = str(path[-1])
    flow = _flow_hint(document, path)
    if flow:
        return f"unknown key {key!r}; {flow}"
    valid = schemapath.field_names(model, path[:-1])
    close = did_you_mean(key, valid)
    if close:
        return f"unknown key {key!r}; {close}"
    if valid:
        return f"unknown key {key!r}; valid keys here: {', '.join(valid)}"
    return f"unknown key {key!r}"


# A key inside a flow mapping: after its opening brace or a comma, followed by ": ".
_FLOW_KEY = Lazy(r"[{,]\s*([A-Za-z_][\w-]*)\s*:(?:\s|$)")


def _flow_hint(document: Document, path: Path) -> str:
    """How to mend ``{title: a (b, c)}``: inside braces a comma ends the value, so ``c)``
    became a key with no value. The hint quotes the value the comma cut."""
    key = path[-1]
    if not isinstance(key, str) or document.value_at(path, "") is not None:
        return ""
    line = document.line_of(path)
    text = document.line_text(line) if line is not None else ""
    fragment = re.search(rf",\s*{re.escape(key)}\s*(?=[,}}])", text)
    if fragment is None or "{" not in text[: fragment.start()]:
        return ""
    before = list(_FLOW_KEY().finditer(text, 0, fragment.start() + 1))
    if not before:
        return ""
    after = _FLOW_KEY().search(text, fragment.end())
    end = after.start() if after else text.rfind("}")
    name, value = before[-1].group(1), text[before[-1].end() : end].strip()
    quoted = '"' + value + '"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    return f"quote the value: {name}: {quoted} (inside {{...}} a comma ends a value)"


def code_form(value: str) -> str | None:
    """A criterion code as the rubric writes it (``ENC002``) when ``value`` is a near miss of
    its form (``ENC02``, ``enc-2``), else None."""
    match = re.fullmatch(r"\s*([A-Za-z]{3})[-_ ]?0*([0-9]{1,3})\s*", value)
    if match is None:
        return None
    code = f"{match.group(1).upper()}{int(match.group(2)):03d}"
    return code if code != value else None


def shown(value: Any) -> str:
    """A found value as the file wrote it: YAML's words for true, false and null."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    text = repr(value)
    if len(text) <= 60:
        return text
    # the count is of the value itself, not of its quotes and escapes as repr writes them
    count = f"{len(value):,} characters" if isinstance(value, str) else f"{len(text):,} characters"
    return text[:40] + f"… ({count})"


def _number(value: Any) -> str:
    """A bound as a reader writes it: 1,000,000,000 and 0.000001, never 1e-06."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    if float(value).is_integer():
        whole = int(value)
        return f"{whole:,}" if abs(whole) >= 10_000 else str(whole)
    return f"{value:.12f}".rstrip("0").rstrip(".")


# What a type error expected, in the words of a YAML file.
_EXPECTED = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping of fields (key: value)",
    "model_attributes_type": "a mapping of fields (key: value)",
    "dataclass_type": "a mapping of fields (key: value)",
    "none_required": "nothing (null)",
}
# The forms a pattern stands for, said as a reader would.
_FORMS = {
    r"^[a-z0-9][a-z0-9_-]*$": "lower-case letters, digits, - and _, starting with a letter or "
    "digit (such as middle-reaches-2021)",
    r"^[A-Z]{3}[0-9]{3}$": "a criterion code: three capital letters and three digits (such as "
    "ENC002)",
    r"^D[0-9]+$": "a dimension id: D and a number (such as D3)",
    r"^R[0-9]+$": "a recommendation id: R and a number (such as R4)",
    r"^[a-z][a-z0-9-]*$": "lower-case letters, digits and -, starting with a letter (such as "
    "single-mode-enclave)",
    r"^[A-Za-z_][A-Za-z0-9_]*$": "a name of letters, digits and _, not starting with a digit",
    r"^[a-z0-9][a-z0-9-]{0,79}$": "an id of lower-case letters, digits and - (such as "
    "liu-chen-2021)",
}
# The quoted choices pydantic lists in a literal's "expected".
_QUOTED = Lazy(r"'([^']*)'")


def _expected(error: Mapping[str, Any]) -> str | None:
    """What a type error expected, or None for an error that is not about the type."""
    kind = error["type"]
    localized = error.get("ctx", {}).get("class_name") == "LocalizedText"
    if kind in ("model_type", "model_attributes_type") and localized:
        return "a mapping {en: ..., zh: ...}"
    if kind in ("literal_error", "enum"):
        return str(error.get("ctx", {}).get("expected", "")) or None
    return _EXPECTED.get(kind)


def worded(error: Mapping[str, Any], found: str | None = None) -> str:
    """One pydantic error in our words: what was expected, what was found, what to do.

    ``found`` overrides how the value found is shown (the command line shows it as typed).
    """
    kind = error["type"]
    value = error.get("input")
    context = error.get("ctx", {})
    seen = shown(value) if found is None else found
    if kind == "value_error" or kind == "assertion_error":
        text = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        return _our_words(text.rstrip("."))
    wanted = _expected(error)
    if wanted is not None:
        message = f"expected {wanted}, found {seen}"
        if kind in ("literal_error", "enum") and isinstance(value, str):
            close = did_you_mean(value, _QUOTED().findall(wanted))
            if close:
                message += f"; {close}"
        return message + _type_hint(kind, value)
    bounds = {
        "greater_than_equal": ("must be at least", "ge"),
        "greater_than": ("must be more than", "gt"),
        "less_than_equal": ("must be at most", "le"),
        "less_than": ("must be less than", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"{words} {_number(context.get(key))}, found {seen}"
    if kind == "string_pattern_mismatch":
        form = _FORMS.get(str(context.get("pattern")), "text of another form")
        message = f"expected {form}, found {seen}"
        code = code_form(value) if isinstance(value, str) and "criterion code" in form else None
        return message + (f"; did you mean {code!r}?" if code else "")
    if kind in ("string_too_short", "string_too_long"):
        limit = context.get("min_length" if kind == "string_too_short" else "max_length")
        words = "at least" if kind == "string_too_short" else "at most"
        return f"must be {words} {_number(limit)} characters long, found {seen}"
    if kind in ("too_short", "too_long"):
        limit = context.get("min_length" if kind == "too_short" else "max_length")
        words = "needs at least" if kind == "too_short" else "takes at most"
        items = "item" if limit == 1 else "items"
        return f"{words} {_number(limit)} {items}, found {context.get('actual_length')}"
    return f"{_our_words(str(error['msg']).rstrip('.'))}, found {seen}"


def _type_hint(kind: str, value: Any) -> str:
    """What to write instead, for the type errors a YAML file makes most."""
    numeral = isinstance(value, str) and re.fullmatch(r"\s*[-+]?[0-9][0-9_,.]*\s*", value)
    if kind in ("int_type", "float_type") and numeral:
        return "; write the number without quotes"
    exponent = isinstance(value, str) and _EXPONENT().fullmatch(value)
    if kind == "float_type" and exponent:
        mantissa, sign, digits = exponent.groups()
        written = f"{mantissa if '.' in mantissa else mantissa + '.0'}e{sign or '+'}{digits}"
        return f" (YAML reads {value.strip()} as text); write {written}"
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return f'; write it in quotes ("{value}") if it is text'
    if kind == "list_type" and value in ("none", "None", "[]"):
        return "; write [] to state there are none"
    if kind == "bool_type" and isinstance(value, str) and value.casefold() in _YES_NO:
        return " (YAML reads yes, no, on and off as text)"
    return ""


_YES_NO = {"yes", "no", "y", "n", "on", "off"}
# A number in exponent form that YAML 1.1 reads as text: it wants a dot and a signed exponent.
_EXPONENT = Lazy(r"\s*([-+]?[0-9]+(?:\.[0-9]*)?)[eE]([-+]?)([0-9]+)\s*")


def _our_words(text: str) -> str:
    """A validator's own message, with what is left of pydantic's wording put into ours."""
    text = re.sub(r"\bInput should be\b", "expected", text)
    text = re.sub(r"\bfound (?:list|tuple)\b", "found a list", text)
    return re.sub(r"\bfound dict\b", "found a mapping", text)
