"""Organization resolution on the ways agencies write one body's name."""

from __future__ import annotations

import pytest

from graph.settings import ResolutionSettings
from ingest.resolve_orgs import OrgIndex, OrgRecord, org_words

S = ResolutionSettings()
STORED = [
    OrgRecord.of("TNU-NL", "Đại học Nông Lâm - ĐH Thái Nguyên", province="Thái Nguyên", kind="university"),
    OrgRecord.of("TNU", "Đại học Thái Nguyên", short_name="TNU", province="Thái Nguyên", kind="university"),
    OrgRecord.of("LC-SKHCN", "Sở Khoa học và Công nghệ tỉnh Lai Châu", province="Lai Châu"),
    OrgRecord.of("LC-SYT", "Sở Y tế tỉnh Lai Châu", province="Lai Châu"),
    OrgRecord.of("LC-CHE", "Công ty TNHH Chè Tam Đường", province="Lai Châu", kind="enterprise"),
]
INDEX = OrgIndex(STORED)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Trường ĐH Nông Lâm Thái Nguyên", "TNU-NL"),
        ("Truong Dai hoc Nong Lam - DH Thai Nguyen", "TNU-NL"),
        ("Sở KH&CN Lai Châu", "LC-SKHCN"),
        ("Cty trách nhiệm hữu hạn chè Tam Đường", "LC-CHE"),
    ],
)
def test_abbreviations_and_parent_suffixes_meet_the_stored_name(written: str, expected: str) -> None:
    match = INDEX.best(OrgRecord.of(None, written), S)
    assert match is not None and match.candidate.id == expected
    assert match.score >= S.org_sure_threshold, match


def test_a_unit_is_not_its_parent_body() -> None:
    match = INDEX.best(OrgRecord.of(None, "Đại học Thái Nguyên", short_name="TNU"), S)
    assert match is not None and match.candidate.id == "TNU"
    assert org_words("Đại học Nông Lâm - ĐH Thái Nguyên") != org_words("Đại học Thái Nguyên")


def test_another_department_of_the_same_province_is_not_merged() -> None:
    match = INDEX.best(OrgRecord.of(None, "Sở Tài chính Lai Châu", province="Lai Châu"), S)
    assert match is None or match.score < S.org_review_threshold


def test_the_same_name_in_another_province_waits_for_review() -> None:
    match = INDEX.best(OrgRecord.of(None, "Sở Y tế", province="Điện Biên"), S)
    assert match is not None and match.score < S.org_sure_threshold
