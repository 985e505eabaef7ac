"""The statistics responses as tables with Vietnamese headers, for the .xlsx and .csv exports."""

from __future__ import annotations

from api.export import Table
from api.stats_schemas import ForecastOut, HistoryOut, ShortageOut, TargetsOut, WorkforceOut

YES_NO = {True: "có", False: "không"}
KINDS = {
    "no_source": "Chưa có nguồn tuyển dụng",
    "no_leaders": "Thiếu chuyên gia đầu ngành",
    "proposed": "Lĩnh vực của dự án đề xuất",
    "needed": "Lĩnh vực nhiệm vụ, hồ sơ đề xuất cần",
}
SOURCES = {
    "program": "Chương trình hành động",
    "proposed_projects": "Dự án đề xuất trong cơ sở dữ liệu",
    "tasks_proposals": "Nhiệm vụ đặt hàng, hồ sơ đề xuất trong cơ sở dữ liệu",
}
COMPARISONS = {"more_than": "trên", "at_least": "tối thiểu", "between": "trong khoảng"}


def workforce_table(out: WorkforceOut) -> Table:
    headers = [out.headers[k] for k in out.by] + ["Số người", "Tỷ lệ (%)"]
    rows = [[g.labels[k] for k in out.by] + [g.count, round(100 * g.share, 2)] for g in out.groups]
    rows.append(["Tổng cộng"] + [""] * (len(out.by) - 1) + [out.total, 100.0 if out.total else 0.0])
    return Table("thong-ke-tri-thuc", "Thống kê đội ngũ trí thức", headers, rows)


def targets_table(out: TargetsOut) -> Table:
    headers = [
        "Chỉ tiêu", "Mã", "Điều kiện", "Giá trị chỉ tiêu", "Giá trị tối đa", "Đơn vị", "Năm đạt",
        "Hiện nay", "Còn thiếu", "Trạng thái", "Dự báo (trung vị)", "Dự báo thấp (P5)", "Dự báo cao (P95)",
        "Theo xu hướng sẽ đạt", "Số mới bình quân/năm", "Số mới cần/năm", "Tỷ lệ trong số mới (%)",
        "Tỷ lệ cần trong số mới (%)", "Nguồn", "Ghi chú",
    ]  # fmt: skip
    rows = []
    for t in out.targets:
        f = t.forecast
        rows.append(
            [
                t.name_vi, t.key, COMPARISONS.get(t.comparison, t.comparison), t.value, t.value_max, t.unit,
                t.deadline_year, t.current, t.gap, t.status,
                f.median if f else None, f.low if f else None, f.high if f else None,
                YES_NO[f.on_track] if f else None, f.mean_intake if f else None,
                f.required_intake if f else None, f.intake_share if f else None,
                f.required_intake_share if f else None, t.source, t.note,
            ]
        )  # fmt: skip
    return Table("chi-tieu-2030", f"Chỉ tiêu đến năm 2030 (số liệu năm {out.year})", headers, rows)


def history_table(out: HistoryOut) -> Table:
    metrics = list(out.metrics)
    headers = ["Năm"] + [out.metrics[m] for m in metrics]
    rows = [[r["year"]] + [r[m] for m in metrics] for r in out.rows]
    return Table("lich-su-chi-tieu", "Diễn biến các chỉ số theo năm", headers, rows)


def forecast_table(out: ForecastOut) -> Table:
    headers = ["Nhóm", "Loại", "Năm", "Hiện có còn làm việc", "Dự báo (trung vị)", "Thấp (P5)", "Cao (P95)"]
    rows = []
    for kind, groups in (("Học vị", out.degrees), ("Ngành", out.sectors)):
        for g in groups:
            for y in g.years:
                if y.year == out.reference_year or y.year in out.horizons:
                    rows.append([g.name_vi, kind, y.year, y.survivors, y.median, y.low, y.high])
    for s in out.shares:
        for sy in s.years:
            if sy.year == out.reference_year or sy.year in out.horizons:
                name = f"{s.name_vi} (% {s.denominator_vi})"
                rows.append([name, "Tỷ lệ (%)", sy.year, sy.survivors, sy.median, sy.low, sy.high])
    return Table("du-bao", f"Dự báo đội ngũ trí thức đến {max(out.horizons)}", headers, rows)


def shortages_table(out: list[ShortageOut]) -> Table:
    headers = ["Lĩnh vực", "Mã", "Căn cứ", "Loại thiếu hụt", "Số trí thức", "Số chuyên gia đầu ngành",
               "Tình trạng", "Dự án, nhiệm vụ, hồ sơ đề xuất"]  # fmt: skip
    rows = [
        [
            s.name_vi,
            s.key,
            SOURCES[s.source],
            KINDS[s.kind],
            s.experts,
            s.leading,
            s.status,
            "; ".join(s.projects),
        ]
        for s in out
    ]
    return Table("thieu-hut", "Lĩnh vực thiếu hụt trí thức", headers, rows)
