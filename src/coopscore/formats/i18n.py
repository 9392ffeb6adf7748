"""Labels in English and Chinese; every output module takes its words from here."""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

LABELS: dict[str, dict[Lang, str]] = {
    "sens_title": {
        "en": "Weight sensitivity: {runs} runs, weights ±{spread}, {aggregation} aggregation, "
        "seed {seed}",
        "zh": "权重敏感性:{runs} 次,权重浮动 ±{spread},{aggregation} 汇总,随机种子 {seed}",
    },
    "sens_scenario": {"en": "Scenario", "zh": "情景"},
    "sens_nominal_score": {"en": "Score", "zh": "名义得分"},
    "sens_nominal_rank": {"en": "Rank", "zh": "名义排名"},
    "sens_median_rank": {"en": "Median", "zh": "排名中位数"},
    "sens_ranks": {"en": "5–95%", "zh": "5–95%"},
    "sens_stability": {"en": "Weights", "zh": "权重扰动"},
    "sens_stable": {"en": "stable", "zh": "稳定"},
    "sens_unstable": {"en": "moves", "zh": "变动"},
    "sens_pairs": {
        "en": "Pairs whose order does not always hold",
        "zh": "排序并非始终成立的情景对",
    },
    "agg_arithmetic": {"en": "arithmetic", "zh": "算术平均"},
    "agg_geometric": {"en": "geometric", "zh": "几何平均"},
    "agg_both": {"en": "arithmetic or geometric at random", "zh": "随机算术或几何平均"},
    "sens_ahead": {"en": "Ahead (nominal)", "zh": "领先(名义)"},
    "sens_behind": {"en": "Behind", "zh": "落后"},
    "sens_holds": {"en": "Order holds", "zh": "排序成立比例"},
    "sens_all_hold": {
        "en": "Every pair keeps its nominal order in every run.",
        "zh": "每一对情景在每次运行中都保持名义排序。",
    },
    "sens_warning": {
        "en": "{ranks} rank(s) move under these weights; {pairs} pair(s) hold their order in "
        "under {share} of runs.",
        "zh": "在这些权重下有 {ranks} 个排名变动;{pairs} 对情景保持排序的运行少于 {share}。",
    },
    "warning": {"en": "warning", "zh": "警告"},
    "plan_title": {"en": "Action plan", "zh": "行动方案"},
    "plan_steps": {
        "en": "Steps by the score they add when closed",
        "zh": "按补齐后增加的得分排序的步骤",
    },
    "plan_steps_head": {"en": "Steps by gain", "zh": "按增益排序的步骤"},
    "plan_withheld": {
        "en": "The overall score is withheld (coverage below the floor): steps are ranked by "
        "dimension gain.",
        "zh": "总分不予计分(覆盖率低于下限):步骤按维度增益排序。",
    },
    "plan_withheld_short": {
        "en": " (overall score withheld: ranked by dimension gain)",
        "zh": "(总分不予计分:按维度增益排序)",
    },
    "no_recommendation": {"en": "(no recommendation)", "zh": "(无对应建议)"},
    "layer": {"en": "Layer", "zh": "层级"},
    "score_gain": {"en": "Score gain", "zh": "得分增益"},
    "dimension_gain": {"en": "Dimension gain", "zh": "维度增益"},
    "decision": {"en": "decision", "zh": "决策层"},
    "coordination": {"en": "coordination", "zh": "协调层"},
    "execution": {"en": "execution", "zh": "执行层"},
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
    "unmet_or_partial": {"en": "not met, depth open", "zh": "未达标,程度待定"},
    # Bounds: what the unknowns still allow.
    "bounds": {"en": "Bounds", "zh": "区间"},
    "score_bounds_line": {
        "en": "the facts allow {lower} to {upper}",
        "zh": "已知事实允许的区间为 {lower} 至 {upper}",
    },
    "withheld_bounds": {"en": "bounds {lower} to {upper}", "zh": "区间 {lower} 至 {upper}"},
    "thin": {
        "en": "scored on less than half of its criterion weight",
        "zh": "所据指标权重不足一半",
    },
    "thin_mark": {"en": "thin", "zh": "依据不足"},
    "thin_note": {
        "en": "* thin: {dimensions} scored on less than half of the criterion weight",
        "zh": "* 依据不足:{dimensions} 所据指标权重不足一半",
    },
    "warnings_head": {"en": "Contradictions", "zh": "相互矛盾的事实"},
    "contradiction": {
        "en": "{criteria}: {stated} decides ({stated_answer}), while {fallback} says "
        "otherwise ({fallback_answer}); the stated value is used",
        "zh": "{criteria}:{stated} 决定了结论({stated_answer}),但 {fallback} 指向相反"
        "({fallback_answer});以明确陈述的值为准",
    },
    "yes": {"en": "yes", "zh": "是"},
    "agree_title": {"en": "Agreement between encodings", "zh": "不同编码之间的一致性"},
    "agree_share": {
        "en": "Agreement: {share} of criteria ({agreed} of {total}) get the same status in "
        "every file",
        "zh": "一致率:{share} 的指标({agreed}/{total})在所有文件中状态相同",
    },
    "agree_overlap": {
        "en": "Overall score bounds overlap: {answer}",
        "zh": "总分区间是否重叠:{answer}",
    },
    "agree_disagreements": {"en": "Disagreements", "zh": "不一致之处"},
    "agree_none": {"en": "Every criterion gets the same status.", "zh": "所有指标状态一致。"},
    "more_items": {"en": "(+{count} more)", "zh": "(另有 {count} 项)"},
    "sens_fact_ranks": {"en": "Facts", "zh": "事实区间"},
    "sens_columns": {
        "en": "Rank: by the nominal score. 5–95%: the ranks random weights give, and whether "
        "the rank holds under them (Weights). Facts: the ranks the score bounds allow, whatever "
        "the unstated facts turn out to be.",
        "zh": "名义排名:按名义得分。5–95%:随机权重下的排名区间,权重扰动:排名是否稳定。"
        "事实区间:无论未说明的事实如何,得分区间所允许的名次。",
    },
    "sens_zeroed": {
        "en": "geometric aggregation: {scenarios} score 0 in every run with geometric weights, "
        "because a dimension of theirs scores 0, which no other dimension can make up for",
        "zh": "几何聚合:{scenarios} 有维度得分为 0,其他维度无法弥补,"
        "在几何聚合的每次运行中总分均为 0",
    },
    "lower_gain": {"en": "Lower-bound gain", "zh": "下限增益"},
    "at_line": {"en": "line {line}", "zh": "第 {line} 行"},
    "no": {"en": "no", "zh": "否"},
    "rank_range": {"en": "Rank range", "zh": "名次区间"},
    "not_separable": {
        "en": "≈ not separable by the facts given from another scenario (bounds overlap)",
        "zh": "≈ 依据已知事实无法与其他情景区分(区间重叠)",
    },
    "rank_range_note": {
        "en": "Rank range: the best and worst rank each scenario could take if every unknown "
        "fell for it or against it; sorted by the point score.",
        "zh": "名次区间:若所有未知事实都对其有利或不利,该情景可能取得的最好与最差名次;"
        "按点估计得分排序。",
    },
    "report_title": {"en": "Cooperation gap report", "zh": "区域合作短板报告"},
    "summary": {"en": "Summary", "zh": "概要"},
    "scenario": {"en": "Scenario", "zh": "情景"},
    "file": {"en": "File", "zh": "文件"},
    "dimension_scores": {"en": "Dimension scores", "zh": "各维度得分"},
    "not_scored": {
        "en": "Not in the chart (no known criterion): {dims}.",
        "zh": "未列入图表(无已知准则):{dims}。",
    },
    "by_dimension": {"en": "Gaps by dimension", "zh": "分维度短板"},
    "why": {"en": "Why it matters", "zh": "为何重要"},
    "closed_by": {"en": "Closed by", "zh": "对应建议"},
    "actions": {"en": "Actions", "zh": "具体举措"},
    "no_gaps_dim": {"en": "No gaps among the known criteria.", "zh": "已知准则中无短板。"},
    "sources": {"en": "Sources cited by the scenario", "zh": "情景引用的资料"},
    "how_scored": {"en": "How the score is computed", "zh": "计分方法"},
    "generated": {"en": "Generated by coopscore {version}.", "zh": "由 coopscore {version} 生成。"},
    "selection": {"en": "Selection", "zh": "筛选"},
    "rank": {"en": "Rank", "zh": "排名"},
    "top_recommendation": {"en": "Top recommendation", "zh": "首要建议"},
    "report": {"en": "Report", "zh": "报告"},
    "error": {"en": "Error", "zh": "错误"},
    "failed_inputs": {"en": "Inputs that could not be scored", "zh": "无法评分的输入"},
    "index_title": {"en": "Cooperation gap reports", "zh": "区域合作短板报告汇总"},
    "matrix": {"en": "Scenarios × dimensions", "zh": "情景 × 维度"},
    "ranking": {"en": "Ranking", "zh": "排名"},
    "data_gaps_lead": {
        "en": "These criteria are unknown: the scenario does not state the facts they need. "
        "Finding them out raises coverage; they do not lower the score.",
        "zh": "以下准则未知:情景未说明所需事实。补充后可提高覆盖率;它们不降低得分。",
    },
    "diagnostics": {
        "en": "Diagnostics: the four problems (§一(二))",
        "zh": "问题诊断(§一(二)四个问题)",
    },
    "problem": {"en": "Problem", "zh": "问题"},
    "findings": {"en": "Findings", "zh": "诊断结果"},
    "flagged": {"en": "flagged", "zh": "存在"},
    "clear": {"en": "clear", "zh": "未见"},
    "present": {"en": "present", "zh": "存在"},
    "absent": {"en": "absent", "zh": "不存在"},
    "data_used": {"en": "data", "zh": "数据"},
    "data_read": {"en": "Data read", "zh": "所用数据"},
    "to_settle": {"en": "State to settle it", "zh": "需补充的事实"},
    "cause_line": {"en": "cause: {name}: {status}", "zh": "原因:{name}:{status}"},
    "p1_series": {
        "en": "{basis} per year {first}–{last}: {spark}",
        "zh": "{basis} 逐年 {first}–{last}:{spark}",
    },
    "p1_momentum": {
        "en": "peak {peak} in {peak_year}; mean {mean} in {start}–{end} = {momentum} of the peak "
        "(flagged below {threshold})",
        "zh": "峰值 {peak}({peak_year} 年);{start}–{end} 年均 {mean},为峰值的 {momentum}"
        "(低于 {threshold} 即判定存在)",
    },
    "p1_slope": {
        "en": "trend {slope} per year; since the peak {since} per year",
        "zh": "趋势 每年 {slope};峰值以来 每年 {since}",
    },
    "p1_missing": {"en": "missing years (not 0): {years}", "zh": "缺失年份(不计为 0):{years}"},
    "p1_no_series": {
        "en": "no yearly activity series (events, or meetings, agreements, projects landed)",
        "zh": "缺少逐年合作活动序列(events,或会议、协议、落地项目)",
    },
    "p1_too_few": {
        "en": "only {known} known years; a trend needs {needed}",
        "zh": "仅 {known} 个已知年份;判断趋势至少需要 {needed} 个",
    },
    "p1_no_before": {
        "en": "no known year before the recent window {start}–{end}",
        "zh": "近期窗口 {start}–{end} 之前没有已知年份",
    },
    "p1_no_recent": {
        "en": "no known year in the recent window {start}–{end}",
        "zh": "近期窗口 {start}–{end} 内没有已知年份",
    },
    "p1_no_peak": {
        "en": "no activity at all: the momentum is undefined",
        "zh": "全部年份均无活动:无法计算活跃度比值",
    },
    "p2_domains": {
        "en": "(a) items in infrastructure, ecology, public services {more} vs industry & "
        "innovation, urban–rural, institutional {less}: share {share} (flagged from "
        "{threshold}): {status}",
        "zh": "(a) 基础设施、生态环保、公共服务 {more} 项,产业和科技创新、城乡融合、体制机制 "
        "{less} 项:占比 {share}(≥ {threshold} 即判定存在):{status}",
    },
    "p2_domains_unknown": {"en": "(a) domain balance: unknown", "zh": "(a) 领域结构:未知"},
    "p2_landing": {
        "en": "(b) {landed} projects landed of {agreements} agreements: ratio {ratio} "
        "(flagged below {threshold}): {status}",
        "zh": "(b) 签订协议 {agreements} 项,落地项目 {landed} 个:落地率 {ratio}"
        "(低于 {threshold} 即判定存在):{status}",
    },
    "p2_landing_unknown": {"en": "(b) landing ratio: unknown", "zh": "(b) 项目落地率:未知"},
    "p2_market": {
        "en": "(c) {market} of {total} initiatives market-led: {share} (flagged at {threshold} "
        "or less): {status}",
        "zh": "(c) {total} 项合作中市场主导 {market} 项:{share}(≤ {threshold} 即判定存在):{status}",
    },
    "p2_market_unknown": {"en": "(c) market share: unknown", "zh": "(c) 市场主导占比:未知"},
    "p3_pairs": {
        "en": "{weak} of {pairs} adjacent pairs lack follow-through: {share} (flagged from "
        "{threshold})",
        "zh": "{pairs} 对毗邻合作中 {weak} 对后继乏力:{share}(≥ {threshold} 即判定存在)",
    },
    "p3_counts": {
        "en": "stalled {stalled}, no stated focus {unfocused}, point-to-point {shallow}",
        "zh": "停滞 {stalled},重点不突出 {unfocused},停留在点对点 {shallow}",
    },
    "p3_no_pairs": {
        "en": "no adjacent pairs (ended ones left out): nothing to follow through",
        "zh": "无毗邻合作(已结束的不计):无从判断",
    },
    "p4_pair": {
        "en": "{a}–{b}: similarity {s}, Krugman {k}",
        "zh": "{a}–{b}:结构相似系数 {s},克鲁格曼指数 {k}",
    },
    "p4_threshold": {
        "en": "similarity flagged from {threshold}",
        "zh": "相似系数 ≥ {threshold} 即判定趋同",
    },
    "p4_no_pairs": {
        "en": "industrial structure: unknown (needs sector_shares of two members of one level)",
        "zh": "产业结构:未知(需同级两个成员的 sector_shares)",
    },
    "p4_barriers": {
        "en": "local protection stated: {stated} ({count} of {total} forms)",
        "zh": "已说明的地方保护:{stated}({total} 种形式中的 {count} 种)",
    },
    "p4_barriers_unknown": {"en": "local protection: unknown", "zh": "地方保护:未知"},
    "p4_primacy": {
        "en": "primacy by {basis} among {cities} member cities: two-city {two} (rank-size "
        "expectation {expected})",
        "zh": "按 {basis} 计 {cities} 个成员城市的首位度:两城市指数 {two}(位序-规模预期 "
        "{expected})",
    },
    "p4_primacy4": {
        "en": "four-city {four} (rank-size expectation {expected})",
        "zh": "四城市指数 {four}(位序-规模预期 {expected})",
    },
    "p4_count": {
        "en": "{similar} of {pairs} comparable pairs reach it; mean similarity {mean}",
        "zh": "{pairs} 对可比成员中 {similar} 对达到该值;平均相似系数 {mean}",
    },
    "p4_bounded": {
        "en": "{structures} distinct structures: not every pair fits in the work limit, so the "
        "count is a range and the pairs listed are the most similar found",
        "zh": "共 {structures} 种不同的产业结构:超出逐对比较的计算上限,相似对数为区间,"
        "所列为已找到的最相似成员对",
    },
    "not_applicable_head": {
        "en": "Not applicable (left out of the score)",
        "zh": "不适用(不计入得分)",
    },
    "by_scenario": {"en": "marked in the scenario", "zh": "情景中标注"},
    "by_rubric": {"en": "by the rubric", "zh": "依评价准则"},
    "more": {"en": "(+{count} more)", "zh": "(另有 {count} 条)"},
    # Joins a fact and the file:line it was read from: "`path = value` at `file:line`".
    "located_at": {"en": "at", "zh": "位于"},
    "explain_met": {"en": "Met when", "zh": "达标条件"},
    "explain_partial": {"en": "Partial when (not met)", "zh": "部分达标条件(未达标时)"},
    "explain_applies": {"en": "Applies when", "zh": "适用条件"},
    "explain_criteria": {"en": "Criteria", "zh": "准则"},
    "explain_in_scenario": {"en": "In {file}", "zh": "在 {file} 中"},
    "explain_result": {"en": "Result", "zh": "结果"},
    "explain_missing": {
        "en": "Unknown because these are not stated",
        "zh": "因以下事实未说明而未知",
    },
    "explain_read": {"en": "Facts read", "zh": "读取的事实"},
    "explain_weight": {"en": "weight", "zh": "权重"},
    "compare_title": {"en": "Comparison", "zh": "对比"},
    "compare_closed": {"en": "Gaps closed", "zh": "已补齐的短板"},
    "compare_opened": {"en": "Gaps opened", "zh": "新出现的短板"},
    "compare_changed": {"en": "Gaps changed", "zh": "程度变化的短板"},
    "compare_resolved": {"en": "Unknowns resolved", "zh": "已补充的未知项"},
    "compare_lost": {"en": "Became unknown", "zh": "变为未知"},
    "compare_overall": {"en": "Overall", "zh": "总体"},
    "compare_dimension": {"en": "Dimension", "zh": "维度"},
    "compare_old": {"en": "Old", "zh": "之前"},
    "compare_new": {"en": "New", "zh": "之后"},
    "compare_delta": {"en": "Δ", "zh": "变化"},
    "compare_coverage": {"en": "Coverage", "zh": "覆盖率"},
    "compare_none": {"en": "none", "zh": "无"},
    "compare_warnings": {"en": "Warnings", "zh": "警告"},
    "compare_different_rubrics": {
        "en": "the assessments use different rubrics ({old} vs {new})",
        "zh": "两次评估使用了不同的评价准则({old} 与 {new})",
    },
    "compare_not_comparable": {
        "en": "{reason}; their scores are not comparable (use --force to compare anyway)",
        "zh": "{reason};得分不可比(如仍要对比,请使用 --force)",
    },
    "compare_different_scenarios": {
        "en": "different scenario ids: {old} and {new}",
        "zh": "情景 id 不同:{old} 与 {new}",
    },
    "criteria_unknown": {
        "en": "{count} criteria unknown; stating these facts would raise coverage:",
        "zh": "{count} 项准则未知;补充以下事实可提高覆盖率:",
    },
}

# Said in English whatever the language: the JSON contract's formula, which the Markdown report
# quotes, and the selection note the command line prints beside its warnings.
ENGLISH: dict[str, str] = {
    "score_formula": "criterion credit: met 1, partial {partial}, unmet 0 (unknown and not "
    "applicable excluded); dimension score = 100 * sum(weight * credit) / sum(weight) over "
    "known criteria; coverage = known weight / applicable weight; overall = "
    "sum(dimension_weight * dimension_score) / sum(dimension_weight) over scored dimensions, "
    "withheld when overall coverage < {floor}",
    "selection_note": "{selection}: showing {shown} of {total} gaps; scores and coverage are "
    "computed on every criterion",
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


def english(key: str, **values: Any) -> str:
    """A text that every language shows in English (see ``ENGLISH``)."""
    return ENGLISH[key].format(**values)
