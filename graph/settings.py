"""All configuration, read from the environment (and `.env`) in one place.

No other module reads `os.environ`: tests and the CLI change behaviour by setting variables.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # An external server: when `neo4j_uri` is set, nothing is started locally.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"

    # The embedded local server (graph/server.py), used when `neo4j_uri` is unset.
    neo4j_version: str = "5.26.31"
    local_home: Path = Field(default=PROJECT_ROOT / "var" / "neo4j")
    local_cache: Path = Field(default=PROJECT_ROOT / ".cache" / "neo4j")
    local_bolt_port: int = 7687
    local_heap: str = "512m"
    local_pagecache: str = "256m"
    local_start_timeout_s: float = 120.0

    api_host: str = "127.0.0.1"
    api_port: int = 8000

    # Authentication: tokens are signed with `auth_secret`; unset, a random secret is created once and
    # kept in the graph, so every API process behind a load balancer signs and checks alike.
    auth_enabled: bool = True
    auth_secret: SecretStr | None = None
    auth_token_minutes: int = 8 * 60
    # Failed sign-ins (queries/login_throttle.py): after this many failures within the window, one
    # user name, or one client address (higher: an office, or a proxy, shares one), is refused for the
    # lockout. The address limit stops spraying many names from one place.
    auth_max_failures_per_user: int = Field(default=5, ge=1)
    auth_max_failures_per_address: int = Field(default=100, ge=1)
    auth_failure_window_seconds: int = Field(default=15 * 60, ge=1)
    auth_lockout_seconds: int = Field(default=5 * 60, ge=1)
    # `make run` creates one demo account per role with this password (loopback demo only).
    demo_password: SecretStr = SecretStr("laichau-demo")

    shared_data: Path = Field(default=PROJECT_ROOT.parent / "shared" / "data")
    demo_dir: Path = Field(default=PROJECT_ROOT / "var" / "demo")
    demo_seed: int = 45
    # How many experts the demo generates (DEMO_EXPERTS); tests and known totals assume 1,500.
    demo_experts: int = Field(default=1500, ge=100)

    # Workforce statistics (issue 8). Groups smaller than this are merged into one row whenever a
    # table is broken down or filtered by a sensitive attribute, so no one can be singled out.
    stats_min_group_size: int = Field(default=5, ge=1)
    stats_sensitive_dimensions: tuple[str, ...] = ("ethnicity", "ethnic_minority")
    # "This year" for ages, history and forecasts; unset means the calendar year.
    stats_reference_year: int | None = Field(default=None, ge=1990, le=2100)
    # Imports through the API: the largest upload accepted (413 beyond), and the user recorded on each
    # ImportRun when the request names none.
    import_max_bytes: int = 60 * 1024 * 1024
    import_default_user: str = "anonymous"
    # Imports of at most this many writes (nodes and links) commit in one transaction; larger ones
    # commit chunk by chunk. 40,000 fits the default 512m heap; raise both together (LOCAL_HEAP).
    import_atomic_limit: int = 40_000
    # The import page keeps an upload here between its dry run and the user's confirmation (deleted
    # on commit, and after IMPORT_STAGING_MINUTES); API processes behind one balancer must share it.
    import_staging_dir: Path = Field(default=PROJECT_ROOT / "var" / "uploads")
    import_staging_minutes: int = Field(default=60, ge=1)
    # Threads of the embedding engine (graph/embeddings.py).
    embed_threads: int = 1
    # Reviewer assignment, objective `worst_proposal` (queries/assign_fair.py): CP-SAT work per stage
    # in deterministic seconds (the same input then gives the same answer however loaded the machine
    # is), and a wall-clock cap on both stages together for an overloaded machine (a stop by it may
    # differ between runs; the answer then says it is not proved optimal, with its gaps).
    assign_fair_work_limit: float = Field(default=6.0, gt=0)
    assign_fair_time_limit_s: float = Field(default=30.0, gt=0)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


class ResolutionSettings(BaseSettings):
    """Entity resolution: thresholds and feature weights, from `RESOLVE_*` variables.

    A pair's points are the sum of its features' contributions (`ingest.match_score.contribution`:
    +agree when the feature fully agrees, -disagree when it fully disagrees, 0 when unknown), and its
    score is the logistic of points minus `bias`. Why these numbers: a name alone (+4) stays below the
    bias (4.5), so a namesake never merges on the name only; a different birth year (-5) or ORCID iD
    (-8) outweighs a perfect name; name + birth year (+7, score 0.92) or initials + birth year +
    employer (+7.4) are sure. They were tuned on the demo's noisy duplicates and checked on OpenAlex
    authors (bench/resolution.py, bench/README.md); `own_coworker_disagree` and `rare_name_agree`
    were chosen on the development half of the OpenAlex known-identity set only
    (bench/resolution_orcid.py), and are reported on the held-out half; `common_name_scale` is
    Fellegi-Sunter's own scale, not tuned.
    """

    model_config = SettingsConfigDict(env_prefix="RESOLVE_", env_file=".env", extra="ignore")

    # score >= sure_threshold: merge; >= review_threshold: review queue; below: a new node.
    sure_threshold: float = Field(default=0.9, ge=0.0, le=1.0)
    review_threshold: float = Field(default=0.2, ge=0.0, le=1.0)
    bias: float = 4.5
    # Where a name's similarity gives 0 points: above it the names agree, below they disagree.
    name_center: float = 0.8
    name_agree: float = 4.0
    name_disagree: float = 6.0
    birth_year_agree: float = 3.0
    birth_year_disagree: float = 5.0
    organization_agree: float = 2.0
    organization_disagree: float = 0.5  # people change jobs: a different employer is weak evidence
    fields_agree: float = 1.0
    fields_disagree: float = 0.5
    topics_agree: float = 1.0
    topics_disagree: float = 0.3
    coworkers_agree: float = 3.0
    coworkers_disagree: float = 0.5
    gender_agree: float = 0.3
    gender_disagree: float = 4.0
    ethnicity_agree: float = 0.3
    ethnicity_disagree: float = 2.0
    district_agree: float = 0.5
    district_disagree: float = 0.3
    phone_agree: float = 4.0
    phone_disagree: float = 0.3
    email_disagree: float = 0.5  # one person has several addresses; an equal one is a strong key
    # An ORCID iD or staff code belongs to one person: two different ones are a different person.
    unique_id_disagree: float = 8.0
    # A stored person listed among the incoming record's co-workers (one byline, one project team)
    # is someone else: nobody co-authors with themselves.
    own_coworker_disagree: float = 8.0
    # A name no other stored person comes near (the only candidate with a name similarity >= 0.9):
    # chance seldom repeats it. Name (+4) and this (+1) stay well below the bias + 2.2 a sure match
    # needs. The largest value that added no known-wrong merge on the dev half (1.2 added one).
    rare_name_agree: float = 1.0
    # A name three or more people hold (stored, or incoming rows with their own ORCID iD or staff
    # code) loses common_name_scale * ln(holders / 2) points: Fellegi-Sunter's frequency adjustment
    # at its own scale (1.0: the odds of chance agreement grow with the number of holders). Set by
    # that theory, not tuned; 0 turns it off.
    common_name_scale: float = Field(default=1.0, ge=0.0)
    # An initials-form name ("Y. Hu" / "Yazhou Hu") with two shared co-workers, or one and the same
    # employer: on a byline that is who the person is. The largest value (0.05 steps) that added no
    # known-wrong merge on the OpenAlex dev half, in either spelling (0.4 added "Z. Hou").
    initials_support_agree: float = 0.35
    # Organizations: the name carries most of the weight; the same short name or province helps.
    org_sure_threshold: float = Field(default=0.9, ge=0.0, le=1.0)
    org_review_threshold: float = Field(default=0.4, ge=0.0, le=1.0)
    org_bias: float = 3.0
    org_name_center: float = 0.75
    org_name_agree: float = 5.5  # organization names repeat far less than person names
    org_name_disagree: float = 6.0
    org_short_name_agree: float = 2.0
    org_short_name_disagree: float = 1.0
    org_province_agree: float = 1.0
    org_province_disagree: float = 3.0
    org_kind_agree: float = 0.5
    org_kind_disagree: float = 1.0

    @model_validator(mode="after")
    def _thresholds_in_order(self) -> ResolutionSettings:
        if self.review_threshold > self.sure_threshold:
            raise ValueError("RESOLVE_REVIEW_THRESHOLD must not exceed RESOLVE_SURE_THRESHOLD")
        if self.org_review_threshold > self.org_sure_threshold:
            raise ValueError("RESOLVE_ORG_REVIEW_THRESHOLD must not exceed RESOLVE_ORG_SURE_THRESHOLD")
        return self


@lru_cache(maxsize=1)
def get_resolution_settings() -> ResolutionSettings:
    return ResolutionSettings()


class ConflictRules(BaseSettings):
    """Conflict-of-interest rules (docs/conflicts.md gives each default's reason), env prefix `COI_`.

    Windows count whole years back from the proposal's year: a tie that ended in `year - N` or later
    still conflicts. A rule named in `disabled` is not checked at all.
    """

    model_config = SettingsConfigDict(env_file=".env", env_prefix="COI_", extra="ignore")

    # Current or recent employer shared with a proposer (ACL: same institution in the last 5 years).
    employer_years: int = Field(default=5, ge=0)
    # Co-authored a paper within N years (ACL: 5).
    coauthor_years: int = Field(default=5, ge=0)
    # Papers with more authors than this do not make co-authors conflicted; None counts every paper.
    coauthor_max_authors: int | None = Field(default=7, ge=2)
    # Members of the same project that ran within N years.
    project_years: int = Field(default=5, ge=0)
    # Declared conflicts of a kind not in `lifelong_kinds` lapse N years after their `until`.
    declared_years: int = Field(default=5, ge=0)
    # Declared kinds that never lapse (NSF: family, thesis supervisor and student for life).
    lifelong_kinds: tuple[str, ...] = ("family", "supervisor", "student")
    # Rules not checked: any of proposer, employer, same_institution, host_organization, coauthor,
    # co_project, declared (e.g. COI_DISABLED='["same_institution"]').
    disabled: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def get_conflict_rules() -> ConflictRules:
    return ConflictRules()


class RankingSettings(BaseSettings):
    """Every weight of expert ranking, leaders and task candidates, in one place (docs/ranking.md).

    Read from the environment with the prefix `RANK_` (e.g. `RANK_W_SEMANTIC=0.4`), so an operator
    can tune ranking without touching code. Component weights need not sum to 1: they are divided by
    their sum, so each expert's score stays in [0, 1].
    """

    model_config = SettingsConfigDict(env_prefix="RANK_", env_file=".env", extra="ignore")

    # How much each kind of relevance counts in the final score.
    w_lexical: float = Field(default=0.30, ge=0)
    w_semantic: float = Field(default=0.40, ge=0)
    w_field: float = Field(default=0.15, ge=0)
    w_standing: float = Field(default=0.15, ge=0)

    # Inside lexical and semantic relevance: which kind of text matched.
    kind_profile: float = Field(default=1.0, ge=0)
    kind_project: float = Field(default=1.0, ge=0)
    kind_publication: float = Field(default=0.8, ge=0)
    kind_field: float = Field(default=0.8, ge=0)

    # Project evidence: role, level and recency.
    role_lead: float = 1.0
    role_secretary: float = 0.6
    role_member: float = 0.4
    level_national: float = 1.0
    level_ministerial: float = 0.85
    level_provincial: float = 0.7
    level_grassroots: float = 0.55
    recency_half_life_years: float = Field(default=8.0, gt=0)

    # Standing: saturating sums (1 - exp(-x / scale)) of project, publication and citation evidence,
    # plus academic title and degree.
    standing_projects: float = 0.45
    standing_publications: float = 0.25
    standing_title_degree: float = 0.30
    project_scale: float = Field(default=2.0, gt=0)
    publication_scale: float = Field(default=4.0, gt=0)
    citation_scale: float = Field(default=50.0, gt=0)
    title_gs: float = 1.0
    title_pgs: float = 0.8
    degree_doctor: float = 0.6
    degree_master: float = 0.35
    degree_other: float = 0.1
    # Patents and awards (docs/ranking.md): a part each of standing, saturating the same way, with
    # the projects' recency half-life. Granted over filed; an invention over a utility solution.
    # The five parts sum to 1.25, hence the leader bar of 0.4 below (it was 0.5 of 1.0).
    standing_patents: float = 0.15
    standing_awards: float = 0.10
    patent_scale: float = Field(default=1.5, gt=0)
    award_scale: float = Field(default=1.5, gt=0)
    patent_granted: float = 1.0
    patent_filed: float = 0.4
    patent_invention: float = 1.0
    patent_plant_variety: float = 0.8
    patent_utility_solution: float = 0.6
    patent_industrial_design: float = 0.3
    award_international: float = 1.0
    award_national: float = 0.85
    award_ministerial: float = 0.6
    award_provincial: float = 0.45
    award_grassroots: float = 0.25

    # Semantic similarity: cosines below the floor count as unrelated (E5 cosines of unrelated
    # texts sit around 0.7-0.75).
    semantic_floor: float = Field(default=0.78, ge=0, lt=1)
    # Standing counts fully once relevance reaches this; below, in proportion (docs/ranking.md).
    relevance_gate: float = Field(default=0.3, gt=0, le=1)
    # A long task text is embedded up to this many characters: the engine's time grows linearly,
    # ~0.2 ms a character on one thread (600: ~120 ms, 200: ~43 ms), and 200 kept the quality
    # figures of 600 (bench/README.md, branch search-python).
    query_embed_chars: int = Field(default=200, ge=50)
    # Field-tree: a match on a parent field reaches its subfields at this discount per level.
    subfield_discount: float = Field(default=0.8, gt=0, le=1)
    # A field inferred from a request's text (no fields named) counts this much of a named one,
    # times its confidence relative to the best inferred field (queries/inferred_fields.py).
    inferred_field_weight: float = Field(default=0.7, gt=0, le=1)

    # Candidate pools: hits taken from each index before the roll-up. 100 and 100 (were 300 and
    # 150) rank as well or better on both bench.quality sets and make a search read less
    # (bench/README.md, issue 5 speed).
    lexical_hits: int = Field(default=100, ge=10)
    vector_hits: int = Field(default=100, ge=10)
    # Experts that only the field tree reaches (a field has thousands): at most this many join the
    # pool, strongest field link first, then title and degree (docs/ranking.md).
    field_hits: int = Field(default=200, ge=0)

    # Leading experts: a leader's field score must reach this bar (see docs/ranking.md). 0.5 of the
    # three parts before patents and awards: one without either clears it exactly as before.
    leader_bar: float = Field(default=0.4, ge=0, le=1)
    # Task candidates: an expert with this many active assignments is overloaded.
    max_active_assignments: int = Field(default=3, ge=1)
    # Age bands: youth as the program defines young intellectuals (under 35).
    young_age: int = 35
    # Year ages and recency are counted from; None means the current year.
    reference_year: int | None = None


@lru_cache(maxsize=1)
def get_ranking() -> RankingSettings:
    return RankingSettings()
