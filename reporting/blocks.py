"""The "figures" block for report pages: live counts for a period, always under the small-number rule.

The page shows what the database holds when it is served (anonymous pages are cached for up to
``PAGE_CACHE_SECONDS``). Counts of 1 to 4 are shown as "fewer than 5" and all others, totals
included, rounded to the nearest 5 (``reporting.figures``).
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

SOURCES = [
    ("reports", "Reports of interface problems"),
    ("letters", "Letters counted for the LMC"),
]
BREAKDOWNS = [
    ("month", "By month"),
    ("provider", "By provider"),
    ("kind", "By kind of problem (reports only)"),
    ("letter", "By kind of letter (letters only)"),
    ("category", "By kind of work pushed to the practice"),
    ("reason", "By reason given (letters only)"),
]
ONLY_FOR = {"kind": "reports", "letter": "letters", "reason": "letters"}


class FiguresBlock(blocks.StructBlock):
    """A table (and optional bar chart) of reports or counted letters for a period."""

    source = blocks.ChoiceBlock(choices=SOURCES, label="What to count")
    breakdown = blocks.ChoiceBlock(choices=BREAKDOWNS, label="Show")
    start = blocks.DateBlock(
        label="From month", help_text="Any day in the first month: the whole month counts."
    )
    end = blocks.DateBlock(label="To month", help_text="Any day in the last month: the whole month counts.")
    provider = SnippetChooserBlock(
        "letters.Provider", required=False, help_text="Leave empty to count every provider."
    )
    chart = blocks.BooleanBlock(
        required=False, default=True, label="Bar chart", help_text="Show a bar chart above the table."
    )

    class Meta:
        icon = "table"
        template = "reporting/blocks/figures.html"
        label = "Figures"
        description = (
            "Live counts of reports or counted letters for a period. Small numbers are never shown: "
            '1 to 4 reads "fewer than 5" and other numbers are rounded to the nearest 5.'
        )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["start"] and value["end"] and value["start"].replace(day=1) > value["end"]:
            errors["end"] = ValidationError("Choose a month after the first month.")
        needed = ONLY_FOR.get(value["breakdown"])
        if needed and needed != value["source"]:
            errors["breakdown"] = ValidationError(
                f"That breakdown is for {dict(SOURCES)[needed].lower()} only."
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        from reporting.figures import letter_breakdowns, present, report_breakdowns

        context = super().get_context(value, parent_context=parent_context)
        counting = report_breakdowns if value["source"] == "reports" else letter_breakdowns
        found = [
            breakdown
            for breakdown in counting(start=value["start"], end=value["end"], provider=value["provider"])
            if breakdown.key == value["breakdown"]
        ]
        provider = value["provider"]
        context["table"] = present(breakdown=found[0], public=True) if found else None
        context["period_label"] = f"{value['start']:%B %Y} to {value['end']:%B %Y}" + (
            f", {provider.label}" if provider else ""
        )
        return context
