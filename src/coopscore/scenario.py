"""The scenario model: what an analyst can state about one city cluster.

Every field is optional. A field left out (or ``null``) is *unknown*; a stated ``false``, ``0``,
empty list or ``none`` is a stated *absence*. The engine never reads an unknown as an absence.
Field names follow ``domain.md``; section marks in the descriptions point into the paper.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 1

Year = Annotated[int, Field(ge=1949, le=2100, description="A calendar year, e.g. 2019.")]
Count = Annotated[int, Field(ge=0)]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]

# Published shares are rounded, and a table may leave out a small residual sector.
SHARE_TOLERANCE = 0.05


class Model(BaseModel):
    """Base: unknown keys are errors (typos must not pass silently), no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class LocalizedText(Model):
    """Text in English and/or Chinese."""

    en: str | None = None
    zh: str | None = None


Text = str | LocalizedText


class Fact(Model):
    """Anything stated can cite the scenario's sources by key and carry a note."""

    source: str | list[str] | None = Field(
        None, description="Key(s) into the scenario's `sources` that back this fact."
    )
    note: str | None = Field(None, description="Free text: caveats, how a figure was derived.")


class Source(Model):
    title: str = Field(description="Document title.")
    author: str | None = None
    year: Year | None = None
    url: str | None = None
    section: str | None = Field(None, description="Section or page, e.g. §二(三).")
    note: str | None = None


