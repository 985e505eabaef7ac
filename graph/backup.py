"""Backup and restore of the local server's database with `neo4j-admin database dump/load`.

Community Edition dumps only a stopped database, so `backup` stops a running server, dumps, and starts
it again (a short pause of the API: seconds for the demo). For a server in docker compose, run the same
`neo4j-admin` commands inside its container (docs/operations.md).
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from graph.server import LocalNeo4j

DATABASE = "neo4j"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    bytes: int
    seconds: float


def backup(server: LocalNeo4j, to_dir: Path) -> BackupFile:
    """Dump the database to `to_dir/neo4j-<UTC timestamp>.dump`; restarts the server if it was up."""
    was_running = server.running_pid() is not None
    started = time.perf_counter()
    if was_running:
        server.stop()
    try:
        to_dir.mkdir(parents=True, exist_ok=True)
        staging = to_dir / ".dump-in-progress"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        server.admin("database", "dump", DATABASE, f"--to-path={staging}", "--overwrite-destination=true")
        final = to_dir / f"neo4j-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.dump"
        (staging / f"{DATABASE}.dump").rename(final)
        staging.rmdir()
    finally:
        if was_running:
            server.start()
    return BackupFile(final, final.stat().st_size, time.perf_counter() - started)


def restore(server: LocalNeo4j, dump: Path) -> float:
    """Replace the database with `dump` (the server must be stopped); returns seconds taken."""
    if server.running_pid() is not None:
        raise RuntimeError("stop the server before restoring: a restore replaces its database")
    if not dump.is_file():
        raise FileNotFoundError(f"no dump file at {dump}")
    started = time.perf_counter()
    staging = dump.parent / ".restore-in-progress"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        shutil.copyfile(dump, staging / f"{DATABASE}.dump")
        server.admin("database", "load", DATABASE, f"--from-path={staging}", "--overwrite-destination=true")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return time.perf_counter() - started
