"""The project's errors: one root, one subclass per kind of failure.

    ExpertgraphError
    ├── GraphUnavailable        the Neo4j server cannot be reached (HTTP 503)
    ├── ServerStartError        the local Neo4j server did not come up (log tail attached)
    ├── MigrationError          a schema migration failed
    ├── NotFound                a requested record does not exist (HTTP 404)
    │   ├── ExpertNotFound
    │   ├── ReviewItemNotFound
    │   ├── NetworkNodeNotFound
    │   └── ProposalNotFound
    ├── ReviewAlreadyDecided    a review item was accepted or rejected before (HTTP 409)
    ├── MergeRefused            two nodes cannot be merged as they stand; nothing changed (HTTP 409)
    ├── ImportRejected          a file failed validation; carries every row error (HTTP 422)
    ├── InvalidStatsRequest     a statistics request names an unknown dimension or value (HTTP 422)
    ├── InvalidNetworkFilter    a network analysis filter names no sector, field or sane period (HTTP 422)
    ├── UnknownReference        a request names a record the graph does not hold (HTTP 422)
    └── Infeasible              no council or assignment meets the request; names the constraint (HTTP 422)

`api/errors.py` maps each kind to one HTTP status.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.row_messages import reason_vi, row_message_vi


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


class ReviewItemNotFound(NotFound):
    def __init__(self, item_id: str) -> None:
        super().__init__(f"no review item with id {item_id!r}")
        self.item_id = item_id


class ReviewAlreadyDecided(ExpertgraphError):
    def __init__(self, item_id: str, status: str) -> None:
        super().__init__(f"review item {item_id!r} is already {status}")
        self.item_id = item_id
        self.status = status


class MergeRefused(ExpertgraphError):
    """A merge of two nodes stopped before it changed anything (graph.node_merge)."""


class ProposalNotFound(NotFound):
    def __init__(self, code: str) -> None:
        super().__init__(f"no proposal with code {code!r}")
        self.code = code


class UnknownReference(ExpertgraphError):
    """A request body names ids that are not in the graph; all of them are listed."""

    def __init__(self, what: str, missing: list[str]) -> None:
        super().__init__(f"unknown {what}: {', '.join(missing)}")
        self.what = what
        self.missing = missing


class Infeasible(ExpertgraphError):
    """No solution satisfies the request; `constraint` names the one (or ones) that cannot be met."""

    def __init__(self, constraint: str, detail: str) -> None:
        super().__init__(f"cannot meet constraint {constraint!r}: {detail}")
        self.constraint = constraint
        self.detail = detail


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

    @property
    def reason_vi(self) -> str:
        """The reason in Vietnamese (`graph.row_messages`); `reason` stays the English one."""
        return reason_vi(self.reason)

    def message(self, lang: str = "en") -> str:
        """The whole message in `lang` ("vi" or "en"), naming file, sheet, row, column and value."""
        if lang == "vi":
            return row_message_vi(self.file, self.sheet, self.row, self.field, self.value, self.reason)
        return str(self)


class ImportRejected(ExpertgraphError):
    """A file (or batch) failed validation: nothing of it was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        head = "; ".join(str(e) for e in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        super().__init__(f"{len(errors)} problem(s): {head}{more}")


class InvalidStatsRequest(ExpertgraphError):
    """A statistics or target request that cannot be answered as asked: the message names the
    parameter and the value, and lists what is allowed."""

    def __init__(self, parameter: str, value: str, reason: str) -> None:
        super().__init__(f'parameter "{parameter}": {value!r} {reason}')
        self.parameter = parameter
        self.value = value


class InvalidNetworkFilter(ExpertgraphError):
    """A filter of the network analysis that cannot be applied; names the parameter and the value."""

    def __init__(self, field: str, value: str, reason: str) -> None:
        super().__init__(f'network filter "{field}": {value!r} {reason}')
        self.field = field
        self.value = value
        self.reason = reason


class NetworkNodeNotFound(NotFound):
    def __init__(self, node_id: str, projection: str) -> None:
        super().__init__(f"no node {node_id!r} in the {projection} network")
        self.node_id = node_id


class InvalidRequest(ExpertgraphError):
    """A request names something the graph does not hold (an organization, a field, an expert)."""

    def __init__(self, field: str, value: str, reason: str) -> None:
        super().__init__(f'field "{field}": {value!r} {reason}')
        self.field = field
        self.value = value
        self.reason = reason
