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

    # Imports through the API: the largest upload accepted (413 beyond), and the user recorded on each
    # ImportRun when the request names none.
    import_max_bytes: int = 60 * 1024 * 1024
    import_default_user: str = "anonymous"
    # Imports of at most this many writes (nodes and links) commit in one transaction; larger ones
    # commit chunk by chunk. 40,000 fits the default 512m heap; raise both together (LOCAL_HEAP).
    import_atomic_limit: int = 40_000


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
