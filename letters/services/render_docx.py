"""Render a letter as a Word document (.docx), quickly.

python-docx spends most of a naive render opening its default template and compressing every part
on save. Here the package (styles, numbering, A4 margins, settings) is prepared once per process with
python-docx and zipped; each letter only builds ``word/document.xml`` with python-docx's XML layer
and appends it to a copy of that zip. The result is an ordinary package python-docx, Word and
LibreOffice open without repair.
"""

import functools
import io
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.table import CT_Tbl
from docx.shared import Mm, Pt, RGBColor

from letters.content import BulletList, DetailsTable, Heading, LetterContent, Paragraph, Signature

DOCUMENT_PART = "word/document.xml"
A4_WIDTH, A4_HEIGHT = Mm(210), Mm(297)
SIDE_MARGIN = Mm(22)  # as letter-pdf.css, so Word and PDF match
TEXT_WIDTH = A4_WIDTH - 2 * SIDE_MARGIN


@dataclass(frozen=True)
class _Package:
    """The parts every letter shares, and the empty document to fill in."""

    zip_without_document: bytes
    empty_document_xml: bytes
    style_ids: dict[str, str]


def _add_paragraph_style(doc, name: str, *, size: int, bold: bool = False, colour=None, align=None) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = bold
    if colour is not None:
        style.font.color.rgb = colour
    if align is not None:
        style.paragraph_format.alignment = align


@functools.cache
def _package() -> _Package:
    """Build the shared parts once: A4 page, margins and the letter's paragraph styles."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    section.left_margin = section.right_margin = SIDE_MARGIN
    section.top_margin, section.bottom_margin = Mm(18), Mm(15)
    normal = doc.styles["Normal"]
    # Arial is on every office machine and is not an NHS-only typeface.
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(8)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _add_paragraph_style(doc, "Letterhead Name", size=14, bold=True, align=right)
    _add_paragraph_style(doc, "Letterhead", size=10, align=right)
    _add_paragraph_style(doc, "Letter Subject", size=11, bold=True)
    _add_paragraph_style(doc, "Table Label", size=11, bold=True)
    _add_paragraph_style(doc, "Letter Footer", size=8, colour=RGBColor(0x55, 0x55, 0x55))
    for name in ("Letterhead Name", "Letterhead"):
        doc.styles[name].paragraph_format.space_after = Pt(0)
    doc.core_properties.author = ""
    doc.core_properties.title = "Letter"
    doc.core_properties.comments = ""

    style_ids = {
        name: doc.styles[name].style_id
        for name in (
            "Letterhead Name",
            "Letterhead",
            "Letter Subject",
            "Table Label",
            "Letter Footer",
            "List Bullet",
            "Table Grid",
        )
    }
    saved = io.BytesIO()
    doc.save(saved)
    stripped = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(stripped, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != DOCUMENT_PART:
                target.writestr(item, source.read(item))
        document_xml = source.read(DOCUMENT_PART)
    root = parse_xml(document_xml)
    body = root.find(qn("w:body"))
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return _Package(stripped.getvalue(), serialize_part_xml(root), style_ids)


def _paragraph(text: str, style_id: str | None = None):
    """A ``w:p`` with one run; python-docx turns newlines into line breaks and escapes the text."""
    p = OxmlElement("w:p")
    if style_id:
        p.style = style_id
    if text:
        p.add_r().text = text
    return p


def _table(block: DetailsTable, ids: dict[str, str]):
    tbl = CT_Tbl.new_tbl(len(block.rows), 2, TEXT_WIDTH)
    tbl.tblPr.style = ids["Table Grid"]
    for tr, (label, value) in zip(tbl.tr_lst, block.rows, strict=True):
        label_cell, value_cell = tr.tc_lst
        label_cell.p_lst[0].style = ids["Table Label"]
        label_cell.p_lst[0].add_r().text = label
        value_cell.p_lst[0].add_r().text = value
    return tbl


def _block_elements(block, ids: dict[str, str]) -> list:
    """The WordprocessingML elements for one letter block."""
    if isinstance(block, Heading):
        return [_paragraph(block.text, ids["Letter Subject"])]
    if isinstance(block, Paragraph):
        return [_paragraph(block.text)]
    if isinstance(block, BulletList):
        intro = [_paragraph(block.intro)] if block.intro else []
        return intro + [_paragraph(item, ids["List Bullet"]) for item in block.items]
    if isinstance(block, DetailsTable):
        return [_paragraph(block.caption, ids["Letter Subject"]), _table(block, ids), _paragraph("")]
    if isinstance(block, Signature):
        lines = [_paragraph(block.closing), _paragraph(""), _paragraph("")]
        return lines + [_paragraph(line) for line in block.lines]
    raise TypeError(f"No DOCX rendering for {type(block).__name__}")


def render_docx(*, content: LetterContent) -> bytes:
    """The letter as .docx bytes: letterhead, date, recipient, body, footer on A4."""
    package = _package()
    ids = package.style_ids
    root = parse_xml(package.empty_document_xml)
    section_properties = root.find(qn("w:body")).find(qn("w:sectPr"))
    elements = []
    if content.letterhead:
        elements.append(_paragraph(content.letterhead[0], ids["Letterhead Name"]))
        elements += [_paragraph(line, ids["Letterhead"]) for line in content.letterhead[1:]]
    elements += [_paragraph(""), _paragraph(content.date_line), _paragraph("\n".join(content.recipient))]
    for block in content.blocks:
        elements += _block_elements(block, ids)
    elements.append(_paragraph(content.footer, ids["Letter Footer"]))
    for element in elements:
        section_properties.addprevious(element)

    out = io.BytesIO(package.zip_without_document)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DOCUMENT_PART, serialize_part_xml(root))
    return out.getvalue()
