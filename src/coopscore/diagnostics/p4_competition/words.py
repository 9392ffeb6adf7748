"""P4 (§一(二)4), in words: convergence, local protection and primacy.

And for ``explain``: what it computes, the data it reads, what its settings set. Every text in
English and Chinese side by side.
"""

from __future__ import annotations

from coopscore.core.diagnostics import Diagnostic
from coopscore.report.findings import counts, fixed, listed, num, saying, tally_of, threshold
from coopscore.report.i18n import Lang, label

# Its findings' sentences (``say``), each in both languages.
LABELS: dict[str, dict[Lang, str]] = {
    "pair": {
        "en": "{a}–{b}: similarity {s}, Krugman {k}",
        "zh": "{a}–{b}:结构相似系数 {s},克鲁格曼指数 {k}",
    },
    "no_pairs": {
        "en": "industrial structure: unknown (needs sector_shares of two members of one level)",
        "zh": "产业结构:未知(需同级两个成员的 sector_shares)",
    },
    "barriers": {
        "en": "local protection: {present} of {total} forms stated present{names}, {absent} "
        "stated absent, {unknown} unknown",
        "zh": "地方保护:{total} 种形式中已说明存在 {present} 种{names},已说明不存在 {absent} 种,"
        "未知 {unknown} 种",
    },
    "primacy": {
        "en": "primacy by {basis} among {cities} member cities: two-city {two} (rank-size "
        "expectation {expected})",
        "zh": "按 {basis} 计 {cities} 个成员城市的首位度:两城市指数 {two}(位序-规模预期 "
        "{expected})",
    },
    "primacy4": {
        "en": "four-city {four} (rank-size expectation {expected})",
        "zh": "四城市指数 {four}(位序-规模预期 {expected})",
    },
    "primacy_unknown": {
        "en": "primacy by {basis}: unknown (needs {basis} of two member cities)",
        "zh": "按 {basis} 计的首位度:未知(需两个成员城市的 {basis})",
    },
    "cities_unknown": {
        "en": "{count} member cities without {basis}: unknown, left out of primacy ({ids})",
        "zh": "{count} 个成员城市未说明 {basis}:未知,不计入首位度({ids})",
    },
    "count": {
        "en": "{similar} of {pairs} comparable pairs reach {bound}, {below} stay below; mean "
        "similarity {mean}; {unknown} other pairs of one level unknown (sector shares missing "
        "or not comparable)",
        "zh": "{pairs} 对可比成员中 {similar} 对达到 {bound},{below} 对低于该值;平均相似系数 "
        "{mean};另有同级成员 {unknown} 对未知(缺少或无法比较 sector_shares)",
    },
    "bounded": {
        "en": "{structures} distinct structures: not every pair fits in the work limit, so the "
        "count is a range and the pairs listed are the most similar found",
        "zh": "共 {structures} 种不同的产业结构:超出逐对比较的计算上限,相似对数为区间,"
        "所列为已找到的最相似成员对",
    },
}
# What each measure beside a threshold is called.
MEASURES: dict[str, dict[Lang, str]] = {
    "max_similarity": {"en": "highest similarity", "zh": "最高结构相似系数"},
    "forms_present": {
        "en": "forms of local protection present",
        "zh": "存在的地方保护形式数",
    },
}
# Decimals a measure is shown with beside its threshold (two unless named here).
DIGITS: dict[str, int] = {"max_similarity": 3, "forms_present": 0}
# What it measures, and the scenario data it reads; the settings named as the rubric's
# diagnostics: section names them.
FORMULA: dict[Lang, str] = {
    "en": "Two parts. Convergence: the UNIDO similarity coefficient of the sector shares "
    "of two members of one level (provinces with municipalities; cities) that state the "
    "same sectors, S = Σ a·b / √(Σ a² · Σ b²); flagged when a pair reaches "
    "similarity_at_least (the Krugman index is shown beside it). Local protection: "
    "flagged when one of market_access, quality_standards, administrative_fees and "
    "household_registration is stated present under barriers. P4 is flagged when one "
    "part is flagged. Shown, not flagged: the top_pairs most similar pairs, and two- and "
    "four-city primacy of the member cities against the rank-size expectation, by "
    "primacy_basis.",
    "zh": "两个部分。结构趋同:同一层级(省与直辖市;城市)且给出相同产业划分的两个成员"
    "之间的联合国工业发展组织(UNIDO)相似系数,S = Σ a·b / √(Σ a² · Σ b²);任一对达到 "
    "similarity_at_least 即存在(同时给出克鲁格曼指数)。地方保护:barriers 下 "
    "market_access、quality_standards、administrative_fees、household_registration "
    "任一项被说明存在即存在。任一部分存在则 P4 存在。另列出(不影响判定):最相似的 "
    "top_pairs 对成员,以及按 primacy_basis 计算的成员城市二城市、四城市首位度与位序-规模"
    "法则预期之比。",
}
DATA: tuple[str, ...] = (
    "members[].kind",
    "members[].sector_shares",
    "barriers.market_access",
    "barriers.quality_standards",
    "barriers.administrative_fees",
    "barriers.household_registration",
    "members[].population_m",
    "members[].gdp_bn_cny",
)
# Each of its settings: what it sets, in words.
SETTINGS: dict[str, dict[Lang, str]] = {
    "similarity_at_least": {
        "en": "flagged when a pair's similarity coefficient reaches this",
        "zh": "任一对成员的相似系数达到此值即存在",
    },
    "top_pairs": {"en": "how many of the most similar pairs to list", "zh": "列出最相似的几对"},
    "primacy_basis": {
        "en": "what primacy is measured by: population (population_m) or gdp (gdp_bn_cny)",
        "zh": "首位度的依据:population(population_m)或 gdp(gdp_bn_cny)",
    },
}

