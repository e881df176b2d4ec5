"""Render a letter as PDF with WeasyPrint, from the same HTML as the preview.

Tagged (PDF/UA-1), A4, with pages after the first headed by whose letter it is and every page
numbered ("Page 2 of 3", letter-pdf.css).

Two guards, because the letter holds patient details:
- WeasyPrint and fontTools log what they render (a missing glyph is logged with the character), so
  their records never reach the site's logs: only a line saying which library reported what level.
- A render that hangs is abandoned after ``LETTER_PDF_TIMEOUT`` seconds; the user gets the Word file.
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from letters.content import LetterContent
from letters.services.render_html import render_html_document

STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "letters"
STYLESHEETS = ("letter.css", "letter-pdf.css")
MISSING_GLYPH = ".notdef glyph"
# Never logged at any level: progress steps and font-table details say nothing operators need, and
# font subsetting can name glyphs. (Records below a logger's level are never even created.)
SILENCED = ("weasyprint.progress", "fontTools")
NOTHING = logging.CRITICAL + 1

logger = logging.getLogger(__name__)

# Building a font configuration and parsing the CSS costs more than laying out a one-page letter,
# so each thread keeps its own (Pango font maps are not shared between threads).
_per_thread = threading.local()
# Renders run here so a hung one can be abandoned; a few at once, as a worker has few threads.
_renderers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="letter-pdf")


class PdfUnavailable(Exception):
    """The PDF could not be made; the page says so and still offers the Word version."""

    def __init__(self, reason: str, *, unprintable: bool = False):
        super().__init__(reason)
        self.unprintable = unprintable


class _WithholdLetterText(logging.Filter):
    """On WeasyPrint's logger: notes a missing glyph for the rendering thread, logs one line naming
    the level instead, and drops the record itself before any handler (or an error reporter that
    hooks the logging machinery) can see it, since WeasyPrint's messages quote the text."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(MISSING_GLYPH):
            _per_thread.missing_glyph = True
        logger.log(
            record.levelno,
            "WeasyPrint logged a %s while making a PDF (withheld: it may quote the letter).",
            record.levelname,
        )
        return False


def _withhold_library_logs() -> None:
    weasyprint_logger = logging.getLogger("weasyprint")
    weasyprint_logger.addFilter(_WithholdLetterText())
    weasyprint_logger.setLevel(logging.WARNING)
    for name in SILENCED:
        logging.getLogger(name).setLevel(NOTHING)


_withhold_library_logs()


def _setup() -> tuple[FontConfiguration, list[CSS]]:
    if not hasattr(_per_thread, "setup"):
        fonts = FontConfiguration()
        sheets = [CSS(filename=str(STATIC_DIR / name), font_config=fonts) for name in STYLESHEETS]
        _per_thread.setup = (fonts, sheets)
    return _per_thread.setup


def _render(content: LetterContent) -> bytes:
    _per_thread.missing_glyph = False
    fonts, sheets = _setup()
    html = HTML(string=render_html_document(content=content))
    # PDF/UA: tagged for screen readers, with the language and the title shown as the window title.
    data = html.write_pdf(stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1")
    if _per_thread.missing_glyph:
        # A character no installed font has would print as an empty box: no such letter is sent.
        raise PdfUnavailable("a character no font can print", unprintable=True)
    return data


def _count_pages(content: LetterContent) -> int:
    fonts, sheets = _setup()
    return len(
        HTML(string=render_html_document(content=content)).render(stylesheets=sheets, font_config=fonts).pages
    )


def page_count(*, content: LetterContent) -> int | None:
    """How many A4 pages the letter takes, for the preview; None if it cannot be laid out in time."""
    try:
        return _renderers.submit(_count_pages, content).result(timeout=settings.LETTER_PDF_TIMEOUT)
    except Exception:  # the preview does without the count; the download says what went wrong
        return None


def render_pdf(*, content: LetterContent) -> bytes:
    """The letter as A4 PDF bytes with selectable text. Raises ``PdfUnavailable`` on any failure,
    when a character cannot be printed, or when the render takes longer than the timeout."""
    try:
        return _renderers.submit(_render, content).result(timeout=settings.LETTER_PDF_TIMEOUT)
    except PdfUnavailable:
        raise
    except FutureTimeout:
        raise PdfUnavailable("timed out") from None
    except Exception as error:  # WeasyPrint and its native libraries can fail in many ways.
        # Only the error's type travels on: its message could quote the letter.
        raise PdfUnavailable(type(error).__name__) from None
