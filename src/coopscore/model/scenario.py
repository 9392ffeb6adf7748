"""The scenario model: what an analyst can state about one city cluster.

Every field is optional. A field left out (or ``null``) is *unknown*; a stated ``false``, ``0``,
empty list or ``none`` is a stated *absence*. The engine never reads an unknown as an absence.
Field names follow ``domain.md``; section marks in the descriptions point into the paper.
"""

import difflib
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from coopscore.suggest import did_you_mean

SCHEMA_VERSION = 1

# Bounds that keep every sum, ratio and mean computed from a scenario finite; each one lies
# far beyond any real cluster.
MAX_COUNT = 1_000_000_000
MAX_POPULATION_M = 10_000.0  # millions: above the world's population
MAX_GDP_BN_CNY = 10_000_000.0  # billion CNY: above the world's output

Year = Annotated[int, Field(ge=1949, le=2100, description="A calendar year, e.g. 2019.")]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]

# Published shares are rounded, and a table may leave out a small residual sector.
SHARE_TOLERANCE = 0.05

EntryCount = Annotated[int, Field(ge=1, le=MAX_COUNT)]
COUNT_HELP = (
    "How many {what} this entry stands for (left out: one); the rubric's counts count the "
    "entry that many times, so one entry with count 3 weighs as three entries. Give the number "
    "the source gives. 1+N: one framework plan and one special-plan entry with count N (2 when "
    "N is not given, in a list written exhaustive: false); 大多 (most): one entry for the "
    "majority, with the trait stated of it, in a list written exhaustive: false; 较少 (few): "
    "present, an entry for what is named (count left out or small) in a list written "
    "{{items: [...], exhaustive: false}}, never no entry (README, Counting)."
)


def _choices(tokens: tuple[str, ...]) -> str:
    """Tokens as pydantic lists a Literal's values, so that every choice error reads alike."""
    quoted = [repr(t) for t in tokens]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _vocabulary(choice: Any, terms: Mapping[str, str]) -> Callable[[Any], Any]:
    """A check run before a closed vocabulary's own: an unknown token gets the nearest one,
    found among the tokens or the source's own terms (行业协会, 环境资源, transit ...)."""
    tokens: tuple[str, ...] = get_args(choice)
    folded = {key.casefold(): token for key, token in terms.items()}

    def check(value: Any) -> Any:
        if not isinstance(value, str) or value in tokens:
            return value
        term = folded.get(value.strip().casefold())
        close = did_you_mean(value, tokens, {value: term} if term else None)
        hint = f"; {close}" if close else ""
        raise ValueError(f"Input should be {_choices(tokens)}, found {value!r}{hint}")

    return check


