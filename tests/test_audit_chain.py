"""The audit log is append-only in fact: a hash chain shows edits and deletions, and no code path in the
repository updates or deletes an audit entry."""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.connection import Graph
from queries import audit
from tests.conftest import api_client

ROOT = Path(__file__).resolve().parent.parent
# Everything that runs against a real database, except the tests' own throw-away wipes.
SERVICE_CODE = ("graph", "queries", "ingest", "api", "bench")


def _log(graph: Graph, n: int) -> None:
    for i in range(n):
        audit.append(graph, user="chuyenvien", role="editor", action="view_expert", target=f"LC-{i:05d}")


def test_an_untouched_log_verifies(empty_graph: Graph) -> None:
    _log(empty_graph, 5)
    check = audit.verify(empty_graph)
    assert check.ok and check.entries == 5 and check.head_seq == 5 and check.problems == []


def test_an_edited_entry_is_detected(empty_graph: Graph) -> None:
    _log(empty_graph, 5)
    empty_graph.write("MATCH (a:AuditEntry {seq: 3}) SET a.user = 'someone-else'")
    check = audit.verify(empty_graph)
    assert not check.ok and check.problems == ["entry 3 was changed after it was written"]


def test_a_deleted_entry_is_detected(empty_graph: Graph) -> None:
    _log(empty_graph, 5)
    empty_graph.write("MATCH (a:AuditEntry {seq: 2}) DELETE a")
    check = audit.verify(empty_graph)
    assert not check.ok and check.problems == ["entries 2–2 are missing (deleted)"]


def test_deleting_the_newest_entries_is_detected(empty_graph: Graph) -> None:
    _log(empty_graph, 5)
    empty_graph.write("MATCH (a:AuditEntry) WHERE a.seq >= 4 DELETE a")
    check = audit.verify(empty_graph)
    assert not check.ok and "head says 5" in check.problems[0]


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_next_link(empty_graph: Graph) -> None:
    _log(empty_graph, 4)
    row = empty_graph.read("MATCH (a:AuditEntry {seq: 2}) RETURN toString(a.at) AS at, a.prev_hash AS prev")[
        0
    ]
    fields = {"user": "x", "role": "editor", "action": "view_expert", "target": "LC-00001", "ip": None,
              "detail": None}  # fmt: skip
    forged = audit.entry_hash(2, row["at"], fields, row["prev"])
    empty_graph.write("MATCH (a:AuditEntry {seq: 2}) SET a.user = 'x', a.hash = $h", {"h": forged})
    check = audit.verify(empty_graph)
    assert check.problems == ["entry 3 does not follow entry 2 (reordered or replaced)"]


def test_concurrent_appends_form_one_chain(empty_graph: Graph) -> None:
    threads = [threading.Thread(target=_log, args=(empty_graph, 10)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check = audit.verify(empty_graph)
    assert check.ok and check.entries == 40 and check.head_seq == 40


def test_admins_verify_the_chain_through_the_api(empty_graph: Graph) -> None:
    with api_client(empty_graph, "admin") as admin:  # its sign-in is audited
        body = admin.get("/api/v1/audit/verify").json()
        assert body["ok"] and body["entries"] >= 1 and len(body["head_hash"]) == 64
    with api_client(empty_graph, "analyst") as analyst:
        assert analyst.get("/api/v1/audit/verify").status_code == 403
    empty_graph.write("MATCH (a:AuditEntry {seq: 1}) SET a.action = 'nothing'")
    with api_client(empty_graph, "admin") as admin:
        assert admin.get("/api/v1/audit/verify").json()["ok"] is False


# --- no code path updates or deletes audit entries ----------------------------------------------

_CYPHER = re.compile(r"\b(MATCH|MERGE|CREATE|DELETE|SET|REMOVE)\b")
_DELETED = re.compile(r"\bDELETE\s+(\w+(?:\s*,\s*\w+)*)")
_UPDATED = re.compile(r"\b(?:SET|REMOVE)\s+(\w+)\s*(?:\.|\+=|=|:)")


def _cypher_strings() -> list[tuple[str, str]]:
    """Every string constant that looks like Cypher (docstrings left out) in the service's code."""
    found = []
    for folder in SERVICE_CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
            for node in ast.walk(tree):
                if not isinstance(node, ast.Constant) or id(node) in docstrings:
                    continue
                if isinstance(node.value, str) and _CYPHER.search(node.value):
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.value))
    return found


def _could_be_audit(text: str, var: str) -> bool:
    """Whether `var` may be an audit entry: bound as one, or matched with no label and not excluded.

    A fragment that uses a variable bound elsewhere (a prefix joined to it) is judged by its prefix,
    which is itself a constant this scan reads.
    """
    if re.search(rf"\({var}\s*:\s*AuditEntry\b", text):
        return True
    foreach = re.search(rf"FOREACH\s*\(\s*{var}\s+IN\s+\[.*?\|\s*(\w+)\s*\]", text, re.S)
    if foreach:
        return _could_be_audit(text, foreach.group(1))
    # A node pattern of its own (`MATCH (n) WHERE`, `MATCH (n {id: 1})`), not a path from a bound node.
    unlabeled = re.search(rf"\b(?:MATCH|MERGE)\s*\(\s*{var}\s*(?:\{{|\)(?!\s*[-<]))", text)
    return bool(unlabeled) and not re.search(rf"NOT\s+{var}\s*:\s*AuditEntry\b", text)


def test_no_code_path_updates_or_deletes_audit_entries() -> None:
    offenders = []
    strings = _cypher_strings()
    assert len(strings) > 100  # the scan sees the code's Cypher
    for where, text in strings:
        for group in _DELETED.findall(text):
            for var in (v.strip() for v in group.split(",")):
                if _could_be_audit(text, var):
                    offenders.append(f"{where}: DELETE {var} may delete audit entries")
        for var in _UPDATED.findall(text):
            if _could_be_audit(text, var):
                offenders.append(f"{where}: SET/REMOVE on {var} may change audit entries")
    assert offenders == []


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (a:AuditEntry) DETACH DELETE a",
        "MATCH (a:AuditEntry {seq: 1}) SET a.user = 'x'",
        "MATCH (n) WHERE NOT n:Sector CALL { WITH n DETACH DELETE n } IN TRANSACTIONS",
        "MATCH (n {id: $id}) SET n.name = $name",
        "MATCH (x:Expert)-[r]-(a:AuditEntry) FOREACH (old IN [(a)-[q]->() | a] | DELETE old)",
    ],
)
def test_the_scan_catches_what_it_is_for(cypher: str) -> None:
    deleted = [v.strip() for g in _DELETED.findall(cypher) for v in g.split(",")]
    assert any(_could_be_audit(cypher, v) for v in [*deleted, *_UPDATED.findall(cypher)])


def test_the_cli_reports_a_broken_chain(empty_graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    from api.__main__ import cli

    _log(empty_graph, 3)
    empty_graph.write("MATCH (a:AuditEntry {seq: 2}) DELETE a")
    uri = empty_graph.driver.get_server_info().address
    monkeypatch.setenv("NEO4J_URI", f"bolt://{uri[0]}:{uri[1]}")
    from graph.settings import get_settings

    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["verify-audit"])
    finally:
        monkeypatch.delenv("NEO4J_URI")
        get_settings.cache_clear()
    assert result.exit_code == 1 and "entries 2–2 are missing" in result.output
