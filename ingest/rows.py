"""One pydantic model per table: a valid, normalized row, or every reason it is not one.

Rows arrive as `{column: text or None}` (None = empty cell = unknown). Each field runs one parser
from `ingest.cells`, so a model error names its column and says in plain words what is wrong;
`row_errors` turns pydantic's errors into `RowError`s. Field codes are checked against
`context={"known_field_codes": set_or_None}`; None skips the check.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError, ValidationInfo
from pydantic import model_validator as _model_validator

from graph.errors import RowError
from graph.honour_keys import award_id, patent_id, patent_number
from graph.text import fold, split_titles
from ingest import cells
from ingest.cells import cell_error
from ingest.columns import Kind
from ingest.vocab import (
    ASSOCIATION_ROLE_VOCAB,
    AWARD_LEVEL_VOCAB,
    DEGREE_VOCAB,
    GENDER_VOCAB,
    MEMBER_ROLE_VOCAB,
    ORG_KIND_VOCAB,
    PARTNER_ROLE_VOCAB,
    PATENT_KIND_VOCAB,
    PATENT_STATUS_VOCAB,
    PROJECT_KIND_VOCAB,
    PROJECT_LEVEL_VOCAB,
    PROJECT_STATUS_VOCAB,
    SECTOR_VOCAB,
    TITLE_VOCAB,
)

T = TypeVar("T")


def _present(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _optional(parse: Callable[[str], T]) -> PlainValidator:
    def run(value: object) -> T | None:
        text = _present(value)
        return None if text is None else parse(text)

    return PlainValidator(run)


def _required(parse: Callable[[str], T]) -> PlainValidator:
    def run(value: object) -> T:
        text = _present(value)
        if text is None:
            raise cell_error("is required")
        return parse(text)

    return PlainValidator(run)


def _coded(vocab: dict[str, str]) -> Callable[[str], str]:
    codes = tuple(dict.fromkeys(vocab.values()))
    return lambda text: cells.coded(text, vocab, codes)


def _gender(text: str) -> str:
    found = GENDER_VOCAB.get(fold(text))
    if found is None:
        raise cell_error("is not a gender: write nam or nữ (M or F)")
    return found


def _field_list(value: object, info: ValidationInfo) -> list[str]:
    text = _present(value)
    if text is None:
        return []
    known = (info.context or {}).get("known_field_codes")
    return cells.field_codes(text, known)


def _topic_list(value: object) -> list[str]:
    """Free keywords, normalized; two spellings of one keyword (same folded key) count once."""
    text = _present(value)
    if text is None:
        return []
    topics = [cells.text(item) for item in cells.split_list(text)]
    return list({fold(t): t for t in reversed(topics) if fold(t)}.values())[::-1]


def _byline_position(text: str) -> int:
    number = cells.whole_number(text)
    if number < 1:
        raise cell_error("is not a byline position (1 for the first author)")
    return number


def _key_unless_resolving(value: object, info: ValidationInfo) -> str | None:
    """A key column is required, except when the import resolves entities (context `resolve`):
    then an empty key means "find this record in the graph, or give it a new id"."""
    text = _present(value)
    if text is None:
        if (info.context or {}).get("resolve"):
            return None
        raise cell_error("is required")
    return cells.text(text)


def _external_id_list(value: object) -> list[str]:
    text = _present(value)
    return [] if text is None else cells.external_ids(text)


Key = Annotated[str, _required(cells.text)]
# The id of an expert or organization: optional when the import resolves entities.
ResolvableKey = Annotated[str | None, PlainValidator(_key_unless_resolving)]
Text = Annotated[str, _required(cells.text)]
OptText = Annotated[str | None, _optional(cells.text)]
Year = Annotated[int | None, _optional(cells.year)]
Count = Annotated[int | None, _optional(cells.whole_number)]
FieldCodes = Annotated[list[str], PlainValidator(_field_list)]
Topics = Annotated[list[str], PlainValidator(_topic_list)]
Sector = Annotated[str | None, _optional(_coded(SECTOR_VOCAB))]
Flag = Annotated[bool | None, _optional(cells.flag)]
Amount = Annotated[float | None, _optional(cells.decimal)]


class ImportRow(BaseModel):
    """Base of the row models: unknown keys are ignored (the header check reports them)."""

    model_config = ConfigDict(extra="ignore")


class OrganizationRow(ImportRow):
    org_id: ResolvableKey = Field(default=None, validate_default=True)
    name: Text
    short_name: OptText = None
    kind: Annotated[str, _required(_coded(ORG_KIND_VOCAB))]
    province: OptText = None
    district: OptText = None
    country: Annotated[str | None, _optional(cells.country)] = None
    parent_org_id: OptText = None
    # The name is a stand-in (e.g. "CORDIS PIC 999…" where CORDIS gives no name).
    unnamed: Flag = None
    # Ids in other systems ("ror:04vnq7t77", "pic:999974747", "bkhcn:0173"): strong keys.
    external_ids: Annotated[list[str], PlainValidator(_external_id_list)] = []
    # Where it is, as CORDIS gives it; the city is evidence when matching across sources.
    city: OptText = None
    address: OptText = None
    post_code: OptText = None
    nuts_code: OptText = None
    geolocation: Annotated[tuple[float, float] | None, _optional(cells.geolocation)] = None

    @_model_validator(mode="after")
    def _not_own_parent(self) -> OrganizationRow:
        if self.parent_org_id is not None and self.parent_org_id == self.org_id:
            raise cell_error("is the organization itself", field="parent_org_id")
        return self


class ExpertRow(ImportRow):
    expert_id: ResolvableKey = Field(default=None, validate_default=True)
    full_name: Text
    academic_title: Annotated[str | None, _optional(_coded(TITLE_VOCAB))] = None
    degree: Annotated[str | None, _optional(_coded(DEGREE_VOCAB))] = None
    degree_year: Year = None
    gender: Annotated[str | None, _optional(_gender)] = None
    birth_year: Annotated[int | None, _optional(cells.birth_year)] = None
    ethnicity: OptText = None
    email: Annotated[str | None, _optional(cells.email)] = None
    phone: Annotated[str | None, _optional(cells.phone)] = None
    orcid: Annotated[str | None, _optional(cells.orcid)] = None
    staff_code: OptText = None
    org_id: OptText = None
    position: OptText = None
    employed_since: Year = None
    sector: Sector = None
    fields: FieldCodes = []
    topics: Topics = []
    district: OptText = None
    # The employer's name as written, for entity resolution when org_id is empty.
    organization: OptText = None
    # Set from full_name: the name without the titles and degrees written before it.
    name: str = ""

    @_model_validator(mode="after")
    def _split_name(self) -> ExpertRow:
        """A title or degree column wins over the name's prefix; the two may not disagree."""
        parts = split_titles(self.full_name)
        for column, given, written in (
            ("academic_title", self.academic_title, parts.title),
            ("degree", self.degree, parts.degree),
        ):
            if given and written and given != written:
                reason = f"disagrees with {written}, written before the name in full_name"
                raise cell_error(reason, field=column)
        self.name = parts.name
        self.academic_title = self.academic_title or parts.title
        self.degree = self.degree or parts.degree
        return self