# Closed vocabularies, one for each value a criterion counts distinct values of (or whose
# values an analyst might word differently): free text goes in `name` and `note`.
ActorFamily = Literal["enterprise", "association", "research", "civil_society"]
ACTOR_TERMS = {
    "企业": "enterprise",
    "firm": "enterprise",
    "company": "enterprise",
    "park_company": "enterprise",
    "行业协会": "association",
    "协会": "association",
    "商会": "association",
    "中介组织": "association",
    "industry_association": "association",
    "intermediary": "association",
    "chamber_of_commerce": "association",
    "企业联盟": "association",
    "联盟": "association",
    "enterprise_alliance": "association",
    "industry_alliance": "association",
    "研究机构": "research",
    "高校": "research",
    "大学": "research",
    "智库": "research",
    "research_institute": "research",
    "university": "research",
    "university_alliance": "research",
    "think_tank": "research",
    "社会团体": "civil_society",
    "社会组织": "civil_society",
    "social_organisation": "civil_society",
    "social_organization": "civil_society",
    "social_group": "civil_society",
    "ngo": "civil_society",
}
JudicialField = Literal[
    "civil_commercial",
    "intellectual_property",
    "environment_resources",
    "criminal",
    "administrative",
    "enforcement",
    "maritime",
]
JUDICIAL_TERMS = {
    "民商事": "civil_commercial",
    "民事": "civil_commercial",
    "商事": "civil_commercial",
    "civil": "civil_commercial",
    "commercial": "civil_commercial",
    "civil_and_commercial": "civil_commercial",
    "知识产权": "intellectual_property",
    "ip": "intellectual_property",
    "环境资源": "environment_resources",
    "环境": "environment_resources",
    "environment": "environment_resources",
    "environmental": "environment_resources",
    "resources": "environment_resources",
    "刑事": "criminal",
    "行政": "administrative",
    "执行": "enforcement",
    "海事": "maritime",
}
StandardDomain = Literal[
    "vocational_skills",
    "finance",
    "e_commerce",
    "industrial_admission",
    "product_quality",
    "environment",
    "transport",
    "logistics",
    "agriculture",
    "tourism",
    "public_services",
    "government_services",
    "data",
]
STANDARD_TERMS = {
    "职业技能": "vocational_skills",
    "技能": "vocational_skills",
    "skills": "vocational_skills",
    "金融": "finance",
    "credit": "finance",
    "电商": "e_commerce",
    "电子商务": "e_commerce",
    "ecommerce": "e_commerce",
    "online_trade": "e_commerce",
    "产业准入": "industrial_admission",
    "准入": "industrial_admission",
    "admission": "industrial_admission",
    "project_admission": "industrial_admission",
    "质量": "product_quality",
    "质量技术": "product_quality",
    "quality": "product_quality",
    "生态环境": "environment",
    "交通": "transport",
    "物流": "logistics",
    "冷链": "logistics",
    "农业": "agriculture",
    "旅游": "tourism",
    "公共服务": "public_services",
    "政务服务": "government_services",
    "数据": "data",
}
PlatformKind = Literal[
    "science_technology",
    "education",
    "talent",
    "data",
    "industry",
    "market",
    "finance",
    "culture_tourism",
    "health",
]
PLATFORM_TERMS = {
    "科技": "science_technology",
    "科技资源": "science_technology",
    "科创": "science_technology",
    "innovation": "science_technology",
    "innovation_corridor": "science_technology",
    "科教": "education",
    "university_alliance": "education",
    "人才": "talent",
    "数据": "data",
    "digital_economy": "data",
    "产业": "industry",
    "商品交易": "market",
    "trade": "market",
    "金融": "finance",
    "旅游": "culture_tourism",
    "tourism": "culture_tourism",
    "医疗": "health",
}
ServiceKind = Literal[
    "medical_insurance",
    "provident_fund",
    "social_insurance",
    "transport",
    "culture_tourism",
    "health_care",
    "education",
    "elderly_care",
    "employment",
    "government_services",
]
SERVICE_TERMS = {
    "医保": "medical_insurance",
    "医疗保险": "medical_insurance",
    "公积金": "provident_fund",
    "住房公积金": "provident_fund",
    "社保": "social_insurance",
    "pension": "social_insurance",
    "交通": "transport",
    "公交": "transport",
    "transit": "transport",
    "transit_card": "transport",
    "旅游": "culture_tourism",
    "tourism": "culture_tourism",
    "医疗": "health_care",
    "health": "health_care",
    "教育": "education",
    "养老": "elderly_care",
    "就业": "employment",
    "跨省通办": "government_services",
}
# The domains of 三多三少 (a) (§一(二)2): the first three are the "more", the last three the "less".
CooperationDomain = Literal[
    "infrastructure",
    "ecology",
    "public_services",
    "industry_innovation",
    "urban_rural",
    "institutional",
]
DOMAIN_TERMS = {
    "基础设施": "infrastructure",
    "基础设施互联互通": "infrastructure",
    "交通": "infrastructure",
    "能源": "infrastructure",
    "水利": "infrastructure",
    "transport": "infrastructure",
    "energy": "infrastructure",
    "生态": "ecology",
    "生态环保": "ecology",
    "生态环境": "ecology",
    "环保": "ecology",
    "环境": "ecology",
    "environment": "ecology",
    "environmental": "ecology",
    "公共服务": "public_services",
    "社会事业": "public_services",
    "social_affairs": "public_services",
    "social_services": "public_services",
    "产业": "industry_innovation",
    "产业和科技创新": "industry_innovation",
    "产业创新": "industry_innovation",
    "科技创新": "industry_innovation",
    "创新": "industry_innovation",
    "商贸": "industry_innovation",
    "industry": "industry_innovation",
    "innovation": "industry_innovation",
    "commerce": "industry_innovation",
    "城乡融合": "urban_rural",
    "城乡一体化": "urban_rural",
    "城乡": "urban_rural",
    "urban_rural_integration": "urban_rural",
    "体制机制": "institutional",
    "体制机制改革": "institutional",
    "制度": "institutional",
    "制度创新": "institutional",
    "institutions": "institutional",
    "institutional_reform": "institutional",
}
ActorKind = Annotated[ActorFamily, BeforeValidator(_vocabulary(ActorFamily, ACTOR_TERMS))]
CourtField = Annotated[JudicialField, BeforeValidator(_vocabulary(JudicialField, JUDICIAL_TERMS))]
StandardField = Annotated[
    StandardDomain, BeforeValidator(_vocabulary(StandardDomain, STANDARD_TERMS))
]
PlatformField = Annotated[PlatformKind, BeforeValidator(_vocabulary(PlatformKind, PLATFORM_TERMS))]
ServiceField = Annotated[ServiceKind, BeforeValidator(_vocabulary(ServiceKind, SERVICE_TERMS))]
DomainField = Annotated[
    CooperationDomain, BeforeValidator(_vocabulary(CooperationDomain, DOMAIN_TERMS))
]


