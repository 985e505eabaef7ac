"""The extractor names a level-3 field inside its first level-2 guess only when the text picks one."""

from __future__ import annotations

import pytest

from graph.settings import Settings
from ingest.extract.catalog import FieldCatalog
from ingest.extract.level3 import Level3Refiner
from ingest.extract.pipeline import Extractor


@pytest.fixture(scope="module")
def catalog() -> FieldCatalog:
    return FieldCatalog.from_shared_data(Settings().shared_data)


@pytest.fixture(scope="module")
def extractor(catalog: FieldCatalog) -> Extractor:
    return Extractor(catalog, use_embedding=False)


def codes(extractor: Extractor, text: str) -> list[str]:
    return [link.code for link in extractor.extract([text])[0].fields]


def test_a_word_rare_among_the_siblings_names_the_child_in_place_of_its_parent(extractor: Extractor) -> None:
    # "thủy sản" names the branch 405; "bệnh" is in one child's name only (Bệnh học thủy sản).
    assert codes(extractor, "Phòng trị bệnh cho cá trong ao thủy sản")[0] == "40503"
    assert codes(extractor, "Thổ nhưỡng vùng trồng chè")[0] == "40102"


def test_a_close_call_keeps_the_level_two_field(extractor: Extractor) -> None:
    # "cây" is in three children's names alike: no child leads, so the branch stays the answer.
    assert codes(extractor, "Kỹ thuật bón phân cho cây chè")[0] == "401"
    # Unaccented, "trong" (in) reads as "trồng" (Nuôi trồng thủy sản): a tie with "bệnh".
    assert codes(extractor, "phong tri benh cho ca trong ao thuy san")[0] == "405"


def test_only_the_first_field_is_narrowed_and_its_parent_goes(
    extractor: Extractor, catalog: FieldCatalog
) -> None:
    for text in ("Phòng trị bệnh cho cá trong ao thủy sản", "Thổ nhưỡng vùng trồng chè và nuôi cá"):
        found = codes(extractor, text)
        assert catalog.entries[found[0]].level == 3
        assert catalog.ancestor(found[0], 2) not in found
        assert all(catalog.entries[c].level < 3 or c.endswith("99") for c in found[1:])


def test_other_fields_are_never_chosen(catalog: FieldCatalog) -> None:
    refiner = Level3Refiner(catalog)
    chosen = {c for branch in refiner.children.values() for c in branch}
    assert not [c for c in chosen if c.endswith("99") or catalog.entries[c].name_vi.lower().endswith(" khác")]
