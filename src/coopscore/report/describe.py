"""Conditions in words, for `explain` and the rubric docs: what "met" requires, readably."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopscore.report.i18n import Lang

OPS: dict[str, dict[Lang, str]] = {
    "eq": {"en": "is {v}", "zh": "为 {v}"},
    "ne": {"en": "is not {v}", "zh": "不为 {v}"},
    "gt": {"en": "is more than {v}", "zh": "大于 {v}"},
    "gte": {"en": "is at least {v}", "zh": "不少于 {v}"},
    "lt": {"en": "is less than {v}", "zh": "小于 {v}"},
    "lte": {"en": "is at most {v}", "zh": "不超过 {v}"},
    "in": {"en": "is one of {v}", "zh": "属于 {v}"},
    "not_in": {"en": "is none of {v}", "zh": "不属于 {v}"},
    "contains": {"en": "contains {v}", "zh": "包含 {v}"},
}
MEASURES: dict[str, dict[Lang, str]] = {
    "len": {"en": "the number of items in {p}", "zh": "{p} 的条目数"},
    "distinct": {"en": "the number of distinct values of {p}", "zh": "{p} 的不同取值数"},
    "age": {"en": "the years from {p} to as_of", "zh": "{p} 距 as_of 的年数"},
    "max": {"en": "the largest {p}", "zh": "{p} 的最大值"},
    "min": {"en": "the smallest {p}", "zh": "{p} 的最小值"},
    "sum": {"en": "the sum of {p}", "zh": "{p} 之和"},
}
WORDS: dict[str, dict[Lang, str]] = {
    "all": {"en": "all of:", "zh": "同时满足:"},
    "any": {"en": "any of:", "zh": "满足其一:"},
    "coalesce": {"en": "the first of these that is known:", "zh": "按顺序取第一个已知结果:"},
    "not": {"en": "not:", "zh": "并非:"},
    "stated": {"en": "{p} is stated", "zh": "{p} 已说明"},
    "unstated": {"en": "{p} is not stated", "zh": "{p} 未说明"},
    "each_all": {"en": "every item of {p}", "zh": "{p} 的每一项"},
    "each_any": {"en": "at least one item of {p}", "zh": "{p} 中至少一项"},
    "each_count": {"en": "the number of items of {p}", "zh": "{p} 中的条目数"},
    "where": {"en": " (counting only items where {w})", "zh": "(仅计 {w} 的条目)"},
    "among": {
        "en": " among the items where {a}",
        "zh": "(在 {a} 的条目之中)",
    },
    "each_share": {"en": "the share of items of {p}", "zh": "{p} 中条目所占比例"},
    "satisfies": {"en": "satisfies:", "zh": "满足:"},
}


def _value(value: Any, params: Mapping[str, Any]) -> str:
    if isinstance(value, str) and value.startswith("$") and value[1:] in params:
        return f"{params[value[1:]]} ({value[1:]})"
    if isinstance(value, dict) and "path" in value:
        return f"`{value['path']}`"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v, params) for v in value) + "]"
    return str(value)


def _leaf(spec: dict[str, Any], lang: Lang, params: Mapping[str, Any]) -> str:
    path = f"`{spec['path']}`"
    if "exists" in spec:
        return WORDS["stated" if spec["exists"] else "unstated"][lang].format(p=path)
    op = next(k for k in spec if k in OPS)
    subject = MEASURES[spec["measure"]][lang].format(p=path) if "measure" in spec else path
    return f"{subject} {OPS[op][lang].format(v=_value(spec[op], params))}"


# Between the parts of a condition said on one line, and around a part that has parts.
SEPARATOR: dict[Lang, str] = {"en": "; ", "zh": ";"}
BRACKETS: dict[Lang, tuple[str, str]] = {"en": ("(", ")"), "zh": ("(", ")")}


def inline(spec: dict[str, Any], lang: Lang, params: Mapping[str, Any]) -> str:
    """The condition on one line (inside an ``each``'s where or among): a part that has
    parts is bracketed, its parts separated, so that nothing of its structure is lost."""
    opening, closing = BRACKETS[lang]
    for key in ("all", "any", "coalesce"):
        if key in spec and "each" not in spec:
            parts = SEPARATOR[lang].join(inline(p, lang, params) for p in spec[key])
            return f"{opening}{WORDS[key][lang]} {parts}{closing}"
    if "not" in spec:
        return f"{WORDS['not'][lang]} {inline(spec['not'], lang, params)}"
    if "each" in spec and "count" not in spec:
        head, *_ = lines(spec, lang, params)
        inner = spec["all" if "all" in spec else "any"]
        return f"{opening}{head.strip()} {inline(inner, lang, params)}{closing}"
    return " ".join(line.strip() for line in lines(spec, lang, params))


def lines(spec: dict[str, Any], lang: Lang, params: Mapping[str, Any], depth: int = 0) -> list[str]:
    """The condition as an indented list of lines."""
    pad = "  " * depth
    for key in ("all", "any", "coalesce"):
        if key in spec and "each" not in spec:
            out = [f"{pad}{WORDS[key][lang]}"]
            for part in spec[key]:
                out += lines(part, lang, params, depth + 1)
            return out
    if "not" in spec:
        return [f"{pad}{WORDS['not'][lang]}", *lines(spec["not"], lang, params, depth + 1)]
    if "each" in spec:
        path = f"`{spec['each']}`"
        where = ""
        if "where" in spec:
            where = WORDS["where"][lang].format(w=inline(spec["where"], lang, params))
        if "count" in spec:
            ((op, value),) = spec["count"].items()
            shown = _value(value, params)
            share = "%" in shown
            subject = WORDS["each_share" if share else "each_count"][lang].format(p=path)
            among = ""
            if "among" in spec:
                among = WORDS["among"][lang].format(a=inline(spec["among"], lang, params))
            return [f"{pad}{subject}{where}{among} {OPS[op][lang].format(v=shown)}"]
        quantifier = "each_all" if "all" in spec else "each_any"
        head = f"{pad}{WORDS[quantifier][lang].format(p=path)}{where} {WORDS['satisfies'][lang]}"
        return [head, *lines(spec["all" if "all" in spec else "any"], lang, params, depth + 1)]
    return [f"{pad}{_leaf(spec, lang, params)}"]


def words(spec: dict[str, Any], lang: Lang, params: Mapping[str, Any]) -> str:
    return "\n".join(lines(spec, lang, params))
