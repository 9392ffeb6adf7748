"""Problems with an input, and the other messages of the readers, in the reader's language.

The readers (``model``, ``files``, ``pipeline``) say what is wrong with an input in English
sentences of a few fixed forms, and those sentences are also data: the JSON and CSV of a batch
carry them as they are. Each form is a catalogue entry (``problem_*``) whose English text is
the very form the reader writes, with a ``{placeholder}`` for what varies; a message is matched
against the English forms, and said again in another language with each placeholder's value
worded in turn: a phrase of the catalogue (``phrase_*``, such as "a whole number"), a nested
message (a hint), or kept as written (a key, a value, a path, the YAML parser's own text).

English is never rebuilt: a message in English is shown exactly as the reader wrote it. A
message of no known form is shown as it is.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from functools import cache

from coopscore.errors import Problem
from coopscore.report.i18n import LABELS, Lang, label

# Placeholders whose value is itself a message (a hint, a reason): worded by its own form.
_NESTED = frozenset({"hint", "message", "reason", "rest"})
# Placeholders whose value lists choices joined by ", " and " or " (``'a', 'b' or 'c'``).
_CHOICES = frozenset({"wanted", "choices"})
# Placeholders kept as written: what the file, the user or a parser gave.
_VERBATIM = frozenset(
    {"key", "file", "path", "detail", "value", "name", "code", "text", "form", "first", "second"}
    | {"char", "mark", "paper", "parts"}
)


@cache
def _forms(kind: str = "problem_") -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every message form of ``kind`` (``problem_``: what is wrong with an input; ``help_``:
    the command line's help): its key and the pattern of its English text, in catalogue order
    (a form with more words before one it contains)."""
    out = []
    for key, texts in LABELS.items():
        if key.startswith(kind):
            out.append((key, re.compile(_pattern(texts["en"]), re.DOTALL)))
    return tuple(out)


# What a placeholder of these names can hold; any other holds any text.
_SHAPES = {
    "code": r"[A-Z]{3}[0-9]{3}",
    "diagnostic": r"P[0-9]+",
    "line": r"[0-9]+",
    "limit": r"[0-9][0-9,.]*(?:e[-+]?[0-9]+)?",
    "level": r"(?:part|subsection|point)",  # of a paper's outline
    "place": r"(?:the paper|§\S+)",
}


def _pattern(template: str) -> str:
    parts = ["^"]
    for literal, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(f"(?P<{field}>{_SHAPES.get(field, '.+?')})")
    parts.append("$")
    return "".join(parts)


@cache
def _phrases(lang: Lang) -> dict[str, str]:
    """The catalogue's phrases: English text → the text in ``lang``."""
    return {texts["en"]: texts[lang] for key, texts in LABELS.items() if key.startswith("phrase_")}


def message(text: str, lang: Lang, kind: str = "problem_") -> str:
    """A reader's message in ``lang``: as written in English, or of no known form. ``kind``:
    the catalogue's forms to match (``help_`` for the command line's help texts)."""
    if lang == "en":
        return text
    phrase = _phrases(lang).get(text)
    if phrase is not None:
        return phrase
    for key, pattern in _forms(kind):
        found = pattern.match(text)
        if found is not None:
            values = {name: _value(name, v, lang) for name, v in found.groupdict().items()}
            return _filled(LABELS[key][lang], values)
    return text


def _latin(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "'\"-+")


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _filled(template: str, values: dict[str, str]) -> str:
    """``template`` with ``values``, a space put where a value in Latin letters meets a Chinese
    character of the template (``应为 true 或 false``, never ``应为true``)."""
    parts = list(string.Formatter().parse(template))
    text = ""
    for index, (literal, field, _, _) in enumerate(parts):
        text += literal
        if field is None:
            continue
        value = values[field]
        if value and text and _han(text[-1]) and _latin(value[0]):
            text += " "
        text += value
        following = parts[index + 1][0] if index + 1 < len(parts) else ""
        if value and following and _latin(value[-1]) and _han(following[0]):
            text += " "
    return text


def _value(name: str, value: str, lang: Lang) -> str:
    if name in _VERBATIM:
        return value
    if name in _CHOICES:
        return _choices(value, lang)
    if name in _NESTED:
        return message(value, lang)
    return _phrases(lang).get(value, value)


# The joints of a list of choices: ", " between, " or " before the last.
_JOINTS = re.compile(r"(, | or )")


def _choices(value: str, lang: Lang) -> str:
    """``text or a list`` → ``文本或列表``: each choice a phrase when it is one, the joints in
    ``lang``; a quoted choice (``'json'``) kept as written."""
    phrases = _phrases(lang)
    if value in phrases:
        return phrases[value]
    joints = {", ": label("joint_comma", lang), " or ": label("joint_or", lang)}
    said = ""
    for part in _JOINTS.split(value):
        part = joints[part] if part in joints else phrases.get(part, part)
        if (
            said
            and part
            and ((_latin(said[-1]) and _han(part[0])) or (_han(said[-1]) and _latin(part[0])))
        ):
            said += " "  # a word in Latin letters beside a Chinese one: 'markdown 或 html'
        said += part
    return said


def problem_text(problem: Problem, lang: Lang) -> str:
    """``file:line:column: message at path``, in ``lang`` (English: ``str(problem)``)."""
    if lang == "en":
        return str(problem)
    text = message(problem.message, lang)
    path = _phrases(lang).get(problem.shown_path, problem.shown_path)
    if path:
        text = label("where_at_path", lang, message=text, path=path)
    return f"{problem.where}: {text}"


def reason(path: str, problems: Sequence[Problem], lang: Lang) -> str:
    """Why a file could not be scored: its first problems, located by line within it (or by
    file if elsewhere), in ``lang``. In English, what ``pipeline.scoring.Failed.reason`` says."""
    parts = []
    for p in problems[:3]:
        if p.file != path:
            parts.append(problem_text(p, lang))
        elif p.line is not None:
            parts.append(
                label("where_on_line", lang, line=p.line, message=message(p.message, lang))
            )
        else:
            parts.append(message(p.message, lang))
    text = label("where_joint", lang).join(parts)
    more = len(problems) - 3
    return label("where_more", lang, reason=text, more=more) if more > 0 else text
