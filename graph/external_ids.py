"""Identifiers other systems give an organization: a ROR id, a CORDIS PIC, an OpenAlex institution id,
a ministry's or university's own code. Each is one `scheme:value` strong key, unique in the graph.

An agency's export names a body by its own code and its own spelling ("DAAD-0042", "Universität
Stuttgart"); another file names it "University of Stuttgart". The name score cannot join those, the
shared ROR id can. Values are canonical per scheme, so `https://ror.org/04VNQ7T77` and `ror:04vnq7t77`
are one key. The adapters' own ids already hold some schemes (`EU-PIC-<pic>`, OpenAlex `I…`): those
count as held without a stored `ExternalId` node (`implicit_org_id`), so the CORDIS load stays as lean.
"""

from __future__ import annotations

import re

from graph.text import fold

_URL_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:https?://)?(?:www\.)?ror\.org/(\S+)$", re.IGNORECASE), "ror"),
    (
        re.compile(r"^(?:https?://)?(?:api\.)?openalex\.org/(?:institutions/)?(\S+)$", re.IGNORECASE),
        "openalex",
    ),
)
_FORMS: dict[str, re.Pattern[str]] = {
    "ror": re.compile(r"^0[a-z0-9]{6}\d{2}$"),
    "pic": re.compile(r"^\d{9}$"),
    "openalex": re.compile(r"^I\d+$"),
}
_SCHEME = re.compile(r"^[a-z][a-z0-9_-]{1,30}$")
# Schemes whose value is also the id an adapter gives the organization node.
_IMPLICIT_PREFIX = {"pic": "EU-PIC-", "openalex": ""}


def parse_external_id(text: str) -> str:
    """The canonical `scheme:value` of `text`; raises ValueError when it is not one."""
    text = text.strip()
    for pattern, scheme in _URL_FORMS:
        if match := pattern.match(text):
            return _canonical(scheme, match.group(1))
    scheme, sep, value = text.partition(":")
    if not sep:
        raise ValueError(text)
    return _canonical(fold(scheme).replace(" ", ""), value)


def _canonical(scheme: str, value: str) -> str:
    # ROR ids are lowercase; the rest, agencies' codes included, compare without case.
    value = " ".join(value.split())
    value = value.lower() if scheme == "ror" else value.upper()
    form = _FORMS.get(scheme)
    if not _SCHEME.match(scheme) or not value or (form is not None and not form.match(value)):
        raise ValueError(f"{scheme}:{value}")
    return f"{scheme}:{value}"


def split_key(key: str) -> tuple[str, str]:
    scheme, _, value = key.partition(":")
    return scheme, value


def implicit_org_id(key: str) -> str | None:
    """The organization id an adapter gives the holder of `key`, if the scheme has one."""
    scheme, value = split_key(key)
    prefix = _IMPLICIT_PREFIX.get(scheme)
    return None if prefix is None else prefix + value


# Adapters' organization id prefixes and the scheme of the id after them (`EU-PIC-999974747` is
# `pic:999974747`, `OA-I100066346` is `openalex:I100066346`): how one body keeps the ids of two sources.
ADAPTER_PREFIXES: dict[str, str] = {"EU-PIC-": "pic", "OA-": "openalex"}


def adapter_key(org_id: str | None) -> str | None:
    """The external id an adapter's organization id stands for, None for any other id."""
    for prefix, scheme in ADAPTER_PREFIXES.items():
        if org_id and org_id.startswith(prefix) and len(org_id) > len(prefix):
            try:
                return parse_external_id(f"{scheme}:{org_id[len(prefix) :]}")
            except ValueError:
                return None
    return None
