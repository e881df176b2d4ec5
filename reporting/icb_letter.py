"""The LMC's letter to the ICB: reports and counted letters for a period (and provider), by kind.

Built as a ``LetterContent`` so the letters' own renderers make the Word file and the PDF. The letter
leaves the LMC, so every number follows the small-number rule (``reporting.figures.shown``).
"""

import datetime

from django.utils.text import slugify

from letters.content import BulletList, Heading, LetterContent, Paragraph, Signature, long_date
from letters.models import Provider
from reporting.figures import (
    SMALL,
    letter_breakdowns,
    nothing_counted,
    present,
    reasons_by_letter_kind,
    report_breakdowns,
)

NOTHING_TO_REPORT = "Nothing was counted for this period and provider, so there is no letter to the ICB."


class NothingToReport(ValueError):
    """No report and no letter counted for the period and provider: a letter asking the ICB to address
    "these problems" would list none."""


def _bullets(breakdown, intro: str) -> BulletList | Paragraph:
    shown = present(breakdown=breakdown, public=True)
    items = tuple(f"{row.label}: {row.value}" for row in shown.rows if row.value != "0")
    if not items:
        return Paragraph(f"{intro} none.")
    if shown.total is not None:
        items += (f"Total: {shown.total}",)
    return BulletList(intro=intro, items=items)


def build_icb_letter(
    *,
    start: datetime.date,
    end: datetime.date,
    provider: Provider | None,
    issuer: str,
    issuer_contacts: tuple[str, ...] = (),
    icb_name: str,
    on: datetime.date,
) -> LetterContent:
    """The letter for the months ``start``–``end`` (every provider when ``provider`` is None), headed
    with the LMC's name and ``issuer_contacts`` (address lines, phone, email).

    Raises ``NothingToReport`` when nothing was counted for them.
    """
    who = provider.label if provider else "all providers"
    period = f"{start:%B %Y} to {end:%B %Y}"
    reports = {b.key: b for b in report_breakdowns(start=start, end=end, provider=provider)}
    letters = {b.key: b for b in letter_breakdowns(start=start, end=end, provider=provider)}
    if nothing_counted([*reports.values(), *letters.values()]):
        raise NothingToReport(NOTHING_TO_REPORT)
    blocks = [
        # To the ICB's team, not a named person: "Yours faithfully" below.
        Paragraph("Dear colleagues,"),
        Heading(f"Interface problems reported by practices: {who}, {period}"),
        Paragraph(
            f"Practices in our area tell {issuer} about problems at the interface with providers, and count "
            "the letters they send providers with our template letters. This letter sets out the numbers "
            f"for {period} so that the ICB, as commissioner, can take them up with {who}."
        ),
        Heading("Reports of interface problems"),
        _bullets(reports["kind"], "By kind of problem:"),
        _bullets(reports["category"], "Work pushed to the practice, by kind of work:"),
    ]
    if provider is None:
        blocks.append(_bullets(reports["provider"], "By provider:"))
    blocks += [
        _bullets(reports["month"], "By month:"),
        # Counting is each practice's choice, letter by letter: say so, or these read as every letter.
        Heading("Letters practices chose to count for the LMC"),
        Paragraph(
            "Practices count a letter for us only when they choose to, so these are not all the letters "
            "they sent and the true number is likely to be higher."
        ),
        _bullets(letters["letter"], "By kind of letter:"),
        _bullets(letters["category"], "Work returned to the provider, by kind of request:"),
        # Each kind of letter has its own reasons: listed apart, never as one mixed list.
        *(
            _bullets(reasons, f"{reasons.title}:")
            for reasons in reasons_by_letter_kind(start=start, end=end, provider=provider)
        ),
        Paragraph(
            f"To protect practices and patients, numbers from 1 to {SMALL - 1} are shown as \u201cfewer than "
            f"{SMALL}\u201d and other numbers, totals included, are rounded to the nearest {SMALL}. A letter "
            "can name more than one kind of request or reason. No patient details were collected."
        ),
        Paragraph(
            "We would welcome a reply setting out how the ICB will address these problems with the provider."
        ),
        Signature(closing="Yours faithfully", lines=(issuer,)),
    ]
    stem_who = provider.label if provider else "all-providers"
    return LetterContent(
        title=f"Interface problems: {who}, {period}",
        file_stem=slugify(f"icb-letter-{start:%Y-%m}-to-{end:%Y-%m}-{stem_who}")[:100],
        letterhead=(issuer, *issuer_contacts),
        date_line=long_date(on),
        recipient=(icb_name,) if icb_name else ("The Integrated Care Board",),
        blocks=tuple(blocks),
        footer=f"Figures from the {issuer} interface portal, {long_date(on)}.",
    )