say = saying(LABELS)


def findings(d: Diagnostic, lang: Lang) -> list[str]:
    """The key numbers in words, one line each, in ``lang``."""
    conv, prot, prim = (d.measures[k] for k in ("convergence", "local_protection", "primacy"))
    lines = []
    for pair in conv["highest"]:
        lines.append(
            say(
                "pair",
                lang,
                a=pair["a"],
                b=pair["b"],
                s=f"{pair['similarity']:.3f}",
                k=f"{pair['krugman']:.3f}",
            )
        )
    if not conv["comparable_pairs"]:
        lines.append(say("no_pairs", lang))
    lines.append(threshold(d, "convergence", lang))
    if conv["comparable_pairs"]:
        low, high = conv["similar_pairs_bounds"]
        similar = low if low == high else f"{low}–{high}"
        lines.append(
            say(
                "count",
                lang,
                similar=similar,
                pairs=conv["comparable_pairs"],
                bound=fixed(conv["threshold"], DIGITS["max_similarity"]),
                below=conv["comparable_pairs"] - high,
                mean=num(conv["mean_similarity"], 3),
                unknown=conv["pairs_unknown"],
            )
        )
        if not conv["exhaustive"]:
            lines.append(say("bounded", lang, structures=conv["structures"]))
    forms = tally_of(d, "local_protection")
    names = label("named", lang, names=", ".join(prot["stated"])) if prot["stated"] else ""
    lines.append(say("barriers", lang, names=names, **counts(forms)))
    lines.append(threshold(d, "local_protection", lang))
    cities = tally_of(d, "primacy")
    if prim["two_city"] is not None:
        lines.append(
            say(
                "primacy",
                lang,
                basis=prim["basis"],
                cities=len(prim["cities"]),
                two=num(prim["two_city"]),
                expected=num(prim["two_city_rank_size"]),
            )
        )
    elif cities.total:
        lines.append(say("primacy_unknown", lang, basis=prim["basis"]))
    if prim["four_city"] is not None:
        lines.append(
            say(
                "primacy4",
                lang,
                four=num(prim["four_city"]),
                expected=num(prim["four_city_rank_size"]),
            )
        )
    if cities.unknown:
        ids = listed(prim["cities_unknown"], lang)
        lines.append(
            say("cities_unknown", lang, count=cities.unknown, basis=prim["basis"], ids=ids)
        )
    return lines
