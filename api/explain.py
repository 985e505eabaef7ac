"""Plain-Vietnamese sentences for the evidence behind a search result."""

from __future__ import annotations

from queries.search import Evidence

ROLE_VI = {"lead": "chủ nhiệm", "secretary": "thư ký", "member": "thành viên"}
LEVEL_VI = {"national": "quốc gia", "ministerial": "bộ", "provincial": "tỉnh", "grassroots": "cơ sở"}


def describe(ev: Evidence) -> str:
    if ev.kind == "project":
        role, _, level = (ev.detail or "").partition(" / ")
        return (
            f"{ROLE_VI.get(role, role).capitalize()} đề tài cấp {LEVEL_VI.get(level, level)} "
            f"«{ev.label}» ({ev.ref})"
        )
    if ev.kind == "publication":
        return f"Công bố «{ev.label}»" + (f" ({ev.detail})" if ev.detail else "")
    if ev.kind == "field":
        return f"Chuyên ngành {ev.label} ({ev.ref})"
    return f"Hồ sơ: {ev.label}"


def reason(evidence: list[Evidence]) -> str:
    if not evidence:
        return "Khớp bộ lọc"
    return "; ".join(describe(ev) for ev in evidence[:3])


def url_for(ev: Evidence) -> str | None:
    if ev.kind == "profile":
        return f"/api/v1/experts/{ev.ref}"
    if ev.kind == "project":
        return f"/api/v1/projects/{ev.ref}"
    if ev.kind == "publication":
        return f"/api/v1/publications/{ev.ref}"
    return f"/api/v1/fields/{ev.ref}"
