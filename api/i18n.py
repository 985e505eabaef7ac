"""Every string the web pages show, in Vietnamese (the default) and English.

Users are Vietnamese civil servants, so Vietnamese is the source text and English a courtesy. A page
asks `translate(lang, key, **values)`; a key missing from either catalogue is a bug, and
tests/test_ui_i18n.py checks that both catalogues hold the same keys and placeholders.
"""

from __future__ import annotations

from typing import Final

LANGS: Final = ("vi", "en")
DEFAULT_LANG: Final = "vi"

VI: dict[str, str] = {
    "app.name": "Chuyên gia Lai Châu",
    "app.tagline": "Tra cứu trí thức, chuyên gia tỉnh Lai Châu",
    "skip": "Bỏ qua, đến nội dung chính",
    "nav.label": "Điều hướng chính",
    "nav.search": "Tìm chuyên gia",
    "lang.label": "Ngôn ngữ",
    "lang.vi": "Tiếng Việt",
    "lang.en": "English",
    "footer.api": "Giao diện lập trình (API)",
    "footer.note": "Dữ liệu do các cơ quan của tỉnh cung cấp; mỗi kết quả đều kèm bằng chứng.",
    # search
    "search.title": "Tìm chuyên gia, trí thức",
    "search.intro": (
        "Nhập lĩnh vực, nội dung công việc, từ khoá hoặc tên người. Gõ có dấu hay không dấu đều được."
    ),
    "search.q_label": "Từ khoá, lĩnh vực hoặc họ tên",
    "search.q_hint": "Ví dụ: nông nghiệp, sâm Lai Châu, sạt lở đất, Nguyễn Văn An",
    "search.sector_label": "Ngành",
    "search.any_sector": "Tất cả các ngành",
    "search.field_label": "Lĩnh vực khoa học và công nghệ",
    "search.any_field": "Tất cả lĩnh vực",
    "search.submit": "Tìm kiếm",
    "search.examples": "Thử tìm:",
    "search.results": "Kết quả tìm kiếm",
    "search.total": "Tìm thấy {total} chuyên gia, xếp theo mức phù hợp.",
    "search.browse_total": "Có {total} chuyên gia, xếp theo tên.",
    "search.none": "Không tìm thấy chuyên gia phù hợp. Hãy thử từ khoá khác hoặc bỏ bớt bộ lọc.",
    "search.export": "Tải kết quả về Excel (.xlsx)",
    "search.score": "Mức phù hợp",
    "search.why": "Vì sao phù hợp",
    "search.evidence": "Bằng chứng",
    "search.at": "Cơ quan",
    # pagination
    "pager.label": "Phân trang",
    "pager.prev": "Trang trước",
    "pager.next": "Trang sau",
    "pager.page": "Trang {n}",
    "pager.status": "Trang {page}/{pages}",
    # evidence sentences
    "ev.project": "{role} đề tài cấp {level} «{label}» ({ref})",
    "ev.publication": "Công bố «{label}» ({detail})",
    "ev.publication_undated": "Công bố «{label}»",
    "ev.field": "Chuyên ngành {label} ({ref})",
    "ev.profile": "Hồ sơ: {label}",
    "ev.filters_only": "Khớp bộ lọc đã chọn",
    "kind.project": "Đề tài, dự án",
    "kind.publication": "Công bố",
    "kind.field": "Lĩnh vực",
    "kind.profile": "Hồ sơ",
    "kind.title": "Học hàm, học vị",
    # vocabularies
    "role.lead": "chủ nhiệm",
    "role.secretary": "thư ký",
    "role.member": "thành viên",
    "level.national": "quốc gia",
    "level.ministerial": "bộ",
    "level.provincial": "tỉnh",
    "level.grassroots": "cơ sở",
    "pkind.task": "nhiệm vụ",
    "pkind.project": "dự án",
    "pkind.research": "đề tài",
    "status.proposed": "đề xuất",
    "status.ongoing": "đang thực hiện",
    "status.completed": "đã hoàn thành",
    "status.cancelled": "đã dừng",
    "okind.university": "Trường đại học",
    "okind.research_institute": "Viện nghiên cứu",
    "okind.government_agency": "Cơ quan nhà nước",
    "okind.enterprise": "Doanh nghiệp",
    "okind.hospital": "Bệnh viện",
    "okind.school": "Trường học",
    "okind.association": "Hội, hiệp hội",
    "okind.other": "Tổ chức khác",
    "prole.host": "chủ trì",
    "prole.partner": "phối hợp",
    "gender.M": "Nam",
    "gender.F": "Nữ",
    # expert profile
    "expert.facts": "Thông tin chung",
    "expert.title": "Học hàm",
    "expert.degree": "Học vị",
    "expert.degree_year": "Năm nhận học vị",
    "expert.birth_year": "Năm sinh",
    "expert.gender": "Giới tính",
    "expert.ethnicity": "Dân tộc",
    "expert.position": "Chức vụ",
    "expert.district": "Huyện, thành phố",
    "expert.email": "Thư điện tử",
    "expert.phone": "Điện thoại",
    "expert.orcid": "ORCID",
    "expert.sectors": "Ngành",
    "expert.fields": "Lĩnh vực chuyên môn",
    "expert.topics": "Chủ đề",
    "expert.orgs": "Cơ quan công tác",
    "expert.current": "hiện nay",
    "expert.projects": "Đề tài, dự án ({n})",
    "expert.publications": "Công bố khoa học ({n})",
    "expert.coworkers": "Người cùng làm việc ({n})",
    "expert.none": "Chưa có thông tin.",
    "expert.network": "Mạng lưới hợp tác",
    "expert.network_help": (
        "Mỗi chấm là một người đã cùng thực hiện đề tài hoặc cùng đứng tên công bố; chấm càng lớn, "
        "hợp tác càng nhiều; đường nối giữa hai người là họ cũng hợp tác với nhau. Di chuột hoặc "
        "dùng phím Tab để xem tên, bấm để mở hồ sơ."
    ),
    "expert.network_label": "Mạng lưới hợp tác của {name}: {n} người cùng làm việc",
    "expert.network_node": "{name}: {projects} đề tài chung, {publications} công bố chung",
    "expert.network_empty": "Chưa có người cùng làm việc trong dữ liệu.",
    "expert.shared_projects": "Đề tài chung",
    "expert.shared_publications": "Công bố chung",
    "col.code": "Mã số",
    "col.title": "Tên",
    "col.name": "Họ và tên",
    "col.role": "Vai trò",
    "col.level": "Cấp",
    "col.kind": "Loại",
    "col.years": "Thời gian",
    "col.status": "Tình trạng",
    "col.year": "Năm",
    "col.venue": "Nơi công bố",
    "col.citations": "Trích dẫn",
    "col.org": "Tổ chức",
    "col.position": "Vị trí tác giả",
    # records
    "project.heading": "Đề tài, dự án",
    "project.abstract": "Tóm tắt",
    "project.budget": "Kinh phí (triệu đồng)",
    "project.sector": "Ngành",
    "project.members": "Thành viên",
    "project.partners": "Tổ chức chủ trì, phối hợp",
    "project.fields": "Lĩnh vực",
    "publication.heading": "Công bố khoa học",
    "publication.authors": "Tác giả",
    "publication.doi": "DOI",
    "field.heading": "Lĩnh vực khoa học và công nghệ",
    "field.parent": "Thuộc lĩnh vực",
    "field.children": "Lĩnh vực con",
    "field.experts": "Số chuyên gia có chuyên môn trong lĩnh vực này (kể cả lĩnh vực con): {n}",
    "field.find": "Xem danh sách chuyên gia thuộc lĩnh vực này",
    "field.level": "Cấp {n}",
    # errors
    "error.not_found": "Không tìm thấy",
    "error.not_found_detail": "Không có bản ghi nào với mã «{ref}». Có thể mã đã thay đổi hoặc bị gõ sai.",
    "error.back": "Quay lại trang tìm kiếm",
    "error.unavailable": "Cơ sở dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít phút.",
    # Excel export
    "xlsx.sheet": "Kết quả",
    "xlsx.info_sheet": "Thông tin",
    "xlsx.no": "STT",
    "xlsx.name": "Họ và tên",
    "xlsx.title": "Học hàm",
    "xlsx.degree": "Học vị",
    "xlsx.org": "Cơ quan công tác",
    "xlsx.sector": "Ngành",
    "xlsx.score": "Mức phù hợp (0–1)",
    "xlsx.reason": "Lý do phù hợp",
    "xlsx.link": "Đường dẫn hồ sơ",
    "xlsx.query": "Từ khoá",
    "xlsx.field": "Lĩnh vực",
    "xlsx.total": "Số chuyên gia tìm thấy",
    "xlsx.rows": "Số dòng trong tệp",
    "xlsx.exported": "Thời điểm xuất",
    "xlsx.all": "(tất cả)",
}