class Member(Fact):
    """A province, municipality or city taking part in the cluster."""

    id: Slug
    name: Text | None = None
    kind: Literal["province", "municipality", "city", "county", "district"] | None = None
    province: str | None = Field(None, description="For a city: the member id of its province.")
    capital: bool | None = Field(None, description="A provincial capital.")
    population_m: Annotated[float, Field(ge=0)] | None = Field(None, description="Millions.")
    gdp_bn_cny: Annotated[float, Field(ge=0)] | None = Field(None, description="Billion CNY.")
    stats_year: Year | None = None
    sector_shares: dict[str, Share] | None = Field(
        None, description="Share of each sector in output (or employment), summing to about 1."
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
    """A non-government participant: association, intermediary, institute, alliance, forum."""

    name: Text
    kind: (
        Literal[
            "industry_association",
            "intermediary",
            "research_institute",
            "university_alliance",
            "enterprise_alliance",
            "forum",
            "social_organisation",
        ]
        | None
    ) = None
    established: Year | None = None


class SubCluster(Fact):
    """A metropolitan area or economic circle inside the cluster (圈中有圈, §二(一))."""

    name: Text
    members: list[str] | None = None
    active: bool | None = None
    mechanisms: list[str] | None = Field(
        None, description="Leading groups, mayors' joint meetings and the like; [] = none."
    )
    last_active: Year | None = None


class CooperationModel(Fact):
    """D1: how cooperation is driven and by whom (§二(一))."""

    driver: Literal["government_led", "mixed", "demand_led"] | None = Field(
        None, description="Who initiates most cooperation: governments, both, or market demand."
    )
    sub_clusters: list[SubCluster] | None = None
    sub_clusters_interact: bool | None = Field(
        None, description="Sub-clusters work with each other and lift the whole (圈圈互动)."
    )
    non_government_actors: list[Actor] | None = None


class Body(Fact):
    """A standing body or recurring meeting."""

    name: Text
    established: Year | None = None
    last_met: Year | None = None
    status: Literal["active", "dormant", "abolished"] | None = None
    meetings: Count | None = Field(None, description="Sessions held so far.")


class TaskGroup(Fact):
    """A thematic task group of the execution layer (重点合作专题组)."""

    name: Text
    topic: str | None = None
    established: Year | None = None


class Institutions(Fact):
    """D2: the three-level operation (三级运作, §二(二)) and its safeguards."""

    decision: list[Body] | None = Field(None, description="Principal leaders' forum; [] = none.")
    coordination: list[Body] | None = Field(None, description="Joint conference; [] = none.")
    execution: list[Body] | None = Field(
        None, description="Offices, task groups, city groups that carry work out; [] = none."
    )
    task_groups: list[TaskGroup] | None = None
    standing_office: list[Body] | None = Field(
        None, description="A standing regional cooperation office; [] = none."
    )
    legislative_coordination: list[Body] | None = Field(
        None, description="Coordination among the provincial people's congresses; [] = none."
    )


class Meeting(Fact):
    year: Year
    topics: list[str] | None = Field(None, description="Concrete pain-point topics; [] = none.")
    enterprises_present: bool | None = None
    projects_signed: Count | None = None


class Council(Fact):
    """The city economic coordination council (城市经济协调会, §二(二), §三(一))."""

    name: Text | None = None
    established: Year | None = None
    member_count: Count | None = None
    capital_members: Count | None = Field(None, description="How many members are capitals.")
    admission_criteria: list[str] | None = Field(None, description="[] = no admission criteria.")
    charter: bool | None = None
    rules_of_procedure: bool | None = None
    secretariat: bool | None = None
    meetings: list[Meeting] | None = None


class Plan(Fact):
    name: Text
    year: Year | None = None
    scope: str | None = None


class Plans(Fact):
    """Planning system: a framework plan, special plans and members' implementation schemes."""

    framework: list[Plan] | None = None
    special_plans: list[Plan] | None = Field(None, description="[] = no special plans.")
    implementation_schemes: list[Plan] | None = Field(
        None, description="Members' implementation schemes; [] = none."
    )


class Enclave(Fact):
    """A co-built park or enclave (飞地, §二(三), §三(三)); one entry may stand for several."""

    name: Text
    mode: Literal["industrial", "science_innovation", "talent", "institutional"] | None = None
    management: Literal["direct_custody", "market_company", "joint_committee"] | None = None
    direction: Literal["one_way", "two_way"] | None = None
    cross_province: bool | None = None
    benefit_sharing: (
        Literal["none", "regional_shareholding", "tax_split", "negotiated", "other"] | None
    ) = None
    eco_pairing: bool | None = Field(
        None, description="Pairs an eco-function area with a development zone (§三(三))."
    )
    origin: str | None = None
    host: str | None = None
    count: Annotated[int, Field(ge=1)] | None = None


class Platform(Fact):
    """A shared resource platform (§二(四), §三(四))."""

    name: Text
    kind: str | None = None
    national_co_built: bool | None = None
    mutual_recognition: bool | None = Field(
        None, description="Vouchers, credentials or results recognised across members (互认互用)."
    )
    utilisation: Literal["low", "medium", "high"] | None = None
    opened: Year | None = None
    participants: Count | None = None


class PublicService(Fact):
    """A public service shared across members (medical insurance, provident fund, transit)."""

    name: Text
    kind: str | None = None
    cities: Count | None = None
    since: Year | None = None


class Arrangement(Fact):
    """A joint arrangement: eco-compensation, monitoring, emergency response, court cooperation."""

    name: Text
    parties: list[str] | None = None
    established: Year | None = None
    fields: list[str] | None = None


class DemoZone(Fact):
    """An integration demonstration zone and how it is run (§二(五), §三(五))."""

    name: Text
    established: Year | None = None
    governing_council: bool | None = None
    executive_body: bool | None = None
    development_company: bool | None = None
    institutional_results: Count | None = None
    projects: Count | None = None


class Governance(Fact):
    """D5: collaborative governance (§二(五))."""

    eco_compensation: list[Arrangement] | None = None
    joint_monitoring: list[Arrangement] | None = None
    emergency: list[Arrangement] | None = None


class AdjacentPair(Fact):
    """Adjacent-area co-construction (毗邻共建, §二(六)); the paper's MR problem 3."""

    name: Text
    areas: list[str] | None = None
    cross_province: bool | None = None
    focus_areas: list[str] | None = Field(None, description="[] = no stated focus.")
    stage: Literal["point_to_point", "multi_field", "deep_integration"] | None = None
    status: Literal["active", "stalled", "ended"] | None = None
    started: Year | None = None
    last_active: Year | None = None


class Judicial(Fact):
    """D7: judicial linkage (§二(七))."""

    cooperation: list[Arrangement] | None = Field(None, description="[] = none.")
    online_case_platform: bool | None = None
    uniform_application: bool | None = Field(
        None, description="A mechanism for uniform application of law, e.g. judges' meetings."
    )


class Standard(Fact):
    name: Text
    domain: str | None = None
    year: Year | None = None


class Barriers(Fact):
    """Local protection (§一(二)4): ``true`` states a barrier exists, ``false`` that it is gone."""

    market_access: bool | None = None
    quality_standards: bool | None = None
    administrative_fees: bool | None = None
    household_registration: bool | None = None
    information_silos: bool | None = Field(
        None, description="Administrative or information barriers between departments (§三(四))."
    )


class ActivityYear(Fact):
    """One year of cooperation activity (for the 高开低走 diagnosis, §一(二)1).

    The P1 series is ``events`` where any year states it; otherwise the sum of meetings,
    agreements and landed projects. Years the list leaves out are missing, never 0.
    """

    year: Year
    meetings: Count | None = Field(None, description="Cooperation meetings held that year.")
    agreements: Count | None = Field(None, description="Cooperation agreements signed that year.")
    projects_landed: Count | None = Field(
        None, description="Cooperation projects that started work (落地) that year."
    )
    events: Count | None = Field(
        None,
        description="All dated cooperation events of the year (agreements, meetings, alliances, "
        "plans, new joint bodies) when they are not counted by kind.",
    )


class CooperationItems(Fact):
    """Cooperation items counted by domain (三多三少 (a), §一(二)2); an item counts once."""

    infrastructure: Count | None = Field(None, description="Transport, energy, water links.")
    ecology: Count | None = Field(None, description="Environmental protection and restoration.")
    public_services: Count | None = Field(
        None, description="Social services shared by residents: insurance, funds, culture, health."
    )
    industry_innovation: Count | None = Field(
        None, description="Industry, commerce, science and innovation."
    )
    urban_rural: Count | None = Field(None, description="Urban–rural integration.")
    institutional: Count | None = Field(
        None, description="Institutional reform: market rules, regulation, admission, registration."
    )


class Initiatives(Fact):
    """Who leads cooperation initiatives, counted (三多三少 (c), §一(二)2)."""

    government_led: Count | None = Field(None, description="Initiatives led by governments.")
    market_led: Count | None = Field(
        None, description="Initiatives led by enterprises, associations or other market actors."
    )


class Scenario(Fact):
    """One city cluster as an analyst describes it."""

    schema_version: Literal[1] = Field(description="Always 1 for this version of the format.")
    id: Slug | None = Field(None, description="Defaults to the file name without extension.")
    name: Text | None = None
    as_of: Year | None = Field(None, description="The year the description holds for.")
    description: Text | None = None
    sources: dict[str, Source] | None = None
    members: list[Member] | None = None
    cooperation_model: CooperationModel | None = None
    institutions: Institutions | None = None
    council: Council | None = None
    plans: Plans | None = None
    enclaves: list[Enclave] | None = None
    platforms: list[Platform] | None = None
    public_services: list[PublicService] | None = None
    governance: Governance | None = None
    demo_zones: list[DemoZone] | None = None
    adjacent_pairs: list[AdjacentPair] | None = None
    judicial: Judicial | None = None
    standards: list[Standard] | None = None
    barriers: Barriers | None = None
    activity: list[ActivityYear] | None = None
    cooperation_items: CooperationItems | None = Field(
        None, description="Cooperation items by domain, for the domain balance of 三多三少."
    )
    initiatives: Initiatives | None = Field(
        None, description="Government-led and market-led initiatives, for 三多三少's market share."
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
