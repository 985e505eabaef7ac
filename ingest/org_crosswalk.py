"""Is an organization of one data source (CORDIS, by PIC) the same as one of another (OpenAlex, by
ROR)? The two write one university differently: "UNIVERSITAET STUTTGART" / "University of Stuttgart",
"KATHOLIEKE UNIVERSITEIT LEUVEN" / "KU Leuven", "Sorbonne Université" / "SORBONNE UNIVERSITE".

Names are reduced to a language-free word set: folded (diacritics, case), German transliterations
undone on both sides ("zuerich" and "zürich" give "zurich"), the kind words of the main European
languages mapped to one English word ("universität", "universidad", "uniwersytet" → "university"),
and legal forms ("GmbH", "S.p.A.", "Ltd") and connecting words ("of", "de", "für") dropped, so word
order ("University of X" / "X University") no longer matters. The distinctive words (what is left
once the kind words go) then say *which* body it is, the kind words *what kind*.

A sure match needs the same country and the same word set; a review item, the same country and half
the distinctive words in common or an acronym of one matching the other. Two bodies of one city
("Technical University of Munich" / "Ludwig Maximilian University of Munich") share only the city,
and stay apart. Different countries never match.

City names are written in English by one source and locally by the other ("Ghent" / "GENT"): a
small exonym table (`ingest.city_exonyms`) maps both to the local name. Where one side knows its
city (CORDIS does) and the other's name holds it, or both know the same city, the city agrees; that
is evidence for a review item, never a sure match on its own: one city seats several bodies of one
kind whose names share words ("University of Milan" / "UNIVERSITA DEGLI STUDI DI MILANO-BICOCCA").
With it, a name whose distinctive words are all in the other's, with the same kind words ("University
of Urbino" / "UNIVERSITA DEGLI STUDI DI URBINO CARLO BO"), or one distinctive word shared besides the
city ("GEOMAR Helmholtz Centre for Ocean Research Kiel" / "HELMHOLTZ-ZENTRUM FUR OZEANFORSCHUNG
KIEL"), goes to review. Among several review candidates, the one with more agreeing evidence (city,
kind words) is proposed first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from graph.text import fold
from ingest.city_exonyms import CITY_EXONYMS

CrossAction = Literal["merge", "review", "new"]


def _w(text: str) -> list[str]:
    return text.split()


# Kind words in English, German, French, Spanish, Italian, Portuguese, Dutch, Nordic and Slavic
# languages, folded, each mapped to one English word.
KIND_WORDS: dict[str, str] = {
    **dict.fromkeys(
        _w(
            "university universitaet universitat universite universidad universita universiteit "
            "universitet universidade uniwersytet univerzita univerza univerzitet universitatea "
            "yliopisto egyetem univ universitetet universitesi universitas universiti"
        ),
        "university",
    ),
    **dict.fromkeys(
        _w("institute institut instituto istituto instytut institutet instituut inst"), "institute"
    ),
    **dict.fromkeys(
        _w(
            "technical technische technisch technological technology technologie technologies "
            "technologique tecnica tecnico tecnologia tecnologico tecnologica tekniska teknologi "
            "technicka technologii technion tech tecnicas tecnicos"
        ),
        "technology",
    ),
    **dict.fromkeys(
        _w("polytechnic polytechnique politecnico politecnica politechnika polytechnical"),
        "polytechnic",
    ),
    **dict.fromkeys(
        _w(
            "research recherche recherches ricerca ricerche forschung investigacion investigaciones "
            "investigacao onderzoek"
        ),
        "research",
    ),
    **dict.fromkeys(_w("center centre centro zentrum centrum centar"), "centre"),
    **dict.fromkeys(_w("national nationale nacional nazionale narodowy nationaal narodni"), "national"),
    **dict.fromkeys(
        _w(
            "science sciences scientific wissenschaften wissenschaft ciencias ciencia scienze "
            "scientifique scientifica wetenschappen cientificas cientificos"
        ),
        "science",
    ),
    **dict.fromkeys(_w("college colegio collegio kolleg"), "college"),
    **dict.fromkeys(_w("hospital hopital ospedale krankenhaus ziekenhuis klinikum"), "hospital"),
    **dict.fromkeys(_w("school schule ecole escuela scuola hochschule"), "school"),
    **dict.fromkeys(_w("academy akademie academie academia accademia akademia"), "academy"),
    **dict.fromkeys(_w("laboratory laboratoire laboratorio labor lab"), "laboratory"),
    **dict.fromkeys(_w("foundation fondation fundacion fondazione stiftung fundacao"), "foundation"),
    **dict.fromkeys(_w("society gesellschaft societe sociedad societa"), "society"),
    **dict.fromkeys(_w("agency agence agencia agenzia"), "agency"),
    **dict.fromkeys(_w("council conseil consejo consiglio rat"), "council"),
    **dict.fromkeys(_w("museum musee museo"), "museum"),
}
KINDS = frozenset(KIND_WORDS.values())
# Connecting words and legal forms: they say nothing about which body it is.
DROPPED = frozenset(
    _w(
        "of the and for at in on de di del della delle degli dei des du la le les der die das den dem "
        "fur fuer und et y e d l da do dos das van von voor zu en og och degli delle studi"
        # legal forms
        " ltd limited gmbh ag sa srl spa bv nv ab as asa oy oyj inc corp plc sas sl kg llc ev sarl aps "
        "asbl vzw ggmbh mbh ug co company corporation"
    )
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
# "(Spain)", "(CONICET)": OpenAlex qualifies names by country, CORDIS appends acronyms.
_BRACKETS = re.compile(r"\([^)]*\)")
_TRANSLITERATED = (("ae", "a"), ("oe", "o"), ("ue", "u"))
# Letters that do not decompose, so folding would drop them ("København" -> "k benhavn").
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "AE", "ß": "ss", "ı": "i"})


def _transliterated(token: str) -> str:
    for pair, single in _TRANSLITERATED:
        token = token.replace(pair, single)
    return token


_EXONYMS = {_transliterated(k): _transliterated(v) for k, v in CITY_EXONYMS.items()}


def _word(token: str) -> str:
    """A folded token with German transliterations undone ("zuerich" -> "zurich") and a city's
    English name made local ("ghent" -> "gent"), both sides alike."""
    token = _transliterated(token)
    return _EXONYMS.get(token, token)


def _tokens(name: str) -> list[str]:
    """Folded words of a name, brackets, connecting words and legal forms left out."""
    text = fold(_BRACKETS.sub(" ", name).translate(_LETTERS))
    return [t for t in _NON_WORD.split(text) if t and t not in DROPPED]


def cross_words(name: str) -> frozenset[str]:
    """The language-free word set of an organization name (see the module docstring)."""
    words: set[str] = set()
    tokens = _tokens(name)
    for position, token in enumerate(tokens):
        # "i" joins words in Norwegian and Catalan ("Universitetet i Stavanger"); last, it is a
        # numeral ("Université de Rennes I" is not "Université de Rennes").
        if token == "i" and position < len(tokens) - 1:
            continue
        kind = KIND_WORDS.get(token) or KIND_WORDS.get(_word(token))
        words.add(kind or _word(token))
    return frozenset(words)


def acronym(name: str) -> str | None:
    """The initials of a name's words, connecting words left out ("Eidgenössische Technische
    Hochschule Zürich" -> "ethz"); None under three letters (two-letter acronyms repeat too often)."""
    letters = "".join(t[0] for t in _tokens(name))
    return letters if len(letters) >= 3 else None


