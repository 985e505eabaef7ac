"""What the blank templates say about each column: its Vietnamese header, its meaning and an example.

`ingest.columns` decides what a header means; this module only words it for people. A test checks
that every header here is read back as its column and every example row imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.sectors import SECTORS
from ingest.columns import Kind


@dataclass(frozen=True)
class ColumnText:
    header: str  # Vietnamese header with diacritics, written in row 1 of the template
    vi: str  # meaning, in Vietnamese
    en: str  # meaning, in English
    example: str = ""


# Titles of the data sheet of each kind (each also names its kind: `columns.kind_for_name`).
SHEET_TITLES: dict[Kind, str] = {
    Kind.ORGANIZATIONS: "Tổ chức",
    Kind.EXPERTS: "Trí thức",
    Kind.PROJECTS: "Đề tài",
    Kind.PROJECT_MEMBERS: "Thành viên đề tài",
    Kind.PROJECT_PARTNERS: "Tổ chức tham gia đề tài",
    Kind.PUBLICATIONS: "Công bố",
    Kind.PUBLICATION_AUTHORS: "Tác giả công bố",
    Kind.PROPOSALS: "Hồ sơ đề xuất",
    Kind.PROPOSAL_MEMBERS: "Người đề xuất",
    Kind.PATENTS: "Sáng chế, giải pháp hữu ích",
    Kind.AWARDS: "Giải thưởng",
    Kind.MEMBERSHIPS: "Hội viên",
}

# Offered in the drop-down lists of coded columns; each is an accepted spelling of one code.
CHOICES: dict[tuple[Kind, str], tuple[str, ...]] = {
    (Kind.ORGANIZATIONS, "kind"): (
        "Trường đại học",
        "Viện nghiên cứu",
        "Cơ quan nhà nước",
        "Doanh nghiệp",
        "Bệnh viện",
        "Trường học",
        "Hội",
        "Khác",
    ),
    (Kind.ORGANIZATIONS, "unnamed"): ("có", "không"),
    (Kind.EXPERTS, "academic_title"): ("GS", "PGS"),
    (Kind.EXPERTS, "degree"): ("TSKH", "TS", "ThS", "CKII", "CKI", "BS", "DS", "KS", "CN", "CD"),
    (Kind.EXPERTS, "gender"): ("Nam", "Nữ"),
    (Kind.EXPERTS, "sector"): tuple(s.code for s in SECTORS),
    (Kind.PROJECTS, "level"): ("Quốc gia", "Bộ", "Tỉnh", "Cơ sở", "Quốc tế"),
    (Kind.PROJECTS, "kind"): ("Đề tài", "Dự án", "Nhiệm vụ"),
    (Kind.PROJECTS, "status"): ("Đề xuất", "Đang thực hiện", "Hoàn thành", "Đã hủy"),
    (Kind.PROJECTS, "sector"): tuple(s.code for s in SECTORS),
    (Kind.PROJECTS, "untitled"): ("có", "không"),
    (Kind.PROJECT_MEMBERS, "role"): ("Chủ nhiệm", "Thư ký", "Thành viên"),
    (Kind.PROJECT_PARTNERS, "role"): ("Chủ trì", "Phối hợp"),
    (Kind.PATENTS, "kind"): ("Sáng chế", "Giải pháp hữu ích", "Kiểu dáng công nghiệp", "Giống cây trồng"),
    (Kind.PATENTS, "status"): ("Đã nộp đơn", "Đã cấp bằng"),
    (Kind.AWARDS, "level"): ("Quốc tế", "Quốc gia", "Bộ", "Tỉnh", "Cơ sở"),
    (Kind.MEMBERSHIPS, "role"): (
        "Hội viên",
        "Ủy viên Ban Chấp hành",
        "Phó Chủ tịch",
        "Chủ tịch",
        "Tổng Thư ký",
    ),
}

_SECTOR_NOTE = "; ".join(f"{s.code} = {s.name_vi}" for s in SECTORS)
_FIELDS_VI = "mã lĩnh vực KH&CN theo QĐ 12/2008/QĐ-BKHCN (1, 3 hoặc 5 chữ số), cách nhau bởi dấu ;"
_FIELDS_EN = "Vietnamese S&T field codes (QĐ 12/2008), separated by ;"

TEXTS: dict[Kind, dict[str, ColumnText]] = {
    Kind.ORGANIZATIONS: {
        "org_id": ColumnText(
            "Mã tổ chức", "mã ổn định, không đổi giữa các lần nhập", "stable code", "LC-SKHCN"
        ),
        "name": ColumnText(
            "Tên", "tên đầy đủ, có dấu", "full name", "Sở Khoa học và Công nghệ tỉnh Lai Châu"
        ),
        "short_name": ColumnText("Tên viết tắt", "tên viết tắt", "abbreviation", "SKHCN"),
        "kind": ColumnText("Loại", "loại hình tổ chức", "kind of organization", "Cơ quan nhà nước"),
        "province": ColumnText("Tỉnh", "tỉnh, thành phố", "province", "Lai Châu"),
        "district": ColumnText("Huyện", "huyện, thành phố trong tỉnh", "district", "Tam Đường"),
        "country": ColumnText("Quốc gia", "mã quốc gia 2 chữ cái, mặc định VN", "ISO 3166 code", "VN"),
        "parent_org_id": ColumnText(
            "Mã tổ chức cấp trên", "mã của cơ quan chủ quản", "org_id of the parent body", "LC-UBND"
        ),
        "unnamed": ColumnText(
            "Chưa có tên", "có nếu tên chỉ là tên tạm", "yes when the name is a stand-in", "không"
        ),
        "external_ids": ColumnText(
            "Mã hệ thống khác",
            "mã của tổ chức trong hệ thống khác, dạng hệ:mã, cách nhau bởi dấu ; (ror:…, pic:…, bkhcn:…)",
            "ids in other systems as scheme:value, separated by ; (ROR, CORDIS PIC, an agency's code)",
            "",
        ),
        "city": ColumnText("Thành phố", "thành phố, thị xã nơi đặt trụ sở", "city of the seat", ""),
        "address": ColumnText("Địa chỉ", "số nhà, đường phố", "street address", ""),
        "post_code": ColumnText("Mã bưu chính", "mã bưu chính", "post code", ""),
        "nuts_code": ColumnText(
            "Mã NUTS", "mã vùng NUTS của EU (tổ chức châu Âu)", "EU NUTS region code", ""
        ),
        "geolocation": ColumnText("Tọa độ", "vĩ độ,kinh độ", "latitude,longitude in degrees", ""),
    },
    Kind.EXPERTS: {
        "expert_id": ColumnText("Mã trí thức", "mã ổn định của người", "stable code", "LC-00042"),
        "full_name": ColumnText(
            "Họ tên", "có thể ghi kèm học hàm, học vị", "may carry titles", "PGS.TS. Nguyễn Văn An"
        ),
        "academic_title": ColumnText("Học hàm", "GS hoặc PGS", "GS or PGS", "PGS"),
        "degree": ColumnText("Học vị", "học vị cao nhất", "highest degree", "TS"),
        "degree_year": ColumnText(
            "Năm nhận học vị", "năm nhận học vị cao nhất", "year of the degree", "2012"
        ),
        "gender": ColumnText("Giới tính", "Nam hoặc Nữ", "M or F", "Nam"),
        "birth_year": ColumnText("Năm sinh", "4 chữ số", "four-digit year", "1975"),
        "ethnicity": ColumnText("Dân tộc", "dân tộc", "ethnic group", "Thái"),
        "email": ColumnText("Email", "thư điện tử", "email address", "an.nv@laichau.gov.vn"),
        "phone": ColumnText("Điện thoại", "số điện thoại", "phone", "0912345678"),
        "orcid": ColumnText("ORCID", "mã ORCID", "ORCID iD", "0000-0002-1825-0097"),
        "staff_code": ColumnText("Mã cán bộ", "mã cán bộ, công chức", "national staff code", ""),
        "org_id": ColumnText(
            "Mã tổ chức", "mã tổ chức đang công tác", "current employer's org_id", "LC-SKHCN"
        ),
        "organization": ColumnText(
            "Cơ quan công tác",
            "tên cơ quan công tác, khi chưa có mã tổ chức (dùng để đối chiếu trùng lặp)",
            "employer's name, when there is no org_id (used by entity resolution)",
            "Sở Khoa học và Công nghệ tỉnh Lai Châu",
        ),
        "position": ColumnText("Chức vụ", "chức vụ hiện tại", "job title", "Phó Giám đốc"),
        "employed_since": ColumnText(
            "Năm bắt đầu công tác", "năm bắt đầu công tác tại tổ chức hiện tại", "employed since", "2015"
        ),
        "sector": ColumnText("Lĩnh vực ngành", _SECTOR_NOTE, "sector code", "AGRI_FOREST"),
        "fields": ColumnText("Chuyên ngành", _FIELDS_VI, _FIELDS_EN, "40101; 401"),
        "topics": ColumnText(
            "Từ khóa", "từ khóa tự do, cách nhau bởi dấu ;", "free keywords", "sâm Lai Châu; nhân giống"
        ),
        "district": ColumnText("Huyện", "huyện nơi cư trú hoặc công tác", "district", "Sìn Hồ"),
    },
    Kind.PROJECTS: {
        "project_code": ColumnText(
            "Mã đề tài", "mã đề tài, dự án, nhiệm vụ", "stable code", "ĐTKHCN.LC.2021-03"
        ),
        "title": ColumnText("Tên đề tài", "tên đầy đủ", "title", "Nhân giống sâm Lai Châu"),
        "abstract": ColumnText("Tóm tắt", "mục tiêu, nội dung chính", "abstract", ""),
        "level": ColumnText("Cấp", "cấp quản lý", "level", "Tỉnh"),
        "kind": ColumnText("Loại", "đề tài, dự án hay nhiệm vụ", "kind", "Đề tài"),
        "start_year": ColumnText("Năm bắt đầu", "4 chữ số", "start year", "2021"),
        "end_year": ColumnText("Năm kết thúc", "4 chữ số, không trước năm bắt đầu", "end year", "2023"),
        "budget_million_vnd": ColumnText(
            "Kinh phí (triệu đồng)", "tổng kinh phí, triệu đồng", "budget, million VND", "1200,5"
        ),
        "status": ColumnText("Tình trạng", "tình trạng thực hiện", "status", "Hoàn thành"),
        "sector": ColumnText("Lĩnh vực ngành", _SECTOR_NOTE, "sector code", "AGRI_FOREST"),
        "fields": ColumnText("Chuyên ngành", _FIELDS_VI, _FIELDS_EN, "406"),
        "programme": ColumnText(
            "Chương trình", "chương trình tài trợ", "funding programme", "Chương trình KH&CN cấp tỉnh"
        ),
        "budget_eur": ColumnText("Kinh phí EUR", "tổng kinh phí nếu tính bằng EUR", "total cost in EUR", ""),
        "untitled": ColumnText(
            "Chưa có tên", "có nếu tên chỉ là tên tạm", "yes when the title is a stand-in", ""
        ),
    },
    Kind.PROJECT_MEMBERS: {
        "project_code": ColumnText("Mã đề tài", "mã đề tài", "project_code", "ĐTKHCN.LC.2021-03"),
        "expert_id": ColumnText("Mã trí thức", "mã trí thức", "expert_id", "LC-00042"),
        "role": ColumnText("Vai trò", "vai trò trong đề tài", "role", "Chủ nhiệm"),
    },
    Kind.PROJECT_PARTNERS: {
        "project_code": ColumnText("Mã đề tài", "mã đề tài", "project_code", "ĐTKHCN.LC.2021-03"),
        "org_id": ColumnText("Mã tổ chức", "mã tổ chức", "org_id", "LC-SKHCN"),
        "role": ColumnText("Vai trò", "chủ trì hay phối hợp", "role", "Chủ trì"),
        "contribution_eur": ColumnText(
            "Đóng góp EUR", "phần kinh phí tài trợ cho tổ chức, EUR", "funder's contribution, EUR", ""
        ),
    },
    Kind.PUBLICATIONS: {
        "pub_id": ColumnText("Mã công bố", "mã ổn định của công bố", "stable code", "CB-2022-001"),
        "title": ColumnText("Tiêu đề", "tiêu đề bài báo, sách", "title", "Nhân giống vô tính sâm Lai Châu"),
        "abstract": ColumnText("Tóm tắt", "tóm tắt", "abstract", ""),
        "year": ColumnText("Năm", "năm công bố", "year", "2022"),
        "venue": ColumnText(
            "Nơi đăng",
            "tạp chí hoặc hội nghị",
            "journal or conference",
            "Tạp chí Khoa học Công nghệ Nông nghiệp",
        ),
        "doi": ColumnText("DOI", "mã DOI", "DOI", "10.1234/sam.2022"),
        "citations": ColumnText("Số trích dẫn", "số lần được trích dẫn", "citations", "3"),
        "fields": ColumnText("Chuyên ngành", _FIELDS_VI, _FIELDS_EN, "406"),
    },
    Kind.PUBLICATION_AUTHORS: {
        "pub_id": ColumnText("Mã công bố", "mã công bố", "pub_id", "CB-2022-001"),
        "expert_id": ColumnText("Mã trí thức", "mã trí thức", "expert_id", "LC-00042"),
        "position": ColumnText("Thứ tự", "thứ tự tác giả, bắt đầu từ 1", "byline position", "1"),
    },
    Kind.PROPOSALS: {
        "proposal_code": ColumnText("Mã đề xuất", "mã hồ sơ đề xuất", "proposal code", "DX.LC.2026-01"),
        "title": ColumnText(
            "Tên đề xuất", "tên nhiệm vụ đề xuất", "proposal title", "Nhân giống sâm Lai Châu dưới tán rừng"
        ),
        "abstract": ColumnText("Tóm tắt", "tóm tắt nội dung", "abstract", ""),
        "fields": ColumnText("Chuyên ngành", "mã chuyên ngành, cách nhau bởi ;", "field codes", "40101"),
        "host_org_id": ColumnText("Mã tổ chức chủ trì", "mã tổ chức chủ trì", "host org_id", "LC-SKHCN"),
        "partner_org_ids": ColumnText(
            "Mã tổ chức phối hợp", "mã các tổ chức phối hợp, cách nhau bởi ;", "partner org_ids", ""
        ),
        "level": ColumnText("Cấp đề nghị", "cấp quản lý đề nghị", "requested level", "Cấp tỉnh"),
        "program": ColumnText("Chương trình", "chương trình KH&CN", "program", ""),
        "year": ColumnText("Năm", "năm đề xuất", "year", "2026"),
    },
    Kind.PROPOSAL_MEMBERS: {
        "proposal_code": ColumnText("Mã đề xuất", "mã hồ sơ đề xuất", "proposal code", "DX.LC.2026-01"),
        "expert_id": ColumnText("Mã trí thức", "mã trí thức đề xuất", "expert_id", "LC-00042"),
        "role": ColumnText("Vai trò", "vai trò trong hồ sơ", "role", "Chủ nhiệm"),
    },
    Kind.PATENTS: {
        "number": ColumnText(
            "Số bằng",
            "số văn bằng (hoặc số đơn nếu chưa cấp); để trống nếu chưa có",
            "patent or application number; empty if none yet",
            "1-0034567",
        ),
        "title": ColumnText(
            "Tên sáng chế",
            "tên sáng chế, giải pháp hữu ích, kiểu dáng hoặc giống cây trồng",
            "title",
            "Quy trình nhân giống sâm Lai Châu bằng nuôi cấy mô",
        ),
        "kind": ColumnText("Loại", "loại văn bằng bảo hộ", "kind of protection", "Sáng chế"),
        "status": ColumnText(
            "Tình trạng",
            "đã nộp đơn hay đã cấp bằng; để trống: đã cấp nếu có năm cấp bằng",
            "filed or granted; empty: granted when a grant year is given",
            "Đã cấp bằng",
        ),
        "filing_year": ColumnText("Năm nộp đơn", "4 chữ số", "filing year", "2019"),
        "grant_year": ColumnText("Năm cấp bằng", "4 chữ số, không trước năm nộp đơn", "grant year", "2022"),
        "country": ColumnText(
            "Quốc gia", "nơi cấp, mã 2 chữ cái, mặc định VN", "granting country, ISO code", "VN"
        ),
        "inventors": ColumnText(
            "Tác giả",
            "mã trí thức của các tác giả theo thứ tự, cách nhau bởi dấu ;",
            "expert_ids of the inventors in order, separated by ;",
            "LC-00042",
        ),
        "owner_org_ids": ColumnText(
            "Mã chủ sở hữu",
            "mã tổ chức chủ văn bằng, cách nhau bởi dấu ;",
            "org_ids of the holders",
            "LC-SKHCN",
        ),
        "fields": ColumnText("Chuyên ngành", _FIELDS_VI, _FIELDS_EN, "40101"),
        "topics": ColumnText(
            "Từ khóa", "từ khóa tự do, cách nhau bởi dấu ;", "free keywords", "sâm Lai Châu; nuôi cấy mô"
        ),
    },
    Kind.AWARDS: {
        "name": ColumnText(
            "Tên giải thưởng",
            "tên giải thưởng hoặc hình thức khen thưởng",
            "name of the award",
            "Giải thưởng Sáng tạo Khoa học Công nghệ Việt Nam",
        ),
        "level": ColumnText("Cấp", "cấp giải thưởng", "level", "Quốc gia"),
        "year": ColumnText("Năm", "năm nhận giải", "year", "2023"),
        "expert_id": ColumnText(
            "Mã trí thức", "mã trí thức nhận giải; mỗi người một dòng", "recipient expert_id", "LC-00042"
        ),
        "issuer": ColumnText(
            "Cơ quan trao tặng",
            "cơ quan trao giải",
            "awarding body",
            "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam",
        ),
        "work": ColumnText(
            "Tên công trình",
            "công trình, giải pháp được trao giải",
            "the work honoured",
            "Quy trình nhân giống sâm Lai Châu",
        ),
        "fields": ColumnText("Chuyên ngành", _FIELDS_VI, _FIELDS_EN, "40101"),
    },
    Kind.MEMBERSHIPS: {
        "expert_id": ColumnText("Mã trí thức", "mã trí thức hội viên", "expert_id", "LC-00042"),
        "org_id": ColumnText(
            "Mã hội",
            "mã tổ chức của hội (loại Hội) ở bảng Tổ chức",
            "org_id of the association (kind association)",
            "LC-LHH",
        ),
        "role": ColumnText(
            "Vai trò", "vai trò trong hội; để trống: hội viên", "role; empty: member", "Hội viên"
        ),
        "since": ColumnText("Từ năm", "năm gia nhập", "year joined", "2015"),
        "until": ColumnText(
            "Đến năm", "năm thôi tham gia; để trống nếu còn", "year left; empty if still", ""
        ),
    },
}
