"""Letter views: thin wrappers around letters.services. Nothing here stores or logs form data.

Patient details arrive only in POST bodies (never in URLs), live only in this request's memory and
leave only in the response, which no cache may keep.
"""

import io
import logging

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from core.models import SiteIdentity
from core.remembered import remember
from letters.content import LetterContent
from letters.forms import DeclinedReferralForm, LetterForm, WorkloadRejectionForm
from letters.logo import InMemoryLogoUpload
from letters.models import Ask, Reason, RequestCategory
from letters.placeholders import LetterKind
from letters.services.build import (
    Variant,
    WordingUnavailable,
    build_blank_letter,
    build_letter,
    published_template,
)
from letters.services.published import published_options
from letters.services.render_docx import render_docx
from letters.services.render_html import render_html
from letters.services.render_pdf import PdfUnavailable, page_count, render_pdf
from reporting.counting import CountOffer, count_on_download, letter_ref, make_offer

logger = logging.getLogger(__name__)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
FORMATS = {"docx": (render_docx, DOCX_TYPE), "pdf": (render_pdf, PDF_TYPE)}
FORM_FIELDS_TEMPLATE = "letters/form_fields.html"
# The box "Count this letter for the LMC when I download it", outside the letter form's own fields.
COUNT_ON_DOWNLOAD = "count_on_download"


def letters_index(request: HttpRequest) -> HttpResponse:
    """The letters page: when to use each letter, with links to the generators."""
    return render(request, "letters/index.html")


def _download(content: LetterContent, fmt: str) -> FileResponse:
    renderer, content_type = FORMATS[fmt]
    return FileResponse(
        io.BytesIO(renderer(content=content)),
        as_attachment=True,
        filename=f"{content.file_stem}.{fmt}",
        content_type=content_type,
    )


def form_fields_html(form: LetterForm) -> SafeString:
    """The form's fieldsets as HTML.

    A form holding what someone typed is always rendered afresh and never kept. An empty form shows
    only fixed labels, the published options and today's date (the default letter date), so its HTML
    is the same for every visitor until content changes or the day does, and is remembered.
    """
    if form.is_bound or form.initial:
        return render_to_string(FORM_FIELDS_TEMPLATE, {"form": form})
    day = form.get_initial_for_field(form.fields["letter_date"], "letter_date")
    return remember(
        f"letters:empty-form:{form.kind}:{day}",
        lambda: render_to_string(FORM_FIELDS_TEMPLATE, {"form": form}),
    )


def count_offer(form: LetterForm, *, ref: str) -> CountOffer:
    """The opt-in "Count this letter for the LMC" for a valid form (nothing is sent unless asked)."""
    requests = form.chosen_requests() if hasattr(form, "chosen_requests") else []
    return make_offer(kind=form.kind, cleaned_data=form.cleaned_data, requests=requests, ref=ref)


def _parse_action(value: str) -> tuple[Variant, str] | None:
    """``"letter.docx"`` → (Variant.LETTER, "docx"); None means preview."""
    variant, _, fmt = (value or "").partition(".")
    if fmt in FORMATS and variant in Variant.__members__.values():
        return Variant(variant), fmt
    return None


