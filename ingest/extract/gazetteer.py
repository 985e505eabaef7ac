"""Tag text with fields by matching field names and curated keywords: a spaCy PhraseMatcher.

Two phrase tables, two matchers per language, both on the LOWER attribute:
- exact: NFC, one tone style (`graph.text.normalize`), lowercased. Used for text that carries
  diacritics, because folding would let "chè" (tea) match "che" (to cover) or "lúa" match "lừa".
- folded (`graph.text.fold`): used for text typed without diacritics ("trong che o Lai Chau").

Vietnamese text gets `spacy.blank("xx")`: `spacy.blank("vi")` needs the `pyvi` package by default,
and without it splits on whitespace only ("Châu," stays one token); the multi-language tokenizer
splits punctuation by rule and needs no model. Syllables are tokens, so phrases match syllable runs.

Ranking: overlapping matches keep the longest (`filter_spans`); each match adds its length in tokens
to the fields its phrase names (less for catch-all fields); matches are grouped by their level-2
branch, and a branch is represented by its most specific matched field, so a level-3 name beats its
level-2 parent's keyword.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from graph.text import fold, has_diacritics, normalize
from ingest.extract.catalog import FieldCatalog, FieldEntry
from ingest.extract.language import Language, detect_language

_PARENTHESES = re.compile(r"\([^)]*\)?")
_NAME_PARTS = re.compile(r"[;.]")
_GENERAL = re.compile(r"\s+nói chung$")
# Short folded keys ("ai", "bo") are real Vietnamese syllables of other words once marks are gone.
MIN_FOLDED_CHARS = 3
# "A và B" names are split into A and B, except when a side says nothing on its own.
_VAGUE_SIDES = frozenset({"kỹ thuật", "công nghệ", "khoa học", "thông tin", "hệ thống"})
# Evidence for a catch-all field (level 1, or an "other ..." field coded x99: "kỹ thuật",
# "công nghệ") counts for less than a specific word: "kỹ thuật trồng chè" is about tea.
CATCH_ALL_WEIGHT = 0.4


@dataclass
class Phrase:
    """What one phrase stands for: fields, and (for curated keywords) a topic to display."""

    codes: set[str] = field(default_factory=set)
    keyword: str | None = None  # display form when the phrase is a curated keyword


@dataclass(frozen=True)
class FieldHit:
    code: str
    confidence: float  # share of the text's matched tokens that point to this field's branch, (0, 1]
    evidence: tuple[str, ...]  # the matched phrases, as written in the text


@dataclass(frozen=True)
class GazetteerResult:
    language: Language
    fields: list[FieldHit]
    keywords: list[str]  # display forms of the curated keywords found (topics)


def name_phrases(entry: FieldEntry) -> list[str]:
    """Matchable phrases of a field's Vietnamese name; "other ..." (khác) fields have none.

    "Vật lý nguyên tử; vật lý phân tử và vật lý hóa học" gives the whole name and its parts; a part
    "A và B" also gives A and B when both have two words or more ("Lịch sử và khảo cổ học").
    """
    whole, sides = name_parts(entry)
    return list(dict.fromkeys(whole + sides))


def name_parts(entry: FieldEntry) -> tuple[list[str], list[str]]:
    """(the name and its ";"-parts, the sides of its "A và B" parts)."""
    name = entry.name_vi
    if name.lower().endswith(" khác"):
        return [], []
    whole = [name]
    found_sides: list[str] = []
    for part in _NAME_PARTS.split(_PARENTHESES.sub(" ", name)):
        part = _GENERAL.sub("", " ".join(part.split()))
        if not part:
            continue
        whole.append(part)
        sides = [s.strip() for s in part.split(" và ")]
        if len(sides) == 2 and all(len(s.split()) >= 2 and s.lower() not in _VAGUE_SIDES for s in sides):
            found_sides.extend(sides)
    return whole, found_sides


def english_phrases(catalog: FieldCatalog) -> dict[str, str]:
    """English FOS names of level-1 and level-2 fields, when one field alone carries the name."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in catalog.entries.values():
        if entry.level <= 2 and entry.name_en and not entry.name_en.lower().startswith("other"):
            owners[entry.name_en].add(entry.code)
    return {name: next(iter(codes)) for name, codes in owners.items() if len(codes) == 1}


