"""Render a letter as a Word document (.docx), quickly.

python-docx spends most of a naive render opening its default template and compressing every part
on save. Here the package (styles, numbering, A4 margins, settings) is prepared once per process with
python-docx and zipped; each letter only writes the body of ``word/document.xml`` and appends that
part to a copy of the zip. The result is an ordinary package python-docx, Word and LibreOffice open
without repair.

The body is written as text: a few fixed shapes (paragraph, run, table) with escaped text, the same
XML python-docx's element classes build, at a tenth of their cost.
"""

import datetime
import functools
import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Emu, Mm, Pt, RGBColor

from letters.content import (
    BulletList,
    Checklist,
    Choice,
    Heading,
    LetterContent,
    Paragraph,
    Signature,
    Subject,
)

DOCUMENT_PART = "word/document.xml"
A4_WIDTH, A4_HEIGHT = Mm(210), Mm(297)
SIDE_MARGIN = Mm(22)  # as letter-pdf.css, so Word and PDF match
TEXT_WIDTH = A4_WIDTH - 2 * SIDE_MARGIN


CORE_PART = "docProps/core.xml"
APP_PART = "docProps/app.xml"
THUMBNAIL_PART = "docProps/thumbnail.jpeg"
# Stands in for the running header's text in the prepared header part; replaced per letter.
RUNNING_PLACE = "RUNNING-HEADER-TEXT"
APPLICATION = "LMC interface portal"
# 45 mm from the top of the page for the first line on headed paper (the top margin is 18 mm).
HEADED_PAPER_SPACE = Emu(Mm(27)).twips
CORE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:language>en-GB</dc:language><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
    "</cp:coreProperties>"
)
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity></Properties>"
)


@dataclass(frozen=True)
class _Package:
    """The parts every letter shares, and the empty document to fill in."""

    zip_without_letter_parts: bytes
    # The document part around its body's content: the letter goes between the two.
    document_start: bytes
    document_end: bytes
    style_ids: dict[str, str]
    # The header of pages after the first, with ``RUNNING_PLACE`` where the patient is named.
    running_header_part: str
    running_header_xml: str


