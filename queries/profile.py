"""An expert's profile: who they are and the evidence the graph holds on them."""

from __future__ import annotations

from typing import Any, LiteralString

from graph.connection import Graph
from graph.errors import ExpertNotFound
from queries.tasks import assignments_of

EXPERT_PROFILE: LiteralString = """
MATCH (e:Expert {id: $id})
CALL {
  WITH e
  OPTIONAL MATCH (e)-[:IN_SECTOR]->(s:Sector)
  RETURN collect(DISTINCT s {.code, .name_vi, .name_en}) AS sectors
}
CALL {
  WITH e
  OPTIONAL MATCH (e)-[h:HAS_EXPERTISE]->(f:Field)
  RETURN collect(DISTINCT f {.code, .name_vi, .name_en, .level, source: h.source,
                             confidence: h.confidence}) AS fields
}
CALL {
  WITH e
  OPTIONAL MATCH (e)-[h:HAS_EXPERTISE]->(t:Topic)
  RETURN collect(DISTINCT t.name) AS topics
}
CALL {
  WITH e
  OPTIONAL MATCH (e)-[w:WORKS_AT]->(o:Organization)
  RETURN collect(DISTINCT o {.id, .name, .kind, .province, .district, current: w.current,
                             since: w.since, until: w.until, position: w.position}) AS organizations
}
CALL {
  WITH e
  OPTIONAL MATCH (e)-[m:MEMBER_OF]->(p:Project)
  OPTIONAL MATCH (o:Organization)-[pi:PARTNER_IN]->(p)
  WITH p, m, collect(DISTINCT o {.id, .name, .kind, role: pi.role}) AS partners
  ORDER BY p.start_year DESC, p.code
  RETURN collect(p {.code, .title, .level, .kind, .status, .start_year, .end_year,
                    role: m.role, partners: partners}) AS projects
}
CALL {
  WITH e
  OPTIONAL MATCH (e)-[a:AUTHORED]->(w:Publication)
  WITH w, a ORDER BY w.year DESC, w.id
  RETURN collect(w {.id, .title, .year, .venue, .doi, .citations, position: a.position})
         AS publications
}
CALL {
  WITH e
  OPTIONAL MATCH (e)-[:MEMBER_OF]->(p:Project)<-[:MEMBER_OF]-(c:Expert)
  WHERE c <> e
  WITH c, count(DISTINCT p) AS n WHERE c IS NOT NULL
  RETURN collect({id: c.id, name: c.name, n: n, kind: 'project'}) AS project_peers
}
CALL {
  WITH e
  OPTIONAL MATCH (e)-[:AUTHORED]->(w:Publication)<-[:AUTHORED]-(c:Expert)
  WHERE c <> e
  WITH c, count(DISTINCT w) AS n WHERE c IS NOT NULL
  RETURN collect({id: c.id, name: c.name, n: n, kind: 'publication'}) AS paper_peers
}
CALL {
  WITH e
  OPTIONAL MATCH (e)-[s:SERVES_ON]->(k:Council)
  OPTIONAL MATCH (k)-[:REVIEWS]->(p:Proposal)
  WITH k, s, p ORDER BY s.period DESC, k.id
  RETURN collect(k {council_id: k.id, .kind, .program, role: s.role, period: s.period,
                    proposal_code: p.code, title: coalesce(p.title, k.title)}) AS councils
}
CALL {
  WITH e
  OPTIONAL MATCH (e)-[i:INVENTED]->(t:Patent)
  OPTIONAL MATCH (o:Organization)-[:OWNS]->(t)
  WITH t, i, collect(DISTINCT o.name) AS owners ORDER BY t.year DESC, t.id
  RETURN collect(t {.id, .number, .title, .kind, .status, .year, .filing_year, .grant_year,
                    .country, position: i.position, owners: owners}) AS patents
}
CALL {
  WITH e
  OPTIONAL MATCH (e)-[:RECEIVED]->(a:Award)
  OPTIONAL MATCH (a)<-[:RECEIVED]-(c:Expert) WHERE c <> e
  WITH a, collect(DISTINCT c {.id, .name}) AS co_recipients ORDER BY a.year DESC, a.id
  RETURN collect(a {.id, .name, .level, .year, .issuer, .work, co_recipients: co_recipients}) AS awards
}
CALL {
  WITH e
  OPTIONAL MATCH (e)-[b:BELONGS_TO]->(o:Organization)
  WITH o, b ORDER BY b.since, o.id
  RETURN collect(o {.id, .name, role: b.role, since: b.since, until: b.until}) AS memberships
}
RETURN e {.*} AS expert, sectors, fields, topics, organizations, projects, publications,
       project_peers + paper_peers AS peers, councils, patents, awards, memberships
"""


def _coworkers(peers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for p in peers:
        row = merged.setdefault(
            p["id"], {"id": p["id"], "name": p["name"], "shared_projects": 0, "shared_publications": 0}
        )
        row["shared_projects" if p["kind"] == "project" else "shared_publications"] += p["n"]
    return sorted(
        merged.values(),
        key=lambda r: (-(r["shared_projects"] + r["shared_publications"]), r["name"], r["id"]),
    )


def get_profile(graph: Graph, expert_id: str) -> dict[str, Any]:
    """The raw profile record; the API shapes (and, by role, masks) it."""
    rows = graph.read(EXPERT_PROFILE, {"id": expert_id})
    if not rows:
        raise ExpertNotFound(expert_id)
    row = rows[0]
    hidden = ("row_hash", "embedding", "embedding_hash")
    expert = {k: v for k, v in row["expert"].items() if not k.endswith("_key") and k not in hidden}
    assignments = assignments_of(graph, expert_id)
    return {
        "expert": expert,
        "sectors": row["sectors"],
        "fields": sorted(row["fields"], key=lambda f: f["code"]),
        "topics": sorted(row["topics"]),
        "organizations": sorted(
            row["organizations"], key=lambda o: (not o["current"], -(o["since"] or 0), o["id"])
        ),
        "projects": [p for p in row["projects"] if p.get("code")],
        "publications": [w for w in row["publications"] if w.get("id")],
        "coworkers": _coworkers(row["peers"])[:30],
        "councils": [c for c in row["councils"] if c.get("council_id")],
        "patents": [t for t in row["patents"] if t.get("id")],
        "awards": [a for a in row["awards"] if a.get("id")],
        "memberships": [m for m in row["memberships"] if m.get("id")],
        "assignments": assignments,
        "load": sum(a["current"] for a in assignments),
    }
