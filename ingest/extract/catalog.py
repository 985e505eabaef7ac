"""The field tree the extractor works with: codes, names in both languages, keywords and parents.

The same rows come from the graph (`Field` nodes, after `ingest.reference`) or straight from shared
data (for the benchmark, which needs no server), so both build one `FieldCatalog`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.text import normalize


@dataclass(frozen=True)
class FieldEntry:
    code: str
    level: int  # 1, 2 or 3
    name_vi: str
    name_en: str | None
    parent: str | None
    keywords: tuple[str, ...]  # curated words; a level-3 field carries its level-2 parent's list


class FieldCatalog:
    """Lookup of fields by code, with each field's ancestors at levels 1 and 2."""

    def __init__(self, entries: Iterable[FieldEntry]) -> None:
        self.entries: dict[str, FieldEntry] = {e.code: e for e in entries}

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> FieldCatalog:
        """Rows with code, level, name_vi, name_en, parent_code and keywords ("a; b; c" or None)."""
        entries = []
        for row in rows:
            keywords = tuple(
                k for k in (normalize(part) for part in (row.get("keywords") or "").split(";")) if k
            )
            entries.append(
                FieldEntry(
                    code=str(row["code"]),
                    level=int(row["level"]),
                    name_vi=normalize(str(row["name_vi"])),
                    name_en=row.get("name_en") or None,
                    parent=row.get("parent_code") or None,
                    keywords=keywords,
                )
            )
        return cls(entries)

    @classmethod
    def from_shared_data(cls, shared_data: Path) -> FieldCatalog:
        # Imported here: the reference loader is the one reader of the taxonomy files.
        from ingest.reference import field_rows, fos_rows

        fos = {row["code"]: row["name_en"] for row in fos_rows(shared_data)}
        return cls.from_rows(field_rows(shared_data, fos))

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def ancestor(self, code: str, level: int) -> str | None:
        """The field at `level` on the path from the root to `code` (itself if at that level)."""
        entry = self.entries.get(code)
        while entry is not None and entry.level > level:
            entry = self.entries.get(entry.parent) if entry.parent else None
        return entry.code if entry is not None and entry.level == level else None

    def at_level(self, level: int) -> list[FieldEntry]:
        return [e for e in self.entries.values() if e.level == level]
