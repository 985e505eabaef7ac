"""EU CORDIS Horizon 2020 participations as import tables: organizations, projects, project_partners.

The adapter only renames and recodes; the rows then pass the same validation and loading as a
user's template (`ingest.load.import_tables`). Choices, documented in docs/import-format.md:

- organizations are keyed `EU-PIC-<pic>`; the name comes from `org_names.csv` where known, else the
  stand-in "CORDIS PIC <pic>" with `unnamed` set. Activity types become kinds: HES university,
  REC research_institute, PRC enterprise, PUB government_agency, OTH other. CORDIS writes Greece
  as EL and the United Kingdom as UK; they become ISO GR and GB.
- projects are keyed `H2020-RCN-<rcn>` (`h2020.csv.gz` gives the record number, not the grant id)
  or `H2020-<projectID>` (CORDIS `organization.csv`). No title exists in these files, so the
  title is a stand-in naming the programme parts, with `untitled` set. Level `international`,
  kind `project`, the programme parts in `programme`, the total cost in `budget_eur`, and status
  completed when the end date has passed.
- where an organization is: `city` (both files), and from `organization.csv` also `address`,
  `post_code`, `nuts_code` and `geolocation`. `org_names.csv` carries names damaged in its source
  (UTF-8 read as Mac Roman: "UNIVERSIT√ÑT"); they are repaired (`unmangle`).
- participation roles: coordinator becomes host; participant, partner, thirdParty and
  internationalPartner become partner; the EC contribution goes to `contribution_eur`. When
  `organization.csv` lists one organization twice in a project (as participant and as a third
  party, say), the two become one link: host if either row is, with the contributions summed.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import ImportRejected, RowError
from ingest.columns import Kind
from ingest.gc_pause import paused_gc
from ingest.readers import RawRow, Table

ACTIVITY_KINDS = {
    "HES": "university",
    "REC": "research_institute",
    "PRC": "enterprise",
    "PUB": "government_agency",
    "OTH": "other",
}
COUNTRY_CODES = {"EL": "GR", "UK": "GB"}
HOST_ROLES = frozenset({"coordinator"})

ORG_HEADER = [
    "org_id",
    "name",
    "short_name",
    "kind",
    "country",
    "unnamed",
    "city",
    "address",
    "post_code",
    "nuts_code",
    "geolocation",
]
PROJECT_HEADER = [
    "project_code",
    "title",
    "level",
    "kind",
    "start_year",
    "end_year",
    "status",
    "programme",
    "budget_eur",
    "untitled",
]
PARTNER_HEADER = ["project_code", "org_id", "role", "contribution_eur"]


@dataclass(frozen=True)
class OrgName:
    name: str
    short_name: str
    city: str = ""


@dataclass(frozen=True)
class Place:
    """Where an organization is, as `organization.csv` writes it (all may be empty)."""

    city: str = ""
    address: str = ""
    post_code: str = ""
    nuts_code: str = ""
    geolocation: str = ""


@dataclass
class CordisTables:
    """The three tables, and how many source rows they came from."""

    organizations: Table
    projects: Table
    partners: Table
    source_rows: int
    named: int = 0
    unnamed: int = 0

    def tables(self) -> dict[Kind, list[Table]]:
        return {
            Kind.ORGANIZATIONS: [self.organizations],
            Kind.PROJECTS: [self.projects],
            Kind.PROJECT_PARTNERS: [self.partners],
        }

    @property
    def rows(self) -> int:
        return len(self.organizations.rows) + len(self.projects.rows) + len(self.partners.rows)


@dataclass
class _Builder:
    org_file: str
    project_file: str
    partner_file: str
    names: dict[str, OrgName]
    orgs: dict[str, RawRow] = field(default_factory=dict)
    projects: dict[str, RawRow] = field(default_factory=dict)
    # (project_code, org_id) -> [first row number, role, summed contribution or None]
    partners: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    named: int = 0

    def partner(self, number: int, code: str, org_id: str, role: str, contribution: str) -> None:
        try:
            amount: float | str | None = float(contribution) if contribution else None
        except ValueError:
            amount = contribution  # left as written: validation names the row and the value
        seen = self.partners.get((code, org_id))
        if seen is None:
            self.partners[(code, org_id)] = [number, _role(role), amount]
            return
        if _role(role) == "host":
            seen[1] = "host"
        if isinstance(amount, float) and not isinstance(seen[2], str):
            seen[2] = amount + (seen[2] or 0.0)

    def org(
        self,
        number: int,
        pic: str,
        activity: str,
        country: str,
        name: str = "",
        short: str = "",
        place: Place | None = None,
    ) -> str:
        org_id = f"EU-PIC-{pic}"
        if org_id not in self.orgs:
            known = self.names.get(pic)
            name = name or (known.name if known else "")
            short = short or (known.short_name if known else "")
            place = place or Place(city=known.city if known else "")
            self.named += bool(name)
            self.orgs[org_id] = RawRow(
                number,
                (
                    org_id,
                    name or f"CORDIS PIC {pic}",
                    short,
                    ACTIVITY_KINDS.get(activity, activity),
                    COUNTRY_CODES.get(country, country),
                    "False" if name else "True",
                    place.city,
                    place.address,
                    place.post_code,
                    place.nuts_code,
                    place.geolocation,
                ),
            )
        return org_id

    def build(self, source_rows: int) -> CordisTables:
        return CordisTables(
            Table(self.org_file, "", ORG_HEADER, list(self.orgs.values())),
            Table(self.project_file, "", PROJECT_HEADER, list(self.projects.values())),
            Table(
                self.partner_file,
                "",
                PARTNER_HEADER,
                [
                    RawRow(number, (code, org_id, role, _shown(amount)))
                    for (code, org_id), (number, role, amount) in self.partners.items()
                ],
            ),
            source_rows,
            named=self.named,
            unnamed=len(self.orgs) - self.named,
        )


def _value(text: str | None) -> str:
    """CORDIS writes unknown as NA or leaves the cell empty."""
    text = (text or "").strip()
    return "" if text.upper() in ("NA", "NAN", "NULL") else text


def unmangle(text: str) -> str:
    """Undo UTF-8 read as Mac Roman ("UNIVERSIT√ÑT" -> "UNIVERSITÄT", "D√©veloppement" ->
    "Développement"), the damage some `org_names.csv` rows carry; other text is returned as is."""
    if "√" not in text:
        return text
    try:
        return text.encode("mac_roman").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _amount(text: str | None) -> str:
    """Euros with two decimals and a dot: never the "1.234" form the validator calls ambiguous.
    organization.csv writes some costs with a decimal comma ("771225,1")."""
    value = _value(text).replace(",", ".")
    if not value:
        return ""
    try:
        return f"{float(value):.2f}"
    except ValueError:
        return value  # left as written: validation names the row and the value


def _shown(amount: float | str | None) -> str:
    if amount is None:
        return ""
    return amount if isinstance(amount, str) else f"{amount:.2f}"


def _status(end_date: str, today: date) -> str:
    try:
        return "completed" if date.fromisoformat(end_date) < today else "ongoing"
    except ValueError:
        return ""


def _role(role: str) -> str:
    return "host" if role.strip() in HOST_ROLES else "partner"


def read_org_names(path: Path) -> dict[str, OrgName]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["pic"]: OrgName(
                unmangle(_value(row["name"])),
                unmangle(_value(row["short_name"])),
                unmangle(_value(row.get("city"))),
            )
            for row in csv.DictReader(handle)
            if _value(row.get("name"))
        }


def read_programme_parts(path: Path) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            parts.setdefault(row["rcn"], []).append(row["programme_part"])
    return parts


def _records(
    handle: io.TextIOBase | Iterable[str], file: str, required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(handle)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        reason = f"is not in the CORDIS format: columns {', '.join(missing)} are missing"
        raise ImportRejected([RowError(file, 1, "", "", reason)])
    for row in reader:
        yield reader.line_num, row  # the line a record ends on: quoted cells may span lines


@paused_gc()
def participations(
    path: Path,
    names: dict[str, OrgName],
    parts: dict[str, list[str]],
    *,
    today: date | None = None,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> CordisTables:
    """`h2020.csv.gz` (rcn, role, pic, type, contribution, country, dates, costs, ...) as tables."""
    today = today or date.today()
    file = path.name
    builder = _Builder(file, file, file, names)
    required = ("rcn", "role", "pic", "type", "contribution", "country", "end_date", "total_cost")
    count = 0
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for number, row in _records(handle, file, required):
            if limit is not None and count >= limit:
                break
            count += 1
            rcn, pic = _value(row["rcn"]), _value(row["pic"])
            org_id = builder.org(number, pic, _value(row["type"]), _value(row["country"]))
            code = f"H2020-RCN-{rcn}"
            if code not in builder.projects:
                programme = parts.get(rcn, [])
                shown = f" ({', '.join(programme)})" if programme else ""
                builder.projects[code] = RawRow(
                    number,
                    (
                        code,
                        f"H2020 project, CORDIS rcn {rcn}{shown}",
                        "international",
                        "project",
                        _value(row.get("start_year")),
                        _value(row.get("end_year")),
                        _status(_value(row["end_date"]), today),
                        "H2020" + (" " + "; ".join(programme) if programme else ""),
                        _amount(row["total_cost"]),
                        "True",
                    ),
                )
            builder.partner(number, code, org_id, row["role"], _amount(row["contribution"]))
            if progress is not None:
                progress(1)
    return builder.build(count)


@paused_gc()
def organization_csv(path: Path, *, today: date | None = None) -> CordisTables:
    """A CORDIS `organization.csv` (projectID, organisationID, name, activityType, role, ...)."""
    today = today or date.today()
    file = path.name
    builder = _Builder(file, file, file, {})
    required = ("projectID", "projectAcronym", "organisationID", "name", "activityType", "role", "country")
    count = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in _records(handle, file, required):
            count += 1
            pic = _value(row["organisationID"])
            org_id = builder.org(
                number,
                pic,
                _value(row["activityType"]),
                _value(row["country"]),
                _value(row["name"]),
                _value(row.get("shortName")),
                Place(
                    _value(row.get("city")),
                    _value(row.get("street")),
                    _value(row.get("postCode")),
                    _value(row.get("nutsCode")),
                    _value(row.get("geolocation")),
                ),
            )
            code = f"H2020-{_value(row['projectID'])}"
            if code not in builder.projects:
                acronym = _value(row["projectAcronym"])
                builder.projects[code] = RawRow(
                    number,
                    (code, f"{acronym} (H2020 {_value(row['projectID'])})", "international", "project",
                     "", "", "", "H2020", "", "True"),
                )  # fmt: skip
            builder.partner(number, code, org_id, row["role"], _amount(row.get("ecContribution")))
    return builder.build(count)
