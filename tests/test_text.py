"""Vietnamese text basics, with the variants users really type."""

from __future__ import annotations

import unicodedata

import pytest

from graph.text import fold, initials_key, normalize, restore_marks, split_titles

DUC_VARIANTS = [
    "Nguyễn Văn Đức",
    "nguyen van duc",
    "NGUYỄN VĂN ĐỨC",
    unicodedata.normalize("NFD", "Nguyễn Văn Đức"),
    "  Nguyễn   Văn Đức ",
]


@pytest.mark.parametrize("variant", DUC_VARIANTS)
def test_every_spelling_of_a_name_folds_to_one_key(variant: str) -> None:
    assert fold(variant) == "nguyen van duc"


@pytest.mark.parametrize(
    ("old", "new"),
    [("Hoà Bình", "Hòa Bình"), ("thuỷ lợi", "thủy lợi"), ("khoẻ", "khỏe"), ("HOÀ", "HÒA"), ("Thuỵ", "Thụy")],
)
def test_old_tone_marks_move_to_the_kept_style(old: str, new: str) -> None:
    assert normalize(old) == new
    assert normalize(new) == new


@pytest.mark.parametrize("word", ["quý", "Quỳnh", "hoàng", "khuya", "thuyền", "hoài"])
def test_tone_marks_elsewhere_stay(word: str) -> None:
    assert normalize(word) == word


def test_normalize_returns_nfc_even_from_nfd_input() -> None:
    nfd = unicodedata.normalize("NFD", "Trường Cao đẳng Lai Châu")
    assert normalize(nfd) == "Trường Cao đẳng Lai Châu"
    assert unicodedata.is_normalized("NFC", normalize(nfd))


def test_fold_maps_d_stroke_which_does_not_decompose() -> None:
    assert fold("Điện Biên – Đà") == "dien bien da"


@pytest.mark.parametrize(
    ("raw", "name", "title", "degree"),
    [
        ("PGS.TS. Nguyễn Văn An", "Nguyễn Văn An", "PGS", "TS"),
        ("GS.TSKH Lê Văn Bình", "Lê Văn Bình", "GS", "TSKH"),
        ("ThS. Lò Thị Ba", "Lò Thị Ba", None, "ThS"),
        ("TS Giàng A Chứ", "Giàng A Chứ", None, "TS"),
        ("BS.CKII Trần Thị Hoà", "Trần Thị Hòa", None, "CKII"),
        ("Nguyễn Thị Thu", "Nguyễn Thị Thu", None, None),
        ("Assoc. Prof. Dr. Tran Van Dung", "Tran Van Dung", "PGS", "TS"),
    ],
)
def test_titles_split_off_names(raw: str, name: str, title: str | None, degree: str | None) -> None:
    parts = split_titles(raw)
    assert (parts.name, parts.title, parts.degree) == (name, title, degree)


def test_initials_key_meets_abbreviated_names() -> None:
    assert initials_key("N. V. An") == initials_key("Nguyễn Văn An") == "n v an"


def test_restore_marks_takes_runs_of_words_from_marked_phrases() -> None:
    phrases = ["Nông nghiệp, lâm nghiệp và thủy sản", "Trồng lúa nước vùng cao", "Lai Châu"]
    assert restore_marks("nong nghiep", phrases) == "nông nghiệp"
    assert restore_marks("Trong lua nuoc o Lai Chau", phrases) == "trồng lúa nước o lai châu"


def test_restore_marks_leaves_single_syllables_marked_text_and_english_alone() -> None:
    phrases = ["Nuôi cá nước lạnh", "Nông nghiệp"]
    assert restore_marks("ca", phrases) == "ca"  # cá, cà or ca: one syllable says too little
    assert restore_marks("nông nghiep", phrases) == "nông nghiep"  # the user typed marks
    assert restore_marks("rice farming", phrases) == "rice farming"
    assert restore_marks("nong nghiep", ["nong nghiep"]) == "nong nghiep"  # nothing marked to take
