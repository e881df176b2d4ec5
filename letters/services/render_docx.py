"""Render a letter as a Word document (.docx) with python-docx, built in memory.

Page 1 carries the practice's letterhead (and logo) in its own header, so a practice printing on its
own headed paper, or pasting the body into its letterhead, never gets two. Pages after the first are
headed with whose letter it is; every page's foot names the template and says "Page N of M" in Word's
own fields. Subject lines are Word headings (restyled to look like a letter), so the navigation pane
and screen readers see the letter's structure.

python-docx has no API for fields or content controls; those few elements are written as XML and
appended to the paragraph's element (``paragraph._p``, python-docx's documented way to extend it).
"""

import datetime
import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Mm, Pt, RGBColor

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
from letters.unbroken import pieces

A4_WIDTH, A4_HEIGHT = Mm(210), Mm(297)
SIDE_MARGIN = Mm(22)  # as letter-pdf.css, so Word and PDF match
TEXT_WIDTH = A4_WIDTH - 2 * SIDE_MARGIN
APPLICATION = "LMC interface portal"
# On headed paper the first line starts 45 mm down the page (the top margin is 18 mm).
HEADED_PAPER_SPACE = Mm(27)
LOGO_HEIGHT = Mm(16)
LANGUAGE = "en-GB"
TEXT_COLOUR = RGBColor(0x11, 0x11, 0x11)
GREY = RGBColor(0x55, 0x55, 0x55)
# Every style a letter uses, so the styles pane shows a short, sensible list.
HEADING = "Heading 1"
LETTERHEAD_NAME, LETTERHEAD = "Letterhead Name", "Letterhead"
PAGE_FOOT = "Page Foot"
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity></Properties>"
)
# A Word checkbox content control, unticked ("☐", "☒" once ticked).
CHECKBOX = (
    f'<w:sdt {nsdecls("w", "w14")}><w:sdtPr><w14:checkbox><w14:checked w14:val="0"/>'
    '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
    '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
    "<w:sdtContent><w:r><w:t>\u2610</w:t></w:r></w:sdtContent></w:sdt>"
)


def render_docx(*, content: LetterContent) -> bytes:
    """The letter as .docx bytes: A4, letterhead in page 1's header, body, numbered pages."""
    document = Document()
    _set_up_page_and_styles(document)
    section = document.sections[0]
    section.different_first_page_header_footer = True
    _write_letterhead(section.first_page_header, content)
    _write_running_header(section.header, content.running_header)
    for footer in (section.first_page_footer, section.footer):
        _write_page_foot(footer, content.footer)
    _write_body(document, content)
    _set_properties(document, content.title)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- the page and its styles --