@method_decorator([never_cache, sensitive_post_parameters(), csrf_exempt], name="dispatch")
class LetterGeneratorView(View):
    """GET: the empty form. POST: validate, then preview in the page or stream the file."""

    form_class: type[LetterForm]
    heading: str
    intro: str
    blank_url_name: str

    @cached_property
    def page_ref(self) -> str:
        """The page's random number, kept from page to page, from which each letter's one-time number
        is made (``reporting.counting.letter_nonce``), so that a letter is counted once at most."""
        return letter_ref(self.request.POST.get("letter_ref"))

    def _page(self, request: HttpRequest, form: LetterForm, **extra) -> HttpResponse:
        context = {
            "form": form,
            "letter_ref": self.page_ref,
            "count_on_download": request.POST.get(COUNT_ON_DOWNLOAD) == "yes",
            "form_fields": form_fields_html(form),
            "heading": self.heading,
            "intro": self.intro,
            "blank_url_name": self.blank_url_name,
            **extra,
        }
        return render(request, "letters/generator.html", context)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, self.form_class())

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # A logo upload stays in memory (never a temporary file). Upload handlers must be set before
        # anything reads the body, so CSRF is checked here (csrf_protect), after they are in place.
        self.logo_upload = InMemoryLogoUpload(request)
        request.upload_handlers = [self.logo_upload]
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    @method_decorator(sensitive_variables())
    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form_class(request.POST, request.FILES, upload_too_big=self.logo_upload.too_big)
        if not form.is_valid():
            return self._page(request, form)
        try:
            template = published_template(kind=form.kind)
        except WordingUnavailable:
            return self._page(request, form, wording_missing=True)
        identity = SiteIdentity.for_request(request)
        issuer = identity.name
        facts = form.facts(icb_name=identity.icb_name)
        action = _parse_action(request.POST.get("action", ""))
        if action is not None:
            variant, fmt = action
            try:
                content = build_letter(facts=facts, template=template, issuer=issuer, variant=variant)
                response = _download(content, fmt)
                if request.POST.get(COUNT_ON_DOWNLOAD) == "yes":  # made: count it, if asked
                    count_on_download(offer=count_offer(form, ref=self.page_ref))
                return response
            except WordingUnavailable:
                return self._page(request, form, wording_missing=True)
            except PdfUnavailable as error:
                # The reason only ("timed out", an exception's type): nothing from the letter reaches the log.
                logger.error("PDF could not be made (%s); the Word version was offered instead.", error)
                letter = build_letter(facts=facts, template=template, issuer=issuer)
                problem = "unprintable" if error.unprintable else "failed"
                return self._page(
                    request,
                    form,
                    preview=render_html(content=letter),
                    pdf_problem=problem,
                    count_offer=count_offer(form, ref=self.page_ref),
                )
        letter = build_letter(facts=facts, template=template, issuer=issuer)
        return self._page(
            request,
            form,
            preview=render_html(content=letter),
            pages=page_count(content=letter),
            count_offer=count_offer(form, ref=self.page_ref),
        )


class DeclinedReferralView(LetterGeneratorView):
    form_class = DeclinedReferralForm
    heading = "Declined referral: Advice and Guidance offered instead"
    intro = (
        "For a referral you judged clinically necessary that the provider declined, returned with advice or "
        "turned into Advice and Guidance. The letter explains why Advice and Guidance is not clinically "
        "appropriate for this patient and asks the provider to accept the referral, keeping its original "
        "date."
    )
    blank_url_name = "letters:declined_referral_blank"


class WorkloadRejectionView(LetterGeneratorView):
    form_class = WorkloadRejectionForm
    heading = "Workload rejection"
    intro = (
        "For requests to do work that is not part of the practice's GMS or PMS contract. One letter can "
        "return up to three requests from the same clinic letter; for each, the letter says why the work "
        "belongs with the provider and what you ask them to do."
    )
    blank_url_name = "letters:workload_rejection_blank"


@method_decorator(never_cache, name="dispatch")
class BlankLetterView(View):
    """The published wording as a Word file with gaps and every choice listed (no patient data)."""

    form_class: type[LetterForm] | None = None  # set in letters/urls.py

    def get(self, request: HttpRequest) -> HttpResponse:
        kind = self.form_class.kind
        try:
            template = published_template(kind=kind)
        except WordingUnavailable:
            return render(request, "letters/wording_missing.html", status=404)
        content = build_blank_letter(
            template=template,
            issuer=SiteIdentity.for_request(request).name,
            on=timezone.localdate(),
            reasons=published_options(Reason, letter_kind=kind),
            asks=published_options(Ask) if kind == LetterKind.DECLINED_REFERRAL else (),
            categories=published_options(RequestCategory) if kind == LetterKind.WORKLOAD_REJECTION else (),
        )
        return _download(content, "docx")
