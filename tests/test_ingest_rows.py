"""Row models: every cell normalized or refused with a reason in plain words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from pydantic import ValidationError

from graph.errors import RowError
from ingest import cells
from ingest.columns import Kind
from ingest.rows import (
    ExpertRow,
    OrganizationRow,
    ProjectRow,
    PublicationRow,
    parse_row,
    row_errors,
)


def _errors(kind: Kind, raw: Mapping[str, str | None], **context: Any) -> dict[str, RowError]:
    with pytest.raises(ValidationError) as info:
        parse_row(kind, raw, context)
    return {e.field: e for e in row_errors(info.value, raw, file="f.csv", row=7)}


def _expert(**cells_: str) -> ExpertRow:
    row = parse_row(Kind.EXPERTS, {"expert_id": "LC-1", "full_name": "Lò Văn A", **cells_})
    assert isinstance(row, ExpertRow)
    return row


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("orcid.org/0000000218250097", "0000-0002-1825-0097"),
        ("0000-0002-9079-593x", "0000-0002-9079-593X"),  # check digit X
    ],
)
def test_orcid_is_stored_bare(given: str, stored: str) -> None:
    assert _expert(orcid=given).orcid == stored


@pytest.mark.parametrize("given", ["0000-0002-1825-0098", "0000-0002-1825", "orcid"])
def test_a_bad_orcid_is_refused(given: str) -> None:
    errors = _errors(Kind.EXPERTS, {"expert_id": "LC-1", "full_name": "A", "orcid": given})
    assert "ORCID" in errors["orcid"].reason


@pytest.mark.parametrize(
    ("given", "stored"),
    [("nam", "M"), ("Nam", "M"), ("nữ", "F"), ("NỮ", "F"), ("nu", "F"), ("M", "M"), ("female", "F")],
)
def test_gender(given: str, stored: str) -> None:
    assert _expert(gender=given).gender == stored


@pytest.mark.parametrize(
    ("given", "value"),
    [
        ("1200", 1200.0),
        ("1200,5", 1200.5),
        ("1200.5", 1200.5),
        ("1.200,5", 1200.5),
        ("1,200.5", 1200.5),
        ("1.200.000", 1200000.0),
        ("1,200,000", 1200000.0),
        ("0.250", 0.25),
        ("1.2340", 1.234),
        ("1 200", 1200.0),
        ("2019.0", 2019.0),
    ],
)
def test_numbers_the_vietnamese_and_the_english_way(given: str, value: float) -> None:
    assert cells.decimal(given) == value


@pytest.mark.parametrize("given", ["1.200", "12,500", "abc", "1,2,3", "-5", "1.2.3,4,5"])
def test_ambiguous_or_malformed_numbers_are_refused(given: str) -> None:
    raw = {"project_code": "P", "title": "T", "budget_million_vnd": given}
    reason = _errors(Kind.PROJECTS, raw)["budget_million_vnd"].reason
    assert reason.startswith("is ambiguous") if given in ("1.200", "12,500") else "number" in reason


def test_years_accept_number_cells_and_dates_and_refuse_the_absurd() -> None:
    row = parse_row(Kind.PROJECTS, {"project_code": "P", "title": "T", "start_year": "2019.0"})
    assert isinstance(row, ProjectRow) and row.start_year == 2019
    assert cells.year("2021-03-15") == 2021
    raw = {"project_code": "P", "title": "T", "start_year": "1850", "end_year": "năm ngoái"}
    errors = _errors(Kind.PROJECTS, raw)
    assert errors["start_year"].reason == "is not a year between 1900 and 2100"
    assert errors["end_year"].reason == "is not a year"


def test_end_year_before_start_year_is_refused() -> None:
    raw = {"project_code": "P", "title": "T", "start_year": "2022", "end_year": "2020"}
    assert _errors(Kind.PROJECTS, raw)["end_year"].reason == "is before start_year 2022"


def test_birth_year_must_be_plausible_for_an_expert() -> None:
    assert _expert(birth_year="1975").birth_year == 1975
    errors = _errors(Kind.EXPERTS, {"expert_id": "X", "full_name": "A", "birth_year": "2020"})
    assert errors["birth_year"].reason.startswith("is not a year between 1930 and")


def test_email_is_lowercased_and_checked() -> None:
    assert _expert(email=" An.Nguyen@LaiChau.gov.VN ").email == "an.nguyen@laichau.gov.vn"
    errors = _errors(Kind.EXPERTS, {"expert_id": "X", "full_name": "A", "email": "an@"})
    assert errors["email"].reason == "is not an email address"
    assert errors["email"].value == "an@"
    assert str(errors["email"]) == "f.csv, row 7, field \"email\": 'an@' is not an email address"


def test_titles_come_from_the_name_unless_a_column_gives_them() -> None:
    row = _expert(full_name="PGS.TS. Nguyễn Văn Hoà")
    assert (row.name, row.academic_title, row.degree) == ("Nguyễn Văn Hòa", "PGS", "TS")
    row = _expert(full_name="Lò Thị Ba", academic_title="Phó giáo sư", degree="Tiến sĩ")
    assert (row.name, row.academic_title, row.degree) == ("Lò Thị Ba", "PGS", "TS")
    assert _expert(full_name="TS. Lò Thị Ba", degree="TS").degree == "TS"


def test_a_title_column_that_disagrees_with_the_name_is_refused() -> None:
    raw = {"expert_id": "X", "full_name": "ThS. Lò Thị Ba", "degree": "TS"}
    error = _errors(Kind.EXPERTS, raw)["degree"]
    assert error.reason == "disagrees with ThS, written before the name in full_name"
    assert error.value == "TS"


@pytest.mark.parametrize(
    ("kind", "column", "given", "code"),
    [
        (Kind.PROJECT_MEMBERS, "role", "chủ nhiệm", "lead"),
        (Kind.PROJECT_MEMBERS, "role", "Thư ký", "secretary"),
        (Kind.PROJECT_PARTNERS, "role", "chủ trì", "host"),
        (Kind.PROJECT_PARTNERS, "role", "Phối hợp", "partner"),
        (Kind.PROJECTS, "level", "cấp tỉnh", "provincial"),
        (Kind.PROJECTS, "level", "co_so", "grassroots"),
        (Kind.PROJECTS, "kind", "dự án", "project"),
        (Kind.PROJECTS, "status", "đang thực hiện", "ongoing"),
        (Kind.ORGANIZATIONS, "kind", "Trường Đại học", "university"),
        (Kind.ORGANIZATIONS, "kind", "research institute", "research_institute"),
        (Kind.EXPERTS, "sector", "y tế", "HEALTH"),
        (Kind.EXPERTS, "sector", "Nông nghiệp và lâm nghiệp", "AGRI_FOREST"),
        (Kind.EXPERTS, "sector", "digital", "DIGITAL"),
    ],
)
def test_codes_accept_english_and_vietnamese(kind: Kind, column: str, given: str, code: str) -> None:
    base = {
        Kind.PROJECT_MEMBERS: {"project_code": "P", "expert_id": "E", "role": "member"},
        Kind.PROJECT_PARTNERS: {"project_code": "P", "org_id": "O", "role": "host"},
        Kind.PROJECTS: {"project_code": "P", "title": "T"},
        Kind.ORGANIZATIONS: {"org_id": "O", "name": "N", "kind": "other"},
        Kind.EXPERTS: {"expert_id": "E", "full_name": "A"},
    }[kind]
    assert getattr(parse_row(kind, {**base, column: given}), column) == code


def test_an_unknown_code_lists_the_allowed_ones() -> None:
    raw = {"project_code": "P", "expert_id": "E", "role": "boss"}
    assert _errors(Kind.PROJECT_MEMBERS, raw)["role"].reason == ("is not one of: lead, secretary, member")


def test_required_cells() -> None:
    errors = _errors(Kind.ORGANIZATIONS, {"org_id": "", "name": "  ", "kind": None})
    assert {f: e.reason for f, e in errors.items()} == {
        "org_id": "is required",
        "name": "is required",
        "kind": "is required",
    }


def test_fields_are_split_deduplicated_and_checked_against_the_taxonomy() -> None:
    raw = {"expert_id": "X", "full_name": "A", "fields": "40101; 401|401"}
    row = parse_row(Kind.EXPERTS, raw, {"known_field_codes": {"401", "40101"}})
    assert isinstance(row, ExpertRow) and row.fields == ["40101", "401"]
    unknown = _errors(Kind.EXPERTS, {**raw, "fields": "401; 777"}, known_field_codes={"401"})
    assert unknown["fields"].reason == "holds unknown field code(s) 777"
    malformed = _errors(Kind.EXPERTS, {**raw, "fields": "4a"}, known_field_codes=None)
    assert "not a field code" in malformed["fields"].reason
    assert (
        "run `python -m ingest reference`"
        in _errors(Kind.EXPERTS, raw, known_field_codes=set())["fields"].reason
    )


def test_topics_are_normalized_and_one_keyword_counts_once() -> None:
    row = _expert(topics="sâm Lai Châu| Sâm lai châu ; chè  Shan tuyết;;")
    assert row.topics == ["sâm Lai Châu", "chè Shan tuyết"]


def test_text_is_normalized() -> None:
    row = _expert(full_name="  Nguye\u0302\u0303n   Văn Hoà ", ethnicity="Thái")
    assert row.name == "Nguyễn Văn Hòa"


def test_phone_gets_back_the_zero_a_spreadsheet_dropped() -> None:
    assert _expert(phone="912345678").phone == "0912345678"
    assert _expert(phone="0213 3876 543").phone == "0213 3876 543"


def test_doi_country_and_parent() -> None:
    raw = {"pub_id": "W1", "title": "T", "doi": "https://doi.org/10.1234/AbC"}
    publication = parse_row(Kind.PUBLICATIONS, raw)
    assert isinstance(publication, PublicationRow) and publication.doi == "10.1234/abc"
    raw = {"org_id": "O", "name": "N", "kind": "hội", "country": "Việt Nam"}
    organization = parse_row(Kind.ORGANIZATIONS, raw)
    assert isinstance(organization, OrganizationRow) and organization.country == "VN"
    errors = _errors(Kind.ORGANIZATIONS, {**raw, "parent_org_id": "O"})
    assert errors["parent_org_id"].reason == "is the organization itself"
