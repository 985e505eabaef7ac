"""The Lai Châu demo generator: deterministic, complete, consistent with docs/import-format.md.

Pure Python (no Neo4j): these tests read the CSV files the generator writes, the way the import does.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest

from graph.schema import PATENT_KINDS
from graph.sectors import SECTOR_BY_CODE
from ingest.demo import DemoTotals, generate_demo
from ingest.demo.__main__ import main
from ingest.demo.bodies import DISTRICTS, build_orgs
from ingest.demo.generate import REFERENCE_YEAR
from ingest.demo.names import PersonName, abbreviate, ascii_fold, old_tone_marks, strip_tone
from ingest.demo.themes import THEME_BY_KEY, THEMES

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
IMPORT_TABLES = (
    "organizations",
    "experts",
    "projects",
    "project_members",
    "project_partners",
    "publications",
    "publication_authors",
    "patents",
    "awards",
    "memberships",
)
EVALUATION_FILES = ("experts_noisy_duplicates", "tasks_eval")
PREFIX = re.compile(r"(?:(GS|PGS)\.)?(TSKH|TS|ThS|BS\.CKII|BS\.CKI|BS|DS|KS|CN|CD)\.")  # "PGS.TS."

Rows = list[dict[str, str]]


def read(out: Path, name: str) -> Rows:
    with (out / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split(cell: str) -> list[str]:
    return [v for v in cell.split("; ") if v]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoTotals]:
    out = tmp_path_factory.mktemp("demo45")
    return out, generate_demo(out, SHARED)


@pytest.fixture(scope="module")
def out(demo: tuple[Path, DemoTotals]) -> Path:
    return demo[0]


@pytest.fixture(scope="module")
def totals(demo: tuple[Path, DemoTotals]) -> DemoTotals:
    return demo[1]


@pytest.fixture(scope="module")
def experts(out: Path) -> Rows:
    return read(out, "experts")


@pytest.fixture(scope="module")
def vn_fields() -> set[str]:
    with (SHARED / "fields" / "vn_fields.csv").open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def import_format_columns() -> dict[str, list[str]]:
    """English column names per table, read from the import format document itself."""
    tables: dict[str, list[str]] = {}
    current = ""
    for line in (ROOT / "docs" / "import-format.md").read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"## `(\w+)`", line):
            current = heading.group(1)
            tables[current] = []
        elif line.startswith("## "):
            current = ""  # a section that is not a table (templates, API, CORDIS mapping)
        elif current and line.startswith("| `"):
            tables[current] += re.findall(r"`(\w+)`", line.split("|")[1])
    return tables


def test_same_seed_gives_byte_identical_files(out: Path, tmp_path: Path) -> None:
    generate_demo(tmp_path, SHARED, seed=45)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in tmp_path.iterdir())
    for name in names:
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_another_seed_gives_other_data(out: Path, tmp_path: Path) -> None:
    generate_demo(tmp_path, SHARED, seed=46)
    for name in ("experts", "projects", "publications", "tasks_eval"):
        assert (out / f"{name}.csv").read_bytes() != (tmp_path / f"{name}.csv").read_bytes(), name


def test_headers_are_the_import_format_columns(out: Path) -> None:
    columns = import_format_columns()
    # Proposals are what users send to councils (issue 6); the demo generates none of them.
    not_in_demo = {"proposals", "proposal_members"}
    assert sorted(set(columns) - not_in_demo) == sorted(IMPORT_TABLES)
    for table in IMPORT_TABLES:
        with (out / f"{table}.csv").open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == columns[table], table
    # The noisy re-typings carry org_id like the demo rows; `organization` (a name for rows without
    # an org_id) is a column for users' files that entity resolution reads.
    typed = [c for c in columns["experts"][1:] if c != "organization"]
    noisy_header = ["source_row_id", *typed, "true_expert_id"]
    assert list(read(out, "experts_noisy_duplicates")[0]) == noisy_header
    task_header = ["task_id", "title", "description", "fields", "sector", "relevant_expert_ids"]
    assert list(read(out, "tasks_eval")[0]) == task_header


def test_row_counts_match_the_totals(out: Path, totals: DemoTotals) -> None:
    for table in IMPORT_TABLES:
        assert len(read(out, table)) == getattr(totals, table), table
    noisy = read(out, "experts_noisy_duplicates")
    assert sum(bool(r["true_expert_id"]) for r in noisy) == totals.noisy_duplicates
    assert sum(not r["true_expert_id"] for r in noisy) == totals.hard_negatives
    assert len(read(out, "tasks_eval")) == totals.tasks == 35
    assert json.loads((out / "totals.json").read_text(encoding="utf-8")) == asdict(totals)


def test_default_size_is_the_one_asked_for(totals: DemoTotals) -> None:
    assert totals.experts == 1500
    assert 110 <= totals.organizations <= 135
    assert totals.projects == 300
    assert totals.publications == 900
    assert (totals.noisy_duplicates, totals.hard_negatives) == (150, 50)


def test_keys_and_contact_values_are_unique(out: Path, experts: Rows) -> None:
    keys = {
        "organizations": ("org_id",),
        "experts": ("expert_id",),
        "projects": ("project_code",),
        "project_members": ("project_code", "expert_id"),
        "project_partners": ("project_code", "org_id"),
        "publications": ("pub_id",),
        "publication_authors": ("pub_id", "expert_id"),
    }
    for table, key in keys.items():
        values = [tuple(r[k] for k in key) for r in read(out, table)]
        assert all(all(v) for v in values), table
        assert len(values) == len(set(values)), table
    for column in ("email", "phone", "orcid", "staff_code"):
        filled = [e[column] for e in experts if e[column]]
        assert len(filled) == len(set(filled)), column


def check_foreign_keys(out: Path) -> None:
    orgs = {r["org_id"] for r in read(out, "organizations")}
    experts = {r["expert_id"] for r in read(out, "experts")}
    projects = {r["project_code"] for r in read(out, "projects")}
    pubs = {r["pub_id"] for r in read(out, "publications")}
    assert {r["parent_org_id"] for r in read(out, "organizations")} - {""} <= orgs
    assert {r["org_id"] for r in read(out, "experts")} <= orgs
    for row in read(out, "project_members"):
        assert row["project_code"] in projects and row["expert_id"] in experts
    for row in read(out, "project_partners"):
        assert row["project_code"] in projects and row["org_id"] in orgs
    for row in read(out, "publication_authors"):
        assert row["pub_id"] in pubs and row["expert_id"] in experts
    for row in read(out, "experts_noisy_duplicates"):
        assert row["true_expert_id"] in experts | {""}
        assert row["org_id"] in orgs | {""}
    for row in read(out, "tasks_eval"):
        assert set(split(row["relevant_expert_ids"])) <= experts
    assert {r["project_code"] for r in read(out, "project_members")} == projects
    assert {r["pub_id"] for r in read(out, "publication_authors")} == pubs


def test_every_foreign_key_resolves(out: Path) -> None:
    check_foreign_keys(out)


def test_every_value_is_nfc(out: Path) -> None:
    for path in sorted(out.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name
        assert "\r" not in text and not text.startswith("\ufeff"), path.name


def test_codes_come_from_the_reference_lists(out: Path, experts: Rows, vn_fields: set[str]) -> None:
    kinds = {"university", "research_institute", "government_agency", "enterprise", "hospital"}
    kinds |= {"school", "association", "other"}
    assert {r["kind"] for r in read(out, "organizations")} <= kinds
    for row in experts:
        sector = SECTOR_BY_CODE[row["sector"]]
        for code in split(row["fields"]):
            assert code in vn_fields
            assert code.startswith(sector.field_codes), (row["expert_id"], code)
    for table in ("projects", "publications"):
        for row in read(out, table):
            assert set(split(row["fields"])) <= vn_fields
    projects = read(out, "projects")
    assert {r["sector"] for r in projects} <= set(SECTOR_BY_CODE)
    assert {r["level"] for r in projects} == {"national", "ministerial", "provincial", "grassroots"}
    assert {r["kind"] for r in projects} == {"research", "project", "task"}
    assert {r["status"] for r in projects} <= {"proposed", "ongoing", "completed", "cancelled"}
    assert {r["role"] for r in read(out, "project_members")} == {"lead", "secretary", "member"}
    assert {r["role"] for r in read(out, "project_partners")} == {"host", "partner"}


def test_patents_awards_and_memberships_are_plausible(out: Path, vn_fields: set[str]) -> None:
    """A few dozen patents, mostly agriculture and forestry, from completed projects' teams; awards
    at provincial and ministerial level among others; memberships only of associations, the
    provincial union of science and technology associations among them."""
    orgs = {r["org_id"]: r for r in read(out, "organizations")}
    experts = {r["expert_id"]: r for r in read(out, "experts")}
    patents = read(out, "patents")
    assert 24 <= len(patents) <= 48
    assert {r["kind"] for r in patents} <= set(PATENT_KINDS)
    assert {"invention", "utility_solution", "plant_variety"} <= {r["kind"] for r in patents}
    agri = sum(experts[split(r["inventors"])[0]]["sector"] == "AGRI_FOREST" for r in patents)
    assert agri / len(patents) >= 0.6
    for row in patents:
        assert split(row["inventors"]) and set(split(row["inventors"])) <= experts.keys()
        assert row["owner_org_ids"] in orgs and set(split(row["fields"])) <= vn_fields
        assert (row["status"] == "granted") == bool(row["grant_year"])
        assert row["number"] or row["status"] == "filed"
        assert not row["grant_year"] or int(row["grant_year"]) >= int(row["filing_year"])
    numbers = [r["number"] for r in patents if r["number"]]
    assert len(numbers) == len(set(numbers)) and len({r["title"] for r in patents}) == len(patents)
    awards = read(out, "awards")
    assert {r["expert_id"] for r in awards} <= experts.keys()
    levels = Counter(r["level"] for r in awards)
    assert levels["provincial"] >= 10 and levels["ministerial"] >= 3 and levels["national"] >= 1
    assert len({(r["name"], r["year"], r["work"], r["expert_id"]) for r in awards}) == len(awards)
    memberships = read(out, "memberships")
    assert all(orgs[r["org_id"]]["kind"] == "association" for r in memberships)
    assert {r["expert_id"] for r in memberships} <= experts.keys()
    by_org = Counter(r["org_id"] for r in memberships)
    assert by_org["LC-LHH"] >= 30 and len(by_org) >= 6
    chairs = Counter(r["org_id"] for r in memberships if r["role"] == "chair")
    assert max(chairs.values()) == 1 and "LC-LHH" in chairs
    assert len({(r["expert_id"], r["org_id"]) for r in memberships}) == len(memberships)


def test_proportions_look_like_the_province(totals: DemoTotals, experts: Rows) -> None:
    n = totals.experts
    degrees = totals.by_degree
    assert 40 <= degrees["TS"] + degrees["TSKH"] <= 60 and 1 <= degrees["TSKH"] <= 5
    assert 500 <= degrees["ThS"] <= 650
    assert all(degrees[d] > 0 for d in ("CKII", "CKI", "BS", "DS", "KS", "CN", "CD"))
    assert 4 <= totals.by_academic_title["GS"] <= 8 and 12 <= totals.by_academic_title["PGS"] <= 18
    assert 0.45 <= totals.by_gender["nữ"] / n <= 0.55
    assert 0.35 <= totals.ethnic_minority / n <= 0.45
    assert 0.10 <= totals.out_of_province / n <= 0.15
    assert totals.in_province + totals.out_of_province == n
    largest = sorted(totals.by_sector, key=lambda s: -totals.by_sector[s])[:2]
    assert sorted(largest) == ["EDUCATION", "HEALTH"] and set(totals.by_sector) == set(SECTOR_BY_CODE)
    assert 0.2 <= totals.under_35 / n <= 0.4
    assert 0.6 <= sum(bool(e["email"]) for e in experts) / n <= 0.8
    assert 0.5 <= sum(bool(e["phone"]) for e in experts) / n <= 0.7
    groups = Counter(e["ethnicity"] for e in experts)
    assert {"Thái", "Mông", "Dao", "Hà Nhì", "Giáy", "Khơ Mú", "Lự", "La Hủ"} <= set(groups)


def orcid_is_valid(value: str) -> bool:
    digits = value.replace("-", "")
    total = 0
    for d in digits[:-1]:
        total = (total + int(d)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def test_people_are_plausible(out: Path, experts: Rows) -> None:
    org_province = {r["org_id"]: r["province"] for r in read(out, "organizations")}
    for e in experts:
        birth, degree_year = int(e["birth_year"]), int(e["degree_year"])
        assert 1962 <= birth <= 2001
        assert birth + 20 <= degree_year <= REFERENCE_YEAR
        assert birth + 20 <= int(e["employed_since"]) <= REFERENCE_YEAR
        assert e["gender"] in ("nam", "nữ")
        assert not e["academic_title"] or e["degree"] in ("TS", "TSKH")
        assert not e["orcid"] or orcid_is_valid(e["orcid"])
        assert e["email"].isascii() and (not e["email"] or e["email"].endswith(".example"))
        assert bool(e["district"]) == (org_province[e["org_id"]] == "Lai Châu")
    assert orcid_is_valid("0000-0002-1825-0097")  # the example in the import format


def test_title_prefixes_in_names_agree_with_the_columns(experts: Rows) -> None:
    prefixed = [e for e in experts if PREFIX.fullmatch(e["full_name"].split()[0])]
    assert 5 <= len(prefixed) <= 60
    for e in prefixed:
        match = PREFIX.fullmatch(e["full_name"].split()[0])
        assert match and match.groups("") == (e["academic_title"], e["degree"]), e["full_name"]
    assert any(e["academic_title"] for e in prefixed)


def test_some_different_people_share_a_full_name(experts: Rows) -> None:
    by_name: dict[str, list[dict[str, str]]] = {}
    for e in experts:
        by_name.setdefault(e["full_name"], []).append(e)
    shared = [
        people
        for people in by_name.values()
        if len({p["birth_year"] for p in people}) > 1 and len({p["org_id"] for p in people}) > 1
    ]
    assert len(shared) >= 5


def test_projects_have_one_lead_one_host_and_a_sensible_team(out: Path) -> None:
    members: dict[str, Counter[str]] = {}
    for row in read(out, "project_members"):
        members.setdefault(row["project_code"], Counter())[row["role"]] += 1
    partners: dict[str, Counter[str]] = {}
    for row in read(out, "project_partners"):
        partners.setdefault(row["project_code"], Counter())[row["role"]] += 1
    pattern = re.compile(r"(NV\.QG|ĐTKHCN\.LC|DAKHCN\.LC|CS\.LC)\.\d{4}-\d{2}|B\d{4}-[A-Z0-9]+-\d{2}")
    for p in read(out, "projects"):
        code = p["project_code"]
        assert pattern.fullmatch(code), code
        assert members[code]["lead"] == 1 and members[code]["secretary"] <= 1
        assert 1 <= members[code]["member"] <= 9
        assert partners[code]["host"] == 1 and partners[code]["partner"] <= 3
        start, end = int(p["start_year"]), int(p["end_year"])
        assert 2010 <= start <= end <= REFERENCE_YEAR + 3
        assert p["status"] != "completed" or end < REFERENCE_YEAR
        assert p["status"] != "ongoing" or end >= REFERENCE_YEAR
        assert int(p["budget_million_vnd"]) > 0
    leads = Counter(r["expert_id"] for r in read(out, "project_members") if r["role"] == "lead")
    assert sum(count >= 3 for count in leads.values()) >= 10  # the "stars" of each theme


def test_enterprises_without_research_never_partner(out: Path) -> None:
    loners = {o.org_id for o in build_orgs(SHARED) if o.kind == "enterprise" and not o.research_partner}
    assert loners
    assert not loners & {r["org_id"] for r in read(out, "project_partners")}


def test_publications_are_written_by_project_teams(out: Path) -> None:
    pubs = read(out, "publications")
    authors: dict[str, list[tuple[int, str]]] = {}
    for row in read(out, "publication_authors"):
        authors.setdefault(row["pub_id"], []).append((int(row["position"]), row["expert_id"]))
    teams: dict[str, set[str]] = {}
    for row in read(out, "project_members"):
        teams.setdefault(row["project_code"], set()).add(row["expert_id"])
    together = 0
    for byline in authors.values():
        assert sorted(p for p, _ in byline) == list(range(1, len(byline) + 1)) and len(byline) <= 6
        people = {e for _, e in byline}
        together += len(people) > 1 and any(len(people & team) >= 2 for team in teams.values())
    assert together / len(pubs) >= 0.5
    english = sum(bool(re.match(r"[A-Z][a-z]+ ", p["title"])) and p["title"].isascii() for p in pubs)
    assert 0.12 <= english / len(pubs) <= 0.3
    citations = [int(p["citations"]) for p in pubs]
    assert statistics.median(citations) <= 3 and max(citations) >= 20
    assert min(int(p["year"]) for p in pubs) >= 2010 and max(int(p["year"]) for p in pubs) <= 2025


def without_prefix(name: str) -> list[str]:
    words = name.split()
    return words[1:] if PREFIX.fullmatch(words[0]) else words


def test_noisy_rows_are_retypings_of_their_expert(out: Path, experts: Rows) -> None:
    by_id = {e["expert_id"]: e for e in experts}
    rows = [r for r in read(out, "experts_noisy_duplicates") if r["true_expert_id"]]
    changed = 0
    kinds: Counter[str] = Counter()
    for row in rows:
        true = by_id[row["true_expert_id"]]
        true_words = without_prefix(true["full_name"])
        words = without_prefix(row["full_name"])
        assert ascii_fold(words[0])[0].lower() == ascii_fold(true_words[0])[0].lower(), row
        changed += row["full_name"] != true["full_name"]
        kinds["no_diacritics"] += row["full_name"].isascii() and not true["full_name"].isascii()
        kinds["prefix"] += bool(PREFIX.fullmatch(row["full_name"].split()[0]))
        kinds["abbreviated"] += bool(re.match(r"([A-ZĐ]\. )+", " ".join(words)))
        old = old_tone_marks(" ".join(true_words))
        kinds["old_tones"] += old != " ".join(true_words) and old in row["full_name"]
        if row["birth_year"]:
            kinds["birth_off_by_one"] += abs(int(row["birth_year"]) - int(true["birth_year"])) == 1
        else:
            kinds["birth_missing"] += 1
        kinds["email_kept"] += bool(row["email"]) and row["email"] == true["email"]
    assert changed / len(rows) >= 0.6
    assert len(kinds) == 7 and all(count >= 3 for count in kinds.values()), kinds


def test_hard_negatives_share_a_name_but_not_a_life(out: Path, experts: Rows) -> None:
    rows = [r for r in read(out, "experts_noisy_duplicates") if not r["true_expert_id"]]
    by_name: dict[str, list[dict[str, str]]] = {}
    for e in experts:
        by_name.setdefault(ascii_fold(" ".join(without_prefix(e["full_name"]))).lower(), []).append(e)
    exact = 0
    for row in rows:
        key = ascii_fold(" ".join(without_prefix(row["full_name"]))).lower()
        exact += key in by_name
        for other in by_name.get(key, []):
            same_life = row["birth_year"] and abs(int(row["birth_year"]) - int(other["birth_year"])) <= 1
            assert not (same_life and row["org_id"] == other["org_id"]), row
        assert not row["email"] or row["email"] not in {e["email"] for e in experts}
    assert exact / len(rows) >= 0.6


def test_tasks_have_relevant_experts_and_paraphrase_the_projects(out: Path, experts: Rows) -> None:
    fields = {e["expert_id"]: set(split(e["fields"])) for e in experts}
    titles = [p["title"] for p in read(out, "projects")]
    tasks = read(out, "tasks_eval")
    assert len({t["task_id"] for t in tasks}) == 35
    for task in tasks:
        relevant = split(task["relevant_expert_ids"])
        assert 3 <= len(relevant) <= 20, task["task_id"]
        assert all(fields[e] & set(split(task["fields"])) for e in relevant)
        assert task["sector"] in SECTOR_BY_CODE
        text = f"{task['title']} {task['description']}".lower()
        assert not any(t.lower() in text or task["title"].lower() in t.lower() for t in titles)
    english = [t for t in tasks if re.search(r"\b(the|and|to|for)\b", t["description"])]
    folded = [t for t in tasks if t["description"].isascii() and t not in english]
    assert len(english) >= 3 and len(folded) >= 3


def test_command_line_writes_a_smaller_consistent_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path), "--seed", "7", "--experts", "200"]) == 0
    assert json.loads(capsys.readouterr().out)["experts"] == 200
    for name in (*IMPORT_TABLES, *EVALUATION_FILES, "totals"):
        assert (tmp_path / f"{name}.{'json' if name == 'totals' else 'csv'}").exists()
    check_foreign_keys(tmp_path)
    assert len(read(tmp_path, "experts")) == 200


def test_demo_size_comes_from_demo_experts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.settings import Settings

    assert Settings().demo_experts == 1500  # the size every known total assumes
    monkeypatch.setenv("DEMO_EXPERTS", "2000")
    size = Settings().demo_experts
    totals = generate_demo(tmp_path, SHARED, n_experts=size)
    assert totals.experts == len(read(tmp_path, "experts")) == 2000
    assert (totals.projects, totals.publications) == (400, 1200)  # the rest grows in proportion
    check_foreign_keys(tmp_path)


def test_too_few_experts_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        generate_demo(tmp_path, SHARED, n_experts=20)


def test_theme_catalog_and_bodies_are_consistent(vn_fields: set[str]) -> None:
    districts = {name for _, name in DISTRICTS} | {"*"}
    assert len(THEMES) == 35 and len(THEME_BY_KEY) == 35
    for theme in THEMES:
        prefixes = SECTOR_BY_CODE[theme.sector].field_codes
        assert all(f in vn_fields and f.startswith(prefixes) for f in theme.fields), theme.key
        assert set(theme.places) <= districts and all("{s}" in a for a in theme.activities)
        assert len(theme.topics) >= 4 and theme.request[0] and theme.request[1]
    for org in build_orgs(SHARED):
        assert set(org.sectors) <= set(SECTOR_BY_CODE)
        assert not org.theme or THEME_BY_KEY[org.theme].sector in org.sectors, org.org_id


def test_name_variants() -> None:
    assert old_tone_marks("Nguyễn Thị Hòa, Lê Thủy, Trần Quý, Hoàng Thúy Khỏe") == (
        "Nguyễn Thị Hoà, Lê Thuỷ, Trần Quý, Hoàng Thuý Khoẻ"
    )
    assert old_tone_marks("Hoàng Toán Thuyết") == "Hoàng Toán Thuyết"  # closed syllables keep it
    assert ascii_fold("Đặng Thị Hòa") == "Dang Thi Hoa"
    assert strip_tone("Hướng") == "Hương"
    assert abbreviate(PersonName("Nguyễn", "Văn", "An"), keep_family=False) == "N. V. An"
    assert abbreviate(PersonName("Nguyễn", "Thị Thu", "Hà"), keep_family=True) == "Nguyễn T. T. Hà"
