"""The letters' wording and option lists in the Wagtail admin, under one "Letters" menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from letters.models import Ask, LetterTemplate, Provider, Reason, RequestCategory, Specialty
from letters.placeholders import COMMON_PLACEHOLDERS, KIND_PLACEHOLDERS, LetterKind


def _placeholder_help() -> str:
    per_kind = "; ".join(
        f"{LetterKind(kind).label}: " + ", ".join(f"{{{name}}}" for name in names)
        for kind, names in KIND_PLACEHOLDERS.items()
    )
    common = ", ".join(f"{{{name}}}" for name in COMMON_PLACEHOLDERS)
    return f"Placeholders for every letter: {common}. Only for one letter: {per_kind}."


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
    list_display = ["label", "source_group", "contract_basis", "contract_edition", "live"]
    list_filter = ["source_group"]


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
        ReasonViewSet,
        AskViewSet,
        SpecialtyViewSet,
        ProviderViewSet,
    )


register_snippet(LettersGroup)