class Gazetteer:
    """Built once per catalog (a few thousand phrases); `match` costs well under a millisecond."""

    def __init__(self, catalog: FieldCatalog) -> None:
        self.catalog = catalog
        exact: dict[str, Phrase] = defaultdict(Phrase)
        side_codes: dict[str, set[str]] = defaultdict(set)
        for entry in catalog.entries.values():
            whole, sides = name_parts(entry)
            for text in whole:
                exact[text.lower()].codes.add(entry.code)
            for text in sides:
                side_codes[text.lower()].add(entry.code)
            if entry.level <= 2:  # level-3 fields only inherit their parent's list
                for keyword in entry.keywords:
                    exact[keyword.lower()].codes.add(entry.code)
                    exact[keyword.lower()].keyword = keyword
        for text, codes in side_codes.items():
            # A side that halves names in several branches ("quản lý" of "Quản lý và khai thác thủy
            # sản", "Quản lý và bảo vệ rừng", "Kinh doanh và quản lý") names none of them.
            if len({catalog.ancestor(c, 2) or c for c in codes}) == 1:
                exact[text].codes |= codes
        for name, code in english_phrases(catalog).items():
            exact[normalize(name).lower()].codes.add(code)
        folded: dict[str, Phrase] = defaultdict(Phrase)
        for key, known in exact.items():
            folded_key = fold(key)
            if len(folded_key) < MIN_FOLDED_CHARS:
                continue
            folded[folded_key].codes |= known.codes
            folded[folded_key].keyword = folded[folded_key].keyword or known.keyword
        self._tables = {"exact": dict(exact), "folded": dict(folded)}
        self._nlp = {"vi": spacy.blank("xx"), "en": spacy.blank("en")}
        self._matchers: dict[tuple[str, str], PhraseMatcher] = {}
        for language, nlp in self._nlp.items():
            for form, table in self._tables.items():
                matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
                for key in table:
                    matcher.add(key, [nlp.make_doc(key)])
                self._matchers[(language, form)] = matcher

    @property
    def phrase_count(self) -> int:
        return len(self._tables["exact"])

    def _spans(self, text: str, language: Language) -> tuple[list[Span], dict[str, Phrase]]:
        form = "exact" if has_diacritics(text) else "folded"
        prepared = normalize(text) if form == "exact" else fold(text)
        doc = self._nlp[language].make_doc(prepared)
        spans = self._matchers[(language, form)](doc, as_spans=True)
        return filter_spans(spans), self._tables[form]

    def _deepest(self, codes: set[str]) -> list[str]:
        """Drop a code when a more specific code of the same phrase lies below it."""
        levels = self.catalog.entries
        return sorted(
            c
            for c in codes
            if not any(o != c and self.catalog.ancestor(o, levels[c].level) == c for o in codes)
        )

    def _catch_all(self, code: str) -> bool:
        return self.catalog.entries[code].level == 1 or code.endswith("99")

    def match(self, text: str) -> GazetteerResult:
        language = detect_language(text)
        spans, table = self._spans(text, language)
        scores: dict[str, float] = defaultdict(float)
        evidence: dict[str, list[str]] = defaultdict(list)
        keywords: list[str] = []
        for span in spans:
            phrase = table[span.label_]
            if phrase.keyword and phrase.keyword not in keywords:
                keywords.append(phrase.keyword)
            codes = self._deepest({c for c in phrase.codes if c in self.catalog})
            for code in codes:
                weight = CATCH_ALL_WEIGHT if self._catch_all(code) else 1.0
                scores[code] += weight * len(span) / len(codes)
                evidence[code].append(span.text)
        return GazetteerResult(language, self._rank(scores, evidence), keywords)

    def _rank(self, scores: dict[str, float], evidence: dict[str, list[str]]) -> list[FieldHit]:
        """Group matched fields by level-2 branch; each branch is shown by its most specific field."""
        entries = self.catalog.entries
        groups: dict[str, list[str]] = defaultdict(list)
        for code in scores:
            groups[self.catalog.ancestor(code, 2) or code].append(code)
        # A bare level-1 match ("khoa học tự nhiên") supports that domain's strongest branch instead.
        for branch in [b for b in groups if entries[b].level == 1]:
            under = [g for g in groups if entries[g].level == 2 and self.catalog.ancestor(g, 1) == branch]
            if under:
                best = max(under, key=lambda g: sum(scores[c] for c in groups[g]))
                groups[best].extend(groups.pop(branch))
        total = sum(scores.values())
        ranked: list[tuple[float, int, str, list[str]]] = []
        for members in groups.values():
            group_score = sum(scores[c] for c in members)
            lead = max(members, key=lambda c: (entries[c].level, scores[c], c))
            ranked.append((group_score, entries[lead].level, lead, members))
        ranked.sort(key=lambda item: (-item[0], -item[1], item[2]))
        return [
            FieldHit(
                code=lead,
                confidence=round(group_score / total, 3),
                evidence=tuple(dict.fromkeys(e for c in members for e in evidence[c])),
            )
            for group_score, _level, lead, members in ranked
        ]
