"""The letters' wording and option lists in the Wagtail admin, under one "Letters" menu, and a
dashboard panel when contract references need checking against the edition in force."""

from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from letters.models import Ask, LetterTemplate, Provider, Reason, RequestCategory, ServiceCondition, Specialty
from letters.placeholders import COMMON_PLACEHOLDERS, KIND_PLACEHOLDERS, LetterKind
from letters.services.editions import references_to_check


def _placeholder_help() -> str:
    per_kind = "; ".join(
        f"{LetterKind(kind).label}: " + ", ".join(f"{{{name}}}" for name in names)
        for kind, names in KIND_PLACEHOLDERS.items()
    )
    common = ", ".join(f"{{{name}}}" for name in COMMON_PLACEHOLDERS)
    return (
        f"Placeholders for every letter: {common}. Only for one letter: {per_kind}. To cite a Service "
        "Condition of the NHS Standard Contract, write {sc} and its number, e.g. {sc6}."
    )


class LetterTemplateViewSet(SnippetViewSet):
    model = LetterTemplate
    icon = "doc-full"
    menu_label = "Letter wording"
    list_display = ["title", "kind", "live", "last_published_at"]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        # Editors see every placeholder they may use right beside the letter type.
        form_class.base_fields["kind"].help_text = _placeholder_help()
        return form_class


class OptionViewSet(SnippetViewSet):
    list_display = ["label", "live"]
    search_fields = ["label"]


class RequestCategoryViewSet(OptionViewSet):
    model = RequestCategory
    icon = "list-ol"
    list_display = ["label", "source_group", "service_condition", "sub_clause", "checked_against", "live"]
    list_filter = ["source_group", "time_critical"]


class ServiceConditionViewSet(SnippetViewSet):
    model = ServiceCondition
    icon = "doc-full-inverse"
    menu_label = "Contract Service Conditions"
    list_display = ["number", "title", "checked_against"]


class ReasonViewSet(OptionViewSet):
    model = Reason
    icon = "list-ul"
    list_display = ["label", "letter_kind", "live"]
    list_filter = ["letter_kind"]


class AskViewSet(OptionViewSet):
    model = Ask
    icon = "list-ul"


class SpecialtyViewSet(OptionViewSet):
    model = Specialty
    icon = "list-ul"


class ProviderViewSet(OptionViewSet):
    model = Provider
    icon = "home"
    list_display = ["label", "source_group", "live"]


class LettersGroup(SnippetViewSetGroup):
    menu_label = "Letters"
    menu_icon = "mail"
    menu_order = 250
    items = (
        LetterTemplateViewSet,
        RequestCategoryViewSet,
        ServiceConditionViewSet,
        ReasonViewSet,
        AskViewSet,
        SpecialtyViewSet,
        ProviderViewSet,
    )


register_snippet(LettersGroup)


class ContractEditionsPanel(Component):
    """Dashboard panel: contract references not checked against the edition in force."""

    name = "letters_contract_editions"
    order = 80
    template_name = "letters/admin/editions_panel.html"

    def __init__(self, check):
        self.check = check

    def get_context_data(self, parent_context=None):
        return {"check": self.check}


@hooks.register("construct_homepage_panels")
def add_contract_editions_panel(request, panels):
    if not request.user.has_perm("letters.change_requestcategory"):
        return
    check = references_to_check(on=timezone.localdate())
    if check:
        panels.append(ContractEditionsPanel(check))
