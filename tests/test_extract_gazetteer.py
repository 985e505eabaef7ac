"""The gazetteer tags Vietnamese (with and without diacritics) and English titles with fields."""

from __future__ import annotations

import unicodedata

import pytest

from graph.settings import Settings
from ingest.extract.catalog import FieldCatalog
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.language import detect_language


@pytest.fixture(scope="module")
def catalog() -> FieldCatalog:
    return FieldCatalog.from_shared_data(Settings().shared_data)


@pytest.fixture(scope="module")
def gazetteer(catalog: FieldCatalog) -> Gazetteer:
    return Gazetteer(catalog)


def top(gazetteer: Gazetteer, text: str) -> str:
    found = gazetteer.match(text).fields
    assert found, f"no field for {text!r}"
    return found[0].code


@pytest.mark.parametrize(
    "title",
    [
        "Nghiên cứu kỹ thuật trồng chè Shan tuyết tại huyện Tam Đường",
        "nghien cuu ky thuat trong che shan tuyet tai huyen tam duong",
        "NGHIÊN CỨU KỸ THUẬT TRỒNG CHÈ SHAN TUYẾT TẠI HUYỆN TAM ĐƯỜNG",
        unicodedata.normalize("NFD", "Nghiên cứu kỹ thuật trồng chè Shan tuyết tại huyện Tam Đường"),
        "Tea and cardamom cultivation on the slopes of Lai Chau",
    ],
)
def test_crop_titles_go_to_cultivation_in_every_spelling(gazetteer: Gazetteer, title: str) -> None:
    code = top(gazetteer, title)
    assert gazetteer.catalog.ancestor(code, 2) == "401"  # Trồng trọt


@pytest.mark.parametrize(
    "title", ["Tổng hợp các dẫn xuất trong hoá hữu cơ", "Tổng hợp các dẫn xuất trong hóa hữu cơ"]
)
def test_old_and_new_tone_marks_match_the_same_field(gazetteer: Gazetteer, title: str) -> None:
    assert top(gazetteer, title) == "10401"  # Hoá hữu cơ


def test_level_three_name_beats_its_parents_keyword(gazetteer: Gazetteer) -> None:
    # "vật lý" is a keyword of 103; "vật lý hạt nhân" is the longer, level-3 name 10304.
    found = gazetteer.match("Mô phỏng phản ứng trong vật lý hạt nhân năng lượng thấp").fields
    assert found[0].code == "10304"
    assert "103" not in [f.code for f in found]


def test_longest_match_wins_over_its_parts(gazetteer: Gazetteer) -> None:
    # "công nghệ sinh học môi trường" (208) contains "công nghệ sinh học" (10616) and "môi trường".
    found = gazetteer.match("Ứng dụng công nghệ sinh học môi trường xử lý bùn thải").fields
    assert found[0].code.startswith("208")


def test_text_with_marks_does_not_match_a_folded_look_alike(gazetteer: Gazetteer) -> None:
    # "che phủ" (to cover) folds like "chè" (tea); with diacritics present only exact forms count.
    found = gazetteer.match("Đánh giá độ che phủ của thảm thực vật").fields
    assert all(gazetteer.catalog.ancestor(f.code, 2) != "401" for f in found)


def test_english_fos_names_and_keywords_match(gazetteer: Gazetteer) -> None:
    vet = top(gazetteer, "A survey of veterinary practice in the highlands")
    assert gazetteer.catalog.ancestor(vet, 2) == "403"
    assert top(gazetteer, "Advances in political science") == "506"


def test_confidences_are_shares_of_the_evidence(gazetteer: Gazetteer) -> None:
    found = gazetteer.match("Giáo dục học sinh về bảo vệ rừng").fields
    assert {gazetteer.catalog.ancestor(f.code, 2) for f in found} == {"503", "404"}
    assert sum(f.confidence for f in found) == pytest.approx(1.0, abs=0.01)


def test_keywords_found_are_topics(gazetteer: Gazetteer) -> None:
    assert "chè" in gazetteer.match("Chế biến chè xanh").keywords
    assert "chè" in gazetteer.match("che bien che xanh").keywords


def test_a_title_with_no_field_words_gets_nothing(gazetteer: Gazetteer) -> None:
    assert gazetteer.match("Fractionation of grain size in terrestrial sediment routing systems").fields == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nghiên cứu trồng chè", "vi"),
        ("nghien cuu giai phap phat trien du lich cong dong", "vi"),
        ("Tea cultivation in the highlands", "en"),
        ("Community-based tourism in Lai Châu province", "en"),
    ],
)
def test_language_heuristic(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_name_half_shared_by_several_branches_names_none_of_them(gazetteer: Gazetteer) -> None:
    # "quản lý" halves "Quản lý và khai thác thủy sản", "Quản lý và bảo vệ rừng" and "Kinh doanh và
    # quản lý"; "bảo quản" halves the three "Bảo quản và chế biến ..." fields.
    found = {f.code for f in gazetteer.match("Quản lý dịch bệnh và bảo quản sau thu hoạch").fields}
    assert not found & {"40507", "40402", "40107", "40407", "40508"}
