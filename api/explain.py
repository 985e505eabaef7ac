"""Plain-Vietnamese sentences and links for the evidence behind a ranked expert."""

from __future__ import annotations

from queries.ranking import Evidence

ROLE_VI = {"lead": "chủ nhiệm", "secretary": "thư ký", "member": "thành viên"}
LEVEL_VI = {"national": "quốc gia", "ministerial": "bộ", "provincial": "tỉnh", "grassroots": "cơ sở"}
SIGNAL_VI = {
    "lexical": "khớp từ khóa",
    "semantic": "gần nghĩa",
    "field": "đúng chuyên ngành",
    "standing": "uy tín chuyên môn",
}


def describe(ev: Evidence) -> str:
    how = SIGNAL_VI.get(ev.signal, ev.signal)
    if ev.kind == "project":
        role, _, level = (ev.detail or "").partition(" / ")
        return (
            f"{ROLE_VI.get(role, role).capitalize()} đề tài cấp {LEVEL_VI.get(level, level)} "
            f"«{ev.label}» ({ev.ref}; {how})"
        )
    if ev.kind == "publication":
        return f"Công bố «{ev.label}»" + (f" ({ev.detail}; {how})" if ev.detail else f" ({how})")
    if ev.kind == "field":
        extra = f", {ev.detail}" if ev.detail else ""
        return f"Chuyên ngành {ev.label} ({ev.ref}{extra})"
    if ev.kind == "title":
        return f"Học hàm, học vị: {ev.label}"
    return f"Hồ sơ: {ev.label} ({how})"


def reason(evidence: list[Evidence]) -> str:
    if not evidence:
        return "Khớp bộ lọc"
    return "; ".join(describe(ev) for ev in evidence[:3])


def url_for(ev: Evidence) -> str | None:
    if ev.kind in ("profile", "title"):
        return f"/api/v1/experts/{ev.ref}"
    if ev.kind == "project":
        return f"/api/v1/projects/{ev.ref}"
    if ev.kind == "publication":
        return f"/api/v1/publications/{ev.ref}"
    return f"/api/v1/fields/{ev.ref}/leaders"