class ProjectRow(ImportRow):
    project_code: Key
    title: Text
    abstract: OptText = None
    level: Annotated[str | None, _optional(_coded(PROJECT_LEVEL_VOCAB))] = None
    kind: Annotated[str | None, _optional(_coded(PROJECT_KIND_VOCAB))] = None
    start_year: Year = None
    end_year: Year = None
    budget_million_vnd: Annotated[float | None, _optional(cells.decimal)] = None
    status: Annotated[str | None, _optional(_coded(PROJECT_STATUS_VOCAB))] = None
    sector: Sector = None
    fields: FieldCodes = []
    programme: OptText = None  # funding programme, e.g. "H2020 SC4" or "Chương trình nông thôn miền núi"
    budget_eur: Amount = None  # for foreign-funded projects, in the currency they are reported in
    untitled: Flag = None  # the title is a stand-in (CORDIS H2020 participations carry no titles)

    @_model_validator(mode="after")
    def _years_in_order(self) -> ProjectRow:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise cell_error(f"is before start_year {self.start_year}", field="end_year")
        return self


class ProjectMemberRow(ImportRow):
    project_code: Key
    expert_id: Key
    role: Annotated[str, _required(_coded(MEMBER_ROLE_VOCAB))]


class ProjectPartnerRow(ImportRow):
    project_code: Key
    org_id: Key
    role: Annotated[str, _required(_coded(PARTNER_ROLE_VOCAB))]
    contribution_eur: Amount = None  # the funder's contribution to this organization (CORDIS: the EC's)


class PublicationRow(ImportRow):
    pub_id: Key
    title: Text
    abstract: OptText = None
    year: Year = None
    venue: OptText = None
    doi: Annotated[str | None, _optional(cells.doi)] = None
    citations: Count = None
    fields: FieldCodes = []


class PublicationAuthorRow(ImportRow):
    pub_id: Key
    expert_id: Key
    position: Annotated[int | None, _optional(_byline_position)] = None


def _code_list(value: object) -> list[str]:
    """Organization ids in one cell, normalized, each once, order kept."""
    text = _present(value)
    if text is None:
        return []
    return list(dict.fromkeys(cells.text(item) for item in cells.split_list(text)))


class ProposalRow(ImportRow):
    proposal_code: Key
    title: Text
    abstract: OptText = None
    fields: FieldCodes = []
    host_org_id: OptText = None
    partner_org_ids: Annotated[list[str], PlainValidator(_code_list)] = []
    level: Annotated[str | None, _optional(_coded(PROJECT_LEVEL_VOCAB))] = None
    program: OptText = None
    year: Year = None

    @_model_validator(mode="after")
    def _host_is_not_a_partner(self) -> ProposalRow:
        if self.host_org_id is not None and self.host_org_id in self.partner_org_ids:
            raise cell_error(f"also names the host {self.host_org_id}", field="partner_org_ids")
        return self


