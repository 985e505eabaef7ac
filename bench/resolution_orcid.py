"""OpenAlex authorships labelled by known identity, not by OpenAlex `author_id`.

OpenAlex splits one person into several author ids now and then ("P. Carbonel" / "Pierre Carbonel"),
so author-id labels call a merge of two split profiles wrong. Here a pair (incoming record, stored
profile) counts only when identity is known on both sides:

* the same ORCID iD, or both ids in one core researcher's curated list of OpenAlex ids
  (`authors_core.csv`, up to three ids per person): the same person;
* two different ORCID iDs, or two different core researchers: different people;
* anything else (one side has no ORCID iD): unknown, left out of precision and counted.

ORCID iDs are still withheld from the resolver. Records are those of `openalex_set` (latest authorship
of each author held out), and each is put in a development or a held-out split by a hash of its
author id, so rules are tuned on one half and reported on the other.

Spellings: OpenAlex gives one display name per author id, so true pairs carry identical names. 451 of
the 3,776 authors are named in citation form ("P. Carbonel", "A.G. Usman"), so the `initials`
variant rewrites every incoming name that way ("Pierre Carbonel" -> "P. Carbonel"): a real spelling
of these data sets, which tests spellings, not only namesakes.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from bench.resolution_sets import LabelledSet, _read, _short, openalex_set
from ingest.match_score import name_tokens

Split = Literal["dev", "test"]
Relation = Literal["same", "different", "unknown"]


@dataclass(frozen=True)
class KnownIdentitySet:
    """`data` (author-id labels kept, for the old figure) plus what is known of each identity."""

    data: LabelledSet
    incoming_keys: list[frozenset[str]]  # "orcid:…" and "core:…" identifiers of each incoming record
    stored_keys: dict[str, frozenset[str]]
    splits: list[Split]

    def relation(self, index: int, stored_id: str) -> Relation:
        a, b = self.incoming_keys[index], self.stored_keys.get(stored_id, frozenset())
        if a & b:
            return "same"
        for scheme in ("orcid:", "core:"):
            if any(k.startswith(scheme) for k in a) and any(k.startswith(scheme) for k in b):
                return "different"
        return "unknown"

    def has_known_match(self, index: int) -> bool:
        """A stored profile is known to be this record's person (a positive for recall)."""
        keys = self.incoming_keys[index]
        return bool(keys) and any(keys & other for other in self.stored_keys.values())


def split_of(author_id: str) -> Split:
    """Half the authors, fixed by a hash: "dev" to tune on, "test" to report."""
    return "dev" if hashlib.blake2b(author_id.encode(), digest_size=2).digest()[0] % 2 == 0 else "test"


def citation_form(name: str) -> str:
    """ "Pierre Carbonel" -> "P. Carbonel", "Usman Adamu Abubakar" -> "U. A. Abubakar"."""
    words = name.split()
    if len(words) < 2:
        return name
    initials = [w[0].upper() + "." for w in words[:-1] if w[:1].isalpha()]
    return " ".join([*initials, words[-1]])


def _identifiers(folder: Path) -> dict[str, frozenset[str]]:
    """Each author id's known identifiers; a core researcher's ids share theirs, ORCID iDs included."""
    keys: dict[str, set[str]] = defaultdict(set)
    for r in _read(folder / "authors.csv"):
        if r["orcid"]:
            keys[_short(r["author_id"])].add("orcid:" + _short(r["orcid"]))
    for r in _read(folder / "authors_core.csv"):
        ids = [r[f"openalex_id{i}"] for i in (1, 2, 3) if r[f"openalex_id{i}"]]
        shared = {"core:" + r["internal_id"]} | set().union(*(keys.get(i, set()) for i in ids))
        if r["orcid"]:
            shared.add("orcid:" + r["orcid"])
        for author in ids:
            keys[author] |= shared
    return {author: frozenset(found) for author, found in keys.items()}


def orcid_set(folder: Path, spelling: Literal["as given", "initials"] = "as given") -> KnownIdentitySet:
    data = openalex_set(folder)
    keys = _identifiers(folder)
    authors = data.incoming_authors or []
    incoming = data.incoming
    if spelling == "initials":
        incoming = [
            replace(r, name=citation_form(r.name), tokens=tuple(name_tokens(citation_form(r.name))))
            for r in incoming
        ]
    name = f"OpenAlex authorships, known identity, names {spelling}"
    labelled = replace(data, name=name, incoming=incoming)
    return KnownIdentitySet(
        labelled,
        [keys.get(a, frozenset()) for a in authors],
        {r.id: keys[r.id] for r in data.stored if r.id and r.id in keys},
        [split_of(a) for a in authors],
    )