def _set_up_page_and_styles(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    section.left_margin = section.right_margin = SIDE_MARGIN
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    # The letterhead starts 12 mm down, near where the PDF's does (18 mm) but leaving it room.
    section.header_distance, section.footer_distance = Mm(12), Mm(8)
    styles = document.styles
    normal = styles["Normal"]
    # Arial is on every office machine and is not an NHS-only typeface; sizes as letter.css, so the
    # Word and PDF letters fit the same page.
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = TEXT_COLOUR
    normal.paragraph_format.space_after = Pt(5)
    heading = styles[HEADING]
    _plain_font(heading)
    heading.font.size = Pt(10.5)
    heading.font.bold = True
    heading.font.color.rgb = TEXT_COLOUR
    heading.paragraph_format.space_before = Pt(8)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _add_paragraph_style(document, LETTERHEAD_NAME, size=13, bold=True, align=right, space_after=0)
    _add_paragraph_style(document, LETTERHEAD, size=9.5, align=right, space_after=0)
    _add_paragraph_style(document, PAGE_FOOT, size=8, colour=GREY, space_after=0)
    _set_language(document, LANGUAGE)


def _add_paragraph_style(document, name: str, *, size: float, space_after: float, **look) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = look.get("bold", False)
    if "colour" in look:
        style.font.color.rgb = look["colour"]
    if "align" in look:
        style.paragraph_format.alignment = look["align"]
    style.paragraph_format.space_after = Pt(space_after)


def _plain_font(style) -> None:
    """Drop the theme font (Calibri Light) a built-in heading uses, so it inherits Normal's Arial."""
    fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
    if fonts is not None:
        style.element.rPr.remove(fonts)


def _set_language(document, language: str) -> None:
    """Proofing language for the whole document (python-docx's template says en-US)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = run_properties.makeelement(qn("w:lang"), {})
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


# -- headers and footers --


def _write_letterhead(header, content: LetterContent) -> None:
    """Page 1's header: the logo and the practice's details, or room for its own headed paper."""
    paragraphs = header.paragraphs
    if content.logo and content.letterhead:
        logo = paragraphs[0]
        logo.style = LETTERHEAD
        logo.add_run().add_picture(io.BytesIO(content.logo), height=LOGO_HEIGHT)
        logo.paragraph_format.space_after = Pt(4)
        first = header.add_paragraph()
    else:
        first = paragraphs[0]
    if not content.letterhead:
        return
    first.style = LETTERHEAD_NAME
    first.add_run(content.letterhead[0])
    last = first
    for line in content.letterhead[1:]:
        last = header.add_paragraph(line, style=LETTERHEAD)
    last.paragraph_format.space_after = Pt(12)  # a gap before the reference or date, as in the PDF


def _write_running_header(header, text: str) -> None:
    """Pages after the first: whose letter this is (the patient's name and NHS number)."""
    paragraph = header.paragraphs[0]
    paragraph.add_run(text).font.size = Pt(9)


def _write_page_foot(footer, template_line: str) -> None:
    """Which template letter this is, and "Page N of M" at the right, in Word's own fields."""
    paragraph = footer.paragraphs[0]
    paragraph.style = PAGE_FOOT
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(f"{template_line}\tPage ")
    _append_field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _append_field(paragraph, "NUMPAGES", "1")


def _append_field(paragraph, instruction: str, shown: str) -> None:
    """A Word field that Word and LibreOffice update when they lay out the pages."""
    field = (
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>'
    )
    paragraph._p.append(parse_xml(field))


# -- the body --


def _write_body(document, content: LetterContent) -> None:
    if content.headed_paper:
        # Room for the practice's own printed letterhead.
        document.add_paragraph().paragraph_format.space_before = HEADED_PAPER_SPACE
    for line in content.references:
        _add_paragraph(document, line).paragraph_format.space_after = Pt(0)
    document.add_paragraph(content.date_line)
    _add_paragraph(document, "\n".join(content.recipient))
    blocks = content.blocks
    for block, following in zip(blocks, (*blocks[1:], None), strict=True):
        # The last paragraph goes with the closing: page 2 never holds only the sign-off.
        keep_with_next = isinstance(block, Paragraph) and isinstance(following, Signature)
        _write_block(document, block, keep_with_next=keep_with_next)
    if content.copies:
        copies = _add_paragraph(document, "cc:\t" + "\n\t".join(content.copies))
        copies.paragraph_format.keep_together = True
        copies.paragraph_format.space_before = Pt(8)


def _write_block(document, block, *, keep_with_next: bool = False) -> None:
    if isinstance(block, Heading):
        _add_paragraph(document, block.text, style=HEADING)
    elif isinstance(block, Subject):
        _add_paragraph(document, "\n".join(block.lines), style=HEADING)
    elif isinstance(block, Paragraph):
        _add_paragraph(document, block.text).paragraph_format.keep_with_next = keep_with_next
    elif isinstance(block, BulletList):
        _write_intro(document, block.intro)
        for item in block.items:
            _add_paragraph(document, item, style="List Bullet")
    elif isinstance(block, Signature):
        # The closing, the space to sign and the signatory stay on one page, with the copies after.
        closing = _add_paragraph(document, block.closing)
        closing.paragraph_format.keep_with_next = True
        closing.paragraph_format.space_after = Pt(30)
        signatory = _add_paragraph(document, "\n".join(block.lines))
        signatory.paragraph_format.keep_with_next = True
        signatory.paragraph_format.keep_together = True
    elif isinstance(block, Checklist):
        _write_intro(document, block.intro)
        for item in block.items:
            paragraph = document.add_paragraph()
            paragraph._p.append(parse_xml(CHECKBOX))
            _add_text(paragraph, " " + item)
    elif isinstance(block, Choice):
        _write_intro(document, block.intro)
        document.add_paragraph()._p.append(parse_xml(_dropdown(block)))
    else:
        raise TypeError(f"No DOCX rendering for {type(block).__name__}")


def _add_paragraph(document, text: str, *, style: str | None = None):
    """A paragraph of ``text`` in which names such as "e-RS" never break at their hyphen."""
    paragraph = document.add_paragraph(style=style)
    _add_text(paragraph, text)
    return paragraph


def _add_text(paragraph, text: str) -> None:
    for piece, whole in pieces(text):
        if whole:
            # Word's non-breaking hyphen: it prints and copies as "-" but never ends a line.
            parts = "<w:noBreakHyphen/>".join(
                f'<w:t xml:space="preserve">{escape(part)}</w:t>' for part in piece.split("-")
            )
            paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{parts}</w:r>"))
        else:
            paragraph.add_run(piece)


def _write_intro(document, text: str) -> None:
    """A list's introduction, kept on the page of its first item."""
    if text:
        _add_paragraph(document, text).paragraph_format.keep_with_next = True


def _dropdown(choice: Choice) -> str:
    """A Word dropdown list content control offering ``choice.options``, showing its prompt."""
    items = "".join(
        f'<w:listItem w:displayText="{_attribute(option)}" w:value="{_attribute(option)}"/>'
        for option in choice.options
    )
    return (
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{_attribute(choice.intro)}"/>'
        f"<w:dropDownList>{items}</w:dropDownList></w:sdtPr>"
        f"<w:sdtContent><w:r><w:t>{escape(choice.prompt)}</w:t></w:r></w:sdtContent></w:sdt>"
    )


def _attribute(text: str) -> str:
    """Text for an XML attribute value in double quotes."""
    return escape(text, {'"': "&quot;"})


# -- document properties --


def _set_properties(document, title: str) -> None:
    """Honest properties: this letter's title and today's date; nothing about the patient."""
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    properties = document.core_properties
    properties.title = title
    properties.language = LANGUAGE
    properties.created = properties.modified = now
    properties.revision = 1
    for name in ("author", "last_modified_by", "comments", "subject", "keywords", "category"):
        setattr(properties, name, "")
    package = document.part.package
    for rel_id, relationship in list(package.rels.items()):
        # python-docx's template carries a thumbnail of an empty page and says "Microsoft Macintosh
        # Word" made it: drop the one and replace the other.
        if relationship.reltype in (RELATIONSHIP_TYPE.THUMBNAIL, RELATIONSHIP_TYPE.EXTENDED_PROPERTIES):
            package.rels.pop(rel_id)
    app = Part(PackURI("/docProps/app.xml"), CONTENT_TYPE.OFC_EXTENDED_PROPERTIES, APP_XML.encode(), package)
    package.relate_to(app, RELATIONSHIP_TYPE.EXTENDED_PROPERTIES)
