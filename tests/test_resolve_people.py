"""Person resolution decisions on real name variants: strong keys, fuzzy spellings, namesakes.

Pure scoring, no graph: the import-path tests (test_import_resolution.py) run it against Neo4j.
"""

from __future__ import annotations

import pytest

from graph.settings import ResolutionSettings
from ingest.match_score import name_similarity, name_tokens
from ingest.people_index import PeopleIndex
from ingest.resolve_people import PersonRecord, new_person_id, resolve_person

S = ResolutionSettings()


def person(name: str, id: str | None = None, **values: object) -> PersonRecord:
    return PersonRecord(id=id, name=name, tokens=tuple(name_tokens(name)), **values)  # type: ignore[arg-type]


STORED = person(
    "Nguyễn Văn Hòa",
    "LC-1",
    birth_year=1970,
    gender="M",
    email="hoa@laichau.gov.vn",
    orcid="0000-0002-1825-0097",
    staff_code="CB-0042",
    org_ids=frozenset({"LC-SKHCN"}),
)
INDEX = PeopleIndex([STORED, person("Lò Thị Ba", "LC-2", birth_year=1985, gender="F")])


@pytest.mark.parametrize(
    ("key", "value"),
    [("email", "HOA@laichau.gov.vn "), ("orcid", "0000-0002-1825-0097"), ("staff_code", "cb-0042")],
)
def test_each_strong_key_alone_merges_even_under_another_name(key: str, value: str) -> None:
    decision = resolve_person(person("Hoa Nguyen", **{key: value}), INDEX, S)
    assert (decision.action, decision.candidate_id, decision.reason) == ("merge", "LC-1", key)


def test_strong_keys_pointing_at_two_people_go_to_review() -> None:
    other = person("Nguyễn Văn Hòa", "LC-9", email="hoa2@gmail.com")
    index = PeopleIndex([STORED, other])
    decision = resolve_person(
        person("Nguyễn Văn Hòa", email="hoa2@gmail.com", staff_code="CB-0042"), index, S
    )
    assert decision.action == "review"


@pytest.mark.parametrize(
    "written",
    [
        "Nguyen Van Hoa",  # no diacritics
        "NGUYỄN VĂN HÒA",  # capitals
        "N. V. Hòa",  # initials
        "Nguyễn V. Hoà",  # initial and old tone mark
        "PGS.TS. Nguyễn Văn Hoà",  # titles and old tone mark
        "Nguyễn Văn Hòaa",  # a doubled letter
        "Nguyễn Văn Hòa",  # NFD input
    ],
)
def test_spelling_variants_with_the_same_birth_year_and_employer_merge(written: str) -> None:
    import unicodedata

    incoming = person(unicodedata.normalize("NFD", written), birth_year=1970, org_ids=frozenset({"LC-SKHCN"}))
    decision = resolve_person(incoming, INDEX, S)
    assert (decision.action, decision.candidate_id) == ("merge", "LC-1"), decision


def test_a_birth_year_one_off_still_merges_with_employer_support() -> None:
    incoming = person("Nguyen Van Hoa", birth_year=1971, org_ids=frozenset({"LC-SKHCN"}), gender="M")
    assert resolve_person(incoming, INDEX, S).action == "merge"


def test_a_namesake_born_years_apart_is_never_merged() -> None:
    incoming = person("Nguyễn Văn Hòa", birth_year=1990, org_ids=frozenset({"LB-SYT"}))
    assert resolve_person(incoming, INDEX, S).action == "new"


def test_the_same_name_and_nothing_else_waits_for_a_person() -> None:
    decision = resolve_person(person("Nguyễn Văn Hòa"), INDEX, S)
    assert (decision.action, decision.candidate_id) == ("review", "LC-1")


def test_a_different_orcid_outweighs_a_perfect_name() -> None:
    incoming = person("Nguyễn Văn Hòa", birth_year=1970, orcid="0000-0001-0000-0001")
    assert resolve_person(incoming, INDEX, S).action == "new"


def test_two_equally_likely_people_are_never_chosen_between_silently() -> None:
    twin = person("Nguyễn Văn Hòa", "LC-7", birth_year=1970, gender="M")
    index = PeopleIndex([STORED, twin])
    decision = resolve_person(person("Nguyen Van Hoa", birth_year=1970, gender="M"), index, S)
    assert decision.action == "review"


def test_english_order_and_initials_score_high() -> None:
    assert name_similarity(name_tokens("Wenying Chen"), name_tokens("Chen Wenying")) >= 0.9
    assert name_similarity(name_tokens("P. A. Allen"), name_tokens("Philip A. Allen")) >= 0.9
    assert name_similarity(name_tokens("Trần Văn An"), name_tokens("Nguyễn Văn Bình")) < 0.6


