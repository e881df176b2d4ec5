"""Render a letter as HTML: the in-page preview, and the source of the PDF."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from letters.content import LetterContent


def render_html(*, content: LetterContent) -> SafeString:
    """The letter as an HTML fragment (escaped by Django's autoescaping), styled by letter.css."""
    # Under the page's "Preview of your letter" (h2).
    return render_to_string("letters/letter.html", {"content": content, "heading_tag": "h3"})


def render_html_document(*, content: LetterContent) -> str:
    """The same letter as a standalone HTML document, for the PDF."""
    # The letter is the whole document: its subject lines are its top-level headings.
    return render_to_string("letters/letter_document.html", {"content": content, "heading_tag": "h1"})