@dataclass(frozen=True)
class CrossOrg:
    """An organization as cross-source matching sees it."""

    id: str
    name: str
    country: str | None
    words: frozenset[str]
    short: str | None  # folded short name or acronym written in the data ("kth", "ethz")
    acronym: str | None  # initials of the name
    joined: str  # the name's other words run together ("rwthaachen"), as short names are written
    city: frozenset[str] = frozenset()  # the city's words, as `words` writes them; empty: unknown

    @classmethod
    def of(
        cls,
        id: str,
        name: str,
        country: str | None,
        short_name: str | None = None,
        city: str | None = None,
    ) -> CrossOrg:
        short = _NON_WORD.sub("", fold(short_name)) if short_name else None
        words = cross_words(name)
        joined = "".join(t for t in _tokens(name) if t not in KIND_WORDS and _word(t) not in KIND_WORDS)
        place = frozenset(_word(t) for t in _tokens(city or "") if len(t) > 1)
        return cls(
            id, name, (country or "").upper() or None, words, short or None, acronym(name), joined, place
        )

    @property
    def distinctive(self) -> frozenset[str]:
        return frozenset(w for w in self.words if w not in KINDS and len(w) > 1)

    @property
    def kinds(self) -> frozenset[str]:
        return self.words & KINDS


@dataclass(frozen=True)
class CrossMatch:
    action: CrossAction
    candidate: CrossOrg
    score: float  # 1 for the same word set; otherwise the Jaccard of the distinctive words
    reason: str  # "same words", "shared words", "acronym", "same city, ..."
    support: int = 0  # agreeing evidence besides the words: the city, the kind words (0-2)


