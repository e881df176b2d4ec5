"""Render a letter as HTML: the in-page preview, and the source of the PDF."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from letters.content import LetterContent


def render_html(*, content: LetterContent) -> SafeString:
    """The letter as an HTML fragment (escaped by Django's autoescaping), styled by letter.css."""
    return render_to_string("letters/letter.html", {"content": content})


def render_html_document(*, content: LetterContent) -> str:
    """The same letter as a standalone HTML document, for the PDF."""
    return render_to_string("letters/letter_document.html", {"content": content})