def _add_paragraph_style(doc, name: str, *, size: float, bold: bool = False, colour=None, align=None) -> None:
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
    # As letter.css, so the Word and PDF letters fit the same page.
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(5)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _add_paragraph_style(doc, "Letterhead Name", size=13, bold=True, align=right)
    _add_paragraph_style(doc, "Letterhead", size=9.5, align=right)
    _add_paragraph_style(doc, "Letter Subject", size=10.5, bold=True)
    _add_paragraph_style(doc, "Letter Footer", size=8, colour=RGBColor(0x55, 0x55, 0x55))
    for name in ("Letterhead Name", "Letterhead"):
        doc.styles[name].paragraph_format.space_after = Pt(0)
    _set_language(doc, "en-GB")
    _add_page_furniture(section)

    style_ids = {
        name: doc.styles[name].style_id
        for name in (
            "Letterhead Name",
            "Letterhead",
            "Letter Subject",
            "Letter Footer",
            "List Bullet",
        )
    }
    saved = io.BytesIO()
    doc.save(saved)
    running_part = "word/" + section.header.part.partname.split("/")[-1]
    per_letter = {DOCUMENT_PART, CORE_PART, APP_PART, THUMBNAIL_PART, running_part}
    stripped = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(stripped, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename in per_letter:
                continue
            data = source.read(item)
            if item.filename in ("_rels/.rels", "[Content_Types].xml"):
                # python-docx's template carries a thumbnail of an empty page: no stale picture.
                data = THUMBNAIL_ENTRY.sub(b"", data)
            target.writestr(item, data)
        target.writestr(APP_PART, APP_XML)
        document_xml = source.read(DOCUMENT_PART)
        running_xml = source.read(running_part).decode("utf-8")
    root = parse_xml(document_xml)
    body = root.find(qn("w:body"))
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    document_start, sections, document_end = serialize_part_xml(root).partition(b"<w:sectPr")
    return _Package(
        stripped.getvalue(), document_start, sections + document_end, style_ids, running_part, running_xml
    )


THUMBNAIL_ENTRY = re.compile(rb"<(?:Relationship|Override)[^>]*thumbnail[^>]*/>")


def _set_language(doc, language: str) -> None:
    """Proofing language for the whole document (python-docx's template says en-US)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = run_properties.makeelement(qn("w:lang"), {})
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay out the pages."""
    field = (
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>'
    )
    paragraph._p.append(parse_xml(field))


def _add_page_furniture(section) -> None:
    """Pages after the first name the patient at the top; every page says "Page N of M"."""
    section.different_first_page_header_footer = True
    section.header_distance = section.footer_distance = Mm(8)
    header = section.header.paragraphs[0]
    header.text = RUNNING_PLACE
    header.runs[0].font.size = Pt(9)
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run("Page ")
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(" of ")
        _field(paragraph, "NUMPAGES", "1")
        for run in paragraph.runs:
            run.font.size = Pt(9)


# Characters XML 1.0 cannot hold. Forms refuse them already; wording that somehow had one would
# make a file Word cannot open, so it fails loudly here instead (as lxml does).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Within a run, a tab is a w:tab and each newline or carriage return a w:br (as python-docx writes).
RUN_BREAKS = re.compile(r"(\t|\r|\n)")
RUN_BREAK_XML = {"\t": "<w:tab/>", "\r": "<w:br/>", "\n": "<w:br/>"}


def _run(text: str) -> str:
    """A ``w:r`` holding ``text``, escaped; empty text makes no run."""
    if not text:
        return ""
    _checked(text)
    parts = []
    for piece in RUN_BREAKS.split(text):
        if piece in RUN_BREAK_XML:
            parts.append(RUN_BREAK_XML[piece])
        elif piece:
            # Word drops leading and trailing spaces unless told to keep them.
            space = ' xml:space="preserve"' if piece != piece.strip() else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{''.join(parts)}</w:r>"


def _paragraph(
    text: str,
    style_id: str | None = None,
    *,
    keep_with_next: bool = False,
    keep_lines: bool = False,
    space_after_twips: int | None = None,
    space_before_twips: int | None = None,
) -> str:
    """A ``w:p`` with one run, in the given paragraph style (else Normal)."""
    properties = (
        (f'<w:pStyle w:val="{style_id}"/>' if style_id else "")
        + ("<w:keepNext/>" if keep_with_next else "")
        + ("<w:keepLines/>" if keep_lines else "")
        + (f'<w:spacing w:after="{space_after_twips}"/>' if space_after_twips is not None else "")
        + (f'<w:spacing w:before="{space_before_twips}"/>' if space_before_twips is not None else "")
    )
    content = (f"<w:pPr>{properties}</w:pPr>" if properties else "") + _run(text)
    return f"<w:p>{content}</w:p>" if content else "<w:p/>"


def _block_xml(block, ids: dict[str, str]) -> list[str]:
    """The WordprocessingML for one letter block."""
    if isinstance(block, Heading):
        return [_paragraph(block.text, ids["Letter Subject"], keep_with_next=True)]
    if isinstance(block, Subject):
        return [_paragraph("\n".join(block.lines), ids["Letter Subject"])]
    if isinstance(block, Paragraph):
        return [_paragraph(block.text)]
    if isinstance(block, BulletList):
        intro = [_paragraph(block.intro, keep_with_next=True)] if block.intro else []
        return intro + [_paragraph(item, ids["List Bullet"]) for item in block.items]
    if isinstance(block, Signature):
        # The closing, the space to sign (30 pt after it) and the signatory stay on one page, with the
        # copies (cc) that follow.
        return [
            _paragraph(block.closing, keep_with_next=True, space_after_twips=600),
            _paragraph("\n".join(block.lines), keep_with_next=True, keep_lines=True),
        ]
    if isinstance(block, Checklist):
        intro = [_paragraph(block.intro, keep_with_next=True)] if block.intro else []
        return intro + [f"<w:p>{CHECKBOX}{_run(' ' + item)}</w:p>" for item in block.items]
    if isinstance(block, Choice):
        items = "".join(
            f'<w:listItem w:displayText="{_attribute(option)}" w:value="{_attribute(option)}"/>'
            for option in block.options
        )
        control = (
            f'<w:sdt><w:sdtPr><w:alias w:val="{_attribute(block.intro)}"/><w:dropDownList>{items}'
            f"</w:dropDownList></w:sdtPr><w:sdtContent>{_run(block.prompt)}</w:sdtContent></w:sdt>"
        )
        return [_paragraph(block.intro, keep_with_next=True), f"<w:p>{control}</w:p>"]
    raise TypeError(f"No DOCX rendering for {type(block).__name__}")


# A Word checkbox content control, unticked ("☐", "☒" once ticked).
CHECKBOX = (
    '<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="0"/>'
    '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
    '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
    "<w:sdtContent><w:r><w:t>\u2610</w:t></w:r></w:sdtContent></w:sdt>"
)


def _attribute(text: str) -> str:
    """Text for an XML attribute value in double quotes."""
    return escape(_checked(text), {'"': "&quot;"})


def render_docx(*, content: LetterContent) -> bytes:
    """The letter as .docx bytes: letterhead, date, recipient, body, footer on A4."""
    package = _package()
    ids = package.style_ids
    parts = []
    if content.letterhead:
        parts.append(_paragraph(content.letterhead[0], ids["Letterhead Name"]))
        parts += [_paragraph(line, ids["Letterhead"]) for line in content.letterhead[1:]]
    # On the practice's own headed paper, room for its letterhead: the first line starts 45 mm down.
    parts.append(_paragraph("", space_before_twips=HEADED_PAPER_SPACE if content.headed_paper else None))
    parts += [_paragraph(line) for line in content.references]
    parts += [_paragraph(content.date_line), _paragraph("\n".join(content.recipient))]
    for block, following in zip(content.blocks, (*content.blocks[1:], None), strict=True):
        if isinstance(block, Paragraph) and isinstance(following, Signature):
            # The last paragraph goes with the closing: page 2 never holds only the sign-off.
            parts.append(_paragraph(block.text, keep_with_next=True))
        else:
            parts += _block_xml(block, ids)
    if content.copies:
        parts.append(_paragraph("cc:\t" + "\n\t".join(content.copies), keep_lines=True))
    parts.append(_paragraph(content.footer, ids["Letter Footer"]))
    document = package.document_start + "".join(parts).encode("utf-8") + package.document_end
    running = escape(_checked(content.running_header))
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    out = io.BytesIO(package.zip_without_letter_parts)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DOCUMENT_PART, document)
        archive.writestr(
            package.running_header_part, package.running_header_xml.replace(RUNNING_PLACE, running)
        )
        # Honest properties: this letter's title and today's date; nothing about the patient.
        archive.writestr(CORE_PART, CORE_XML.format(title=escape(_checked(content.title)), now=now))
    return out.getvalue()


def _checked(text: str) -> str:
    if NOT_XML.search(text):
        raise ValueError("Text for a Word file holds a character XML cannot represent.")
    return text
