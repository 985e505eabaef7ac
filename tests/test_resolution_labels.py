"""The entity-resolution benchmark's known-identity labels (bench/resolution_orcid.py) on the real
OpenAlex sample: ORCID iDs and the curated core-researcher ids decide, everything else is unknown."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.resolution_orcid import KnownIdentitySet, citation_form, orcid_set
from graph.settings import Settings


@pytest.fixture(scope="module")
def labels() -> KnownIdentitySet:
    return orcid_set(Settings().shared_data / "openalex_idb03")


def _index(known: KnownIdentitySet, author: str) -> int:
    return (known.data.incoming_authors or []).index(author)


def test_split_profiles_of_one_curated_researcher_are_the_same_person(labels: KnownIdentitySet) -> None:
    # Khalid Al-Ramadan: three OpenAlex ids in authors_core.csv, an ORCID iD on one of them only.
    incoming = _index(labels, "A5104094821")
    assert labels.relation(incoming, "A5085007251") == "same"
    assert labels.has_known_match(incoming)


def test_orcid_decides_and_missing_orcid_is_unknown(labels: KnownIdentitySet) -> None:
    with_orcid = [a for a, keys in labels.stored_keys.items() if any(k.startswith("orcid:") for k in keys)]
    first, second = with_orcid[:2]
    incoming = _index(labels, first)
    assert labels.relation(incoming, first) == "same"
    assert labels.relation(incoming, second) == "different"
    unknown = next(
        i for i, keys in enumerate(labels.incoming_keys) if not keys and labels.data.truth[i] is not None
    )
    assert labels.relation(unknown, labels.data.truth[unknown] or "") == "unknown"


def test_orcid_ids_never_reach_the_resolver(labels: KnownIdentitySet) -> None:
    assert all(r.orcid is None for r in labels.data.incoming + labels.data.stored)


def test_the_halves_are_fixed_and_even(labels: KnownIdentitySet) -> None:
    counts = Counter(labels.splits)
    assert counts == Counter({"dev": 1956, "test": 1820})


def test_citation_form_keeps_the_family_name() -> None:
    assert citation_form("Pierre Carbonel") == "P. Carbonel"
    assert citation_form("Usman Adamu Abubakar") == "U. A. Abubakar"
