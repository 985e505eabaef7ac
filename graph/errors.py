"""The project's errors: one root, one subclass per kind of failure.

    ExpertgraphError
    ├── GraphUnavailable        the Neo4j server cannot be reached (HTTP 503)
    ├── ServerStartError        the local Neo4j server did not come up (log tail attached)
    ├── MigrationError          a schema migration failed
    ├── NotFound                a requested record does not exist (HTTP 404)
    │   └── ExpertNotFound
    └── ImportRejected          a file failed validation; carries every row error (HTTP 422)

`api/errors.py` maps each kind to one HTTP status.
"""

from __future__ import annotations

from dataclasses import dataclass


class ExpertgraphError(Exception):
    """Root of every error this project raises on purpose."""


class GraphUnavailable(ExpertgraphError):
    pass


class ServerStartError(ExpertgraphError):
    pass


class MigrationError(ExpertgraphError):
    pass


class NotFound(ExpertgraphError):
    pass


class ExpertNotFound(NotFound):
    def __init__(self, expert_id: str) -> None:
        super().__init__(f"no expert with id {expert_id!r}")
        self.expert_id = expert_id


@dataclass(frozen=True)
class RowError:
    """One problem in one cell (or a whole row when `field` is empty)."""

    file: str
    row: int
    field: str
    value: str
    reason: str
    sheet: str = ""

    def __str__(self) -> str:
        where = f"{self.file}" + (f", sheet {self.sheet!r}" if self.sheet else "")
        where += f", row {self.row}" if self.row else ""
        if self.field:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            return f'{where}, field "{self.field}": {shown!r} {self.reason}'
        return f"{where}: {self.reason}"


class ImportRejected(ExpertgraphError):
    """A file (or batch) failed validation: nothing of it was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        head = "; ".join(str(e) for e in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        super().__init__(f"{len(errors)} problem(s): {head}{more}")


class InvalidRequest(ExpertgraphError):
    """A request names something the graph does not hold (an organization, a field, an expert)."""

    def __init__(self, field: str, value: str, reason: str) -> None:
        super().__init__(f'field "{field}": {value!r} {reason}')
        self.field = field
        self.value = value
        self.reason = reason
