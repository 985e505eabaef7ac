"""Each kind of project error maps to one HTTP status, here and nowhere else."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.i18n import accept_language, pick_lang
from graph.errors import (
    ExpertgraphError,
    GraphUnavailable,
    ImportRejected,
    Infeasible,
    InvalidNetworkFilter,
    InvalidRequest,
    InvalidStatsRequest,
    MergeRefused,
    NotFound,
    ReviewAlreadyDecided,
    UnknownReference,
)

STATUS: list[tuple[type[ExpertgraphError], int]] = [
    (NotFound, 404),
    (ImportRejected, 422),
    (GraphUnavailable, 503),
    (InvalidStatsRequest, 422),
    (ReviewAlreadyDecided, 409),
    (MergeRefused, 409),
    (InvalidNetworkFilter, 422),
    (Infeasible, 422),
    (UnknownReference, 422),
    (InvalidRequest, 422),
]


def _status_for(exc: ExpertgraphError) -> int:
    for kind, status in STATUS:
        if isinstance(exc, kind):
            return status
    return 500


async def _handle(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ExpertgraphError)
    status = _status_for(exc)
    body: dict[str, object] = {"detail": str(exc), "error": type(exc).__name__}
    if isinstance(exc, ImportRejected):
        # `lang=` wins over Accept-Language; Vietnamese when the caller says neither.
        lang = pick_lang(
            request.query_params.get("lang"), accept_language(request.headers.get("accept-language"))
        )
        body["lang"] = lang
        body["errors"] = [
            {
                "file": e.file,
                "sheet": e.sheet,
                "row": e.row,
                "field": e.field,
                "value": e.value,
                "reason": e.reason,
                "message": str(e),
                "reason_vi": e.reason_vi,
                "message_vi": e.message("vi"),
                "localized": e.message(lang),
            }
            for e in exc.errors
        ]
    if isinstance(exc, Infeasible):
        body["constraint"] = exc.constraint
    if isinstance(exc, GraphUnavailable):
        body["detail"] = "The graph database is not reachable right now; try again shortly."
    return JSONResponse(status_code=status, content=body)


def install(app: FastAPI) -> None:
    app.add_exception_handler(ExpertgraphError, _handle)
