"""Figures in the Wagtail admin (menu item "Figures"), for those who may see reports (LMC officers).

Officers see exact counts: the admin is internal. Anything published goes through the small-number
rule instead (``reporting.figures``).
"""

import datetime
import io
from urllib.parse import urlencode

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
from reporting.figures import letter_breakdowns, month_starts, nothing_counted, present, report_breakdowns
from reporting.icb_letter import NOTHING_TO_REPORT, NothingToReport, build_icb_letter

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

    def full_clean(self) -> None:
        """Validate, then tie each field to its message, so a screen reader reads it with the field."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].id_for_label}-error"

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "Choose a month after the start of the period.")
        return data

    def period(self) -> tuple[datetime.date, datetime.date, Provider | None] | None:
        """The chosen months and provider; the last twelve months for every provider when nothing was
        chosen (an unbound form); None when what was chosen cannot be used.

        Never the default in place of an invalid choice: that would count a period, or providers,
        other than those the page says were chosen.
        """
        if not self.is_bound:
            return _month(self.default_start), _month(self.default_end), None
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return _month(data["start"]), _month(data["end"]), data["provider"]


def _today() -> datetime.date:
    """Today in the LMC's time zone: the months offered end here (a function, so tests fix the date)."""
    return timezone.localdate()


def period_query(start: datetime.date, end: datetime.date, provider: Provider | None) -> str:
    """The period and provider as the Figures page's query string (what the letter links carry)."""
    query = {"start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}"}
    if provider is not None:
        query["provider"] = str(provider.pk)
    return urlencode(query)


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
        form = PeriodForm(self.request.GET or None, today=_today())
        if not form.is_bound:
            form.initial = {"start": form.default_start, "end": form.default_end}
        context["form"] = form
        chosen = form.period()
        if chosen is None:  # the errors only: no figures and no letter for a period nobody chose
            return context
        start, end, provider = chosen
        reports = report_breakdowns(start=start, end=end, provider=provider)
        letters = letter_breakdowns(start=start, end=end, provider=provider)
        context.update(
            letter_query=period_query(start, end, provider),
            # The same test the letter makes: no links to a letter that would be refused.
            nothing_to_report=NOTHING_TO_REPORT if nothing_counted([*reports, *letters]) else "",
            period_label=f"{start:%B %Y} to {end:%B %Y}" + (f", {provider.label}" if provider else ""),
            reports=[present(breakdown=b, public=False) for b in reports],
            letters=[present(breakdown=b, public=False) for b in letters],
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
        today = _today()
        # Always bound: the letter is made only for a period chosen explicitly and valid.
        chosen = PeriodForm(request.GET, today=today).period()
        if chosen is None:
            messages.error(request, "The letter to the ICB was not made: choose a period that can be used.")
            return self._back_to_figures(request)
        start, end, provider = chosen
        identity = SiteIdentity.for_request(request)
        try:
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
        except NothingToReport:
            # The Figures page it goes back to says so too (NOTHING_TO_REPORT): this says why no file came.
            messages.error(
                request, "The letter to the ICB was not made: nothing was counted for this period."
            )
            return self._back_to_figures(request)
        try:
            data = renderer(content=content)
        except PdfUnavailable:
            messages.error(request, "The PDF could not be made just now. The Word version still works.")
            return self._back_to_figures(request)
        suffix = "pdf" if renderer is render_pdf else "docx"
        return FileResponse(
            io.BytesIO(data),
            as_attachment=True,
            filename=f"{content.file_stem}.{suffix}",
            content_type=content_type,
        )

    @staticmethod
    def _back_to_figures(request: HttpRequest) -> HttpResponse:
        """The Figures page for what was asked (its errors, if any), where the message is shown."""
        query = request.GET.copy()
        query.pop("format", None)
        return redirect(reverse("reporting_figures") + (f"?{query.urlencode()}" if query else ""))


class FiguresMenuItem(MenuItem):
    """Shown to officers (who may view reports); never to editors."""

    def is_shown(self, request) -> bool:
        return request.user.has_perm(PERMISSION)
