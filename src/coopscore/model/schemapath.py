"""Walk the scenario model's types along a path, to check rubric paths and suggest keys."""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel


def options(annotation: Any) -> list[Any]:
    """The concrete alternatives of an annotation, unwrapping Optional, Union and Annotated."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return options(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        out: list[Any] = []
        for arg in get_args(annotation):
            if arg is not type(None):
                out.extend(options(arg))
        return out
    return [annotation]


def kind_of(annotation: Any) -> str:
    """``list``, ``mapping``, ``model``, ``number``, ``bool``, ``text`` or ``choice``."""
    kinds = set()
    for option in options(annotation):
        origin = get_origin(option)
        if origin is list:
            kinds.add("list")
        elif origin is dict:
            kinds.add("mapping")
        elif origin is Literal:
            kinds.add("choice")
        elif isinstance(option, type) and issubclass(option, BaseModel):
            kinds.add("model")
        elif option is bool:
            kinds.add("bool")
        elif option in (int, float):
            kinds.add("number")
        else:
            kinds.add("text")
    if kinds <= {"text", "model"} and "text" in kinds:
        return "text"  # str | LocalizedText
    return kinds.pop() if len(kinds) == 1 else "mixed"


def choices(annotation: Any) -> list[Any]:
    """The allowed values of a Literal field (empty for other fields)."""
    out: list[Any] = []
    for option in options(annotation):
        if get_origin(option) is Literal:
            out.extend(get_args(option))
    return out


def resolve(model: type[BaseModel], parts: tuple[str, ...]) -> Any:
    """The annotation at ``parts`` (``[]`` steps into list items); KeyError names the bad step."""
    current: Any = model
    for index, part in enumerate(parts):
        step_done = False
        for option in options(current):
            origin = get_origin(option)
            if part == "[]" and origin is list:
                current = get_args(option)[0]
                step_done = True
                break
            if part != "[]" and origin is dict:
                current = get_args(option)[1]
                step_done = True
                break
            if (
                part != "[]"
                and isinstance(option, type)
                and issubclass(option, BaseModel)
                and part in option.model_fields
            ):
                current = option.model_fields[part].annotation
                step_done = True
                break
        if not step_done:
            raise KeyError(index)
    return current


def field_names(model: type[BaseModel], parts: tuple[str | int, ...]) -> list[str]:
    """The keys allowed in the mapping at a data path (list indices step into items)."""
    pattern = tuple("[]" if isinstance(p, int) else p for p in parts)
    try:
        annotation = resolve(model, pattern)
    except KeyError:
        return []
    names: list[str] = []
    for option in options(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            names.extend(option.model_fields)
    return names


def whole_number(annotation: Any) -> bool:
    """The field holds whole numbers only (a year, a count)."""
    found = options(annotation)
    return bool(found) and all(option is int for option in found)


def list_item(annotation: Any) -> Any:
    """The item type of a list annotation, or None when no alternative is a list."""
    for option in options(annotation):
        if get_origin(option) is list:
            return get_args(option)[0]
    return None


def resolve_annotation_item(annotation: Any) -> Any:
    """The item type of a list annotation (KeyError if it is not a list)."""
    for option in options(annotation):
        if get_origin(option) is list:
            return get_args(option)[0]
    raise KeyError(0)


def mapping_value(annotation: Any) -> Any:
    """The value type of a mapping annotation, or None when no alternative is a mapping."""
    for option in options(annotation):
        if get_origin(option) is dict:
            return get_args(option)[1]
    return None


def lower_bound(annotation: Any) -> float | None:
    """The least value every alternative of a number field allows (``ge``/``gt``), or None
    when one of them has no lower bound (or is not a number)."""
    found: list[float] = []
    for option in _bounded_options(annotation):
        number, metadata = option
        if number not in (int, float):
            return None
        bounds = [
            float(limit)
            for item in metadata
            for name in ("ge", "gt")
            if isinstance(limit := getattr(item, name, None), int | float)
        ]
        if not bounds:
            return None
        found.append(max(bounds))
    return min(found) if found else None


def _bounded_options(annotation: Any) -> list[tuple[Any, list[Any]]]:
    """Each concrete alternative with the constraints (``Field``, ``annotated_types``) on it."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        metadata: list[Any] = []
        for item in extra:
            metadata.extend(getattr(item, "metadata", None) or [item])
        return [(number, [*metadata, *more]) for number, more in _bounded_options(inner)]
    if origin is Union or origin is types.UnionType:
        out: list[tuple[Any, list[Any]]] = []
        for arg in get_args(annotation):
            if arg is not type(None):
                out.extend(_bounded_options(arg))
        return out
    return [(annotation, [])]
