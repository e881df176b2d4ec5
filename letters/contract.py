"""The NHS Standard Contract as the letters cite it: Service Conditions, sub-clauses and editions.

The contract is republished every year, each edition running from 1 April to 31 March, and titles
and sub-clause numbers can move between editions. So what a letter cites is data the LMC keeps
(``letters.models.ServiceCondition`` and each request category's sub-clause), each with the edition
it was checked against, and a title or sub-clause is printed only while that edition is the one in
force on the letter's date. The Service Condition's number alone is always printed. Sources and
editions: docs/letters.md.
"""

import datetime
import re

from django.core.exceptions import ValidationError

CONTRACT_NAME = "the NHS Standard Contract"
EDITION_FORMAT = re.compile(r"^(\d{4})/(\d{2})$")


def edition_in_force(on: datetime.date) -> str:
    """The contract edition in force on a date, e.g. "2026/27" from 1 April 2026 to 31 March 2027."""
    start = on.year if on.month >= 4 else on.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def edition_start_year(edition: str) -> int:
    """The year an edition ("2025/26") came into force; ``ValueError`` for anything else."""
    match = EDITION_FORMAT.match(edition or "")
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(edition)
    return int(match.group(1))


def validate_edition(value: str) -> None:
    """An edition is written as the two years it spans: "2026/27"."""
    try:
        edition_start_year(value)
    except ValueError:
        raise ValidationError(
            'Write the edition as the two years it covers, e.g. "2026/27".', code="edition_format"
        ) from None


def is_out_of_date(edition: str, *, on: datetime.date) -> bool:
    """True when ``edition`` is older than the edition in force on ``on`` (or not an edition)."""
    try:
        return edition_start_year(edition) < edition_start_year(edition_in_force(on))
    except ValueError:
        return True


def service_condition_citation(
    *,
    number: int,
    title: str,
    title_checked_against: str,
    sub_clause: str,
    sub_clause_checked_against: str,
    on: datetime.date,
) -> str:
    """How a letter cites a Service Condition on the date ``on``, for example

    "Service Condition 11 (Transfer of and Discharge from Care; Communication with GPs) of the NHS
    Standard Contract, clause 11.9 in the 2026/27 edition".

    The title and the sub-clause each appear only when checked against the edition in force on
    ``on``; anything checked against another edition is left out rather than printed as current.
    """
    edition = edition_in_force(on)
    citation = f"Service Condition {number}"
    if title and title_checked_against == edition:
        citation += f" ({title})"
    citation += f" of {CONTRACT_NAME}"
    if sub_clause and sub_clause_checked_against == edition:
        citation += f", clause {sub_clause} in the {edition} edition"
    return citation
