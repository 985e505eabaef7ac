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


def test_load_files_records_its_run_and_a_dry_run_writes_nothing(cli_env: Graph, tmp_path: Path) -> None:
    path = tmp_path / "organizations.csv"
    path.write_text("org_id,name,kind\nLC-BV,Bệnh viện tỉnh,benh_vien\n", encoding="utf-8")
    dry = CliRunner().invoke(app, ["load-files", str(path), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "dry run: nothing written" in dry.output
    assert cli_env.read("MATCH (n) WHERE n:Organization OR n:ImportRun RETURN count(n) AS n") == [{"n": 0}]
    result = CliRunner().invoke(app, ["load-files", str(path), "--user", "can.bo.a"])
    assert result.exit_code == 0, result.output
    (run,) = cli_env.read(
        "MATCH (r:ImportRun) RETURN r {.kind, .file, .user, .status, .created, .sha256} AS r"
    )
    assert run["r"] | {"sha256": None} == {
        "kind": "organizations", "file": "organizations.csv", "user": "can.bo.a", "status": "done",
        "created": 1, "sha256": None,
    }  # fmt: skip
    assert len(run["r"]["sha256"]) == 64


def test_load_cordis_loads_a_sample_with_a_progress_bar(cli_env: Graph) -> None:
    result = CliRunner().invoke(app, ["load-cordis", "--limit", "400", "--user", "test"])
    assert result.exit_code == 0, result.output
    assert "project_partners" in result.output and "400 participations" in result.output
    (row,) = cli_env.read(
        "MATCH (o:Organization)-[r:PARTNER_IN]->(p:Project) RETURN count(r) AS links, "
        "count(DISTINCT p) AS projects"
    )
    assert row["links"] == 400
    (run,) = cli_env.read("MATCH (r:ImportRun) RETURN r.file AS file, r.status AS status")
    assert run == {"file": "h2020.csv.gz", "status": "done"}


def test_load_files_speaks_vietnamese_with_lang_vi(cli_env: Graph, tmp_path: Path) -> None:
    path = tmp_path / "experts.csv"
    path.write_text("expert_id,full_name,email\nLC-1,,bad\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["load-files", str(path), "--lang", "vi"])
    assert result.exit_code == 1
    assert 'Tệp experts.csv, dòng 2, cột "email": giá trị "bad" không phải là địa chỉ email' in result.output
    assert 'dòng 2, cột "full_name": chưa được điền' in result.output
    assert "chưa ghi gì vào cơ sở dữ liệu" in result.output
