"""Letter B: returning work that is not part of the practice's GMS/PMS contract.

One letter may answer several requests from the same clinic letter (tests, a fit note, a medicine),
each with its own kind, details and ask: a small Django formset inside the letter form.
"""

from django import forms

from letters.content import LetterFacts
from letters.forms.base import LetterForm, mark_errors, require_other_text
from letters.forms.fields import CategoryField, CategorySelect, DateField, GroupedOptionsField, TextField
from letters.models import Reason, RequestCategory, SourceGroup
from letters.placeholders import LetterKind
from letters.services.facts import workload_rejection_facts

# In a sentence: "NHS" keeps its capitals.
GROUP_IN_A_SENTENCE = {SourceGroup.NHS: "NHS providers", SourceGroup.PRIVATE: "private providers"}

MAX_REQUESTS = 3
REQUEST_LEGENDS = (
    "What they asked the practice to do",
    "A second request in the same letter",
    "A third request in the same letter",
)
REQUEST_PREFIX = "request"


class SourceType:
    """Where the request came from. It decides which kinds of request are offered."""

    CHOICES = [
        ("an NHS trust", "NHS hospital trust"),
        ("a community services provider", "Community services"),
        ("a mental health trust", "Mental health trust"),
        (
            "an NHS-funded independent sector provider",
            "Independent sector provider, NHS-funded (e.g. Right to Choose)",
        ),
        ("a private provider", "Private provider (self-funded or insured care)"),
        ("another provider", "Other"),
    ]
    PRIVATE = {"a private provider"}

    @classmethod
    def group(cls, source_type: str | None) -> str:
        """NHS asks apply to every NHS-funded source, independent sector included."""
        return SourceGroup.PRIVATE if source_type in cls.PRIVATE else SourceGroup.NHS


class RequestForm(forms.Form):
    """One request returned to the provider."""

    category = CategoryField(
        RequestCategory, noun="the kind of request", label="Kind of request", widget=CategorySelect
    )
    category_other = TextField(
        label="Describe the request",
        max_length=300,
        conditional=True,
        help_text='Needed if you chose "Other". Written to follow "You asked the practice", '
        'e.g. "to book a scan".',
    )
    details = TextField(
        label="Details",
        max_length=600,
        multiline=True,
        rows=2,
        help_text="Which test, medicine or dates, as a sentence. No patient identifiers. The note for "
        "the patient may repeat it, so write it so the patient can read it.",
    )
    ask = TextField(
        label="What you ask them to do",
        max_length=500,
        multiline=True,
        rows=2,
        help_text="Leave blank for the usual wording for this kind of request.",
    )
    done_once = forms.BooleanField(
        label="We did this once to keep the patient safe; the letter asks them to do it in future",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-hint"

    def full_clean(self) -> None:
        super().full_clean()
        mark_errors(self)

    def clean(self) -> dict:
        data = super().clean()
        require_other_text(
            self, "category", "category_other", 'Describe the request, or choose a kind other than "Other".'
        )
        category = data.get("category")
        if data.get("done_once") and category and not category.time_critical:
            self.add_error(
                "done_once",
                "Untick this: it is for work the patient could come to harm without (medicines, fit notes, "
                "results), done once so that they were not put at risk.",
            )
        return data


class BaseRequestFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("category") for form in self.forms):
            raise forms.ValidationError("Choose the kind of request.")


RequestFormSet = forms.formset_factory(
    RequestForm,
    formset=BaseRequestFormSet,
    extra=MAX_REQUESTS - 1,
    min_num=1,
    max_num=MAX_REQUESTS,
    validate_min=True,
    validate_max=True,
    absolute_max=MAX_REQUESTS,
)


