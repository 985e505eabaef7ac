"""Load the field taxonomies from shared data: OECD FOS 2007 and the Vietnamese classification.

Both are reference data read whole from `shared/data/fields/`, so each load overwrites their
properties with the file's (unlike user imports, where an empty cell keeps the stored value).
`Field.name_en` is the English name of the FOS field it maps to, and `Field.keywords_key` holds the
curated words of `ingest.field_keywords`, so English and everyday queries reach Vietnamese fields.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction

from graph import upserts
from graph.connection import Graph
from graph.errors import ImportRejected, RowError
from graph.text import fold, normalize
from ingest.field_keywords import FIELD_KEYWORDS

VN_FIELDS = Path("fields") / "vn_fields.csv"
FOS_FIELDS = Path("fields") / "oecd_fos2007.csv"


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        reason = "does not exist; point SHARED_DATA at the shared data folder"
        raise ImportRejected([RowError(str(path), 0, "", "", reason)])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def fos_rows(shared_data: Path) -> list[dict[str, Any]]:
    return [
        {
            "code": row["code"],
            "name_en": row["name_en"],
            "name_key": fold(row["name_en"]),
            "level": int(row["level"]),
            "parent_code": row["parent_code"] or None,
        }
        for row in _read(shared_data / FOS_FIELDS)
    ]


def field_rows(shared_data: Path, fos_names: dict[str, str]) -> list[dict[str, Any]]:
    """Vietnamese fields; a level-3 field takes the keywords of its level-2 parent."""
    source = _read(shared_data / VN_FIELDS)
    parent_of = {row["code"]: row["parent_code"] for row in source}
    rows: list[dict[str, Any]] = []
    for row in source:
        code, level = row["code"], int(row["level"])
        keyword_code = code if level == 2 else parent_of.get(code, "") if level == 3 else ""
        keywords = normalize(FIELD_KEYWORDS[keyword_code]) if keyword_code in FIELD_KEYWORDS else None
        name_vi = normalize(row["name_vi"])
        rows.append(
            {
                "code": code,
                "name_vi": name_vi,
                "name_en": fos_names.get(row["fos_code"]) or row["fos_name_en"] or None,
                "name_key": fold(name_vi),
                "level": level,
                "fos_code": row["fos_code"] or None,
                "note": row["note"] or None,
                "keywords": keywords,
                "keywords_key": fold(keywords) if keywords else None,
                "parent_code": row["parent_code"] or None,
            }
        )
    return rows


def load_reference(graph: Graph, shared_data: Path) -> dict[str, int]:
    """Merge both taxonomies, their hierarchies and the crosswalk in one transaction; idempotent."""
    fos = fos_rows(shared_data)
    fields = field_rows(shared_data, {row["code"]: row["name_en"] for row in fos})
    with_fos_parent = [row for row in fos if row["parent_code"]]
    with_parent = [row for row in fields if row["parent_code"]]
    mapped = [row for row in fields if row["fos_code"]]

    def work(tx: ManagedTransaction) -> None:
        tx.run(upserts.MERGE_FOS_FIELDS, rows=fos).consume()
        tx.run(upserts.LINK_FOS_PARENTS, rows=with_fos_parent).consume()
        tx.run(upserts.MERGE_FIELDS, rows=fields).consume()
        tx.run(upserts.LINK_FIELD_PARENTS, rows=with_parent).consume()
        tx.run(upserts.LINK_FIELDS_TO_FOS, rows=mapped).consume()

    graph.write_tx(work)
    return {
        "fos_fields": len(fos),
        "fields": len(fields),
        "fields_with_keywords": sum(1 for row in fields if row["keywords"]),
        "subfield_links": len(with_fos_parent) + len(with_parent),
        "fos_mappings": len(mapped),
    }