def test_new_ids_are_deterministic_and_ignore_spelling() -> None:
    assert new_person_id("PGS.TS. Nguyễn Văn Hoà", 1970) == new_person_id("Nguyen Van Hoa", 1970)
    assert new_person_id("Nguyen Van Hoa", 1970) != new_person_id("Nguyen Van Hoa", 1971)


def test_a_coauthor_on_the_same_byline_is_never_the_same_person() -> None:
    """OpenAlex lists "Usman Adamu Abubakar" and "Usman Abubakar" (two ORCID iDs) on one work, with
    six co-authors and an institution in common: the byline itself says they are two people."""
    shared = frozenset({"A5001", "A5002", "A5003", "A5004", "A5005", "A5006"})
    context = {"org_ids": frozenset({"I140"}), "topics": frozenset({"reservoir characterization"})}
    stored = person("Usman Abubakar", "A5100", coworkers=shared | {"A5200"}, **context)
    incoming = person("Usman Adamu Abubakar", coworkers=shared | {"A5100"}, **context)
    decision = resolve_person(incoming, PeopleIndex([stored]), S)
    assert decision.action != "merge"
    assert decision.match is not None and decision.match.features["own_coworker"] == 0.0
    # Without the byline tie the same evidence merges, so the rule is what keeps them apart.
    alone = person("Usman Adamu Abubakar", coworkers=shared, **context)
    assert resolve_person(alone, PeopleIndex([stored]), S).action == "merge"


def test_a_rare_name_with_one_shared_coauthor_merges_but_a_rare_name_alone_does_not() -> None:
    """OpenAlex's "Jean-François Ghienne" shares one co-author with his stored profile: with no other
    stored name near his, that is enough. The same evidence for a "Xiaowei Li" when the graph holds
    two of them stays a review item; and a rare name alone never merges."""
    topics = frozenset({"geological formations", "paleoclimate", "glacial landforms"})
    ghienne = person("Jean-François Ghienne", "A5020", coworkers=frozenset({"A1", "A2"}), topics=topics)
    incoming = person(
        "Jean-François Ghienne",
        coworkers=frozenset({"A1", "A9"}),
        topics=frozenset({"paleoclimate", "x", "y"}),
    )
    assert resolve_person(incoming, PeopleIndex([ghienne]), S).action == "merge"
    alone = person("Jean-François Ghienne")
    assert resolve_person(alone, PeopleIndex([ghienne]), S).action == "review"
    li = person("Xiaowei Li", "A5030", coworkers=frozenset({"A1", "A2"}), topics=topics)
    others = [person("Xiaowei Li", "A5040", coworkers=frozenset({"A7"})), person("Xiaoming Li", "A5041")]
    incoming_li = person(
        "Xiaowei Li", coworkers=frozenset({"A1", "A9"}), topics=frozenset({"paleoclimate", "x", "y"})
    )
    assert resolve_person(incoming_li, PeopleIndex([li, *others]), S).action == "review"


def test_two_different_orcids_never_merge_however_alike_the_rest() -> None:
    """Everything else agrees (name, birth year, phone, employer, co-workers): the points outweigh the
    ORCID penalty and the scorer alone would call it sure, so only a person may join two ORCID iDs."""
    context = {
        "birth_year": 1970,
        "phone": "0912 345 678",
        "org_ids": frozenset({"LC-SKHCN"}),
        "coworkers": frozenset({"LC-2", "LC-3"}),
    }
    stored = person("Nguyễn Văn Hòa", "LC-1", orcid="0000-0001-1111-1111", **context)
    incoming = person("Nguyen Van Hoa", orcid="0000-0002-2222-2222", **context)
    decision = resolve_person(incoming, PeopleIndex([stored]), S)
    assert decision.match is not None and decision.match.score >= S.sure_threshold
    assert (decision.action, decision.reason, decision.candidate_id) == ("review", "conflict", "LC-1")
    # The same pair with one ORCID iD unknown merges: the rule fires on two different ids only.
    unknown = person("Nguyen Van Hoa", **context)
    assert resolve_person(unknown, PeopleIndex([stored]), S).action == "merge"


def test_a_citation_form_name_with_shared_coauthors_merges() -> None:
    """OpenAlex writes Tapan Mukerji "T. Mukerji" on a byline with four of his stored co-authors: the
    initials and the co-authors together are sure. One shared co-author and no employer is not."""
    coauthors = frozenset({"A5013827317", "A5024607591", "A5059881838", "A5071165005"})
    stored = person(
        "Tapan Mukerji",
        "A5013088513",
        coworkers=coauthors | {"A5000000001"},
        org_ids=frozenset({"I97018004"}),
    )
    incoming = person("T. Mukerji", coworkers=coauthors | {"A5084495777"})
    decision = resolve_person(incoming, PeopleIndex([stored]), S)
    assert (decision.action, decision.candidate_id) == ("merge", "A5013088513")
    assert decision.match is not None and decision.match.features["initials_support"] == 1.0
    one = person("T. Mukerji", coworkers=frozenset({"A5013827317", "A5084495777"}))
    decision = resolve_person(one, PeopleIndex([stored]), S)
    assert decision.action == "review"
    assert decision.match is not None and decision.match.features["initials_support"] == 0.0
    # Full names are not initials forms: the feature stays out of their score.
    full = resolve_person(person("Tapan Mukerji", coworkers=coauthors), PeopleIndex([stored]), S)
    assert full.match is not None and full.match.features["initials_support"] is None


