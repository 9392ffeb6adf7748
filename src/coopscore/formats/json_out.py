"""The ``json`` format's text of one assessment: the record of :mod:`coopscore.contract`,
written as strict JSON. The record itself is built by :func:`coopscore.contract.write.record`."""

from __future__ import annotations

from coopscore.contract.write import bounds, evidence, warning
from coopscore.contract.write import record as to_dict
from coopscore.core.assessment import Assessment
from coopscore.formats.escaping import json_dumps
from coopscore.report.i18n import Lang

__all__ = ["bounds", "evidence", "render", "to_dict", "warning"]


def render(assessment: Assessment, lang: Lang = "en") -> str:
    """The JSON contract as text: strict JSON, never ``NaN`` (see ``escaping.json_dumps``)."""
    return json_dumps(to_dict(assessment, lang), indent=2, default=str) + "\n"
