"""Imports point one way: api -> queries -> graph; ingest -> graph. Nothing imports api."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "graph": {"ingest", "queries", "api"},
    "queries": {"ingest", "api"},
    "ingest": {"queries", "api"},
    "api": set(),
    "bench": {"api"},
}


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_downwards(package: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(_imported_packages(path) & FORBIDDEN[package])}"
        for path in sorted((ROOT / package).rglob("*.py"))
        if _imported_packages(path) & FORBIDDEN[package]
    ]
    assert offenders == []


CYPHER_WORDS = ("MATCH ", "MERGE ", "CREATE ", "DELETE ", "RETURN ", "SET ")


@pytest.mark.parametrize("package", ["ingest", "api"])
def test_no_cypher_outside_graph_and_queries(package: str) -> None:
    """Cypher lives in graph/ and queries/ only: handlers and loaders never hold a query string."""
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if sum(word in text for word in CYPHER_WORDS) >= 2 and "(" in text and ":" in text:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_cypher_is_never_built_with_fstrings() -> None:
    """Values reach Cypher only as $parameters: an f-string holding Cypher keywords is a bug."""
    offenders = []
    for package in ("graph", "queries", "ingest", "api"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.JoinedStr):
                    literal = "".join(
                        v.value
                        for v in node.values
                        if isinstance(v, ast.Constant) and isinstance(v.value, str)
                    )
                    if (
                        sum(word in literal for word in CYPHER_WORDS) >= 1
                        and "(" in literal
                        and ")" in literal
                    ):
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
