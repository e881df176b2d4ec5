"""Template filters for the letter's HTML (the preview and the PDF)."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from letters.unbroken import pieces

register = template.Library()


@register.filter
def unbroken_names(text: str) -> SafeString:
    """``text`` escaped, with names such as "e-RS" in a span that never breaks across lines."""
    return mark_safe(  # noqa: S308 - every piece is escaped by conditional_escape/format_html
        "".join(
            format_html('<span class="letter__unbroken">{}</span>', piece)
            if whole
            else conditional_escape(piece)
            for piece, whole in pieces(str(text))
        )
    )
