"""Which guidance is due for review: used by the dashboard panel and the admin report."""

import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from guidance.models import REVIEW_WARNING_DAYS, GuidanceIndexPage, GuidanceItemPage, ReportPage

REVIEWED_PAGE_TYPES = (GuidanceIndexPage, GuidanceItemPage, ReportPage)


def pages_due_for_review(
    *, user: AbstractBaseUser | AnonymousUser, today: datetime.date | None = None
) -> list[Page]:
    """Pages (live or draft) ``user`` may edit whose next review date has passed or falls within
    30 days, soonest first. Wagtail's page permission policy decides what ``user`` may edit, so
    nobody sees the titles of pages outside their permission."""
    today = today or timezone.localdate()
    cutoff = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
    due = Q()
    for model in REVIEWED_PAGE_TYPES:
        due |= Q(id__in=model.objects.filter(next_review_due__lte=cutoff).values("id"))
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    pages = list(editable.filter(due).specific())
    return sorted(pages, key=lambda page: (page.next_review_due, page.title))
