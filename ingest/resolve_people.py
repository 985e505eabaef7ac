"""Which stored expert an incoming person is, if any: strong keys first, then a scored match.

Strong keys (email, ORCID iD, staff code) are exact after normalization and decide alone, unless two
of them point at different people. Otherwise candidates come from name blocks and each is scored on
name, birth year, employer, fields, topics, co-workers and a few contact details (see
`graph.settings.ResolutionSettings` for the weights and why). A name alone never makes a sure match,
not even a rare one, and a name many people hold counts for less (`ingest.people_index` counts
them); a stored person on the incoming record's own byline is never the match; two records carrying
different ORCID iDs (or staff codes) never merge without a person's say.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from graph.settings import ResolutionSettings
from graph.text import fold
from ingest.match_score import (
    contribution,
    initials_form,
    name_similarity,
    name_tokens,
    overlap,
    rounded,
    same_value,
    to_score,
    year_agreement,
)
from ingest.resolve_orgs import org_name_similarity

if TYPE_CHECKING:  # people_index imports this module for PersonRecord
    from ingest.people_index import PeopleIndex

Action = Literal["merge", "review", "new"]
STRONG_KEYS = ("email", "orcid", "staff_code")


@dataclass(frozen=True)
class PersonRecord:
    """What resolution knows of one person, incoming or stored. Sets hold folded values."""

    id: str | None
    name: str
    tokens: tuple[str, ...]
    birth_year: int | None = None
    gender: str | None = None
    ethnicity: str | None = None
    district: str | None = None
    email: str | None = None
    phone: str | None = None
    orcid: str | None = None
    staff_code: str | None = None
    org_ids: frozenset[str] = frozenset()
    org_names: tuple[tuple[str, ...], ...] = ()  # employers' names as organization words
    fields: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    coworkers: frozenset[str] = frozenset()
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def strong(self, key: str) -> str | None:
        value: str | None = getattr(self, key)
        if not value:
            return None
        return value.strip().lower() if key == "email" else fold(value).replace(" ", "")


def field_prefixes(codes: Iterable[str]) -> frozenset[str]:
    """Field codes compared at level 2 (first three digits): "40101" and "40102" are neighbours."""
    return frozenset(code[:3] for code in codes if code)


def digits(phone: str | None) -> str | None:
    """The last nine digits, so "+84 912 345 678" and "0912345678" agree."""
    if not phone:
        return None
    found = "".join(ch for ch in phone if ch.isdigit())
    return found[-9:] if len(found) >= 9 else None


def new_person_id(name: str, birth_year: int | None) -> str:
    """A deterministic id for a person first seen without one: the same row gets the same id again."""
    seed = f"{' '.join(name_tokens(name))}|{birth_year or ''}"
    return "EXP-" + hashlib.blake2b(seed.encode(), digest_size=5).hexdigest().upper()


def block_keys(tokens: tuple[str, ...]) -> set[str]:
    """Name blocks: initials + last word ("n v an"), first initial + last word ("n an": a middle
    name missing), initials + the last word's first letter ("n v a": a slip in the given name), and
    the same for the reversed order (English-style "Wenying Chen" / "Chen Wenying")."""
    keys: set[str] = set()
    for words in (tokens, tokens[::-1]):
        if not words:
            continue
        initials = " ".join(w[0] for w in words[:-1])
        keys.add(f"i:{initials} {words[-1]}")
        keys.add(f"e:{words[0][0]} {words[-1]}")
        keys.add(f"g:{initials} {words[-1][0]}")
    return keys


@dataclass(frozen=True)
class PersonMatch:
    candidate: PersonRecord
    score: float
    features: dict[str, float | None]
    namesakes: int | None = None  # people holding a name near the incoming one, when counted


@dataclass(frozen=True)
class Decision:
    action: Action
    match: PersonMatch | None
    reason: str  # "email", "orcid", "staff_code", "score", "ambiguous", "conflict" or "no candidate"

    @property
    def candidate_id(self) -> str | None:
        return self.match.candidate.id if self.match else None


def _org_feature(a: PersonRecord, b: PersonRecord) -> float | None:
    if a.org_ids and b.org_ids and a.org_ids & b.org_ids:
        return 1.0
    if a.org_names and b.org_names:
        return max(org_name_similarity(list(x), list(y)) for x in a.org_names for y in b.org_names)
    if a.org_ids and b.org_ids:
        return 0.0
    return None


def _coworker_feature(a: PersonRecord, b: PersonRecord) -> float | None:
    """0 with no co-worker in common; one shared co-worker already speaks for the pair."""
    if not a.coworkers or not b.coworkers:
        return None
    shared = len(a.coworkers & b.coworkers)
    return 0.0 if shared == 0 else min(1.0, 0.7 + 0.15 * shared)


def _byline_feature(a: PersonRecord, b: PersonRecord) -> float | None:
    """0 when one is listed among the other's co-workers: two names on one byline are two people.
    None otherwise (nothing known either way)."""
    if (b.id and b.id in a.coworkers) or (a.id and a.id in b.coworkers):
        return 0.0
    return None


def _initials_support(a: PersonRecord, b: PersonRecord) -> float | None:
    """1 when one name is the other's initials form ("Y. Hu" / "Yazhou Hu") and the pair shares two
    or more co-workers, or one co-worker and an employer id; None when the names are not initials forms.

    Citation-form names are how bylines write people; there the co-workers, not the name, say who it
    is, and a weak name score (0.92) alone would leave such pairs unsure however strong the rest."""
    if not initials_form(list(a.tokens), list(b.tokens)):
        return None
    shared = len(a.coworkers & b.coworkers)
    same_org = bool(a.org_ids & b.org_ids)
    return 1.0 if shared >= 2 or (shared >= 1 and same_org) else 0.0


def _unique_id_feature(a: PersonRecord, b: PersonRecord) -> float | None:
    known = [(a.strong(k), b.strong(k)) for k in ("orcid", "staff_code")]
    pairs = [(x, y) for x, y in known if x and y]
    if not pairs:
        return None
    return 1.0 if all(x == y for x, y in pairs) else 0.0


def common_name_points(namesakes: int | None, name: float, s: ResolutionSettings) -> float:
    """Points an agreeing name loses when three or more people hold it: ln(namesakes / 2) times
    `common_name_scale`. Fellegi-Sunter's frequency adjustment: chance agreement on a name grows with
    the number of its holders, so a name held by six is worth ln 3 (1.1 points) less than one held
    by two."""
    if namesakes is None or namesakes <= 2 or name < 0.9:
        return 0.0
    return s.common_name_scale * math.log(namesakes / 2)


def _without_common_name(match: PersonMatch, s: ResolutionSettings) -> float:
    """The match's score before its common-name points."""
    points = common_name_points(match.namesakes, match.features["name"] or 0.0, s)
    if points == 0.0 or not 0.0 < match.score < 1.0:
        return match.score
    return to_score(math.log(match.score / (1 - match.score)) + points, 0.0)


