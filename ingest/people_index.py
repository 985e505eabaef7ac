"""The people resolution compares an incoming record with: the stored ones, found by strong key or by
name block, and how many people hold a name near the incoming one (its frequency).

A name's frequency counts people, not rows: each stored person near the name, plus each incoming row
of the batch whose ORCID iD or staff code no stored person and no other row already holds. A row
without such a key may be a stored person typed again, so it adds nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ingest.match_score import name_similarity
from ingest.resolve_people import STRONG_KEYS, PersonRecord, block_keys

NEAR_NAME = 0.9  # a name this close (initials and English order included) is the same name
UNIQUE_KEYS = ("orcid", "staff_code")  # one person each; an email is not (people have several)


def _unique_keys(record: PersonRecord) -> set[tuple[str, str]]:
    return {(k, v) for k in UNIQUE_KEYS if (v := record.strong(k))}


class PeopleIndex:
    """Stored people, found by strong key or by name block; new people join as the batch goes on."""

    def __init__(self, records: Iterable[PersonRecord] = ()) -> None:
        self.records: dict[str, PersonRecord] = {}
        self._blocks: dict[str, list[str]] = defaultdict(list)
        self._strong: dict[tuple[str, str], str] = {}
        # Incoming rows with their own ORCID iD or staff code, by name block (see `expect`): the keys
        # (sorted, so rows are always counted in one order) and the name's words.
        self._keyed: dict[str, list[tuple[tuple[tuple[str, str], ...], tuple[str, ...]]]] = defaultdict(list)
        self._keyed_near: dict[tuple[str, ...], list[tuple[tuple[str, str], ...]]] = {}  # by name
        for record in records:
            self.add(record)

    def add(self, record: PersonRecord) -> None:
        if record.id is None or record.id in self.records:
            return
        self.records[record.id] = record
        for key in block_keys(record.tokens):
            self._blocks[key].append(record.id)
        for key in STRONG_KEYS:
            if value := record.strong(key):
                self._strong.setdefault((key, value), record.id)

    def expect(self, batch: Iterable[PersonRecord]) -> None:
        """Note the incoming rows before resolving any, so a name two rows with different ORCID iDs
        carry counts as held by two people whichever row comes first."""
        for record in batch:
            if keys := tuple(sorted(_unique_keys(record))):
                for block in block_keys(record.tokens):
                    self._keyed[block].append((keys, record.tokens))
        self._keyed_near.clear()

    def by_strong_key(self, record: PersonRecord) -> dict[str, str]:
        """{key name: stored id} for each strong key of `record` that a stored person holds."""
        found = {}
        for key in STRONG_KEYS:
            value = record.strong(key)
            if value and (key, value) in self._strong:
                found[key] = self._strong[(key, value)]
        return found

    def candidates(self, record: PersonRecord) -> list[PersonRecord]:
        ids = {i for key in block_keys(record.tokens) for i in self._blocks.get(key, [])}
        return [self.records[i] for i in sorted(ids)]

    def _keyed_near_name(self, tokens: tuple[str, ...]) -> list[tuple[tuple[str, str], ...]]:
        """The keys of the expected rows whose name comes near `tokens`, always in one order."""
        if tokens not in self._keyed_near:
            rows = {row for block in block_keys(tokens) for row in self._keyed.get(block, [])}
            self._keyed_near[tokens] = [
                keys
                for keys, words in sorted(rows)
                if name_similarity(list(tokens), list(words)) >= NEAR_NAME
            ]
        return self._keyed_near[tokens]

    def namesakes(self, record: PersonRecord, candidates: Iterable[PersonRecord]) -> int:
        """How many people other than `record` hold a name near its name: the stored candidates near
        it, and the expected rows whose own ORCID iD or staff code nobody stored holds (one each)."""
        tokens = list(record.tokens)
        stored = sum(name_similarity(tokens, list(c.tokens)) >= NEAR_NAME for c in candidates)
        own = _unique_keys(record)
        seen: set[tuple[str, str]] = set()
        extra = 0
        for keys in self._keyed_near_name(record.tokens):
            if own.intersection(keys) or seen.intersection(keys) or any(k in self._strong for k in keys):
                continue  # the record itself, a row already counted, or a stored person
            seen.update(keys)
            extra += 1
        return stored + extra
