"""Uploads held between the import page's dry run and the user's confirmation.

The browser cannot send the same file twice without the user choosing it again, so the page keeps
the bytes server-side under a random token, with who uploaded it, what kind it is and its SHA-256.
Only that user can confirm it, only within IMPORT_STAGING_MINUTES, and the bytes confirmed are
checked against the digest the dry run saw. A confirmation claims the upload atomically, so it is
imported once however often the button is pressed. Files are deleted on commit and when they expire.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.settings import Settings

TOKEN_BYTES = 18


@dataclass(frozen=True)
class Staged:
    token: str
    user: str
    name: str  # the file name, already made safe (ingest.uploads.safe_name)
    kind: str  # a Kind value, or "" for a workbook with a sheet per table
    resolve: bool
    sha256: str
    size: int
    created: float  # time.time()


def _dir(settings: Settings) -> Path:
    path = settings.import_staging_dir
    path.mkdir(parents=True, exist_ok=True)
    return path


def _valid_token(token: str) -> bool:
    return 0 < len(token) <= 64 and all(c.isalnum() or c in "-_" for c in token)


def purge_expired(settings: Settings, now: float | None = None) -> int:
    """Delete staged uploads older than the setting; returns how many went."""
    limit = (now or time.time()) - settings.import_staging_minutes * 60
    gone = 0
    folder = _dir(settings)
    for meta in [*folder.glob("*.json"), *folder.glob("*.claimed")]:
        try:
            created = float(json.loads(meta.read_text(encoding="utf-8"))["created"])
        except (OSError, ValueError, KeyError):
            created = 0.0
        if created < limit:
            meta.with_suffix(".bin").unlink(missing_ok=True)
            meta.unlink(missing_ok=True)
            gone += 1
    return gone


def stage(
    settings: Settings, data: bytes, *, user: str, name: str, kind: str, resolve: bool, sha256: str
) -> Staged:
    purge_expired(settings)
    staged = Staged(
        token=secrets.token_urlsafe(TOKEN_BYTES),
        user=user,
        name=name,
        kind=kind,
        resolve=resolve,
        sha256=sha256,
        size=len(data),
        created=time.time(),
    )
    folder = _dir(settings)
    (folder / f"{staged.token}.bin").write_bytes(data)
    (folder / f"{staged.token}.json").write_text(json.dumps(asdict(staged)), encoding="utf-8")
    return staged


def _read(meta: Path, user: str, settings: Settings) -> tuple[Staged, bytes] | None:
    try:
        staged = Staged(**json.loads(meta.read_text(encoding="utf-8")))
        data = meta.with_suffix(".bin").read_bytes()
    except (OSError, ValueError, TypeError):
        return None
    if staged.user != user or staged.created < time.time() - settings.import_staging_minutes * 60:
        return None
    return staged, data


def load(settings: Settings, token: str, user: str) -> tuple[Staged, bytes] | None:
    """The staged upload and its bytes, if `token` exists, belongs to `user` and has not expired."""
    if not _valid_token(token):
        return None
    return _read(_dir(settings) / f"{token}.json", user, settings)


def claim(settings: Settings, token: str, user: str) -> tuple[Staged, bytes] | None:
    """Like `load`, but only once: the record is renamed (atomic), so a double-clicked "confirm"
    or two tabs can never import the same upload twice. Discard it after the import."""
    found = load(settings, token, user)
    if found is None:
        return None
    meta = _dir(settings) / f"{token}.json"
    try:
        meta.rename(meta.with_suffix(".claimed"))
    except OSError:  # another request claimed it first
        return None
    return found


def discard(settings: Settings, token: str) -> None:
    if _valid_token(token):
        folder = _dir(settings)
        for suffix in (".bin", ".json", ".claimed"):
            (folder / f"{token}{suffix}").unlink(missing_ok=True)