def score_people(
    a: PersonRecord, b: PersonRecord, s: ResolutionSettings, namesakes: int | None = None
) -> PersonMatch:
    """How likely `a` (incoming) is `b` (stored): 0..1, with every feature that went into it.

    `namesakes`: how many people hold a name near `a`'s (similarity >= 0.9; `PeopleIndex.namesakes`).
    When `b` is the only one, the name is rare, and its agreement is worth more; when three or more
    do, it is worth less (Fellegi-Sunter's frequency adjustment: agreement on a name is the likelier
    to be chance the more people hold it)."""
    email = None
    if a.strong("email") and b.strong("email"):
        email = 1.0 if a.strong("email") == b.strong("email") else 0.0
    phone_a, phone_b = digits(a.phone), digits(b.phone)
    phone = None if not (phone_a and phone_b) else float(phone_a == phone_b)
    features: dict[str, float | None] = {
        "name": (name := name_similarity(list(a.tokens), list(b.tokens))),
        "birth_year": year_agreement(a.birth_year, b.birth_year),
        "organization": _org_feature(a, b),
        "fields": overlap(a.fields, b.fields),
        "topics": overlap(a.topics, b.topics),
        "coworkers": _coworker_feature(a, b),
        "gender": same_value(a.gender, b.gender),
        "ethnicity": same_value(a.ethnicity, b.ethnicity),
        "district": same_value(a.district, b.district),
        "phone": phone,
        "email": email,
        "orcid_or_staff_code": _unique_id_feature(a, b),
        "own_coworker": _byline_feature(a, b),
        "rare_name": None if namesakes is None else float(namesakes == 1 and name >= 0.9),
        "initials_support": _initials_support(a, b),
    }
    f = features
    points = (
        contribution(f["name"], s.name_agree, s.name_disagree, s.name_center)
        + contribution(f["birth_year"], s.birth_year_agree, s.birth_year_disagree)
        + contribution(f["organization"], s.organization_agree, s.organization_disagree)
        + contribution(f["fields"], s.fields_agree, s.fields_disagree)
        + contribution(f["topics"], s.topics_agree, s.topics_disagree)
        + contribution(f["coworkers"], s.coworkers_agree, s.coworkers_disagree)
        + contribution(f["gender"], s.gender_agree, s.gender_disagree)
        + contribution(f["ethnicity"], s.ethnicity_agree, s.ethnicity_disagree)
        + contribution(f["district"], s.district_agree, s.district_disagree)
        + contribution(f["phone"], s.phone_agree, s.phone_disagree)
        + contribution(f["email"], 0.0, s.email_disagree)
        + contribution(f["orcid_or_staff_code"], 0.0, s.unique_id_disagree)
        + contribution(f["own_coworker"], 0.0, s.own_coworker_disagree)
        + (s.rare_name_agree if f["rare_name"] == 1.0 else 0.0)
        - common_name_points(namesakes, name, s)
        + (s.initials_support_agree if f["initials_support"] == 1.0 else 0.0)
    )
    return PersonMatch(b, to_score(points, s.bias), rounded(features), namesakes)