class ProposalMemberRow(ImportRow):
    proposal_code: Key
    expert_id: Key
    role: Annotated[str, _required(_coded(MEMBER_ROLE_VOCAB))]


class PatentRow(ImportRow):
    """A patent, utility solution, industrial design or plant variety, with its inventors in order.

    The key (`patent_id`) is the office's number (`VN:1-0034567`) or, without one, a digest of the
    folded title and filing year; `year` is what ranking reads: the grant year once granted.
    """

    number: OptText = None
    title: Text
    kind: Annotated[str, _required(_coded(PATENT_KIND_VOCAB))]
    status: Annotated[str | None, _optional(_coded(PATENT_STATUS_VOCAB))] = None
    filing_year: Year = None
    grant_year: Year = None
    country: Annotated[str | None, _optional(cells.country)] = None
    inventors: Annotated[list[str], PlainValidator(_code_list)] = []
    owner_org_ids: Annotated[list[str], PlainValidator(_code_list)] = []
    fields: FieldCodes = []
    topics: Topics = []
    # Set from the columns above.
    patent_id: str = ""
    year: int | None = None

    @_model_validator(mode="after")
    def _derive(self) -> PatentRow:
        """Status follows from a grant year when not given; a filed patent has no grant year."""
        if self.filing_year and self.grant_year and self.grant_year < self.filing_year:
            raise cell_error(f"is before filing_year {self.filing_year}", field="grant_year")
        if self.status is None:
            self.status = "granted" if self.grant_year else "filed"
        elif self.status == "filed" and self.grant_year:
            raise cell_error("is given, but status says the patent is only filed", field="grant_year")
        self.country = self.country or "VN"
        if self.number is not None:
            self.number = patent_number(self.number, self.country) or None
        self.patent_id = patent_id(self.number, self.country, self.title, self.filing_year)
        granted = self.status == "granted"
        self.year = (self.grant_year or self.filing_year) if granted else self.filing_year
        return self


class AwardRow(ImportRow):
    """One recipient of an award; co-recipients' rows share the award node (`award_id`)."""

    name: Text
    level: Annotated[str, _required(_coded(AWARD_LEVEL_VOCAB))]
    year: Annotated[int, _required(cells.year)]
    expert_id: Key
    issuer: OptText = None
    work: OptText = None
    fields: FieldCodes = []
    award_id: str = ""  # set from name, year and work

    @_model_validator(mode="after")
    def _key(self) -> AwardRow:
        self.award_id = award_id(self.name, self.year, self.work)
        return self


class MembershipRow(ImportRow):
    """An expert's membership of an association (Liên hiệp các Hội KH&KT, a professional society)."""

    expert_id: Key
    org_id: Key
    role: Annotated[str | None, _optional(_coded(ASSOCIATION_ROLE_VOCAB))] = None
    since: Year = None
    until: Year = None

    @_model_validator(mode="after")
    def _years_in_order(self) -> MembershipRow:
        self.role = self.role or "member"  # an empty role: an ordinary member (hội viên)
        if self.since and self.until and self.until < self.since:
            raise cell_error(f"is before since {self.since}", field="until")
        return self


MODELS: dict[Kind, type[ImportRow]] = {
    Kind.ORGANIZATIONS: OrganizationRow,
    Kind.EXPERTS: ExpertRow,
    Kind.PROJECTS: ProjectRow,
    Kind.PROJECT_MEMBERS: ProjectMemberRow,
    Kind.PROJECT_PARTNERS: ProjectPartnerRow,
    Kind.PUBLICATIONS: PublicationRow,
    Kind.PUBLICATION_AUTHORS: PublicationAuthorRow,
    Kind.PROPOSALS: ProposalRow,
    Kind.PROPOSAL_MEMBERS: ProposalMemberRow,
    Kind.PATENTS: PatentRow,
    Kind.AWARDS: AwardRow,
    Kind.MEMBERSHIPS: MembershipRow,
}


def parse_row(
    kind: Kind, raw: Mapping[str, str | None], context: Mapping[str, Any] | None = None
) -> ImportRow:
    """The row as its kind's model; raises pydantic's ValidationError (see `row_errors`)."""
    return MODELS[kind].model_validate(raw, context=dict(context or {}))


def row_errors(
    exc: ValidationError, raw: Mapping[str, str | None], *, file: str, row: int, sheet: str = ""
) -> list[RowError]:
    """One RowError per problem, naming the column and quoting the cell as it was written."""
    found: list[RowError] = []
    for error in exc.errors(include_url=False):
        context = error.get("ctx") or {}
        location = error["loc"]
        field = str(context.get("field") or (location[0] if location else ""))
        reason = "is required" if error["type"] == "missing" else error["msg"]
        found.append(RowError(file, row, field, raw.get(field) or "", reason, sheet))
    return found
