"""Form fields for the letter generators: tidy text, NHS numbers, dates and the published option lists."""

from django import forms

from letters.models import OptionBase, SourceGroup
from letters.services.published import published_options
from letters.validation import (
    normalise_nhs_number,
    normalise_text,
    prints_as_nothing,
    reject_hidden_characters,
)

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y", "%d.%m.%Y"]
EARLIEST_YEAR = 1900


class TextField(forms.CharField):
    """Text in NFC with hidden characters refused and the length limit stated in the error."""

    def __init__(
        self,
        *,
        max_length: int,
        multiline: bool = False,
        rows: int = 3,
        required_message: str = "",
        identifier: bool = False,
        conditional: bool = False,
        **kwargs,
    ):
        # A field is required exactly when it says, in its own words, what is missing.
        kwargs["required"] = bool(required_message)
        # Patient identifiers also refuse invisible direction marks.
        self.identifier = identifier
        # Needed only in some cases (the hint says which): not labelled "(optional)".
        self.conditional = conditional
        if multiline:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(max_length=max_length, **kwargs)
        self.error_messages["required"] = required_message
        self.error_messages["max_length"] = (
            f"{self.label or 'This'} must be {max_length} characters or fewer; you entered %(show_value)d."
        )

    def to_python(self, value):
        value = super().to_python(value)
        # Text that would print as nothing (e.g. only soft hyphens) counts as not filled in.
        if not value or prints_as_nothing(value):
            return ""
        return normalise_text(value)

    def run_validators(self, value) -> None:
        # Hidden characters first: otherwise Django's own NUL check speaks before ours.
        if value not in self.empty_values:
            reject_hidden_characters(value, identifier=self.identifier)
        super().run_validators(value)


class NHSNumberField(forms.CharField):
    """An NHS number: 10 digits passing the Modulus 11 check; cleaned to the bare digits."""

    def __init__(self, **kwargs):
        super().__init__(max_length=20, **kwargs)
        self.error_messages["max_length"] = "An NHS number has 10 digits; this is too long."
        self.error_messages["required"] = "Enter the patient's NHS number."

    def clean(self, value):
        value = super().clean(value)
        reject_hidden_characters(value, identifier=True)
        return normalise_nhs_number(value)


class DateField(forms.DateField):
    """A date in several common formats, with a plain-English message for impossible dates."""

    def __init__(self, *, required_message: str = "", conditional: bool = False, **kwargs):
        kwargs["required"] = bool(required_message)
        self.conditional = conditional
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(input_formats=DATE_FORMATS, **kwargs)
        label = (self.label or "the date").lower()
        self.error_messages["invalid"] = f"Enter {label} as a real date, for example 03/06/2026."
        self.error_messages["required"] = required_message

    def clean(self, value):
        value = super().clean(value)
        if value and value.year < EARLIEST_YEAR:
            raise forms.ValidationError(f"Enter a year of {EARLIEST_YEAR} or later.")
        return value


class PublishedChoiceIterator(forms.models.ModelChoiceIterator):
    """Lists the field's remembered options: no query (or count) each time a widget renders."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for option in self.field.options:
            yield self.choice(option)

    def __len__(self) -> int:
        return len(self.field.options) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.field.options)


class PublishedOptionsMixin:
    """Choices from an editable list, read from the published options remembered until the next
    content change (``published_options``) rather than queried for every form.

    ``queryset`` still describes the same list, for code that asks for it.
    """

    iterator = PublishedChoiceIterator
    _options: list[OptionBase] | None = None

    def __init__(self, model: type[OptionBase], *, where: dict[str, str] | None = None, **kwargs):
        self.model = model
        self.where = where or {}
        super().__init__(model.objects.published().filter(**self.where), **kwargs)

    @property
    def options(self) -> list[OptionBase]:
        """The published options in the editors' order: this form's own copies."""
        if self._options is None:
            self._options = published_options(self.model, **self.where)
        return self._options

    def option(self, value) -> OptionBase:
        """The published option whose primary key is ``value``; the invalid-choice error otherwise."""
        for option in self.options:
            if str(option.pk) == str(value):
                return option
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._options = None  # each form reads the list afresh
        return result


class OptionChoiceField(PublishedOptionsMixin, forms.ModelChoiceField):
    """One choice from an editable list; a value not in the published list is a form error."""

    def __init__(self, model: type[OptionBase], *, noun: str, **kwargs):
        super().__init__(model, empty_label=f"Choose {noun}", **kwargs)
        self.error_messages["invalid_choice"] = f"Choose {noun} from the list."
        self.error_messages["required"] = f"Choose {noun}."

    def to_python(self, value) -> OptionBase | None:
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        return self.option(value.pk if isinstance(value, OptionBase) else value)


class OptionsField(PublishedOptionsMixin, forms.ModelMultipleChoiceField):
    """Any number of choices from an editable list, shown as checkboxes."""

    def __init__(self, model: type[OptionBase], *, noun: str, widget=forms.CheckboxSelectMultiple, **kwargs):
        super().__init__(model, widget=widget, **kwargs)
        self.error_messages["invalid_choice"] = f"Choose each {noun} from the list."
        self.error_messages["invalid_pk_value"] = f"Choose each {noun} from the list."
        self.error_messages["required"] = f"Choose at least one {noun}."

    def clean(self, value) -> list[OptionBase]:
        """The chosen options, in the editors' order."""
        if not value:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if not isinstance(value, list | tuple):
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        chosen = {self.option(item).pk for item in value}
        self.run_validators(value)
        return [option for option in self.options if option.pk in chosen]


class CategorySelect(forms.Select):
    """Category options carry their source group, for letters.js to offer only those that fit."""

    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs={"data-request-category": "", **(attrs or {})}, **kwargs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        category = getattr(value, "instance", None)
        if category is not None:
            option["attrs"]["data-group"] = category.source_group
        return option


class CategoryField(OptionChoiceField):
    def label_from_instance(self, obj) -> str:
        # Without JavaScript every category is listed, so private ones say so.
        return f"{obj.label} (private providers)" if obj.source_group == SourceGroup.PRIVATE else obj.label


GROUP_NOTES = {
    SourceGroup.NHS: " (NHS and NHS-funded providers only)",
    SourceGroup.PRIVATE: " (private providers only)",
}


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Reasons carry the providers they fit, for letters.js to offer only those."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        reason = getattr(value, "instance", None)
        if reason is not None and getattr(reason, "source_group", ""):
            option["attrs"]["data-group"] = reason.source_group
        return option


class GroupedOptionsField(OptionsField):
    """Checkboxes whose options may fit only NHS or only private providers (workload reasons)."""

    def __init__(self, model, **kwargs):
        super().__init__(model, widget=GroupedCheckboxes, **kwargs)

    def label_from_instance(self, obj) -> str:
        # Without JavaScript every reason is listed, so those for one kind of provider say so.
        return obj.label + GROUP_NOTES.get(obj.source_group, "")
