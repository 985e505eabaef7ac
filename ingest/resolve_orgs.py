"""Which stored organization an incoming organization row is, if any.

Vietnamese agencies write one body many ways: "Trường ĐH Nông Lâm Thái Nguyên", "Đại học Nông Lâm -
ĐH Thái Nguyên", "Sở KH&CN Lai Châu" / "Sở Khoa học và Công nghệ tỉnh Lai Châu". Names are folded,
abbreviations expanded, a parent body written after " - " or "thuộc" joins the name, and filler words
("trường", "tỉnh", "và") go. The name score then weighs the distinctive words (not "đại học", "viện")
most, so a unit and its parent body ("Đại học Nông Lâm" / "Đại học Thái Nguyên") do not look alike.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from graph.settings import ResolutionSettings
from graph.text import fold, normalize
from ingest.match_score import contribution, rounded, same_value, to_score

# Folded abbreviation -> folded words. "KH&CN" folds to "kh cn", handled as a pair below.
ABBREVIATIONS: dict[str, str] = {
    "dh": "dai hoc",
    "dhqg": "dai hoc quoc gia",
    "cd": "cao dang",
    "hv": "hoc vien",
    "tnhh": "trach nhiem huu han",
    "cp": "co phan",
    "cty": "cong ty",
    "khcn": "khoa hoc cong nghe",
    "kh": "khoa hoc",
    "ubnd": "uy ban nhan dan",
    "bv": "benh vien",
    "bvdk": "benh vien da khoa",
    "tt": "trung tam",
    "tw": "trung uong",
    "qg": "quoc gia",
    "vn": "viet nam",
    "ptnt": "phat trien nong thon",
    "thpt": "trung hoc pho thong",
    "thcs": "trung hoc co so",
    "tp": "thanh pho",
    "nn": "nong nghiep",
}
_PAIRS: dict[tuple[str, str], str] = {("kh", "cn"): "khoa hoc cong nghe", ("kh", "kt"): "khoa hoc ky thuat"}
# Words that say what kind of body it is, not which one: they count little in the name score.
GENERIC = frozenset(
    [
        "dai",
        "hoc",
        "truong",
        "vien",
        "so",
        "cong",
        "ty",
        "trung",
        "tam",
        "benh",
        "hoc",
        "cao",
        "dang",
        "quoc",
        "gia",
        "khoa",
        "cong",
        "nghe",
        "trach",
        "nhiem",
        "huu",
        "han",
        "co",
        "phan",
        "uy",
        "ban",
        "nhan",
        "dan",
        "phong",
        "ban",
        "chi",
        "cuc",
        "hoi",
        "nghien",
        "cuu",
    ]
)
_FILLER = frozenset({"truong", "tinh", "va", "thuoc", "cua", "the", "of", "and"})
_PARENT_SPLIT = re.compile(r"\s+-\s+|\s*,\s*|\s+thuộc\s+", re.IGNORECASE)


def org_words(name: str) -> list[str]:
    """The folded, expanded words of an organization name, its parent body's words after its own."""
    parts = [p for p in _PARENT_SPLIT.split(normalize(name)) if p.strip()]
    words: list[str] = []
    for part in parts:
        tokens = fold(part).split()
        expanded: list[str] = []
        i = 0
        while i < len(tokens):
            pair = _PAIRS.get((tokens[i], tokens[i + 1])) if i + 1 < len(tokens) else None
            if pair:
                expanded += pair.split()
                i += 2
                continue
            expanded += ABBREVIATIONS.get(tokens[i], tokens[i]).split()
            i += 1
        words += [w for w in expanded if w not in _FILLER and w not in words]
    return words


def distinctive(words: Iterable[str]) -> set[str]:
    return {w for w in words if w not in GENERIC and len(w) > 1}


