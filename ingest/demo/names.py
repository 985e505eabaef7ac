"""Vietnamese personal names for the demo: Kinh names and names that fit each ethnic minority group.

Family-name lists per group follow the Lai Châu reference notes (shared/data/laichau/README.md). The
noisy variants at the bottom are the ways another agency re-types a name: without diacritics, with
title prefixes, abbreviated, in old tone-mark style, with a typo.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

Weighted = tuple[tuple[str, ...], tuple[float, ...]]


def _weighted(spec: str) -> Weighted:
    """Parse "Nguyễn:31 Trần:11 Lê" into names and weights (weight 1 when omitted)."""
    names: list[str] = []
    weights: list[float] = []
    for item in spec.split():
        name, _, weight = item.partition(":")
        names.append(name)
        weights.append(float(weight) if weight else 1.0)
    return tuple(names), tuple(weights)


def pick(rng: random.Random, table: Weighted) -> str:
    return rng.choices(table[0], weights=table[1])[0]


KINH_FAMILY = _weighted(
    "Nguyễn:31 Trần:11 Lê:9.5 Phạm:7 Hoàng:5 Vũ:4 Phan:4 Đặng:2 Bùi:2 Đỗ:1.5 Hồ:1.3 Ngô:1.3"
    " Dương:1 Lý:0.5 Đào:1 Đinh:1 Trịnh:1 Lương:0.7 Mai:0.5 Cao:0.5 Tạ:0.4 Hà:0.8 Lại:0.3 Tô:0.3"
    " Kiều:0.3 Quách:0.3 Chu:0.3 Khuất:0.2"
)
KINH_MIDDLE_M = _weighted(
    "Văn:30 Đức:8 Minh:7 Quang:5 Xuân:4 Hữu:5 Công:4 Thanh:4 Mạnh:3 Tiến:3 Ngọc:3 Trọng:3"
    " Anh:2 Duy:3 Việt:2 Đình:4 Bá:2 Huy:2 Quốc:3 Trung:2 Thế:2 Khắc:1"
)
KINH_MIDDLE_F = _weighted(
    "Thị:40 Thu:5 Thanh:4 Minh:3 Ngọc:4 Hồng:3 Phương:3 Kim:2 Thùy:3 Hải:2 Mai:2 Bích:2"
    " Diệu:1 Quỳnh:2 Lan:1 Hoài:1 Khánh:1"
)
KINH_GIVEN_M = _weighted(
    "An Anh:2 Bình Cường Chiến Dũng:2 Duy Đạt Đức:2 Giang Hải:2 Hào Hiếu Hiệp Hòa Hoàng Hùng:2"
    " Hưng:2 Huy:2 Khánh Khoa Kiên Lâm Long:2 Lộc Mạnh Minh:2 Nam:2 Nghĩa Phong Phúc Quang Quân"
    " Quý Sơn:2 Tài Tâm Thắng:2 Thành:2 Thanh Thịnh Toàn Trung:2 Tú Tuấn:2 Tùng Việt Vinh Thọ"
)
KINH_GIVEN_F = _weighted(
    "An Anh:2 Bích Chi Dung:2 Duyên Giang Hà:2 Hằng:2 Hạnh Hiền Hoa:2 Hòa Hồng Huệ Hương:3"
    " Huyền:2 Lan:2 Liên Linh:2 Loan Ly Mai:2 Nga Ngân Ngọc Nhung Oanh Phương:2 Quỳnh Tâm"
    " Thảo:2 Thủy:2 Thúy Trang:2 Uyên Vân Yến Xuân Thanh Thu Thơ Nhàn Tuyết Trà My"
)


@dataclass(frozen=True)
class Group:
    """An ethnic group: how often it appears and how its members are usually named."""

    name: str
    weight: float
    family: Weighted
    middle_m: Weighted
    middle_f: Weighted
    given_m: Weighted
    given_f: Weighted
    kinh_given_share: float  # share of people who carry a common Kinh given name


def _group(name: str, weight: float, fam: str, mid: str, given: str, kinh: float) -> Group:
    mid_m, _, mid_f = mid.partition(" / ")
    giv_m, _, giv_f = given.partition(" / ")
    parts = (_weighted(mid_m), _weighted(mid_f), _weighted(giv_m), _weighted(giv_f))
    return Group(name, weight, _weighted(fam), *parts, kinh)


VT = "Văn / Thị"
MINORITY_GROUPS: tuple[Group, ...] = (
    _group(
        "Thái",
        36,
        "Lò:4 Lường:3 Tòng:2 Quàng:2 Cầm:2 Điêu:1.5 Hoàng Vì:0.8 Mè:0.3",
        VT,
        "Pằn Khăm Xiêng Panh Inh Khiêm Chung Bun Phóng Sương Piêng Thưởng Ọi Chiêm Hặc Thiêm"
        " / Ún Ính Xoan Hom Lả Pâng Bua Ngoan Ỏi Phiêng Lù Ón Xiêm Panh Thoa",
        0.55,
    ),
    _group(
        "Mông",
        25,
        "Giàng:3 Vàng:3 Sùng:2.5 Lầu:2 Thào:2 Hạng:1.5 Lý:1.5 Mùa:1.5 Cứ Hầu:0.7",
        "A:5 Seo Văn:2 / Thị:4 Mí",
        "Páo Chứ Dế Sử Tủa Lử Dơ Chính Sáng Tráng Của Lồng Chơ Vảng Sình Dìn Pó Thề Nhà Sính Lềnh"
        " / Mai Dung Chi Mỷ Pà Súa Dợ Máy Sua Mỉ Say Xúa Dinh Chía Lan Vả Mo",
        0.3,
    ),
    _group(
        "Dao",
        10,
        "Tẩn:3 Chảo:3 Phàn:2.5 Lý:2 Đặng:1.5 Triệu:1.5 Bàn",
        "Văn:3 Láo Seo / Thị:3 Mẩy",
        "Chiêu Phẩy Quẩy Sinh Chòi Kiều Chản Lở Dùn Phù Hin Quyn / Mẩy Nái Tả Xuân Xiêm Dần Sơ Chài",
        0.35,
    ),
    _group(
        "Hà Nhì",
        6,
        "Lỳ:3 Chu:2 Pờ:2 Phu Hù Ly Lò:0.5",
        "Xá:2 Gạ Hừ Văn:2 / Mì:2 Thị:2",
        "Chừ Sè Phạ Gô Xe Chà Dì Lừ Mé / Xá Sè Pu Chà Mé Cò Dè",
        0.25,
    ),
    _group(
        "Giáy",
        6,
        "Hoàng:3 Lù:2 Vương:2 Lò Sần:0.5",
        VT,
        "Sính Dền Thàng Chịu Giáp Sìn / Khé Mai Hồng Sen Thìn",
        0.5,
    ),
    _group("Khơ Mú", 4, "Lò:2 Lường Vì Quàng Cầm Tòng:0.5", VT, "Phấy Chọng Bun Khăm / Ón Phăn", 0.6),
    _group("Lự", 3, "Tao:2 Lò:2 Chẩu Lường Pạ:0.5", VT, "Khăm Ín Xiêng Pặn Phanh / Ỏn Bua Lả", 0.4),
    _group("Tày", 3, "Hoàng:2 Nông:2 Lương Ma Hà", VT, "Thàng Pháng / Slao Nhàn", 0.9),
    _group("Nùng", 1, "Nông:2 Hoàng Vi Lương Triệu", VT, "Slay Pảo / Mỷ Slính", 0.9),
    _group(
        "La Hủ", 1.5, "Chu:2 Lý:2 Mùa Pờ Phùng Vàng", "Văn:2 Già / Thị:2 Mì", "Xe Pò Chè Sừ / Mẩy Na Pù", 0.3
    ),
    _group("Cống", 0.6, "Lò:2 Chang Pạc Lỳ", VT, "Xá Sừ Phạ Dơ / Mai Dệ Xa", 0.4),
    _group("Mảng", 0.6, "Lò:2 Chìn Tao Pạ", VT, "Pằn Súa Chăn / Na Xiên", 0.4),
    _group("Si La", 0.5, "Hù:2 Pờ Lỳ", VT, "Xá Chè Lừ Kế / Mé Pu Xa", 0.4),
)
GROUP_BY_NAME = {g.name: g for g in MINORITY_GROUPS}


@dataclass(frozen=True)
class PersonName:
    family: str
    middle: str  # empty, one word, or two words ("Thị Thu")
    given: str

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.family, self.middle, self.given) if p)


def draw_minority_group(rng: random.Random) -> str:
    return rng.choices(MINORITY_GROUPS, weights=[g.weight for g in MINORITY_GROUPS])[0].name


def draw_name(rng: random.Random, ethnicity: str, female: bool) -> PersonName:
    group = GROUP_BY_NAME.get(ethnicity)
    if group is None:  # Kinh
        middle = pick(rng, KINH_MIDDLE_F if female else KINH_MIDDLE_M)
        if female and middle == "Thị" and rng.random() < 0.15:
            middle = f"Thị {pick(rng, KINH_MIDDLE_F)}".replace("Thị Thị", "Thị Thu")
        given = pick(rng, KINH_GIVEN_F if female else KINH_GIVEN_M)
        return PersonName(pick(rng, KINH_FAMILY), middle, given)
    middle = pick(rng, group.middle_f if female else group.middle_m)
    if rng.random() < group.kinh_given_share:
        given = pick(rng, KINH_GIVEN_F if female else KINH_GIVEN_M)
    else:
        given = pick(rng, group.given_f if female else group.given_m)
    return PersonName(pick(rng, group.family), middle, given)


def ascii_fold(text: str) -> str:
    """Drop every diacritic, keep case: "Đặng Thị Hòa" -> "Dang Thi Hoa"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def email_local(name: PersonName, style: int) -> str:
    """ASCII mailbox name in one of three habits: "annv", "nguyenvanan", "an.nguyenvan"."""
    given = ascii_fold(name.given).lower()
    rest = ascii_fold(f"{name.family} {name.middle}").lower().split()
    if style == 0:
        return given + "".join(w[0] for w in rest)
    if style == 1:
        return "".join(rest) + given
    return f"{given}.{''.join(rest)}"


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def _old_style_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y"), ("O", "a"), ("O", "e"), ("U", "y")):
        for tone in sorted(_TONES):
            new = unicodedata.normalize("NFC", first + tone + second)
            table[new] = unicodedata.normalize("NFC", first + second + tone)
    return table


