"""Figures in the Wagtail admin (menu item "Figures"), for those who may see reports (LMC officers).

Officers see exact counts: the admin is internal. Anything published goes through the small-number
rule instead (``reporting.figures``).
"""

import datetime
import io

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.models import SiteIdentity
from letters.models import Provider
from letters.services.render_docx import render_docx
from letters.services.render_pdf import PdfUnavailable, render_pdf
from reporting.figures import letter_breakdowns, month_starts, present, report_breakdowns
from reporting.icb_letter import build_icb_letter

PERMISSION = "reporting.view_interfacereport"  # the same people who read the reports
MONTHS_OFFERED = 36


def month_choices(*, today: datetime.date) -> list[tuple[str, str]]:
    """The last three years of months, newest first, as ("2026-05", "May 2026")."""
    first = today.replace(day=1)
    start = first.replace(year=first.year - MONTHS_OFFERED // 12)
    months = reversed(month_starts(start=start, end=first))
    return [(f"{month:%Y-%m}", f"{month:%B %Y}") for month in months]


def _month(value: str) -> datetime.date:
    return datetime.date.fromisoformat(f"{value}-01")


class PeriodForm(forms.Form):
    """The period and provider the figures are for (from GET, so a filtered page can be shared)."""

    start = forms.ChoiceField(label="From")
    end = forms.ChoiceField(label="To")
    provider = forms.ModelChoiceField(
        label="Provider", queryset=Provider.objects.all(), required=False, empty_label="All providers"
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        choices = month_choices(today=today)
        self.fields["start"].choices = self.fields["end"].choices = choices
        self.default_start, self.default_end = choices[11][0], choices[0][0]  # the last twelve months

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "Choose a month after the start of the period.")
        return data

    def period(self) -> tuple[datetime.date, datetime.date, Provider | None]:
        """The chosen period (the last twelve months when nothing valid was chosen)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        start = data.get("start") or self.default_start
        end = data.get("end") or self.default_end
        return _month(start), _month(end), data.get("provider")


class FiguresView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reporting/admin/figures.html"
    page_title = "Figures"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        form = PeriodForm(self.request.GET or None, today=today)
        if not self.request.GET:
            form.initial = {"start": form.default_start, "end": form.default_end}
        start, end, provider = form.period()
        period = f"{start:%B %Y} to {end:%B %Y}" + (f", {provider.label}" if provider else "")
        query = self.request.GET.copy()
        query.pop("format", None)
        context.update(
            form=form,
            letter_query=query.urlencode(),
            period_label=period,
            invalid=form.is_bound and not form.is_valid(),
            reports=[
                present(breakdown=b, public=False)
                for b in report_breakdowns(start=start, end=end, provider=provider)
            ],
            letters=[
                present(breakdown=b, public=False)
                for b in letter_breakdowns(start=start, end=end, provider=provider)
            ],
        )
        return context


FORMATS = {
    "docx": (render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (render_pdf, "application/pdf"),
}


class FiguresLetterView(View):
    """The letter to the ICB for the chosen period and provider, as Word or PDF (published numbers)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        fmt = request.GET.get("format", "docx")
        renderer, content_type = FORMATS.get(fmt, FORMATS["docx"])
        today = timezone.localdate()
        start, end, provider = PeriodForm(request.GET or None, today=today).period()
        identity = SiteIdentity.for_request(request)
        content = build_icb_letter(
            start=start,
            end=end,
            provider=provider,
            issuer=identity.name,
            issuer_contacts=tuple(
                line.strip()
                for line in [*identity.address.splitlines(), identity.phone, identity.email]
                if line.strip()
            ),
            icb_name=identity.icb_name,
            on=today,
        )
        try:
            data = renderer(content=content)
        except PdfUnavailable:
            messages.error(request, "The PDF could not be made just now. The Word version still works.")
            return redirect(f"{reverse('reporting_figures')}?{request.GET.urlencode()}")
        suffix = "pdf" if renderer is render_pdf else "docx"
        return FileResponse(
            io.BytesIO(data),
            as_attachment=True,
            filename=f"{content.file_stem}.{suffix}",
            content_type=content_type,
        )


class FiguresMenuItem(MenuItem):
    """Shown to officers (who may view reports); never to editors."""

    def is_shown(self, request) -> bool:
        return request.user.has_perm(PERMISSION)