def org_name_similarity(a: list[str], b: list[str]) -> float:
    """0..1: mostly the Jaccard of distinctive words, partly the edit similarity of the whole names."""
    if not a or not b:
        return 0.0
    da, db = distinctive(a), distinctive(b)
    jaccard = len(da & db) / len(da | db) if da | db else 1.0
    whole = fuzz.token_sort_ratio(" ".join(a), " ".join(b)) / 100.0
    return 0.7 * jaccard + 0.3 * whole


@dataclass(frozen=True)
class OrgRecord:
    """What resolution knows of one organization, incoming or stored."""

    id: str | None
    name: str
    short_name: str | None = None
    province: str | None = None
    kind: str | None = None
    words: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, id: str | None, name: str, **values: str | None) -> OrgRecord:
        return cls(id=id, name=name, words=tuple(org_words(name)), **values)


@dataclass(frozen=True)
class OrgMatch:
    candidate: OrgRecord
    score: float
    features: dict[str, float | None]


def _short_key(text: str | None) -> str | None:
    return fold(text).replace(" ", "") if text else None


def score_orgs(a: OrgRecord, b: OrgRecord, s: ResolutionSettings) -> OrgMatch:
    """Score of `a` (incoming) being `b` (stored), 0..1, with the features that made it."""
    name = org_name_similarity(list(a.words), list(b.words))
    short = None
    a_short, b_short = _short_key(a.short_name), _short_key(b.short_name)
    if a_short and b_short:
        short = 1.0 if a_short == b_short else 0.0
    elif (a_short and a_short == "".join(b.words)) or (b_short and b_short == "".join(a.words)):
        short = 1.0
    province = same_value(a.province, b.province)
    kind = same_value(a.kind, b.kind)
    features = {"name": name, "short_name": short, "province": province, "kind": kind}
    points = (
        contribution(name, s.org_name_agree, s.org_name_disagree, s.org_name_center)
        + contribution(short, s.org_short_name_agree, s.org_short_name_disagree)
        + contribution(province, s.org_province_agree, s.org_province_disagree)
        + contribution(kind, s.org_kind_agree, s.org_kind_disagree)
    )
    return OrgMatch(b, to_score(points, s.org_bias), rounded(features))


class OrgIndex:
    """Stored organizations, blocked by distinctive name word and by short name.

    An incoming row is compared only with organizations sharing a rare-enough word, so a batch costs
    about rows x block size, not rows x organizations.
    """

    def __init__(self, records: Iterable[OrgRecord], max_block: int = 2000) -> None:
        self.records: dict[str, OrgRecord] = {}
        self._by_word: dict[str, list[str]] = defaultdict(list)
        self._by_short: dict[str, list[str]] = defaultdict(list)
        self.max_block = max_block
        for record in records:
            self.add(record)

    def add(self, record: OrgRecord) -> None:
        if record.id is None or record.id in self.records:
            return
        self.records[record.id] = record
        for word in distinctive(record.words):
            self._by_word[word].append(record.id)
        if key := _short_key(record.short_name):
            self._by_short[key].append(record.id)

    def candidates(self, record: OrgRecord, limit: int = 50) -> list[OrgRecord]:
        shared: Counter[str] = Counter()
        for word in distinctive(record.words):
            ids = self._by_word.get(word, [])
            if len(ids) <= self.max_block:
                shared.update(ids)
        for key in filter(None, (_short_key(record.short_name), "".join(record.words))):
            shared.update({i: 2 for i in self._by_short.get(key, [])})
        return [self.records[i] for i, _ in shared.most_common(limit)]

    def best(self, record: OrgRecord, s: ResolutionSettings) -> OrgMatch | None:
        matches = [score_orgs(record, c, s) for c in self.candidates(record)]
        return max(matches, key=lambda m: (m.score, m.candidate.id or ""), default=None)


def org_from_values(values: Mapping[str, str | None]) -> OrgRecord:
    return OrgRecord.of(
        values.get("id"),
        values.get("name") or "",
        short_name=values.get("short_name"),
        province=values.get("province"),
        kind=values.get("kind"),
    )