class WorkloadRejectionForm(LetterForm):
    """Work asked of the practice that belongs with the provider."""

    kind = LetterKind.WORKLOAD_REJECTION

    source_type = forms.ChoiceField(
        label="Where the request came from",
        choices=SourceType.CHOICES,
        widget=forms.RadioSelect,
        help_text="This decides which kinds of request are offered.",
        error_messages={
            "invalid_choice": "Choose where the request came from from the list.",
            "required": "Choose where the request came from.",
        },
    )
    request_date = DateField(
        label="Date of their request", help_text="The date of their letter, discharge summary or Task."
    )
    request_author = TextField(
        label="Who sent it",
        max_length=120,
        help_text="Name and role, e.g. Dr A Khan, consultant cardiologist; or the ward team.",
    )
    reasons = GroupedOptionsField(
        Reason,
        where={"letter_kind": LetterKind.WORKLOAD_REJECTION},
        noun="reason",
        label="Why the practice is returning the work",
    )
    reasons_other = TextField(
        label="Other reason",
        max_length=500,
        conditional=True,
        help_text='Needed if you ticked "Other". Written to follow "we are returning it because".',
    )

    sections = (
        *LetterForm.opening_sections,
        ("source", "The letter you are answering", ("source_type", "request_date", "request_author")),
        # The requests' own sections come from the formset (see ``section_fields``).
        ("reasons", "Why the practice is returning the work", ("reasons", "reasons_other")),
        LetterForm.signatory_section,
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if data is not None and f"{REQUEST_PREFIX}-TOTAL_FORMS" not in data:
            # A post without the formset's counts (an old page, a script): read the rows it may have
            # rather than refusing the whole letter.
            data = data.copy()
            data[f"{REQUEST_PREFIX}-TOTAL_FORMS"] = str(MAX_REQUESTS)
            data[f"{REQUEST_PREFIX}-INITIAL_FORMS"] = "0"
        self.requests = RequestFormSet(data, prefix=REQUEST_PREFIX)

    @property
    def management_form(self):
        return self.requests.management_form

    def is_valid(self) -> bool:
        # Both, always: the page shows every error at once.
        return all([super().is_valid(), self.requests.is_valid()])

    def section_fields(self):
        sections = super().section_fields()
        requests = []
        for number, form in enumerate(self.requests.forms, start=1):
            requests.append((f"request-{number}", REQUEST_LEGENDS[number - 1], list(form)))
        # The requests follow "The letter you are answering".
        at = next(i for i, (section_id, _, _) in enumerate(sections) if section_id == "source") + 1
        return sections[:at] + requests + sections[at:]

    @property
    def more_requests_open(self) -> bool:
        """Show the second and third requests when they hold anything (or an error)."""
        return any(form.has_changed() or form.errors for form in self.requests.forms[1:])

    def error_list(self):
        for error in self.requests.non_form_errors():
            yield "section-request-1", error
        yield from super().error_list()

    def clean(self) -> dict:
        data = super().clean()
        self.check_not_after(
            "request_date", data.get("letter_date"), "Their letter cannot be dated after yours."
        )
        self.require_other_text("reasons", "reasons_other", 'Describe the other reason, or untick "Other".')
        group = SourceType.group(data.get("source_type"))
        unfit = [reason.label for reason in data.get("reasons") or [] if not reason.offered_for(group)]
        if data.get("source_type") and unfit:
            self.add_error(
                "reasons",
                f"Untick {', '.join(unfit)}: it does not apply to {GROUP_IN_A_SENTENCE[group]}.",
            )
        if data.get("source_type") and self.requests.is_valid():
            for form in self.requests.forms:
                category = form.cleaned_data.get("category")
                if category and category.source_group != group:
                    form.add_error(
                        "category",
                        f"This kind of request is not offered for {GROUP_IN_A_SENTENCE[group]}; "
                        "choose another or change where the request came from.",
                    )
        return data

    def chosen_requests(self) -> list[dict]:
        """The cleaned requests that were filled in, in page order (call after ``is_valid()``)."""
        return [form.cleaned_data for form in self.requests.forms if form.cleaned_data.get("category")]

    def facts(self, *, icb_name: str) -> LetterFacts:
        """The validated answers as ``LetterFacts`` (call only after ``is_valid()``)."""
        return workload_rejection_facts(
            answers=self.cleaned_data, requests=self.chosen_requests(), icb_name=icb_name
        )
