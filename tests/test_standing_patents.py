"""Patents and awards in standing: ranked, restricted to the query's fields, explained, batched alike.

On tests/standing_world.py: equal medicinal-plant scientists who differ only in their patents and awards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.explain import sentence
from graph.connection import Graph
from graph.settings import Settings, get_ranking
from queries.affinity import affinity
from queries.affinity_matrix import Request, affinity_matrix
from queries.filters import reference_year
from queries.leaders import field_leaders
from queries.ranking import RankedExpert
from queries.search import match_experts
from queries.standing import standings
from tests.conftest import api_client
from tests.standing_world import EXPERTS, NAMES, TITLE, load_world

IDS = sorted(EXPERTS)


@pytest.fixture
def world(empty_graph: Graph, settings: Settings, tmp_path: Path) -> Graph:
    load_world(empty_graph, settings, tmp_path)
    return empty_graph


def _ginseng_task(graph: Graph) -> dict[str, RankedExpert]:
    """Every expert of the world scored for a ginseng task in 304 Dược học."""
    page = match_experts(graph, TITLE, fields=["304"], candidate_ids=IDS, limit=len(IDS))
    assert [(h.score, h.id) for h in page.hits] == sorted(
        ((h.score, h.id) for h in page.hits), key=lambda t: (-t[0], t[1])
    )
    return {h.id: h for h in page.hits}


def test_a_granted_patent_in_the_field_outranks_an_equal_expert_without(world: Graph) -> None:
    hits = _ginseng_task(world)
    plain, patent = hits["SW-PLAIN"], hits["SW-PATENT"]
    for signal in ("lexical", "semantic", "field"):
        assert patent.components[signal] == plain.components[signal], signal
    assert plain.components["lexical"] > 0 and plain.components["standing"] > 0
    assert patent.components["standing"] > plain.components["standing"]
    assert patent.score > plain.score
    order = list(hits)
    assert order.index("SW-PATENT") < order.index("SW-PLAIN")


def test_granted_over_filed_invention_over_utility_solution_national_over_provincial(world: Graph) -> None:
    standing = {eid: h.components["standing"] for eid, h in _ginseng_task(world).items()}
    assert standing["SW-PATENT"] > standing["SW-FILED"] > standing["SW-PLAIN"]
    assert standing["SW-PATENT"] > standing["SW-UTILITY"] > standing["SW-PLAIN"]
    assert standing["SW-AWARD"] > standing["SW-LOCAL"] > standing["SW-PLAIN"]


def test_patents_and_awards_outside_the_query_fields_do_not_count(world: Graph) -> None:
    hits = _ginseng_task(world)
    elsewhere, plain = hits["SW-ELSEWHERE"], hits["SW-PLAIN"]
    assert elsewhere.components == plain.components and elsewhere.score == plain.score
    assert not {ev.kind for ev in elsewhere.evidence} & {"patent", "award"}
    _, leaders = field_leaders(world, "304", limit=len(IDS))
    scores = {x.id: x.score for x in leaders}
    assert scores["SW-ELSEWHERE"] == scores["SW-PLAIN"] < scores["SW-PATENT"]
    # A query about no field counts all of the expert's work: then the mathematics ones count.
    ranking = get_ranking()
    unrestricted = standings(world, IDS, ranking, reference_year(ranking), None)
    assert unrestricted["SW-ELSEWHERE"].score > unrestricted["SW-PLAIN"].score
    assert {it.kind for it in unrestricted["SW-ELSEWHERE"].items} >= {"patent", "award"}


def test_explanation_names_the_patents_and_awards_with_their_contribution(world: Graph) -> None:
    with api_client(world, "viewer") as client:
        body = {"title": TITLE, "fields": ["304"], "candidate_ids": IDS, "limit": len(IDS)}
        response = client.post("/api/v1/experts/match", json=body)
        assert response.status_code == 200, response.text
        results = {r["id"]: r for r in response.json()["results"]}
        leaders = client.get("/api/v1/fields/304/leaders", params={"limit": 20}).json()["leaders"]
    patents = [ev for ev in results["SW-PATENT"]["evidence"] if ev["kind"] == "patent"]
    assert [(ev["ref"], ev["signal"], ev["detail"]) for ev in patents] == [
        ("VN:1-0034567", "standing", "granted / invention")
    ]
    assert patents[0]["label"] == "Quy trình nhân giống sâm Lai Châu" and patents[0]["contribution"] > 0
    assert patents[0]["url"] is None  # no patent page yet; the sentence names it
    awards = [ev for ev in results["SW-AWARD"]["evidence"] if ev["kind"] == "award"]
    assert [(ev["ref"], ev["detail"]) for ev in awards] == [("AW-1", "national / 2023")]
    # The standing items shown add up to the standing component (all of them fit in the list).
    for eid in ("SW-PATENT", "SW-AWARD"):
        r = results[eid]
        shown = sum(ev["contribution"] for ev in r["evidence"] if ev["signal"] == "standing")
        assert shown == pytest.approx(r["components"]["standing"], abs=1e-3)
    by_id = {x["id"]: x for x in leaders}
    assert "patent" in {ev["kind"] for ev in by_id["SW-PATENT"]["evidence"]}
    assert "award" in {ev["kind"] for ev in by_id["SW-LOCAL"]["evidence"]}
    assert not {ev["kind"] for ev in by_id["SW-ELSEWHERE"]["evidence"]} & {"patent", "award"}


def test_search_page_names_the_patent_without_a_dead_link(world: Graph) -> None:
    # The inventor's name: a query about no field, so the patent is among the page's five items.
    with api_client(world, "viewer") as client:
        page = client.get("/", params={"q": NAMES["SW-PATENT"]}).text
    said = "Sáng chế «Quy trình nhân giống sâm Lai Châu», đã được cấp văn bằng (VN:1-0034567)"
    assert said in page
    assert f">{said}</a>" not in page and 'href="None"' not in page


def test_patent_and_award_sentences_in_both_languages(world: Graph) -> None:
    hits = _ginseng_task(world)
    patent = next(ev for ev in hits["SW-UTILITY"].evidence if ev.kind == "patent")
    award = next(ev for ev in hits["SW-LOCAL"].evidence if ev.kind == "award")
    assert sentence("vi", patent) == (
        "Giải pháp hữu ích «Quy trình nhân giống sâm Lai Châu», đã được cấp văn bằng (VN:2-0002345)"
    )
    assert sentence("en", patent) == (
        "Utility solution «Quy trình nhân giống sâm Lai Châu», granted (VN:2-0002345)"
    )
    assert sentence("vi", award) == (
        "Giải thưởng cấp tỉnh «Giải thưởng sáng tạo khoa học công nghệ tỉnh Lai Châu» (2023)"
    )
    assert sentence("en", award).startswith("Provincial award «")


def test_batched_affinities_equal_the_single_ones_with_patents_and_awards(world: Graph) -> None:
    requests = [
        Request(TITLE, ["304"]),
        Request(TITLE),  # the text is about 30403 (and the rest of 304)
        Request("Sùng A"),  # names only: about no field, so every patent and award counts
        Request("duoc lieu sam", ["101"]),
    ]
    batched = affinity_matrix(world, requests)
    for request, answer in zip(requests, batched, strict=True):
        expected = affinity(world, request.text, list(request.fields))
        assert answer == expected, request.text
        assert list(answer) == list(expected)
    for about_herbs in (batched[0], batched[1]):
        assert about_herbs["SW-PATENT"] > about_herbs["SW-PLAIN"] == about_herbs["SW-ELSEWHERE"]
    assert batched[2]["SW-ELSEWHERE"] > batched[2]["SW-PLAIN"]
