"""Small documents generated in code for the demo content (and tests): a PDF and a Word file."""

import io

from django.utils.html import escape


def pdf_bytes(title: str, paragraphs: list[str]) -> bytes:
    """A short PDF with a heading and paragraphs, rendered by WeasyPrint (no external assets)."""
    from weasyprint import HTML

    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    html = (
        "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>"
        f"{escape(title)}</title><style>body{{font-family:sans-serif;font-size:11pt}}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return HTML(string=html).write_pdf()


def docx_bytes(title: str, paragraphs: list[str]) -> bytes:
    """A short Word document with a heading and paragraphs, built with python-docx."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