def test_a_name_four_people_hold_needs_more_than_the_name_and_birth_year() -> None:
    """Fellegi-Sunter's frequency adjustment: "Nguyễn Văn An" held by four stored people makes an
    equal name and birth year likelier chance than when two hold it, so the pair waits for a person;
    with two holders the same pair merges, and the employer still makes the four-holder pair sure."""
    an = person("Nguyễn Văn An", "LC-10", birth_year=1975, org_ids=frozenset({"LC-SNN"}))
    others = [person("Nguyễn Văn An", f"LC-1{i}", birth_year=1950 + i) for i in (1, 2, 3)]
    incoming = person("Nguyen Van An", birth_year=1975)
    decision = resolve_person(incoming, PeopleIndex([an, *others]), S)
    assert (decision.action, decision.candidate_id) == ("review", "LC-10")
    assert decision.match is not None and decision.match.namesakes == 4
    two = resolve_person(incoming, PeopleIndex([an, others[0]]), S)
    assert (two.action, two.candidate_id) == ("merge", "LC-10")
    at_work = person("Nguyen Van An", birth_year=1975, org_ids=frozenset({"LC-SNN"}))
    assert resolve_person(at_work, PeopleIndex([an, *others]), S).action == "merge"
    off = resolve_person(incoming, PeopleIndex([an, *others]), S.model_copy(update={"common_name_scale": 0}))
    assert off.action == "merge"


def test_incoming_rows_with_their_own_orcid_make_a_name_common() -> None:
    """One stored "Jean-François Ghienne" and a shared co-author merge as a rare name; when the same
    import also brings another Ghienne with an ORCID iD nobody stored holds, two people hold the name
    and the pair waits. A row without such a key may be the stored man typed again: it counts for
    nothing, nor does a row whose ORCID iD the stored man holds."""
    stored = person(
        "Jean-François Ghienne", "A5020", coworkers=frozenset({"A1", "A2"}), orcid="0000-0001-1111-1111"
    )
    incoming = person("Jean-François Ghienne", coworkers=frozenset({"A1", "A9"}))
    index = PeopleIndex([stored])
    index.expect(
        [incoming, person("J.-F. Ghienne"), person("Jean-François Ghienne", orcid="0000-0001-1111-1111")]
    )
    assert resolve_person(incoming, index, S).action == "merge"
    index.expect([person("Jean-François Ghienne", orcid="0000-0002-2222-2222")])
    decision = resolve_person(incoming, index, S)
    assert decision.action == "review"
    assert decision.match is not None and decision.match.namesakes == 2


def test_expected_rows_count_once_and_never_the_record_itself() -> None:
    other = person("Lò Văn Pấng", orcid="0000-0003-3333-3333")
    incoming = person("Lo Van Pang", orcid="0000-0004-4444-4444")
    index = PeopleIndex([person("Lò Văn Pấng", "LC-30")])
    index.expect([incoming, other, person("LÒ VĂN PẤNG", orcid="0000-0003-3333-3333")])
    assert index.namesakes(incoming, index.candidates(incoming)) == 2


def test_the_common_name_points_never_turn_a_close_runner_up_into_a_merge() -> None:
    """Three stored "Nguyễn Văn Hòa": the best matches name, birth year and employer; the runner-up
    name, fields and topics (0.86 before the common-name points, 0.80 after). The points lower both
    alike, so the choice between them is still a person's."""
    shared = {"fields": frozenset({"401"}), "topics": frozenset({"lua"}), "gender": "M"}
    best = person("Nguyễn Văn Hòa", "LC-41", birth_year=1970, org_ids=frozenset({"LC-SNN"}), **shared)
    runner_up = person("Nguyễn Văn Hòa", "LC-42", **shared)
    namesake = person("Nguyễn Văn Hòa", "LC-43", birth_year=1950)
    incoming = person("Nguyen Van Hoa", birth_year=1970, org_ids=frozenset({"LC-SNN"}), **shared)
    decision = resolve_person(incoming, PeopleIndex([best, runner_up, namesake]), S)
    assert (decision.action, decision.reason, decision.candidate_id) == ("review", "ambiguous", "LC-41")
