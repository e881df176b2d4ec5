"""Render a letter as PDF with WeasyPrint, from the same HTML as the preview.

Tagged (PDF/UA-1), A4, with pages after the first headed by whose letter it is and every page
numbered ("Page 2 of 3", letter-pdf.css).
"""

import threading
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from letters.content import LetterContent
from letters.services.render_html import render_html_document

STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "letters"
STYLESHEETS = ("letter.css", "letter-pdf.css")

# Building a font configuration and parsing the CSS costs more than laying out a one-page letter,
# so each thread keeps its own (Pango font maps are not shared between threads).
_per_thread = threading.local()


class PdfUnavailable(Exception):
    """The PDF could not be made; the page says so and still offers the Word version."""


def _setup() -> tuple[FontConfiguration, list[CSS]]:
    if not hasattr(_per_thread, "setup"):
        fonts = FontConfiguration()
        sheets = [CSS(filename=str(STATIC_DIR / name), font_config=fonts) for name in STYLESHEETS]
        _per_thread.setup = (fonts, sheets)
    return _per_thread.setup


def render_pdf(*, content: LetterContent) -> bytes:
    """The letter as A4 PDF bytes with selectable text. Raises ``PdfUnavailable`` on any failure."""
    try:
        fonts, sheets = _setup()
        html = HTML(string=render_html_document(content=content))
        # PDF/UA: tagged for screen readers, with the language and the title shown as the window title.
        return html.write_pdf(stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1")
    except Exception as error:  # WeasyPrint and its native libraries can fail in many ways.
        # Only the error's type travels on: its message could quote the letter.
        raise PdfUnavailable(type(error).__name__) from None
