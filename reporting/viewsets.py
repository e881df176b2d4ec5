"""Interface reports in the Wagtail admin, for LMC officers: a filtered listing, triage, export.

Officers may view and change reports (``guidance.editorial.MODEL_PERMISSIONS``); nobody adds, copies
or deletes them here. The export leaves out the reporter's contact email unless the officer asks for
it with the "… with contact emails" download (``?contact=1``).
"""

import datetime

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from letters.models import Provider
from reporting.choices import PatientRisk, ProblemKind, TriageStatus
from reporting.models import CountedLetter, InterfaceReport
from reporting.services import VIEWSET_NAME

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plain_cell(value) -> str:
    """Text a spreadsheet will not run as a formula when the CSV is opened (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def received_cell(value: datetime.datetime) -> str:
    """When a report arrived, in local time to the minute, as a spreadsheet reads a date and time."""
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"


def month_choices(model=InterfaceReport) -> list[tuple[str, str]]:
    """The months that have reports (or ``model``'s rows), newest first."""
    months = model.objects.dates("month", "month", order="DESC")
    return [(month.isoformat(), f"{month:%B %Y}") for month in months]


class InterfaceReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="Status", choices=TriageStatus.choices)
    kind = django_filters.ChoiceFilter(label="Kind of problem", choices=ProblemKind.choices)
    provider = django_filters.ModelChoiceFilter(label="Provider", queryset=Provider.objects.all())
    month = django_filters.ChoiceFilter(label="Month", choices=month_choices)
    patient_risk = django_filters.ChoiceFilter(label="Risk to patients", choices=PatientRisk.choices)
    practice = django_filters.CharFilter(label="Practice (ODS code or name)", method="filter_practice")

    class Meta:
        model = InterfaceReport
        fields: list[str] = []

    def filter_practice(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(practice_ods_code__iexact=value) | Q(practice_name__icontains=value))


# Everything but the contact email: it is shown to officers on the report itself, and exported only
# when an officer asks for it (CONTACT_PARAM).
EXPORTED = {
    "pk": "Report number",
    "created_at": "Received",
    "get_month_display": "Month",
    "practice_ods_code": "Practice ODS code",
    "practice_name": "Practice name",
    "get_reporter_role_display": "Reporter's role",
    "provider_name": "Provider",
    "service": "Service or specialty",
    "get_kind_display": "Kind of problem",
    "workload_category_label": "Kind of work",
    "what_happened": "What happened",
    "get_practice_time_display": "Practice time taken",
    "get_patient_risk_display": "Risk to patients",
    "get_status_display": "Status",
    "lmc_notes": "LMC notes",
}
TYPED = ("practice_name", "provider_name", "service", "what_happened", "lmc_notes")


CONTACT_FIELD = "contact_email"
CONTACT_HEADING = "Contact email"
CONTACT_PARAM = "contact"  # ?contact=1 on an export adds the contact email column


