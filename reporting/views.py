"""The public reporting form: thin views around ``reporting.forms`` and ``reporting.services``.

Nothing a reporter typed is logged, and a refused submission is not stored: the form is shown again
with what to remove. POST, then redirect, then the thank-you page (nothing in its address).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from wagtail.models import Site

from reporting.counting import OfferRefused, record_count
from reporting.forms import InterfaceReportForm
from reporting.services import notify_lmc, record_report

# The form's boxes hold at most ~2,500 characters; encoded, that is well under this. Anything bigger
# is not a report typed by a person.
MAX_BODY_BYTES = 64 * 1024
TOO_BIG = "Your report was too long to send. Shorten what happened to 2,000 characters and try again."


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class ReportProblemView(View):
    """GET: the empty form. POST: refuse with messages, or store, tell the LMC and say thank you."""

    template_name = "reporting/report_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": InterfaceReportForm()})

    @method_decorator(sensitive_variables())
    def post(self, request: HttpRequest) -> HttpResponse:
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
            form = InterfaceReportForm()
            return render(request, self.template_name, {"form": form, "too_big": TOO_BIG}, status=413)
        form = InterfaceReportForm(request.POST)
        if form.is_spam:
            return redirect("reporting:thanks")  # looks like success to a bot; nothing is kept
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        report = record_report(data=form.cleaned_data)
        notify_lmc(report=report, site=Site.find_for_request(request))
        return redirect("reporting:thanks")


@never_cache
def thanks(request: HttpRequest) -> HttpResponse:
    """What happens next. The same for everyone: it shows nothing from the report."""
    return render(request, "reporting/thanks.html")


@method_decorator(never_cache, name="dispatch")
class CountLetterView(View):
    """POST the signed offer from a letter's preview: count it once, then say so (POST, redirect, GET).

    Only the offer is read from the POST; anything else sent with it is ignored.
    """

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            record_count(token=request.POST.get("count", ""))
        except OfferRefused:
            return render(request, "reporting/count_refused.html", status=400)
        return redirect("counting:counted")


@never_cache
def counted(request: HttpRequest) -> HttpResponse:
    """The same for everyone: the letter was counted (or had been already), and what that means."""
    return render(request, "reporting/counted.html")
