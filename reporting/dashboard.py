"""The officers' panel on the Wagtail admin dashboard: reports waiting for triage and recent arrivals.

Shown only to those who may see reports (``reporting.figures_admin.PERMISSION``, LMC officers); it
holds counts and links only, nothing a practice typed.
"""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from reporting.choices import TriageStatus
from reporting.models import InterfaceReport
from reporting.services import VIEWSET_NAME

RECENT_DAYS = 30


class ReportsPanel(Component):
    """How many reports are new (with a link to them), how many arrived lately, and Figures."""

    name = "reporting_reports"
    order = 70  # before the guidance and letters panels (90, 80): officers' daily work
    template_name = "reporting/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None) -> dict:
        """The counts and links the panel shows, counted when the dashboard is drawn."""
        since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
        listing = reverse(f"{VIEWSET_NAME}:index")
        return {
            "new_count": InterfaceReport.objects.filter(status=TriageStatus.NEW).count(),
            "new_url": f"{listing}?{urlencode({'status': TriageStatus.NEW})}",
            # Spam and duplicates an officer marked not counted are not news either.
            "recent_count": InterfaceReport.objects.counted().filter(created_at__gte=since).count(),
            "recent_days": RECENT_DAYS,
            "listing_url": listing,
            "figures_url": reverse("reporting_figures"),
        }