def resolve_person(record: PersonRecord, index: PeopleIndex, s: ResolutionSettings) -> Decision:
    """Merge into a stored person, send the pair to review, or make a new person."""
    strong = index.by_strong_key(record)
    if strong:
        ids = set(strong.values())
        scored = [score_people(record, index.records[i], s) for i in sorted(ids)]
        best = max(scored, key=lambda m: m.score)
        if len(ids) == 1 and best.features["orcid_or_staff_code"] != 0.0:
            features = {**best.features, **{k: 1.0 for k in strong}}
            return Decision("merge", PersonMatch(best.candidate, 1.0, features), next(iter(strong)))
        return Decision("review", best, "conflict")
    candidates = index.candidates(record)
    # How many people hold a name near this one: one (the candidate) means a rare name, three or
    # more a common one (see `score_people`).
    near = index.namesakes(record, candidates)
    scored = sorted(
        (score_people(record, c, s, near) for c in candidates),
        key=lambda m: (-m.score, m.candidate.id or ""),
    )
    if not scored or scored[0].score < s.review_threshold:
        return Decision("new", scored[0] if scored else None, "no candidate")
    best = scored[0]
    if best.score >= s.sure_threshold and best.features["orcid_or_staff_code"] == 0.0:
        # Each side carries its own ORCID iD or staff code, and they differ: however alike the rest
        # (one person with two ORCID iDs happens), only a person may join them.
        return Decision("review", best, "conflict")
    if best.score >= s.sure_threshold:
        # Two people nearly as likely: a person must choose, never the loader.
        # The common-name points lower every holder of the name alike: they say how likely any
        # holder is this record, not which one, so the runner-up is judged without them.
        if len(scored) > 1 and _without_common_name(scored[1], s) >= s.sure_threshold - 0.05:
            return Decision("review", best, "ambiguous")
        return Decision("merge", best, "score")
    return Decision("review", best, "score")
