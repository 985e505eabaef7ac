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
        # Incoming rows with their own ORCID iD or staff code, by name block (see `expect`).
        self._keyed: dict[str, list[PersonRecord]] = defaultdict(list)
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
            if _unique_keys(record):
                for key in block_keys(record.tokens):
                    self._keyed[key].append(record)

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

    def namesakes(self, record: PersonRecord, candidates: Iterable[PersonRecord]) -> int:
        """How many people other than `record` hold a name near its name: the stored candidates near
        it, and the expected rows whose own ORCID iD or staff code nobody stored holds (one each)."""
        tokens = list(record.tokens)
        stored = sum(name_similarity(tokens, list(c.tokens)) >= NEAR_NAME for c in candidates)
        own = _unique_keys(record)
        seen: set[tuple[str, str]] = set()
        extra = 0
        rows = {id(r): r for key in block_keys(record.tokens) for r in self._keyed.get(key, [])}
        for row in sorted(rows.values(), key=lambda r: (sorted(_unique_keys(r)), r.tokens)):
            keys = _unique_keys(row)
            if keys & own or keys & seen or any(k in self._strong for k in keys):
                continue  # the record itself, a row already counted, or a stored person
            if name_similarity(tokens, list(row.tokens)) >= NEAR_NAME:
                seen |= keys
                extra += 1
        return stored + extra
