"""Labels in English and Chinese; every output module takes its words from here."""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

LABELS: dict[str, dict[Lang, str]] = {
    "score": {"en": "Score", "zh": "得分"},
    "coverage": {"en": "Coverage", "zh": "覆盖率"},
    "withheld": {
        "en": "withheld: coverage {coverage} is below the floor of {floor}",
        "zh": "不予计分:覆盖率 {coverage} 低于下限 {floor}",
    },
    "dimension": {"en": "Dimension", "zh": "维度"},
    "dimensions": {"en": "Dimensions", "zh": "维度得分"},
    "gaps": {"en": "Gaps", "zh": "短板"},
    "gap": {"en": "Gap", "zh": "短板"},
    "code": {"en": "Code", "zh": "代码"},
    "severity": {"en": "Severity", "zh": "严重程度"},
    "status": {"en": "Status", "zh": "状态"},
    "evidence": {"en": "Evidence", "zh": "证据"},
    "section": {"en": "Paper", "zh": "文献出处"},
    "recommendation": {"en": "Recommendation", "zh": "建议"},
    "recommendations": {"en": "Recommendations by priority", "zh": "建议(按优先级)"},
    "priority": {"en": "Priority", "zh": "优先级"},
    "closes": {"en": "closes", "zh": "对应短板"},
    "no_gaps": {"en": "No gaps found among the known criteria.", "zh": "已知准则中未发现短板。"},
    "data_gaps": {"en": "Data gaps (unknown, not scored)", "zh": "数据缺口(未知,不计分)"},
    "find_out": {"en": "state", "zh": "需说明"},
    "yrd_practice": {"en": "YRD practice", "zh": "长三角做法"},
    "rubric": {"en": "Rubric", "zh": "评价准则"},
    "as_of": {"en": "as of", "zh": "截至"},
    "none": {"en": "none", "zh": "无"},
    "high": {"en": "high", "zh": "高"},
    "medium": {"en": "medium", "zh": "中"},
    "low": {"en": "low", "zh": "低"},
    "met": {"en": "met", "zh": "达标"},
    "partial": {"en": "partial", "zh": "部分达标"},
    "unmet": {"en": "unmet", "zh": "未达标"},
    "unknown": {"en": "unknown", "zh": "未知"},
    "not_applicable": {"en": "not applicable", "zh": "不适用"},
    "criteria_unknown": {
        "en": "{count} criteria unknown; stating these facts would raise coverage:",
        "zh": "{count} 项准则未知;补充以下事实可提高覆盖率:",
    },
}


def label(key: str, lang: Lang, **values: Any) -> str:
    text = LABELS[key][lang]
    return text.format(**values) if values else text


def pick(text: Any, lang: Lang) -> str:
    """One language of a bilingual value ({en, zh} mapping or model), falling back to the other."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if isinstance(text, dict):
        return str(text.get(lang) or text.get("en") or text.get("zh") or "")
    return str(getattr(text, lang, None) or getattr(text, "en", None) or getattr(text, "zh", ""))