class InterfaceReportIndexView(IndexView):
    # The xlsx writer already stores text starting with "=" as text; a CSV needs it made safe here.
    custom_field_preprocess = {
        name: {SpreadsheetExportMixin.FORMAT_CSV: plain_cell} for name in (*TYPED, CONTACT_FIELD)
    } | {"created_at": {SpreadsheetExportMixin.FORMAT_CSV: received_cell}}

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # A new list: the viewset's list_export is shared by every request.
        if self.is_export and self.with_contact:
            self.list_export = [*self.list_export, CONTACT_FIELD]

    @cached_property
    def with_contact(self) -> bool:
        """Whether this export was asked for with the reporters' contact emails."""
        return self.request.GET.get(CONTACT_PARAM) == "1"

    def get_filename(self) -> str:
        """Say in the file's name when it holds contact emails (personal data to handle with care)."""
        name = super().get_filename()
        return f"{name}-with-contact-emails" if self.is_export and self.with_contact else name

    def get_export_url(self, format: str, *, contact: bool = False) -> str:
        """The export of the listing as filtered now; with the contact emails only when ``contact``.

        Wagtail's own buttons call this without ``contact``, so they never carry ``contact=1`` over
        from the page's address: "Download CSV" always means the file without emails.
        """
        params = self.request.GET.copy()
        params.pop(CONTACT_PARAM, None)
        if contact:
            params[CONTACT_PARAM] = "1"
        params["export"] = format
        return f"{self.request.path}?{params.urlencode()}"

    @cached_property
    def header_more_buttons(self) -> list:
        """Wagtail's "Download XLSX/CSV", each followed by the same download with contact emails."""
        buttons = super().header_more_buttons.copy()
        if self.show_export_buttons:
            buttons += [
                Button(
                    f"Download {fmt.upper()} with contact emails",
                    url=self.get_export_url(fmt, contact=True),
                    icon_name="download",
                    priority=priority,  # just after Wagtail's own button for the format (90, 100)
                )
                for fmt, priority in ((self.FORMAT_XLSX, 91), (self.FORMAT_CSV, 101))
            ]
        return buttons


class InterfaceReportViewSet(ModelViewSet):
    model = InterfaceReport
    name = VIEWSET_NAME
    icon = "warning"
    menu_label = "Interface reports"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = InterfaceReportIndexView
    copy_view_enabled = False
    filterset_class = InterfaceReportFilterSet
    list_display = [
        TitleColumn("category_label", label="Problem", url_name=f"{VIEWSET_NAME}:edit"),
        Column("provider_name", label="Provider"),
        Column("get_month_display", label="Month"),
        Column("practice_ods_code", label="Practice"),
        Column("get_status_display", label="Status"),
        # In words, so a report where a patient was harmed stands out without relying on colour.
        Column("get_patient_risk_display", label="Risk to patients"),
        DateColumn("created_at", label="Received"),
    ]
    list_export = list(EXPORTED)
    export_headings = {**EXPORTED, CONTACT_FIELD: CONTACT_HEADING}
    export_filename = "interface-reports"
    search_fields = ["practice_name", "practice_ods_code", "service", "provider_other"]
    search_backend_name = None  # plain database queries: reports are not in the site search index


class CountedLetterFilterSet(WagtailFilterSet):
    month = django_filters.ChoiceFilter(label="Month", choices=lambda: month_choices(CountedLetter))

    class Meta:
        model = CountedLetter
        fields = ["letter_kind", "provider"]


class CountedLetterIndexView(IndexView):
    def get_base_queryset(self):
        # The export lists each letter's kinds and reasons: fetched together, not row by row.
        return (
            super().get_base_queryset().select_related("provider").prefetch_related("categories", "reasons")
        )


class CountedLetterViewSet(ModelViewSet):
    """Letters practices counted for the LMC: officers read them and delete a count made by mistake.

    Counts are never added or changed here (officers have view and delete only): a count is exactly
    what the practice sent.
    """

    model = CountedLetter
    name = "counted_letters"
    icon = "doc-full"
    menu_label = "Counted letters"
    menu_order = 255
    add_to_admin_menu = True
    copy_view_enabled = False
    form_fields = ["letter_kind", "provider", "month"]  # required by Wagtail; nobody may edit
    # Field names, so Wagtail makes the first the row's title, with the row's actions (Delete).
    list_display = ["__str__", "provider", Column("month_label", label="Month")]
    filterset_class = CountedLetterFilterSet
    index_view_class = CountedLetterIndexView
    list_export = [
        "pk",
        "get_letter_kind_display",
        "provider",
        "month_label",
        "categories_label",
        "reasons_label",
    ]
    export_headings = {
        "pk": "Number",
        "get_letter_kind_display": "Letter",
        "provider": "Provider (empty: not from the list)",
        "month_label": "Month",
        "categories_label": "Kinds of request",
        "reasons_label": "Reasons",
    }
    export_filename = "counted-letters"
