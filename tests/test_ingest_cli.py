"""`python -m ingest load-files`: a report on success, every error and exit code 1 on rejection."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.connection import Graph
from graph.runtime import Runtime
from graph.settings import Settings
from ingest.cli import app


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps tone marks apart from their vowel: "ệ" is "ê" + a combining dot below."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        marks = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in tones))
        out.append(base + "".join(m for m in marks if m in tones))
    return "".join(out).encode("cp1258")


@pytest.fixture
def cli_env(runtime: Runtime, empty_graph: Graph, monkeypatch: pytest.MonkeyPatch) -> Graph:
    """Point the command at the test server, as a user points it at theirs."""
    uri = runtime.server.uri if runtime.server is not None else Settings().neo4j_uri
    assert uri is not None
    monkeypatch.setenv("NEO4J_URI", uri)
    return empty_graph


def test_load_files_reports_what_it_wrote(cli_env: Graph, tmp_path: Path) -> None:
    path = tmp_path / "to_chuc.csv"
    path.write_bytes(_cp1258("ma_to_chuc;ten;loai\nLC-BV;Bệnh viện tỉnh;benh_vien\n"))
    result = CliRunner().invoke(app, ["load-files", str(path)])
    assert result.exit_code == 0, result.output
    assert "organizations" in result.output
    assert "to_chuc.csv (cp1258)" in result.output
    (row,) = cli_env.read("MATCH (o:Organization) RETURN o.kind AS kind, o.name AS name")
    assert row == {"kind": "hospital", "name": "Bệnh viện tỉnh"}


def test_load_files_prints_every_error_and_fails(cli_env: Graph, tmp_path: Path) -> None:
    path = tmp_path / "experts.csv"
    path.write_text("expert_id,full_name,email\nLC-1,,bad\nLC-2,Lò Văn B,b@x.vn\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["load-files", str(path)])
    assert result.exit_code == 1
    assert "row 2, field \"full_name\": '' is required" in result.output
    assert "row 2, field \"email\": 'bad' is not an email address" in result.output
    assert "nothing was written" in result.output
    assert cli_env.read("MATCH (e:Expert) RETURN count(e) AS n") == [{"n": 0}]