_OLD_STYLE = _old_style_table()
_OLD_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_OLD_STYLE)) + r")(?![^\W\d_])")


def old_tone_marks(text: str) -> str:
    """Rewrite "Hòa", "Thủy" in the older placement "Hoà", "Thuỷ" (only open syllables change)."""
    return _OLD_RE.sub(lambda m: _OLD_STYLE[m.group(1)], text)


def strip_tone(word: str) -> str:
    """Drop only the tone mark: "Hướng" -> "Hương" (the typing slip most often seen)."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


def abbreviate(name: PersonName, keep_family: bool) -> str:
    """ "N. V. An" or "Nguyễn V. An"."""
    words = f"{name.family} {name.middle}".split()
    initials = [f"{w[0]}." for w in words]
    if keep_family:
        initials[0] = words[0]
    return " ".join([*initials, name.given])


def typo(rng: random.Random, name: PersonName) -> str:
    """One realistic slip in the middle or given name: a lost tone, swapped or doubled letters."""
    words = name.full.split()
    index = rng.randrange(1, len(words))
    word = words[index]
    kind = rng.randrange(3)
    if kind == 0 and strip_tone(word) != word:
        word = strip_tone(word)
    elif kind == 1 and len(word) >= 3:  # swap two letters, never the capital
        j = rng.randrange(1, len(word) - 1)
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    else:
        j = rng.randrange(1, len(word)) if len(word) > 1 else 0
        word = word[: j + 1] + word[j] + word[j + 1 :]
    words[index] = word
    return unicodedata.normalize("NFC", " ".join(words))


def noisy_name(rng: random.Random, name: PersonName, prefix: str) -> tuple[str, tuple[str, ...]]:
    """Re-type a name the way another agency might; returns the text and the kinds of noise."""
    kinds: list[str] = []
    if old_tone_marks(name.full) != name.full and rng.random() < 0.8:
        kinds += ["old_tones", rng.choice(("abbreviated", "prefix", "plain"))]  # keep it visible
    else:
        kinds.append(rng.choice(("no_diacritics", "abbreviated", "typo", "upper", "prefix", "plain")))
    if rng.random() < 0.25:
        kinds.append("prefix")
    text = name.full
    if "abbreviated" in kinds:
        text = abbreviate(name, keep_family=rng.random() < 0.5)
    elif "typo" in kinds:
        text = typo(rng, name)
    if "old_tones" in kinds:
        text = old_tone_marks(text)
    if "no_diacritics" in kinds:
        text = ascii_fold(text)
    if "upper" in kinds:
        text = text.upper()
    if "prefix" in kinds and prefix:
        text = f"{prefix} {text}"
    used = tuple(dict.fromkeys(k for k in kinds if k != "plain" and (k != "prefix" or prefix)))
    return unicodedata.normalize("NFC", text), used