EN: dict[str, str] = {
    "app.name": "Lai Châu experts",
    "app.tagline": "Find the intellectuals and experts of Lai Châu province",
    "skip": "Skip to main content",
    "nav.label": "Main navigation",
    "nav.search": "Find experts",
    "lang.label": "Language",
    "lang.vi": "Tiếng Việt",
    "lang.en": "English",
    "footer.api": "Programming interface (API)",
    "footer.note": "Data from the province's bodies; every result comes with its evidence.",
    "search.title": "Find experts",
    "search.intro": "Type a field, the work to be done, keywords or a name, with or without diacritics.",
    "search.q_label": "Keywords, field or name",
    "search.q_hint": "For example: nông nghiệp, sâm Lai Châu, landslide, Nguyen Van An",
    "search.sector_label": "Sector",
    "search.any_sector": "All sectors",
    "search.field_label": "Science and technology field",
    "search.any_field": "All fields",
    "search.submit": "Search",
    "search.examples": "Try:",
    "search.results": "Search results",
    "search.total": "{total} experts found, best match first.",
    "search.browse_total": "{total} experts, by name.",
    "search.none": "No matching expert. Try other keywords or fewer filters.",
    "search.export": "Download the results as Excel (.xlsx)",
    "search.score": "Match",
    "search.why": "Why",
    "search.evidence": "Evidence",
    "search.at": "Organization",
    "pager.label": "Pagination",
    "pager.prev": "Previous page",
    "pager.next": "Next page",
    "pager.page": "Page {n}",
    "pager.status": "Page {page} of {pages}",
    "ev.project": "{role} of a {level}-level project «{label}» ({ref})",
    "ev.publication": "Publication «{label}» ({detail})",
    "ev.publication_undated": "Publication «{label}»",
    "ev.field": "Field {label} ({ref})",
    "ev.profile": "Profile: {label}",
    "ev.filters_only": "Matches the chosen filters",
    "kind.project": "Projects",
    "kind.publication": "Publications",
    "kind.field": "Fields",
    "kind.profile": "Profile",
    "kind.title": "Title and degree",
    "role.lead": "lead",
    "role.secretary": "secretary",
    "role.member": "member",
    "level.national": "national",
    "level.ministerial": "ministerial",
    "level.provincial": "provincial",
    "level.grassroots": "grassroots",
    "pkind.task": "task",
    "pkind.project": "project",
    "pkind.research": "research project",
    "status.proposed": "proposed",
    "status.ongoing": "ongoing",
    "status.completed": "completed",
    "status.cancelled": "cancelled",
    "okind.university": "University",
    "okind.research_institute": "Research institute",
    "okind.government_agency": "Government agency",
    "okind.enterprise": "Enterprise",
    "okind.hospital": "Hospital",
    "okind.school": "School",
    "okind.association": "Association",
    "okind.other": "Other organization",
    "prole.host": "host",
    "prole.partner": "partner",
    "gender.M": "Male",
    "gender.F": "Female",
    "expert.facts": "About",
    "expert.title": "Academic title",
    "expert.degree": "Degree",
    "expert.degree_year": "Degree year",
    "expert.birth_year": "Year of birth",
    "expert.gender": "Gender",
    "expert.ethnicity": "Ethnic group",
    "expert.position": "Position",
    "expert.district": "District",
    "expert.email": "Email",
    "expert.phone": "Phone",
    "expert.orcid": "ORCID",
    "expert.sectors": "Sector",
    "expert.fields": "Fields of expertise",
    "expert.topics": "Topics",
    "expert.orgs": "Organizations",
    "expert.current": "current",
    "expert.projects": "Projects ({n})",
    "expert.publications": "Publications ({n})",
    "expert.coworkers": "Co-workers ({n})",
    "expert.none": "Nothing recorded yet.",
    "expert.network": "Collaboration network",
    "expert.network_help": (
        "Each dot is someone who shared a project or a publication; bigger dots collaborated more; a "
        "line between two people means they also worked together. Hover or use Tab to see names, "
        "click to open a profile."
    ),
    "expert.network_label": "Collaboration network of {name}: {n} co-workers",
    "expert.network_node": "{name}: {projects} shared projects, {publications} shared publications",
    "expert.network_empty": "No co-workers recorded yet.",
    "expert.shared_projects": "Shared projects",
    "expert.shared_publications": "Shared publications",
    "col.code": "Code",
    "col.title": "Title",
    "col.name": "Name",
    "col.role": "Role",
    "col.level": "Level",
    "col.kind": "Kind",
    "col.years": "Years",
    "col.status": "Status",
    "col.year": "Year",
    "col.venue": "Venue",
    "col.citations": "Citations",
    "col.org": "Organization",
    "col.position": "Author position",
    "project.heading": "Project",
    "project.abstract": "Abstract",
    "project.budget": "Budget (million VND)",
    "project.sector": "Sector",
    "project.members": "Members",
    "project.partners": "Host and partner organizations",
    "project.fields": "Fields",
    "publication.heading": "Publication",
    "publication.authors": "Authors",
    "publication.doi": "DOI",
    "field.heading": "Science and technology field",
    "field.parent": "Part of",
    "field.children": "Subfields",
    "field.experts": "Experts in this field (subfields included): {n}",
    "field.find": "List the experts in this field",
    "field.level": "Level {n}",
    "error.not_found": "Not found",
    "error.not_found_detail": "There is no record «{ref}». The code may have changed or been mistyped.",
    "error.back": "Back to search",
    "error.unavailable": "The database cannot be reached right now. Please try again in a few minutes.",
    "xlsx.sheet": "Results",
    "xlsx.info_sheet": "About",
    "xlsx.no": "No.",
    "xlsx.name": "Name",
    "xlsx.title": "Academic title",
    "xlsx.degree": "Degree",
    "xlsx.org": "Organization",
    "xlsx.sector": "Sector",
    "xlsx.score": "Match (0–1)",
    "xlsx.reason": "Why",
    "xlsx.link": "Profile link",
    "xlsx.query": "Keywords",
    "xlsx.field": "Field",
    "xlsx.total": "Experts found",
    "xlsx.rows": "Rows in this file",
    "xlsx.exported": "Exported at",
    "xlsx.all": "(all)",
}

CATALOGUES: dict[str, dict[str, str]] = {"vi": VI, "en": EN}


def pick_lang(*candidates: str | None) -> str:
    """The first supported language among `candidates` (query parameter, then cookie), else Vietnamese."""
    for candidate in candidates:
        if candidate in LANGS:
            return candidate
    return DEFAULT_LANG


def accept_language(header: str | None) -> str | None:
    """The supported language an `Accept-Language` header prefers most ("en-US,en;q=0.9" -> "en")."""
    ranked: list[tuple[float, str]] = []
    for part in (header or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        base = tag.strip().lower().split("-")[0]
        if base in LANGS and quality > 0:
            ranked.append((quality, base))
    return max(ranked, key=lambda r: r[0])[1] if ranked else None


def translate(lang: str, key: str, /, **values: object) -> str:
    """The text for `key` in `lang`, with `{placeholders}` filled; unknown keys raise KeyError."""
    text = CATALOGUES[lang][key]
    return text.format(**values) if values else text


def term(lang: str, group: str, value: str | None) -> str:
    """A vocabulary word (role, level, status...); a value outside the catalogue shows as is."""
    if not value:
        return ""
    return CATALOGUES[lang].get(f"{group}.{value}", value)