class Model(BaseModel):
    """Base: unknown keys are errors (typos must not pass silently), no type coercion.

    Validators are built on first use (``defer_build``), not at import: a command builds only
    what it validates, a whole scenario's in one validator.
    """

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, allow_inf_nan=False, defer_build=True
    )


class LocalizedText(Model):
    """Text in English and/or Chinese."""

    en: str | None = Field(None, description="English text.")
    zh: str | None = Field(None, description="Chinese text.")


Text = str | LocalizedText


class Fact(Model):
    """Anything stated can cite the scenario's sources by key and carry a note."""

    source: str | list[str] | None = Field(
        None, description="Key(s) into the scenario's `sources` that back this fact."
    )
    note: str | None = Field(None, description="Free text: caveats, how a figure was derived.")


class Source(Model):
    title: str = Field(description="Document title.")
    author: str | None = Field(None, description="Author(s) or issuing body.")
    year: Year | None = Field(None, description="Year of publication.")
    url: str | None = Field(None, description="Where to find it.")
    section: str | None = Field(None, description="Section or page, e.g. §二(三).")
    note: str | None = Field(None, description="Anything a reader should know about the source.")


class Member(Fact):
    """A province, municipality or city taking part in the cluster."""

    id: Slug = Field(description="A short id for references, e.g. hubei.")
    name: Text | None = Field(None, description="The member's name.")
    kind: Literal["province", "municipality", "city", "county", "district"] | None = Field(
        None, description="What the member is."
    )
    province: str | None = Field(None, description="For a city: the member id of its province.")
    capital: bool | None = Field(None, description="A provincial capital.")
    population_m: Annotated[float, Field(ge=0, le=MAX_POPULATION_M)] | None = Field(
        None,
        description="Resident (census) population, in millions of people: 57.8 is 57.8 million.",
    )
    gdp_bn_cny: Annotated[float, Field(ge=0, le=MAX_GDP_BN_CNY)] | None = Field(
        None, description="Gross domestic product, in billions of yuan (CNY): 亿元 divided by 10."
    )
    stats_year: Year | None = Field(None, description="Year the statistics refer to.")
    sector_shares: dict[str, Share] | None = Field(
        None,
        description="Each sector's share of output (its value added over GDP; or of "
        "employment), from 0 to 1, summing to about 1. The keys name the sectors: the bundled "
        "scenarios use primary, secondary and tertiary (第一、二、三产业), e.g. {primary: 0.09, "
        "secondary: 0.39, tertiary: 0.52}. P4 compares members of one level that give the same "
        "keys, so give every member the same set.",
    )

    @field_validator("sector_shares")
    @classmethod
    def _shares_sum_to_one(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        if value:
            total = sum(value.values())
            if abs(total - 1.0) > SHARE_TOLERANCE:
                raise ValueError(
                    f"sector_shares must sum to about 1 (within {SHARE_TOLERANCE}); "
                    f"these sum to {total:.3f}"
                )
        return value


class Actor(Fact):
    """A non-government participant: a firm, an association, a research body, a social group."""

    name: Text = Field(description="The organisation's name.")
    kind: ActorKind | None = Field(
        None,
        description="The family §二(一) puts it in, by who its members are, not by its name: "
        "enterprise (a firm, or firms in their own right), association (行业协会, 中介组织, and "
        "any alliance, 联盟 or 联合体 of firms), research (研究机构, universities and their "
        "alliances), civil_society (社会团体 and other groups of citizens). A forum is an "
        "activity: give the family of the body that holds it.",
    )
    established: Year | None = Field(None, description="Year it was set up.")


class SubCluster(Fact):
    """A metropolitan area or economic circle inside the cluster (圈中有圈, §二(一))."""

    name: Text = Field(description="The circle's name.")
    members: list[str] | None = Field(
        None, description="Member ids of the cities in it (checked against `members`)."
    )
    active: bool | None = Field(
        None, description="It is working (meeting, carrying out plans) now."
    )
    mechanisms: list[str] | None = Field(
        None, description="Leading groups, mayors' joint meetings and the like; [] = none."
    )
    last_active: Year | None = Field(None, description="Latest year with recorded activity.")


class CooperationModel(Fact):
    """D1: how cooperation is driven and by whom (§二(一))."""

    driver: Literal["government_led", "mixed", "demand_led"] | None = Field(
        None, description="Who initiates most cooperation: governments, both, or market demand."
    )
    sub_clusters: list[SubCluster] | None = Field(
        None, description="Metropolitan areas and economic circles inside the cluster; [] = none."
    )
    sub_clusters_interact: bool | None = Field(
        None, description="Sub-clusters work with each other and lift the whole (圈圈互动)."
    )
    non_government_actors: list[Actor] | None = Field(
        None,
        description="Associations, institutes, alliances, forums taking part; [] = none.",
    )


class Body(Fact):
    """A standing body or recurring meeting."""

    name: Text = Field(description="The body's or meeting's name.")
    established: Year | None = Field(None, description="Year it was set up.")
    last_met: Year | None = Field(None, description="Latest year it met.")
    status: Literal["active", "dormant", "abolished"] | None = Field(
        None, description="Whether it works: active, dormant (exists on paper only) or abolished."
    )
    meetings: Count | None = Field(None, description="How many sessions it has held so far.")


class TaskGroup(Fact):
    """A thematic task group of the execution layer (重点合作专题组)."""

    name: Text = Field(description="The group's name.")
    topic: str | None = Field(None, description="What it works on.")
    established: Year | None = Field(None, description="Year it was set up.")
    count: EntryCount | None = Field(None, description=COUNT_HELP.format(what="task groups"))


class Institutions(Fact):
    """D2: the three-level operation (三级运作, §二(二)) and its safeguards."""

    decision: list[Body] | None = Field(None, description="Principal leaders' forum; [] = none.")
    coordination: list[Body] | None = Field(None, description="Joint conference; [] = none.")
    execution: list[Body] | None = Field(
        None, description="Offices, task groups, city groups that carry work out; [] = none."
    )
    task_groups: list[TaskGroup] | None = Field(
        None, description="Thematic task groups of the execution layer; [] = none."
    )
    standing_office: list[Body] | None = Field(
        None,
        description="A standing regional cooperation office; [] = none. The council's own "
        "secretariat goes under council.secretariat; INS006 counts either.",
    )
    legislative_coordination: list[Body] | None = Field(
        None, description="Coordination among the provincial people's congresses; [] = none."
    )


class Meeting(Fact):
    year: Year
    topics: list[str] | None = Field(None, description="Concrete pain-point topics; [] = none.")
    enterprises_present: bool | None = Field(None, description="Enterprises or parks took part.")
    projects_signed: Count | None = Field(
        None, description="How many cooperation projects were signed at the meeting."
    )


class Council(Fact):
    """The city economic coordination council (城市经济协调会, §二(二), §三(一))."""

    name: Text | None = Field(None, description="The council's name.")
    established: Year | None = Field(None, description="Year it was set up.")
    member_count: Count | None = Field(None, description="How many cities are members.")
    capital_members: Count | None = Field(None, description="How many members are capitals.")
    admission_criteria: list[str] | None = Field(None, description="[] = no admission criteria.")
    charter: bool | None = Field(None, description="The council has a charter.")
    rules_of_procedure: bool | None = Field(None, description="The council has rules of procedure.")
    secretariat: bool | None = Field(
        None,
        description="The council has a standing secretariat; INS006 counts it as a standing "
        "office, so record the body here or under institutions.standing_office, not both.",
    )
    meetings: list[Meeting] | None = Field(
        None, description="Plenary meetings, one entry each; [] = none held."
    )


CouncilAbsent = Literal["none"]


class Plan(Fact):
    name: Text = Field(description="The plan's name (or the name of a set of plans).")
    year: Year | None = Field(None, description="Year it was issued.")
    scope: str | None = Field(None, description="What the plan covers and who issued it.")
    count: EntryCount | None = Field(None, description=COUNT_HELP.format(what="plans"))


class Plans(Fact):
    """Planning system: a framework plan, special plans and members' implementation schemes."""

    framework: list[Plan] | None = Field(
        None, description="The cluster's framework plan(s); [] = none."
    )
    special_plans: list[Plan] | None = Field(
        None, description="Special plans (the N of 1+N); [] = no special plans."
    )
    implementation_schemes: list[Plan] | None = Field(
        None, description="Members' implementation schemes; [] = none."
    )


class Enclave(Fact):
    """A co-built park or enclave (飞地, §二(三), §三(三)); one entry may stand for several."""

    name: Text = Field(description="The park's or enclave's name (or a group of them).")
    mode: Literal["industrial", "science_innovation", "talent", "institutional"] | None = Field(
        None,
        description="What it is for (§二(三)): industry, science, talent or institutions.",
    )
    management: Literal["direct_custody", "market_company", "joint_committee"] | None = Field(
        None,
        description="Who runs it: government custody, a park company, or a joint committee.",
    )
    direction: Literal["one_way", "two_way"] | None = Field(
        None, description="Whether resources flow one way, or both ways (飞来飞去)."
    )
    cross_province: bool | None = Field(
        None, description="Origin and host lie in different provinces."
    )
    benefit_sharing: (
        Literal["none", "regional_shareholding", "tax_split", "negotiated", "other"] | None
    ) = Field(
        None,
        description="How origin and host share revenue and duties; `none` when there is no rule.",
    )
    eco_pairing: bool | None = Field(
        None, description="Pairs an eco-function area with a development zone (§三(三))."
    )
    origin: str | None = Field(
        None, description="Member id of the area that 'flies out' (invests)."
    )
    host: str | None = Field(None, description="Member id of the area that hosts the enclave.")
    count: EntryCount | None = Field(None, description=COUNT_HELP.format(what="enclaves"))


class Platform(Fact):
    """A shared resource platform (§二(四), §三(四))."""

    name: Text = Field(description="The platform's name.")
    kind: PlatformField | None = Field(
        None,
        description="What it shares: science_technology (科技资源, an S&T corridor), education "
        "(科教, a university alliance), talent, data, industry, market, finance, "
        "culture_tourism, health.",
    )
    national_co_built: bool | None = Field(
        None, description="Co-built with national ministries (国家与地方联动)."
    )
    mutual_recognition: bool | None = Field(
        None, description="Vouchers, credentials or results recognised across members (互认互用)."
    )
    utilisation: Literal["low", "medium", "high"] | None = Field(
        None, description="How much it is used."
    )
    opened: Year | None = Field(None, description="Year it opened.")
    participants: Count | None = Field(
        None,
        description="How many cities (or other areas of a member's level, such as counties) "
        "build or take part in the platform, members of this scenario or not, e.g. 9 for the "
        "G60 corridor's nine cities. Institutions and firms are not counted here: name them in "
        "`note`.",
    )
    count: EntryCount | None = Field(None, description=COUNT_HELP.format(what="platforms"))


class PublicService(Fact):
    """A public service shared across members (medical insurance, provident fund, transit)."""

    name: Text = Field(description="The service's name.")
    kind: ServiceField | None = Field(
        None,
        description="What is shared: medical_insurance (医保), provident_fund (公积金), "
        "social_insurance, transport (a transit card, 交通服务互通), culture_tourism (a tourism "
        "card), health_care, education, elderly_care, employment, government_services "
        "(跨省通办).",
    )
    cities: Count | None = Field(None, description="How many cities take part.")
    since: Year | None = Field(None, description="Year it started.")
    count: EntryCount | None = Field(None, description=COUNT_HELP.format(what="services"))


class _Joint(Fact):
    """What every joint arrangement states: its name, who takes part, since when."""

    name: Text = Field(description="The arrangement's name.")
    parties: list[str] | None = Field(
        None,
        description="Member ids of the members taking part, or whose courts or departments do "
        "(checked against `members`).",
    )
    established: Year | None = Field(None, description="Year it was set up.")


class Arrangement(_Joint):
    """A joint arrangement: eco-compensation, monitoring, emergency response."""

    fields: list[str] | None = Field(None, description="Fields it covers, e.g. water, health.")
    count: EntryCount | None = Field(None, description=COUNT_HELP.format(what="arrangements"))


class CourtArrangement(_Joint):
    """Cooperation between courts (§二(七)); its fields are the courts' trial fields."""

    fields: list[CourtField] | None = Field(
        None,
        description="Trial fields it covers: civil_commercial (民商事), intellectual_property "
        "(知识产权), environment_resources (环境资源审判, one field), criminal, administrative, "
        "enforcement, maritime.",
    )
    count: EntryCount | None = Field(None, description=COUNT_HELP.format(what="arrangements"))


class DemoZone(Fact):
    """An integration demonstration zone and how it is run (§二(五), §三(五))."""

    name: Text = Field(description="The zone's name.")
    established: Year | None = Field(None, description="Year it was set up.")
    governing_council: bool | None = Field(None, description="A council of the members governs it.")
    executive_body: bool | None = Field(
        None, description="An executive committee runs it day to day."
    )
    development_company: bool | None = Field(
        None, description="A development company carries out projects."
    )
    institutional_results: Count | None = Field(
        None,
        description="How many institutional innovations it has produced (as its reports "
        "count them).",
    )
    projects: Count | None = Field(None, description="How many projects are under way in it.")


class Governance(Fact):
    """D5: collaborative governance (§二(五))."""

    eco_compensation: list[Arrangement] | None = Field(
        None, description="Ecological compensation arrangements; [] = none."
    )
    joint_monitoring: list[Arrangement] | None = Field(
        None, description="Joint environmental monitoring; [] = none."
    )
    emergency: list[Arrangement] | None = Field(
        None, description="Joint emergency (e.g. epidemic) mechanisms; [] = none."
    )


class AdjacentPair(Fact):
    """Adjacent-area co-construction (毗邻共建, §二(六)); the paper's MR problem 3."""

    name: Text = Field(description="The pair or small group of adjacent areas.")
    areas: list[str] | None = Field(
        None,
        description="Member ids of the areas (cities, counties, districts) on each side "
        "(checked against `members`).",
    )
    cross_province: bool | None = Field(None, description="The areas lie in different provinces.")
    focus_areas: list[str] | None = Field(None, description="[] = no stated focus.")
    stage: Literal["point_to_point", "multi_field", "deep_integration"] | None = Field(
        None,
        description="How deep it has gone (§二(六)): one point, several fields, or integration.",
    )
    status: Literal["active", "stalled", "ended"] | None = Field(
        None,
        description="Whether the cooperation still goes on; `stalled` when it started and stopped.",
    )
    started: Year | None = Field(None, description="Year the cooperation started.")
    last_active: Year | None = Field(None, description="Latest year with recorded activity.")


class Judicial(Fact):
    """D7: judicial linkage (§二(七))."""

    cooperation: list[CourtArrangement] | None = Field(None, description="[] = none.")
    online_case_platform: bool | None = Field(
        None, description="A cross-region online case-handling platform exists."
    )
    uniform_application: bool | None = Field(
        None, description="A mechanism for uniform application of law, e.g. judges' meetings."
    )


class Standard(Fact):
    name: Text = Field(description="The standard's name.")
    domain: StandardField | None = Field(
        None,
        description="The field it unifies: vocational_skills (职业技能), finance (金融, credit, "
        "collateral), e_commerce (电商合同), industrial_admission (产业项目准入), "
        "product_quality (质量技术), environment, transport, logistics, agriculture, tourism, "
        "public_services, government_services (政务服务), data.",
    )
    year: Year | None = Field(None, description="Year it was issued.")
    count: EntryCount | None = Field(None, description=COUNT_HELP.format(what="standards"))


class Barriers(Fact):
    """Local protection (§一(二)4): ``true`` states a barrier exists, ``false`` that it is gone."""

    market_access: bool | None = Field(
        None, description="Market-access barriers between members exist (true) or are gone (false)."
    )
    quality_standards: bool | None = Field(
        None, description="Differing quality and technical standards act as barriers."
    )
    administrative_fees: bool | None = Field(
        None, description="Administrative fees discriminate against other members' firms."
    )
    household_registration: bool | None = Field(
        None, description="Household-registration (户籍) limits hold back movement between members."
    )
    information_silos: bool | None = Field(
        None, description="Administrative or information barriers between departments (§三(四))."
    )


class ActivityYear(Fact):
    """One year of cooperation activity (for the 高开低走 diagnosis, §一(二)1).

    The P1 series is ``events`` where any year states it; otherwise the sum of meetings,
    agreements and landed projects. Years the list leaves out are missing, never 0.
    """

    year: Year
    meetings: Count | None = Field(
        None, description="How many cooperation meetings were held that year."
    )
    agreements: Count | None = Field(
        None, description="How many cooperation agreements were signed that year."
    )
    projects_landed: Count | None = Field(
        None, description="How many cooperation projects started work (落地) that year."
    )
    events: Count | None = Field(
        None,
        description="How many dated cooperation events the year had (agreements, meetings, "
        "alliances, plans, new joint bodies), when they are not counted by kind.",
    )


class CooperationItems(Fact):
    """Cooperation items counted by domain (三多三少 (a), §一(二)2); an item counts once."""

    infrastructure: Count | None = Field(
        None, description="How many items in infrastructure: transport, energy, water links."
    )
    ecology: Count | None = Field(
        None, description="How many items in environmental protection and restoration."
    )
    public_services: Count | None = Field(
        None,
        description="How many items in social services shared by residents: insurance, funds, "
        "culture, health.",
    )
    industry_innovation: Count | None = Field(
        None, description="How many items in industry, commerce, science and innovation."
    )
    urban_rural: Count | None = Field(
        None, description="How many items in urban–rural integration."
    )
    institutional: Count | None = Field(
        None,
        description="How many items in institutional reform: market rules, regulation, "
        "admission, registration.",
    )


class CooperationItem(Fact):
    """One cooperation item with the domain an analyst gave it (三多三少 (a), §一(二)2).

    Listed item by item, the classification behind P2's domain counts can be checked entry by
    entry, and the findings cite each entry at its line.
    """

    name: Text = Field(
        description="The item: an agreement, mechanism, project, alliance or service."
    )
    domain: DomainField = Field(
        description="Its domain: infrastructure (基础设施: transport, energy, water links), "
        "ecology (生态环保), public_services (公共服务: insurance, funds, culture, health), "
        "industry_innovation (产业和科技创新, commerce), urban_rural (城乡融合), institutional "
        "(体制机制: market rules, regulation, admission, registration)."
    )
    year: Year | None = Field(None, description="Year the item was agreed or started.")
    count: EntryCount | None = Field(None, description=COUNT_HELP.format(what="items"))


class Initiatives(Fact):
    """Who leads cooperation initiatives, counted (三多三少 (c), §一(二)2)."""

    government_led: Count | None = Field(None, description="How many initiatives governments led.")
    market_led: Count | None = Field(
        None,
        description="How many initiatives enterprises, associations or other market actors led.",
    )


class Scenario(Fact):
    """One city cluster as an analyst describes it."""

    schema_version: Literal[1] = Field(description="Always 1 for this version of the format.")
    id: Slug | None = Field(None, description="Defaults to the file name without extension.")
    name: Text | None = Field(None, description="The cluster's name.")
    as_of: Year | None = Field(None, description="The year the description holds for.")
    description: Text | None = Field(
        None, description="What this scenario describes, and how it was put together."
    )
    sources: dict[str, Source] | None = Field(
        None, description="Documents the facts rest on, by key; facts cite them with `source:`."
    )
    members: list[Member] | None = Field(
        None, description="Provinces, municipalities and cities taking part."
    )
    cooperation_model: CooperationModel | None = Field(
        None, description="D1: how cooperation is driven and by whom."
    )
    institutions: Institutions | None = Field(
        None, description="D2: the three-level operation and its safeguards."
    )
    council: CouncilAbsent | Council | None = Field(
        None,
        description="D2/R1: the city economic coordination council; `none` states that the "
        "cluster has none (left out, it is unknown).",
    )
    plans: Plans | None = Field(
        None, description="D2: framework plan, special plans and implementation schemes."
    )
    enclaves: list[Enclave] | None = Field(
        None, description="D3: co-built parks and enclaves; [] = none."
    )
    platforms: list[Platform] | None = Field(
        None, description="D4: shared resource platforms; [] = none."
    )
    public_services: list[PublicService] | None = Field(
        None, description="D4: public services shared across members; [] = none."
    )
    governance: Governance | None = Field(None, description="D5: collaborative governance.")
    demo_zones: list[DemoZone] | None = Field(
        None, description="D5/R5: integration demonstration zones; [] = none."
    )
    adjacent_pairs: list[AdjacentPair] | None = Field(
        None, description="D6: adjacent-area co-construction; [] = none."
    )
    judicial: Judicial | None = Field(None, description="D7: judicial linkage.")
    standards: list[Standard] | None = Field(None, description="D8: regional standards; [] = none.")
    barriers: Barriers | None = Field(None, description="D8 and P4: local protection that remains.")
    activity: list[ActivityYear] | None = Field(
        None, description="Cooperation activity by year, for the P1 diagnostic."
    )
    not_applicable: (
        dict[
            Annotated[str, Field(pattern=r"^[A-Z]{3}[0-9]{3}$")],
            Annotated[str, Field(min_length=3)],
        ]
        | None
    ) = Field(
        None,
        description="Criteria that do not fit this cluster, by code, each with the reason; "
        "they leave the score's denominator (ignored with --no-waivers).",
    )
    cooperation_items: CooperationItems | list[CooperationItem] | None = Field(
        None,
        description="Cooperation items, for the domain balance of 三多三少: a count per domain, "
        "or a list of the items, each tagged with its domain (the counts are then made from the "
        "list, each entry once or `count` times, and a domain with no entry counts 0).",
    )
    initiatives: Initiatives | None = Field(
        None, description="Government-led and market-led initiatives, for 三多三少's market share."
    )

    @field_validator("council", mode="before")
    @classmethod
    def _council_or_none(cls, value: Any) -> Any:
        """One message for both forms, instead of one per branch of the union."""
        if value is None or value == "none" or isinstance(value, dict | Council):
            return value
        if isinstance(value, bool):
            found = "true" if value else "false"
        else:
            found = repr(value) if isinstance(value, str | int | float) else type(value).__name__
        close = isinstance(value, str) and difflib.get_close_matches(value.casefold(), ["none"])
        hint = "; did you mean 'none'?" if close else ""
        raise ValueError(
            "Input should be 'none' (the cluster has no council) or a mapping of the council's "
            f"fields, found {found}{hint}"
        )

    @field_validator("cooperation_items", mode="before")
    @classmethod
    def _counts_or_items(cls, value: Any) -> Any:
        """One message for both forms, instead of one per branch of the union."""
        if value is None or isinstance(value, dict | list | CooperationItems):
            return value
        if isinstance(value, bool):
            found = "true" if value else "false"
        else:
            found = repr(value) if isinstance(value, str | int | float) else type(value).__name__
        raise ValueError(
            "Input should be a mapping of counts by domain or a list of items tagged with their "
            f"domain, found {found}"
        )

    @field_validator("activity")
    @classmethod
    def _years_unique(cls, value: list[ActivityYear] | None) -> list[ActivityYear] | None:
        seen: dict[int, int] = {}
        for index, item in enumerate(value or []):
            if item.year in seen:
                raise ValueError(
                    f"year {item.year} is listed twice (activity[{seen[item.year]}] and "
                    f"activity[{index}]); give each year once"
                )
            seen[item.year] = index
        return value
