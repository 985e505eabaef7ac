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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


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
