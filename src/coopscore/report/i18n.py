"""Labels in English and Chinese; every output module takes its words from here."""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")
# The language tag an HTML page declares: Chinese in simplified characters.
HTML_LANG: dict[Lang, str] = {"en": "en", "zh": "zh-Hans"}

LABELS: dict[str, dict[Lang, str]] = {
    "trend_title": {
        "en": "Trend of {cluster}: {count} snapshots, {first}–{last}",
        "zh": "{cluster} 的变化趋势:{count} 个时点,{first}–{last} 年",
    },
    "trend_snapshots": {"en": "Snapshots", "zh": "时点"},
    "trend_year": {"en": "Year", "zh": "年份"},
    "trend_file": {"en": "File", "zh": "文件"},
    "trend_overall": {"en": "Overall", "zh": "总分"},
    "trend_series": {
        "en": "Scores by year (point, with bounds)",
        "zh": "各年得分(点值及区间)",
    },
    "trend_chart": {
        "en": "Overall score by year: [ ] the bounds, * the point",
        "zh": "各年总分:[ ] 为区间,* 为点值",
    },
    "trend_trends": {
        "en": "Trends (least-squares slope, points per year)",
        "zh": "趋势(最小二乘斜率,分/年)",
    },
    "trend_slope": {"en": "Slope", "zh": "斜率"},
    "trend_slope_bounds": {"en": "Slope bounds", "zh": "斜率区间"},
    "trend_direction": {"en": "Direction", "zh": "方向"},
    "dir_up": {"en": "up (certain)", "zh": "上升(确定)"},
    "dir_down": {"en": "down (certain)", "zh": "下降(确定)"},
    "dir_uncertain": {"en": "uncertain", "zh": "不确定"},
    "trend_slope_note": {
        "en": "The slope bounds are the least and the most steep the trend can be over every "
        "score the yearly bounds allow; the direction is certain only when both lie on one "
        "side of zero. A point slope is given only when every snapshot has a point score.",
        "zh": "斜率区间是在各年得分区间允许的所有取值下趋势最平缓与最陡的斜率;仅当上下限同在"
        "零的一侧时方向才确定。只有每个时点都有点值得分时才给出点值斜率。",
    },
    "trend_changes": {"en": "Between snapshots", "zh": "相邻时点之间"},
    "trend_opened": {"en": "Gaps opened", "zh": "新出现的差距"},
    "trend_closed": {"en": "Gaps closed", "zh": "已补齐的差距"},
    "trend_changed": {"en": "Verdicts changed", "zh": "判定发生变化"},
    "trend_before": {"en": "before", "zh": "此前"},
    "trend_after": {"en": "after", "zh": "此后"},
    "trend_nothing_read": {"en": "nothing stated", "zh": "未陈述"},
    "trend_p1": {
        "en": "High start, low finish (高开低走, §一(二)1) across the snapshots",
        "zh": "跨时点的“高开低走”(§一(二)1)",
    },
    "trend_p1_rule": {
        "en": "Read on the overall score: flagged when it peaks before the last snapshot and "
        "the last is below {share} of the peak (P1's threshold), given at least {years} "
        "snapshots.",
        "zh": "依据总分判断:若峰值出现在最后一个时点之前,且最后一个时点低于峰值的 {share}"
        "(P1 的阈值),并且至少有 {years} 个时点,则判定存在。",
    },
    "trend_p1_value": {
        "en": "Within the bounds: {value}. On the point scores: {point} (peak {peak}, last "
        "to peak {ratio}).",
        "zh": "在区间内:{value}。按点值:{point}(峰值年份 {peak},末期与峰值之比 {ratio})。",
    },
    "trend_p1_few": {
        "en": "Too few snapshots to read a rise and a fall ({count} of {years}).",
        "zh": "时点过少,无法判断先升后降({count}/{years})。",
    },
    "trend_p1_each": {"en": "Each snapshot's own P1", "zh": "各时点自身的 P1"},
    "trend_forced": {
        "en": "Forced: these files are not one panel ({what}).",
        "zh": "已强制:这些文件并非同一面板({what})。",
    },
    "trend_no_cluster": {
        "en": "the snapshots describe different clusters (ids {values}): {files}",
        "zh": "这些时点描述的是不同的城市群(id {values}):{files}",
    },
    "trend_no_rubric": {
        "en": "the snapshots were scored with different rubrics (digests {values}): {files}",
        "zh": "这些时点使用了不同的评分细则(摘要 {values}):{files}",
    },
    "trend_no_year": {
        "en": "a snapshot must state as_of, the year it describes: {files}",
        "zh": "每个时点都必须写明 as_of(所描述的年份):{files}",
    },
    "trend_same_year": {
        "en": "two snapshots of one year ({values}): {files}",
        "zh": "同一年份有两个时点({values}):{files}",
    },
    "trend_too_few": {
        "en": "trend needs two or more snapshots of one cluster, found {values}",
        "zh": "trend 需要同一城市群的两个或更多时点,仅有 {values} 个",
    },
    "trend_force_hint": {
        "en": "use --force to go on anyway",
        "zh": "如仍要继续,请使用 --force",
    },
    "trend_force_hint_api": {
        "en": "pass force=True to go on anyway",
        "zh": "如仍要继续,请传入 force=True",
    },
    "sens_title": {
        "en": "Weight sensitivity: {runs} runs, weights ±{spread}, {aggregation} aggregation, "
        "seed {seed}",
        "zh": "权重敏感性:{runs} 次,权重浮动 ±{spread},{aggregation} 汇总,随机种子 {seed}",
    },
    "sens_scenario": {"en": "Scenario", "zh": "情景"},
    "sens_nominal_score": {"en": "Score", "zh": "得分"},
    "sens_nominal_rank": {"en": "Rank", "zh": "名次"},
    "sens_median_rank": {"en": "Median", "zh": "中位数"},
    "sens_ranks": {"en": "5–95%", "zh": "5–95%"},
    "sens_stability": {"en": "Weights", "zh": "权重"},
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
    "dimension_short": {"en": "Dim.", "zh": "维度"},
    "dimension_gain_short": {"en": "Dim. gain", "zh": "维度增益"},
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
    "agree_kappa": {"en": "Cohen's kappa", "zh": "Cohen's kappa(科恩系数)"},
    "agree_alpha": {"en": "Krippendorff's alpha", "zh": "Krippendorff's alpha(克里彭多夫系数)"},
    "agree_bounds_count": {
        "en": "Same status, different credit bounds: {count} criterion(s)",
        "zh": "状态相同但得分区间不同的指标:{count} 项",
    },
    "agree_bounds_title": {"en": "Score bounds, file by file", "zh": "各文件的得分区间"},
    "agree_bounds_differ": {
        "en": "≠ the files' bounds differ",
        "zh": "≠ 各文件的区间不同",
    },
    "agree_overall": {"en": "Overall", "zh": "总分"},
    "agree_bounds_disagreements": {
        "en": "Bounds disagreements (same status, different credit bounds or applicability)",
        "zh": "区间分歧(状态相同,但得分区间或是否适用不同)",
    },
    "agree_bounds_none": {
        "en": "Every criterion with one status also gets the same credit bounds.",
        "zh": "状态一致的指标,得分区间也都一致。",
    },
    "cluster_same_members": {
        "en": "One cluster: #{n} lists the same {count} member(s) as #1",
        "zh": "同一城市群:#{n} 列出的 {count} 个成员与 #1 相同",
    },
    "cluster_same_name": {
        "en": "One cluster: #{n} has the name of #1 (members are not listed in both)",
        "zh": "同一城市群:#{n} 与 #1 名称相同(并非两者都列出成员)",
    },
    "cluster_same_id": {
        "en": "One cluster: #{n} has the id of #1 (members and names are not stated in both)",
        "zh": "同一城市群:#{n} 与 #1 的 id 相同(并非两者都给出成员和名称)",
    },
    "cluster_unchecked": {
        "en": "One cluster: not checked for #{n}: #1 and #{n} do not both state members, a "
        "name or an id",
        "zh": "同一城市群:未能核对 #{n}:#1 与 #{n} 未都给出成员、名称或 id",
    },
    "cluster_diff_members": {
        "en": "Different clusters: the members of #1 ({first}) and #{n} ({other}) differ: "
        "only in #1: {only_first}; only in #{n}: {only_other}",
        "zh": "不是同一城市群:#1({first})与 #{n}({other})的成员不同:仅 #1 有:{only_first};"
        "仅 #{n} 有:{only_other}",
    },
    "cluster_diff_name": {
        "en": "Different clusters: the names differ: #1 {first_value} ({first}), #{n} "
        "{other_value} ({other})",
        "zh": "不是同一城市群:名称不同:#1 {first_value}({first}),#{n} {other_value}({other})",
    },
    "cluster_diff_id": {
        "en": "Different clusters: the ids differ: #1 {first_value} ({first}), #{n} "
        "{other_value} ({other})",
        "zh": "不是同一城市群:id 不同:#1 {first_value}({first}),#{n} {other_value}({other})",
    },
    "cluster_force_hint": {
        "en": "these files do not encode one cluster; give --force to compare them anyway",
        "zh": "这些文件描述的不是同一城市群;如仍要比较,请加 --force",
    },
    "cluster_forced": {
        "en": "Compared anyway (--force): the files describe different clusters, so this is "
        "not agreement between encodings of one cluster.",
        "zh": "已强制比较(--force):这些文件描述的是不同城市群,"
        "以下结果并非同一城市群不同编码之间的一致性。",
    },
    "none_listed": {"en": "none", "zh": "无"},
    "applies_unknown": {"en": "whether it applies: unknown", "zh": "是否适用:未知"},
    "more_items": {"en": "(+{count} more)", "zh": "(另有 {count} 项)"},
    "sens_fact_ranks": {"en": "Facts", "zh": "事实区间"},
    "sens_columns": {
        "en": "Rank: by the nominal score. 5–95%: the ranks random weights give, and whether "
        "the rank holds under them (Weights). Facts: the ranks the score bounds allow, whatever "
        "the unstated facts turn out to be.",
        "zh": "名次:按名义得分。中位数、5–95%:随机权重下的名次,权重:名次在随机权重下是否"
        "稳定。事实区间:无论未说明的事实如何,得分区间所允许的名次。",
    },
    "sens_zeroed": {
        "en": "geometric aggregation: {scenarios} score 0 in every run with geometric weights, "
        "because a dimension of theirs scores 0, which no other dimension can make up for",
        "zh": "几何聚合:{scenarios} 有维度得分为 0,其他维度无法弥补,"
        "在几何聚合的每次运行中总分均为 0",
    },
    "lower_gain": {"en": "Lower bound gain", "zh": "下限增益"},
    "at_line": {"en": "line {line}", "zh": "第 {line} 行"},
    "no": {"en": "no", "zh": "否"},
    "rank_range": {"en": "Rank range", "zh": "名次区间"},
    "rank_range_short": {"en": "Ranks", "zh": "名次区间"},
    "coverage_short": {"en": "Cov.", "zh": "覆盖率"},
    "gaps_hml": {"en": "H/M/L", "zh": "高/中/低"},
    "first_recommendation": {"en": "First", "zh": "首要建议"},
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
    # A yearly series as a table: the head of its label column, and a year without a value.
    "year_head": {"en": "Year", "zh": "年份"},
    "missing_year": {"en": "missing", "zh": "缺失"},
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
    "p1_causes": {
        "en": "causes the paper names: {present} of {total} stated present, {absent} stated "
        "absent, {unknown} unknown",
        "zh": "文献所列原因:{total} 项中已说明存在 {present} 项,已说明不存在 {absent} 项,"
        "未知 {unknown} 项",
    },
    # A measured value beside the rubric's bound that flags it, and how far it lies from it.
    "threshold_line": {
        "en": "{what}: {value} vs {bound} ({rule}){distance}: {status}",
        "zh": "{what}:{value} 对比阈值 {bound}({rule}){distance}:{status}",
    },
    "distance": {"en": "; {distance}", "zh": ";{distance}"},
    "rule_below": {"en": "flagged when below", "zh": "低于阈值即判定存在"},
    "rule_at_least": {"en": "flagged when at or above", "zh": "达到阈值即判定存在"},
    "rule_at_most": {"en": "flagged when at or below", "zh": "不高于阈值即判定存在"},
    "distance_above": {"en": "{d} above", "zh": "高出 {d}"},
    "distance_below": {"en": "{d} below", "zh": "低 {d}"},
    "distance_at": {"en": "at the threshold", "zh": "恰为阈值"},
    "distance_above_range": {"en": "{low} to {high} above", "zh": "高出 {low} 至 {high}"},
    "distance_below_range": {"en": "{low} to {high} below", "zh": "低 {low} 至 {high}"},
    "distance_across": {
        "en": "between {below} below and {above} above",
        "zh": "介于低 {below} 与高出 {above} 之间",
    },
    "measure_momentum": {"en": "recent mean / peak", "zh": "近期均值/峰值"},
    "measure_share_more": {
        "en": "(a) share of infrastructure, ecology, public services",
        "zh": "(a) 基础设施、生态环保、公共服务占比",
    },
    "measure_ratio": {"en": "(b) landing ratio", "zh": "(b) 项目落地率"},
    "measure_share": {"en": "(c) market-led share", "zh": "(c) 市场主导占比"},
    "measure_weak_share": {
        "en": "share of pairs lacking follow-through",
        "zh": "后继乏力的毗邻合作占比",
    },
    "measure_max_similarity": {"en": "highest similarity", "zh": "最高结构相似系数"},
    "measure_forms_present": {
        "en": "forms of local protection present",
        "zh": "存在的地方保护形式数",
    },
    "unknown_list": {"en": " (unknown: {names})", "zh": "(未知:{names})"},
    "named": {"en": " ({names})", "zh": "({names})"},
    "p1_series": {
        "en": "{basis} per year {first}–{last}: {spark}",
        "zh": "{basis} 逐年 {first}–{last}:{spark}",
    },
    "p1_momentum": {
        "en": "peak {peak} in {peak_year}; mean {mean} in {start}–{end} = {momentum} of the peak",
        "zh": "峰值 {peak}({peak_year} 年);{start}–{end} 年均 {mean},为峰值的 {momentum}",
    },
    "p1_recent_known": {
        "en": " ({known} of {years} recent years known; the mean leaves the others out, not 0)",
        "zh": "(近期 {years} 年中已知 {known} 年;均值不计其余年份,不按 0 计)",
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
        "innovation, urban–rural, institutional {less}: share {share}",
        "zh": "(a) 基础设施、生态环保、公共服务 {more} 项,产业和科技创新、城乡融合、体制机制 "
        "{less} 项:占比 {share}",
    },
    "p2_domain_tally": {
        "en": "(a) domains: {present} of {total} stated with items, {absent} stated as 0, "
        "{unknown} unknown",
        "zh": "(a) 领域:{total} 个中已说明有合作事项的 {present} 个,已说明为 0 的 {absent} 个,"
        "未知 {unknown} 个",
    },
    "p2_items": {
        "en": "(a) counted from {entries} tagged entries ({items} items), by domain:",
        "zh": "(a) 由 {entries} 条标注领域的事项(合 {items} 项)分领域计数:",
    },
    "p2_item_domain": {
        "en": "(a) {domain} {count}: {items}",
        "zh": "(a) {domain} {count} 项:{items}",
    },
    "p2_too_few": {
        "en": " (fewer than {min}: too few to judge)",
        "zh": "(不足 {min}:数量过少,无法判断)",
    },
    "p2_landing": {
        "en": "(b) {landed} projects landed of {agreements} agreements: ratio {ratio}",
        "zh": "(b) 签订协议 {agreements} 项,落地项目 {landed} 个:落地率 {ratio}",
    },
    "p2_landing_years": {
        "en": "(b) years: {present} state both agreements and landed projects, {unknown} state "
        "one of them only (unknown, left out of the ratio)",
        "zh": "(b) 年份:{present} 年同时说明协议数与落地项目数,{unknown} 年只说明其一"
        "(未知,不计入落地率)",
    },
    "p2_market": {
        "en": "(c) {market} of {total} initiatives market-led: {share}",
        "zh": "(c) {total} 项合作中市场主导 {market} 项:{share}",
    },
    "p2_market_partial": {
        "en": "(c) initiatives: government-led {government}, market-led {market}",
        "zh": "(c) 合作事项:政府主导 {government},市场主导 {market}",
    },
    "p3_pairs": {
        "en": "{weak} of {pairs} adjacent pairs lack follow-through ({strong} stated to follow "
        "through, {unknown} unknown{ended}): {share}",
        "zh": "{pairs} 对毗邻合作中 {weak} 对后继乏力(已说明并非如此的 {strong} 对,"
        "未知 {unknown} 对{ended}):{share}",
    },
    "p3_test": {
        "en": "{test}: {present} of {pairs} pairs, {absent} stated otherwise, {unknown} unknown"
        "{ended}",
        "zh": "{test}:{pairs} 对中 {present} 对,已说明并非如此的 {absent} 对,未知 {unknown} 对"
        "{ended}",
    },
    "p3_may_have_ended": {
        "en": ", {open} of unstated status that may have ended",
        "zh": ",状态未说明、可能已结束 {open} 对",
    },
    "p3_all_may_have_ended": {
        "en": "{pairs} adjacent pairs of unstated status: each may have ended",
        "zh": "{pairs} 对毗邻合作状态未说明:均可能已结束",
    },
    "p3_stalled": {"en": "stalled", "zh": "停滞"},
    "p3_unfocused": {"en": "no stated focus", "zh": "重点不突出"},
    "p3_shallow": {"en": "point-to-point", "zh": "停留在点对点"},
    "p3_no_pairs": {
        "en": "no adjacent pairs (ended ones left out): nothing to follow through",
        "zh": "无毗邻合作(已结束的不计):无从判断",
    },
    "p4_pair": {
        "en": "{a}–{b}: similarity {s}, Krugman {k}",
        "zh": "{a}–{b}:结构相似系数 {s},克鲁格曼指数 {k}",
    },
    "p4_no_pairs": {
        "en": "industrial structure: unknown (needs sector_shares of two members of one level)",
        "zh": "产业结构:未知(需同级两个成员的 sector_shares)",
    },
    "p4_barriers": {
        "en": "local protection: {present} of {total} forms stated present{names}, {absent} "
        "stated absent, {unknown} unknown",
        "zh": "地方保护:{total} 种形式中已说明存在 {present} 种{names},已说明不存在 {absent} 种,"
        "未知 {unknown} 种",
    },
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
    "p4_primacy_unknown": {
        "en": "primacy by {basis}: unknown (needs {basis} of two member cities)",
        "zh": "按 {basis} 计的首位度:未知(需两个成员城市的 {basis})",
    },
    "p4_cities_unknown": {
        "en": "{count} member cities without {basis}: unknown, left out of primacy ({ids})",
        "zh": "{count} 个成员城市未说明 {basis}:未知,不计入首位度({ids})",
    },
    "p4_count": {
        "en": "{similar} of {pairs} comparable pairs reach {bound}, {below} stay below; mean "
        "similarity {mean}; {unknown} other pairs of one level unknown (sector shares missing "
        "or not comparable)",
        "zh": "{pairs} 对可比成员中 {similar} 对达到 {bound},{below} 对低于该值;平均相似系数 "
        "{mean};另有同级成员 {unknown} 对未知(缺少或无法比较 sector_shares)",
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
    "more_verbose": {
        "en": "(+{count} more; -v shows all)",
        "zh": "(另有 {count} 项;-v 显示全部)",
    },
    "chart_title": {"en": "Scores and their bounds", "zh": "得分及其区间"},
    "chart_legend": {
        "en": "Each bar is solid up to the lower bound, shaded up to the score, and pale up to "
        "the upper bound that the unstated facts allow.",
        "zh": "每条横条:实心部分到区间下限,阴影部分到得分,浅色部分到未说明的事实所允许的区间上限。",
    },
    # Joins a fact and the file:line it was read from: "`path = value` at `file:line`".
    # The executive summary (formats.briefing).
    "brief_standing": {
        "en": "Scores {score} of 100 on the facts stated; the unstated facts allow {lower} to "
        "{upper}; {coverage} of the criterion weight is known.",
        "zh": "按已说明的事实得分 {score}(满分 100);未说明的事实允许 {lower} 至 {upper};"
        "已知的指标权重占 {coverage}。",
    },
    "brief_standing_open": {
        "en": "Scores {score} of 100 on the facts stated; {coverage} of the criterion weight "
        "is known.",
        "zh": "按已说明的事实得分 {score}(满分 100);已知的指标权重占 {coverage}。",
    },
    "brief_withheld": {
        "en": "The score is withheld: {coverage} of the criterion weight is known, below the "
        "floor of {floor}; the unstated facts allow {lower} to {upper}.",
        "zh": "总分不予计分:已知的指标权重仅占 {coverage},低于下限 {floor};"
        "未说明的事实允许 {lower} 至 {upper}。",
    },
    "brief_withheld_open": {
        "en": "The score is withheld: {coverage} of the criterion weight is known, below the "
        "floor of {floor}.",
        "zh": "总分不予计分:已知的指标权重仅占 {coverage},低于下限 {floor}。",
    },
    "brief_gaps": {
        "en": "Gaps the stated facts make certain: {count} ({counts})",
        "zh": "已说明的事实确定的短板:{count} 项({counts})",
    },
    "brief_gaps_hidden": {
        "en": "; {count} more hidden by the selection",
        "zh": ";另有 {count} 项因筛选未显示",
    },
    "brief_severity_count": {"en": "{count} {severity}", "zh": "{severity} {count} 项"},
    "brief_severity_codes": {"en": "{severity}: {codes}", "zh": "{severity}:{codes}"},
    "list_sep": {"en": ", ", "zh": "、"},
    "brief_steps": {"en": "First recommendations", "zh": "优先建议"},
    "brief_step": {
        "en": "{id} {title} (priority {priority}): closes {gaps}",
        "zh": "{id} {title}(优先级 {priority}):对应短板 {gaps}",
    },
    "brief_no_steps": {
        "en": "No recommendation closes a certain gap.",
        "zh": "没有建议对应确定的短板。",
    },
    "brief_find_out": {"en": "Find out first", "zh": "优先查明"},
    "brief_fact": {
        "en": "{path}: narrows the score bounds by at least {points} points; "
        "it bears on {criteria}",
        "zh": "{path}:至少可使得分区间收窄 {points} 分;{criteria} 取决于此",
    },
    "brief_fact_open": {
        "en": "{path}: it bears on {criteria}",
        "zh": "{path}:{criteria} 取决于此",
    },
    "brief_all_stated": {
        "en": "Every fact the criteria need is stated.",
        "zh": "准则所需的事实均已说明。",
    },
    # Provenance: what made a report, in its header.
    "prov_rubric": {"en": "rubric {id} {version}", "zh": "评价准则 {id} {version}"},
    "prov_digest": {"en": "digest {digest}", "zh": "校验值 {digest}"},
    "prov_modified": {
        "en": "modified rubric: not the one bundled with coopscore",
        "zh": "评价准则已修改:并非 coopscore 内置版本",
    },
    "lines": {"en": "Lines", "zh": "行号"},
    "tool": {"en": "Made with", "zh": "生成工具"},
    "folded": {"en": "{path} ({count} items)", "zh": "{path}(共 {count} 项)"},
    "selection_shown": {
        "en": "{selection}: showing {shown} of {total} gaps; scores and coverage are computed "
        "on every criterion",
        "zh": "{selection}:显示 {total} 项短板中的 {shown} 项;得分与覆盖率按全部准则计算",
    },
    # A fact in words (report.notes.said).
    "ev_no_items": {"en": "no items", "zh": "没有条目"},
    "ev_one_item": {"en": "1 item", "zh": "1 项"},
    "ev_items": {"en": "{count} items", "zh": "{count} 项"},
    # A list that is not exhaustive ({items: [...], exhaustive: false}): at least what it lists.
    "ev_at_least_items": {
        "en": "at least {count} (not exhaustive)",
        "zh": "至少 {count} 项(未列全)",
    },
    "ev_at_least_distinct": {
        "en": "at least {count} distinct (not exhaustive): {values}",
        "zh": "至少 {count} 种不同取值(未列全):{values}",
    },
    "ev_not_exhaustive": {"en": "{fact} (not exhaustive)", "zh": "{fact}(未列全)"},
    "explain_open_lists": {
        "en": "A list written {items: [...], exhaustive: false} holds at least its items: a "
        "count of it has no upper end, 'any' over it cannot be false nor 'all' true, and a "
        "share, a largest or a sum opens as far as items not listed could move it.",
        "zh": "写作 {items: [...], exhaustive: false} 的清单至少包含所列条目:其计数没有上限,"
        "对它的 any 不会为假、all 不会为真,占比、最大值与合计按未列条目可能的取值放宽。",
    },
    "diag_open": {
        "en": "Some lists read here are not exhaustive: their counts are at least those shown, "
        "and more items may exist.",
        "zh": "此处读取的部分清单未列全:计数至少为所示数目,可能还有更多条目。",
    },
    "ev_distinct": {"en": "{count} distinct: {values}", "zh": "{count} 种不同取值:{values}"},
    "ev_distinct_none": {"en": "no values stated", "zh": "未说明任何取值"},
    "ev_age": {
        "en": "{value}, {years} years before the as-of year",
        "zh": "{value},早于截至年份 {years} 年",
    },
    "ev_max": {"en": "highest {value}", "zh": "最大值 {value}"},
    "ev_min": {"en": "lowest {value}", "zh": "最小值 {value}"},
    "ev_sum": {"en": "total {value}", "zh": "合计 {value}"},
    "ev_stated": {"en": "stated", "zh": "已说明"},
    "ev_matching": {"en": "{counted} of {of} match", "zh": "{of} 项中 {counted} 项符合"},
    "ev_range": {"en": "{low} to {high}", "zh": "{low} 至 {high}"},
    "ev_share": {"en": "share that match: {share}", "zh": "符合条件的占比:{share}"},
    "ev_share_of": {"en": "{yes} of {known} ({percent})", "zh": "{known} 项中 {yes} 项({percent})"},
    "ev_share_none": {"en": "no items to count", "zh": "没有可计的条目"},
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
    "explain_measures": {"en": "What it measures", "zh": "测度内容"},
    "explain_settings": {
        "en": "Thresholds (the rubric's diagnostics: section)",
        "zh": "阈值(评价准则的 diagnostics: 部分)",
    },
    "explain_reason": {"en": "why", "zh": "理由"},
    "explain_default": {
        "en": "(the default: the rubric does not set it)",
        "zh": "(默认值:评价准则未设定)",
    },
    "explain_causes": {
        "en": "Causes judged beside it (present when the condition holds)",
        "zh": "同时判断的成因(条件成立即存在)",
    },
    "explain_data": {"en": "Scenario data it reads", "zh": "读取的情景数据"},
    "explain_when_flagged": {"en": "Recommendations when flagged", "zh": "存在时对应的建议"},
    "explain_diagnostic_result": {
        "en": "Its result for {file} is in the Diagnostics section of: coopscore assess {file}",
        "zh": "{file} 的诊断结果见 coopscore assess {file} 输出的“问题诊断”部分",
    },
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
    "compare_coverage_delta": {"en": "Coverage Δ", "zh": "覆盖率变化"},
    "slug": {"en": "Slug", "zh": "短名"},
    "series_field": {"en": "{field}", "zh": "{name}({field})"},
    "series_events": {"en": "events", "zh": "活动"},
    "series_meetings": {"en": "meetings", "zh": "会议"},
    "series_agreements": {"en": "agreements", "zh": "协议"},
    "series_projects_landed": {"en": "projects landed", "zh": "落地项目"},
    "list_weight": {"en": "Weight", "zh": "权重"},
    "list_title": {"en": "Title", "zh": "标题"},
    "list_heading": {
        "en": "{count} criteria of {file}",
        "zh": "{file} 中的 {count} 项准则",
    },
    "examples_title": {"en": "Bundled example scenarios", "zh": "内置示例情景"},
    "examples_name": {"en": "Name", "zh": "名称"},
    "examples_year": {"en": "Year", "zh": "年份"},
    "examples_invalid": {"en": "(invalid: {problem})", "zh": "(无效:{problem})"},
    "examples_note": {
        "en": "Give a name wherever a scenario file is asked for: coopscore assess "
        "example:middle-reaches-2021",
        "zh": "凡需情景文件之处均可使用这些名称,例如:coopscore assess example:middle-reaches-2021",
    },
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
    "score_formula": "criterion credit: met 1, partial {partial}, unmet 0; an open credit "
    "(unknown, or not met with its depth open) takes the value its facts allow nearest its "
    "dimension's score; dimension score = 100 * sum(weight * credit) / sum(weight) over applicable "
    "criteria, none when no criterion is known; coverage = known weight / applicable weight; "
    "overall = the same rule over the dimensions with their weights (a dimension without a "
    "score takes the value its bounds allow nearest the overall score), withheld when overall "
    "coverage < {floor}; every score lies within its bounds",
    "selection_note": "{selection}: showing {shown} of {total} gaps; scores and coverage are "
    "computed on every criterion",
}


# The scoring rule in each language, for reports (JSON and the command line keep ``ENGLISH``).
LABELS["formula"] = {
    "en": ENGLISH["score_formula"],
    "zh": "准则得分:达标 1,部分达标 {partial},未达标 0;得分未定的准则(未知,或确定未达标但程度未定)"
    "取其事实所允许、最接近本维度得分的值;维度得分 = 100 × Σ(权重 × 得分) / Σ(权重),计所有适用准则,"
    "无已知准则时不计分;覆盖率 = 已知权重 / 适用权重;总分按同一规则以维度权重汇总维度得分"
    "(无得分的维度取其区间内最接近总分的值);总覆盖率低于 {floor} 时不予计分;"
    "每个得分都落在其区间之内",
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
