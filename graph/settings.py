"""All configuration, read from the environment (and `.env`) in one place.

No other module reads `os.environ`: tests and the CLI change behaviour by setting variables.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
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

    shared_data: Path = Field(default=PROJECT_ROOT.parent / "shared" / "data")
    demo_dir: Path = Field(default=PROJECT_ROOT / "var" / "demo")
    demo_seed: int = 45

    # Threads of the embedding engine (graph/embeddings.py).
    embed_threads: int = 1


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


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

    # Semantic similarity: cosines below the floor count as unrelated (E5 cosines of unrelated
    # texts sit around 0.7-0.75).
    semantic_floor: float = Field(default=0.78, ge=0, lt=1)
    # Standing counts fully once relevance reaches this; below, in proportion (docs/ranking.md).
    relevance_gate: float = Field(default=0.3, gt=0, le=1)
    # A long task text is embedded up to this many characters (embedding time grows with length).
    query_embed_chars: int = Field(default=600, ge=50)
    # Field-tree: a match on a parent field reaches its subfields at this discount per level.
    subfield_discount: float = Field(default=0.8, gt=0, le=1)

    # Candidate pools: hits taken from each index before the roll-up.
    lexical_hits: int = Field(default=300, ge=10)
    vector_hits: int = Field(default=150, ge=10)

    # Leading experts: a leader's field score must reach this bar (see docs/ranking.md).
    leader_bar: float = Field(default=0.5, ge=0, le=1)
    # Task candidates: an expert with this many active assignments is overloaded.
    max_active_assignments: int = Field(default=3, ge=1)
    # Age bands: youth as the program defines young intellectuals (under 35).
    young_age: int = 35
    # Year ages and recency are counted from; None means the current year.
    reference_year: int | None = None


@lru_cache(maxsize=1)
def get_ranking() -> RankingSettings:
    return RankingSettings()
