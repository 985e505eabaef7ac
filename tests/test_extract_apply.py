"""Extraction in the graph: unlabelled items get fields, human links always win, re-runs change nothing."""

from __future__ import annotations

from pathlib import Path
from typing import LiteralString

import pytest

from graph import embeddings
from graph.connection import Graph
from graph.settings import Settings
from ingest.extract.apply import extract_fields, load_catalog
from ingest.extract.pipeline import Extractor
from ingest.load import import_paths
from ingest.reference import load_reference

ALL_ABOUT: LiteralString = """
MATCH (n)-[r:ABOUT]->(x)
RETURN coalesce(n.code, n.id) AS item, coalesce(x.code, x.key) AS target, r.source AS source,
       r.confidence AS confidence
ORDER BY item, target, source
"""
ADD_MANUAL_FIELD: LiteralString = """
MATCH (n:Project {code: $code}), (f:Field {code: $field})
MERGE (n)-[r:ABOUT {source: 'manual'}]->(f) SET r.confidence = 1.0
"""
TOPIC_COUNT: LiteralString = "MATCH (t:Topic) RETURN count(t) AS n"

PROJECTS = """project_code,title,abstract,fields
EX-TEA,Nghiên cứu kỹ thuật trồng chè Shan tuyết tại huyện Tam Đường,,
EX-SCHOOL,Nâng cao chất lượng dạy học ở trường nội trú,,50301
EX-MANUAL,Tea and cardamom cultivation on the slopes of Lai Chau,,
EX-FOLK,Ca dao tục ngữ của người Thái trắng,,
"""
PUBLICATIONS = """pub_id,title,year,fields
EX-PUB,"nghien cuu giong lua thuan tai lai chau",2020,
"""


def _write(folder: Path, projects: str = PROJECTS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "projects.csv").write_text(projects, encoding="utf-8")
    (folder / "publications.csv").write_text(PUBLICATIONS, encoding="utf-8")
    return [folder / "projects.csv", folder / "publications.csv"]


@pytest.fixture
def loaded(empty_graph: Graph, tmp_path: Path) -> Graph:
    load_reference(empty_graph, Settings().shared_data)
    import_paths(empty_graph, _write(tmp_path / "a"))
    empty_graph.write(ADD_MANUAL_FIELD, {"code": "EX-MANUAL", "field": "10602"})
    return empty_graph


def _links(graph: Graph, item: str, source: str | None = None) -> list[dict[str, object]]:
    rows = [r for r in graph.read(ALL_ABOUT) if r["item"] == item]
    return [r for r in rows if source is None or r["source"] == source]


def test_unlabelled_items_get_fields_and_labelled_ones_keep_theirs(loaded: Graph) -> None:
    report = extract_fields(loaded, use_embedding=False)
    assert report.extracted == 5
    tea = _links(loaded, "EX-TEA", "gazetteer")
    assert any(str(r["target"]).startswith("401") for r in tea)
    assert any(r["target"] == "che" for r in tea)  # the keyword "chè" as a topic
    rice = _links(loaded, "EX-PUB", "gazetteer")  # typed without diacritics
    assert any(str(r["target"]).startswith("401") for r in rice)
    # Imported and manual field links stand alone: no extracted field beside them.
    school = [r for r in _links(loaded, "EX-SCHOOL") if str(r["target"]).isdigit()]
    assert [(r["target"], r["source"]) for r in school] == [("50301", "import")]
    manual = [r for r in _links(loaded, "EX-MANUAL") if str(r["target"]).isdigit()]
    assert [(r["target"], r["source"]) for r in manual] == [("10602", "manual")]


def test_rerun_is_idempotent(loaded: Graph) -> None:
    extract_fields(loaded, use_embedding=False)
    before = loaded.read(ALL_ABOUT)
    topics = loaded.read(TOPIC_COUNT)[0]["n"]
    again = extract_fields(loaded, use_embedding=False)
    assert again.extracted == 0  # nothing changed, nothing rewritten
    assert loaded.read(ALL_ABOUT) == before
    forced = extract_fields(loaded, only_missing=False, use_embedding=False)
    assert forced.extracted == 5
    assert loaded.read(ALL_ABOUT) == before
    assert loaded.read(TOPIC_COUNT)[0]["n"] == topics


def test_a_later_import_of_fields_replaces_extracted_ones(loaded: Graph, tmp_path: Path) -> None:
    extract_fields(loaded, use_embedding=False)
    assert _links(loaded, "EX-TEA", "gazetteer")
    relabelled = PROJECTS.replace("Tam Đường,,", "Tam Đường,,40101")
    import_paths(loaded, _write(tmp_path / "b", relabelled))
    extract_fields(loaded, use_embedding=False)
    fields = [(r["target"], r["source"]) for r in _links(loaded, "EX-TEA") if str(r["target"]).isdigit()]
    assert fields == [("40101", "import")]
    assert any(r["target"] == "che" for r in _links(loaded, "EX-TEA", "gazetteer"))  # topics stay


def test_manual_links_survive_every_run(loaded: Graph) -> None:
    for only_missing in (True, False, True):
        extract_fields(loaded, only_missing=only_missing, use_embedding=False)
        assert [r["source"] for r in _links(loaded, "EX-MANUAL") if r["target"] == "10602"] == ["manual"]


def test_embedding_fallback_tags_text_with_no_keyword(loaded: Graph) -> None:
    extractor = Extractor(load_catalog(loaded))
    report = extract_fields(loaded, extractor=extractor)
    assert report.field_links["embedding"] >= 1
    # No field name or keyword occurs in this title on folk verse; the model puts it nearest to
    # languages and literature (602) at a cosine above the threshold.
    folk = [r for r in _links(loaded, "EX-FOLK") if str(r["target"]).isdigit()]
    assert [(r["target"], r["source"]) for r in folk][:1] == [("602", "embedding")]
    assert all(0.8 < float(str(r["confidence"])) <= 1.0 for r in folk)


def test_the_model_loads_once_for_many_titles(loaded: Graph) -> None:
    extractor = Extractor(load_catalog(loaded))
    titles = [f"Sediment routing in basin number {i} of the northern mountains" for i in range(30)]
    extractor.extract(titles[:1])
    vectors = extractor.embedder.field_vectors if extractor.embedder else None
    loads = embeddings._model.cache_info().misses
    found = extractor.extract(titles)
    assert embeddings._model.cache_info().misses == loads <= 1
    assert extractor.embedder is not None and extractor.embedder.field_vectors is vectors
    assert len(found) == 30
