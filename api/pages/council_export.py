"""The saved council as an Excel workbook: the member list annexed to a council decision.

Headers follow the reader's language (Vietnamese by default). Every text cell passes
graph.spreadsheet.safe_row, so a name or title typed as a formula (`=HYPERLINK(...)`) in an import
stays plain text when the decision is opened. A second sheet says which proposal, council and period
the list is for, and when it was exported.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from api.i18n import term, translate
from api.pages.render import ref_path
from graph.spreadsheet import safe_row
from queries.proposals import Proposal

COLUMNS = (
    "xlsx.no",
    "xlsx.name",
    "xlsx.title",
    "xlsx.degree",
    "council.xlsx_role",
    "xlsx.org",
    "xlsx.reason",
    "xlsx.link",
)
WIDTHS = (6, 28, 10, 10, 16, 42, 90, 40)


def council_workbook(
    lang: str, proposal: Proposal, council: dict[str, Any], reasons: dict[str, str], base_url: str
) -> bytes:
    t = translate
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t(lang, "council.xlsx_sheet")
    sheet.append([t(lang, key) for key in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, seat in enumerate(council["seats"], start=1):
        sheet.append(
            safe_row(
                [
                    i,
                    seat["name"] or seat["expert_id"],
                    seat.get("academic_title") or "",
                    seat.get("degree") or "",
                    term(lang, "crole", seat["role"]),
                    seat.get("organization") or "",
                    reasons.get(seat["expert_id"], ""),
                    base_url.rstrip("/") + ref_path("/experts", seat["expert_id"]),
                ]
            )
        )
    for col, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    for cell in sheet["G"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"

    info = book.create_sheet(t(lang, "xlsx.info_sheet"))
    info.append(safe_row([t(lang, "council.xlsx_proposal"), proposal.code]))
    info.append(safe_row([t(lang, "council.xlsx_title"), proposal.title]))
    info.append(safe_row([t(lang, "council.xlsx_council"), council["id"]]))
    info.append(safe_row([t(lang, "council.xlsx_program"), council.get("program") or ""]))
    info.append(safe_row([t(lang, "council.xlsx_period"), council.get("period") or ""]))
    info.append([t(lang, "council.xlsx_members"), len(council["seats"])])
    info.append([t(lang, "xlsx.exported"), datetime.now().strftime("%d/%m/%Y %H:%M")])
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 80
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
