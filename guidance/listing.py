"""The date readers see on each listed guidance item, and "newest first" ordered by that same date.

Listings (the guidance index, the home page's "What's new") show a report's publication date
("Report published 31 January 2024") and any other page's last published date ("Updated 3 June
2026"). Ordering by ``last_published_at`` alone put a 2024 report, corrected this week, above guidance
updated yesterday while the list said "2024": the order must follow the dates on the screen.
"""

from django.db.models import DateField, F, QuerySet
from django.db.models.functions import Coalesce, TruncDate

SHOWN_DATE = "shown_date"


def with_shown_date(pages: QuerySet) -> QuerySet:
    """``pages`` (a queryset of ``Page``) annotated with ``shown_date``: a report's publication date,
    otherwise the local date it was last published, as the listing templates print them."""
    # ``reportpage`` is the multi-table child of Page that ReportPage adds; other pages have none.
    return pages.annotate(
        **{
            SHOWN_DATE: Coalesce(
                F("reportpage__publication_date"), TruncDate("last_published_at"), output_field=DateField()
            )
        }
    )


def newest_first(pages: QuerySet) -> QuerySet:
    """``pages`` by the date readers see, newest first; same-day pages by time published, then title."""
    return with_shown_date(pages).order_by(F(SHOWN_DATE).desc(nulls_last=True), "-last_published_at", "title")
