"""Counts of interface reports and counted letters by month, provider and kind, for a period.

Officers see exact counts in the admin. Anything published (the figures block on a report page, the
letter to the ICB) goes through ``shown``, the small-number rule:

- 0 is shown as 0;
- 1 to 4 is shown as "fewer than 5";
- 5 and more is rounded to the nearest 5 (7 → 5, 8 → 10), and so is every total.

Rounding everything else is what stops a suppressed count being worked out by subtraction: a total
less the other rows, or one table's total less another's, is only known to within a few, so a row
shown as "fewer than 5" cannot be recovered from them.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from letters.models import Provider, Reason, RequestCategory
from letters.placeholders import LetterKind
from reporting.choices import ProblemKind
from reporting.models import CountedLetter, InterfaceReport

SMALL = 5
FEWER_THAN_SMALL = f"fewer than {SMALL}"
NOT_IN_LIST = "Other (not in the providers list)"
OVERLAP = "A letter can name more than one, so these do not add up to the number of letters."


def shown(count: int) -> str:
    """A count as published: 0, "fewer than 5", or rounded to the nearest 5 (see the module docstring)."""
    if count <= 0:
        return "0"
    if count < SMALL:
        return FEWER_THAN_SMALL
    return str(rounded(count))


def rounded(count: int) -> int:
    """``count`` to the nearest 5, halves up (what the published bars are drawn from)."""
    return (count + SMALL // 2) // SMALL * SMALL if count >= SMALL else 0


@dataclass(frozen=True)
class Row:
    label: str
    count: int


@dataclass(frozen=True)
class Breakdown:
    """One table of counts. ``total`` is None when rows overlap (a letter may name several kinds)."""

    key: str
    title: str
    heading: str
    rows: tuple[Row, ...]
    total: int | None
    note: str = ""


def month_starts(*, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Every month from ``start``'s to ``end``'s, as first days, oldest first."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_label(month: datetime.date) -> str:
    """ "May 2026"; the month now running says "so far", so a part month is not read as a fall."""
    this_month = timezone.localdate().replace(day=1)
    return f"{month:%B %Y}" + (" (so far)" if month == this_month else "")


def _in_period(
    queryset: QuerySet, *, start: datetime.date, end: datetime.date, provider: Provider | None
) -> QuerySet:
    months = month_starts(start=start, end=end)
    if not months:
        return queryset.none()
    queryset = queryset.filter(month__gte=months[0], month__lte=months[-1])
    return queryset.filter(provider=provider) if provider is not None else queryset


def _by_month(queryset: QuerySet, *, start: datetime.date, end: datetime.date, noun: str) -> Breakdown:
    counts = Counter(dict(queryset.values_list("month").annotate(n=Count("pk", distinct=True))))
    rows = tuple(
        Row(month_label(month), counts.get(month, 0)) for month in month_starts(start=start, end=end)
    )
    return Breakdown("month", f"{noun} by month", "Month", rows, sum(row.count for row in rows))


def _by_provider(queryset: QuerySet, *, noun: str) -> Breakdown:
    counts = queryset.values_list("provider").annotate(n=Count("pk", distinct=True)).order_by()
    labels = dict(Provider.objects.values_list("pk", "label"))
    rows = sorted(
        (Row(labels.get(pk, NOT_IN_LIST) if pk else NOT_IN_LIST, n) for pk, n in counts),
        key=lambda row: (-row.count, row.label),
    )
    return Breakdown("provider", f"{noun} by provider", "Provider", tuple(rows), sum(r.count for r in rows))


def report_breakdowns(
    *, start: datetime.date, end: datetime.date, provider: Provider | None = None
) -> list[Breakdown]:
    """Reports of interface problems in the months ``start``–``end``: by month, provider, kind of problem
    and, for work pushed to the practice, kind of work. Reports marked not counted are left out."""
    reports = _in_period(InterfaceReport.objects.counted(), start=start, end=end, provider=provider)
    kinds = Counter(dict(reports.values_list("kind").annotate(n=Count("pk")).order_by()))
    kind_rows = tuple(Row(label, kinds.get(value, 0)) for value, label in ProblemKind.choices)
    return [
        _by_month(reports, start=start, end=end, noun="Reports"),
        _by_provider(reports, noun="Reports"),
        Breakdown("kind", "Reports by kind of problem", "Kind of problem", kind_rows, sum(kinds.values())),
        _by_kind_of_work(reports.filter(kind=ProblemKind.WORKLOAD)),
    ]


def _by_kind_of_work(workload_reports: QuerySet) -> Breakdown:
    """Reports of work pushed to the practice by the kind of work (each report names one, at most)."""
    counts = workload_reports.values_list("workload_category").annotate(n=Count("pk")).order_by()
    labels = dict(RequestCategory.objects.values_list("pk", "label"))
    rows = sorted(
        (Row(labels.get(pk, "Not said") if pk else "Not said", n) for pk, n in counts),
        key=lambda row: (-row.count, row.label),
    )
    return Breakdown(
        "category",
        "Reports of work pushed to the practice, by kind of work",
        "Kind of work",
        tuple(rows),
        sum(row.count for row in rows),
    )


def letter_breakdowns(
    *, start: datetime.date, end: datetime.date, provider: Provider | None = None
) -> list[Breakdown]:
    """Letters counted for the LMC in the months ``start``–``end``: by month, provider, letter, kind of
    request and reason."""
    letters = _in_period(CountedLetter.objects.all(), start=start, end=end, provider=provider)
    kinds = Counter(dict(letters.values_list("letter_kind").annotate(n=Count("pk")).order_by()))
    kind_rows = tuple(Row(label, kinds.get(value, 0)) for value, label in LetterKind.choices)
    return [
        _by_month(letters, start=start, end=end, noun="Letters"),
        _by_provider(letters, noun="Letters"),
        Breakdown("letter", "Letters by kind of letter", "Letter", kind_rows, sum(kinds.values())),
        Breakdown(
            "category",
            "Workload letters by kind of request",
            "Kind of request",
            _named_counts(RequestCategory, letters, "categories"),
            None,
            OVERLAP,
        ),
        Breakdown(
            "reason",
            "Letters by reason given",
            "Reason",
            _named_counts(Reason, letters, "reasons"),
            None,
            OVERLAP,
        ),
    ]


def reasons_by_letter_kind(
    *, start: datetime.date, end: datetime.date, provider: Provider | None = None
) -> list[Breakdown]:
    """The reasons given in letters counted in the months ``start``–``end``, one breakdown for each
    kind of letter (keys ``reason-<kind>``).

    Each letter offers its own reasons (a declined referral's are not a workload rejection's), so the
    single "reason" breakdown of ``letter_breakdowns`` mixes two different lists.
    """
    letters = _in_period(CountedLetter.objects.all(), start=start, end=end, provider=provider)
    return [
        Breakdown(
            f"reason-{kind}",
            f"{label} letters by reason given",
            "Reason",
            _named_counts(Reason, letters.filter(letter_kind=kind), "reasons"),
            None,
            OVERLAP,
        )
        for kind, label in LetterKind.choices
    ]


def _named_counts(model, letters: QuerySet, relation: str) -> tuple[Row, ...]:
    """How many of ``letters`` name each option of ``model`` (most first; options never named left out)."""
    through = getattr(CountedLetter, relation).through
    field = f"{model._meta.model_name}_id"
    pairs = (
        through.objects.filter(countedletter__in=letters)
        .values_list(field)
        .annotate(n=Count("pk"))
        .order_by()
    )
    labels = dict(model.objects.values_list("pk", "label"))
    rows = [Row(labels.get(pk, "Removed from the list"), n) for pk, n in pairs]
    return tuple(sorted(rows, key=lambda row: (-row.count, row.label)))


def nothing_counted(breakdowns: list[Breakdown]) -> bool:
    """True when no row of any of ``breakdowns`` counts anything (nothing in the period to report)."""
    return not any(row.count for breakdown in breakdowns for row in breakdown.rows)


@dataclass(frozen=True)
class ShownRow:
    label: str
    value: str
    percent: int  # the bar's length, against the largest row shown


@dataclass(frozen=True)
class ShownBreakdown:
    """A breakdown as a page shows it: exact for officers, or under the small-number rule."""

    key: str
    title: str
    heading: str
    rows: tuple[ShownRow, ...]
    total: str | None
    note: str


def present(*, breakdown: Breakdown, public: bool) -> ShownBreakdown:
    """``breakdown`` ready for a table and a bar chart; ``public`` applies ``shown`` to every number.

    Published bars are drawn from the rounded numbers, and a row shown as "fewer than 5" has no bar,
    so a chart never tells more than its table.
    """
    values = [rounded(row.count) if public else row.count for row in breakdown.rows]
    largest = max(values, default=0) or 1
    rows = tuple(
        ShownRow(row.label, shown(row.count) if public else str(row.count), round(100 * value / largest))
        for row, value in zip(breakdown.rows, values, strict=True)
    )
    total = None if breakdown.total is None else shown(breakdown.total) if public else str(breakdown.total)
    return ShownBreakdown(breakdown.key, breakdown.title, breakdown.heading, rows, total, breakdown.note)