def _acronym_match(a: CrossOrg, b: CrossOrg) -> bool:
    """One's written short name or single-word name is the other's acronym ("ETHZ", "KAUST")."""
    single_a = next(iter(a.distinctive)) if len(a.distinctive) == 1 and not a.kinds else None
    single_b = next(iter(b.distinctive)) if len(b.distinctive) == 1 and not b.kinds else None
    return any(
        x is not None and y is not None and x == y
        for x, y in (
            (a.short, b.acronym),
            (b.short, a.acronym),
            (single_a, b.acronym),
            (single_b, a.acronym),
            (a.short, b.joined),
            (b.short, a.joined),
        )
    )


def city_agrees(a: CrossOrg, b: CrossOrg) -> bool:
    """Both know one city, or one knows its city and the other's name holds it ("... Kiel")."""
    if a.city and b.city:
        return a.city == b.city
    return bool(a.city and a.city <= b.words) or bool(b.city and b.city <= a.words)


def compare(a: CrossOrg, b: CrossOrg) -> CrossMatch | None:
    """Whether `a` and `b` are one organization: merge (sure), review (may be) or None (no)."""
    if a.country and b.country and a.country != b.country:
        return None
    da, db = a.distinctive, b.distinctive
    both_countries = bool(a.country and b.country)
    if not da and not db and a.words == b.words and both_countries:
        # Only kind words, all alike ("Consejo Nacional de Investigaciones Científicas y Técnicas"
        # / "National Council of Scientific and Technical Research") in one country; two alone
        # ("École Polytechnique") are common enough to be another body's name too: a person decides.
        if len(a.words) >= 3:
            return CrossMatch("merge", b, 1.0, "same words")
        if len(a.words) == 2:
            return CrossMatch("review", b, 1.0, "same kind words")
    if not da or not db:
        return None
    jaccard = len(da & db) / len(da | db)
    if a.words == b.words and both_countries:
        return CrossMatch("merge", b, 1.0, "same words")
    city = both_countries and city_agrees(a, b)
    support = int(city) + int(bool(a.kinds) and a.kinds == b.kinds)
    if jaccard >= 0.5:
        return CrossMatch("review", b, jaccard, "shared words", support)
    if _acronym_match(a, b):
        return CrossMatch("review", b, jaccard, "acronym", support)
    if city and a.kinds == b.kinds and (da <= db or db <= da):
        return CrossMatch("review", b, jaccard, "same city, words contained", support)
    if city and (da & db) - a.city - b.city:
        return CrossMatch("review", b, jaccard, "same city, shared word", support)
    return None


# What one agreeing piece of evidence (the city, the kind words) adds to a review candidate's score
# when several compete: a quarter, so it reorders candidates of near scores, not a 1.0 against a 0.5.
SUPPORT_WEIGHT = 0.25


class CrossIndex:
    """Organizations of the other sources, blocked by distinctive word and by acronym, so a batch of
    35,000 CORDIS rows costs each row a few dictionary lookups, not a scan."""

    def __init__(self, records: Iterable[CrossOrg] = ()) -> None:
        self.records: dict[str, CrossOrg] = {}
        self._by_word: dict[str, list[str]] = defaultdict(list)
        self._by_acronym: dict[str, list[str]] = defaultdict(list)
        self._by_kinds: dict[frozenset[str], list[str]] = defaultdict(list)  # names of kind words only
        for record in records:
            self.add(record)

    def add(self, record: CrossOrg) -> None:
        if record.id in self.records:
            return
        self.records[record.id] = record
        for word in record.distinctive:
            self._by_word[word].append(record.id)
        if not record.distinctive and record.words:
            self._by_kinds[record.words].append(record.id)
        for key in {record.short, record.acronym, record.joined or None} - {None}:
            assert key is not None
            self._by_acronym[key].append(record.id)

    def candidates(self, record: CrossOrg) -> list[CrossOrg]:
        ids: set[str] = set()
        for word in record.distinctive:
            ids.update(self._by_word.get(word, ()))
        if not record.distinctive:
            ids.update(self._by_kinds.get(record.words, ()))
        for key in {record.short, record.acronym, record.joined or None} - {None}:
            assert key is not None
            ids.update(self._by_acronym.get(key, ()))
        if len(record.distinctive) == 1 and not record.kinds:
            ids.update(self._by_acronym.get(next(iter(record.distinctive)), ()))
        return [self.records[i] for i in sorted(ids)]

    def best(self, record: CrossOrg) -> CrossMatch | None:
        """The surest match; two sure ones (or a tie) can only be a review item: a person chooses."""
        found = [m for c in self.candidates(record) if (m := compare(record, c)) is not None]
        if not found:
            return None
        order = {"merge": 0, "review": 1}
        found.sort(key=lambda m: (order[m.action], -(m.score + SUPPORT_WEIGHT * m.support), m.candidate.id))
        best = found[0]
        if best.action == "merge" and len(found) > 1 and found[1].action == "merge":
            return CrossMatch("review", best.candidate, best.score, "two sure matches")
        return best
