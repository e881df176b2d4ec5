"""The content blocks of guidance and report pages.

Every block is a StructBlock with an icon, its own template, a description for the block picker and
a preview value, so editors see what it looks like before they add it.
"""

from django.urls import NoReverseMatch, reverse
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock

from core import privacy
from reporting.blocks import FiguresBlock

# Rich-text features editors may use, in one place. No images or embeds: guidance is text and files.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
# Short rich text inside other blocks (callouts, table cells): no headings.
INLINE_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]

# The letter generators a guidance page can send people to; values are URL names in letters/.
LETTER_CHOICES = [
    ("declined_referral", "Declined referral: Advice and Guidance offered"),
    ("workload_rejection", "Workload rejection: work outside the GP contract"),
]

AUDIENCE_CHOICES = [
    ("general_practice", "General practice"),
    ("providers", "Hospitals and other providers"),
]

PREVIEW_TEXT = "<p>Practices should reply in writing and keep a copy in the patient's record.</p>"


class ParagraphBlock(blocks.StructBlock):
    """Rich text: paragraphs, headings, lists and links."""

    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "pilcrow"
        template = "guidance/blocks/paragraph.html"
        description = "Paragraphs of text with headings, lists and links."
        preview_value = {"text": PREVIEW_TEXT}


class CalloutBlock(blocks.StructBlock):
    """An inset: a short passage set apart, e.g. the one thing a practice must remember."""

    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=INLINE_RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        template = "guidance/blocks/callout.html"
        description = "A highlighted passage set apart from the text (an inset)."
        preview_value = {"heading": "Keep a record", "text": PREVIEW_TEXT}


class WarningBlock(blocks.StructBlock):
    """A warning about a risk to patients or to the practice."""

    text = blocks.RichTextBlock(features=INLINE_RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "guidance/blocks/warning.html"
        description = "A warning about a risk to patients or to the practice."
        preview_value = {"text": "<p>Nobody monitors this inbox: results sent to it may be missed.</p>"}


class DocumentDownloadBlock(blocks.StructBlock):
    """A document to download, described by type, size and page count.

    The link goes to the page's own download address (``<page>/download/<block id>/``), which
    stays the same when the editor replaces the file or picks another document in this block.
    """

    title = blocks.CharBlock(
        required=False, max_length=200, help_text="Leave blank to use the document's own title."
    )
    document = DocumentChooserBlock()
    description = blocks.TextBlock(required=False, max_length=400)

    class Meta:
        icon = "doc-full"
        template = "guidance/blocks/download.html"
        description = "A document to download, shown with its type, size and number of pages."
        preview_value = {"title": "Consensus statement (PDF)", "description": "The full agreed text."}

    def get_context(self, value, parent_context=None):
        """Add the stable download URL, built from the page and this block's id."""
        context = super().get_context(value, parent_context=parent_context)
        page = context.get("page")
        block_id = context.get("block_id")
        if page is not None and block_id and hasattr(page, "download_url"):
            context["download_url"] = page.download_url(block_id, request=context.get("request"))
        return context


class ContactBlock(blocks.StructBlock):
    """One person in a contacts table."""

    name = blocks.CharBlock(max_length=120)
    role = blocks.CharBlock(max_length=120)
    organisation = blocks.CharBlock(required=False, max_length=120)
    phone = blocks.CharBlock(required=False, max_length=40)
    email = blocks.EmailBlock(required=False)

    class Meta:
        icon = "user"


class ContactsTableBlock(blocks.StructBlock):
    """A table of people to contact, e.g. the Medical Examiner service's staff."""

    caption = blocks.CharBlock(max_length=200)
    contacts = blocks.ListBlock(ContactBlock())

    class Meta:
        icon = "group"
        template = "guidance/blocks/contacts_table.html"
        description = "A table of people with their role, organisation, phone and email."
        preview_value = {
            "caption": "Medical Examiner office",
            "contacts": [
                {
                    "name": "A. Example",
                    "role": "Medical examiner officer",
                    "organisation": "Example hospital",
                    "phone": "01234 567890",
                    "email": "me.office@example.org",
                }
            ],
        }


class DetailsBlock(blocks.StructBlock):
    """A summary line that opens to show more (HTML details: works without JavaScript)."""

    summary = blocks.CharBlock(max_length=200)
    content = blocks.RichTextBlock(features=INLINE_RICH_TEXT_FEATURES)

    class Meta:
        icon = "collapse-down"
        template = "guidance/blocks/details.html"
        description = "A line that opens to reveal more detail (an accordion section)."
        preview_value = {"summary": "What if the provider does not reply?", "content": PREVIEW_TEXT}


class TableBlock(blocks.StructBlock):
    """A data table with a caption; columns are plain text, numbers or short rich text."""

    caption = blocks.CharBlock(max_length=200, help_text="Says what the table shows.")
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock()),
            ("number", blocks.DecimalBlock()),
            ("rich_text", blocks.RichTextBlock(features=["bold", "italic", "link"])),
        ]
    )

    class Meta:
        icon = "table"
        template = "guidance/blocks/table.html"
        description = "A table with a caption and column headings."
        preview_value = {"caption": "Replies expected", "table": None}


class ResponsibilityBlock(blocks.StructBlock):
    """One area of care and who does what in it."""

    area = blocks.CharBlock(max_length=120, help_text="e.g. Tests requested in clinic")
    primary_care = blocks.TextBlock(label="What general practice does")
    secondary_care = blocks.TextBlock(label="What the hospital or provider does")

    class Meta:
        icon = "list-ul"


class ResponsibilitiesBlock(blocks.StructBlock):
    """Agreed responsibilities of general practice and secondary care, side by side."""

    caption = blocks.CharBlock(max_length=200)
    responsibilities = blocks.ListBlock(ResponsibilityBlock())

    class Meta:
        icon = "tasks"
        template = "guidance/blocks/responsibilities.html"
        description = "Who is responsible for what: general practice and secondary care side by side."
        preview_value = {
            "caption": "Tests",
            "responsibilities": [
                {
                    "area": "Tests requested in clinic",
                    "primary_care": "Does not repeat or chase them.",
                    "secondary_care": "Arranges them, reviews the results and tells the patient.",
                }
            ],
        }


class LetterCallToActionBlock(blocks.StructBlock):
    """A prominent link to one of the letter generators."""

    letter = blocks.ChoiceBlock(choices=LETTER_CHOICES)
    heading = blocks.CharBlock(max_length=120, default="Generate this letter")
    text = blocks.TextBlock(required=False, max_length=400)
    button_label = blocks.CharBlock(max_length=60, default="Start the letter")

    class Meta:
        icon = "mail"
        template = "guidance/blocks/letter_cta.html"
        description = "A button that opens one of the template letter generators."
        preview_value = {
            "letter": "declined_referral",
            "heading": "Generate this letter",
            "text": "Fill in the details and download the letter as Word or PDF.",
            "button_label": "Start the letter",
        }

    def get_context(self, value, parent_context=None):
        """Add the generator's URL; before the letters app offers it, the letters index."""
        context = super().get_context(value, parent_context=parent_context)
        context["letter_url"] = letter_url(value["letter"])
        return context


def letter_url(letter: str) -> str:
    """URL of the named letter generator, or of the letters index if it does not exist yet."""
    try:
        return reverse(f"letters:{letter}")
    except NoReverseMatch:
        return reverse("letters:index")


class RelatedPagesBlock(blocks.StructBlock):
    """Links to other guidance; pages that are not live and public are left out."""

    heading = blocks.CharBlock(max_length=120, default="Related guidance")
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(page_type=["guidance.GuidanceItemPage", "guidance.ReportPage"])
    )

    class Meta:
        icon = "link"
        template = "guidance/blocks/related_pages.html"
        description = "Links to other guidance pages."
        preview_value = {"heading": "Related guidance", "pages": []}

    def get_context(self, value, parent_context=None):
        """Only live, public pages, in the editor's order (no query: the chooser loaded them)."""
        context = super().get_context(value, parent_context=parent_context)
        context["visible_pages"] = [
            page for page in value["pages"] if page is not None and page.live and privacy.is_public(page)
        ]
        return context


class RecommendationBlock(blocks.StructBlock):
    """One recommendation of a report, addressed to general practice or to providers."""

    audience = blocks.ChoiceBlock(choices=AUDIENCE_CHOICES)
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "tick"
        template = "guidance/blocks/recommendation.html"
        description = "A numbered recommendation for general practice or for providers."
        preview_value = {
            "audience": "general_practice",
            "text": "<p>Make sure every shared inbox has a named person who checks it daily.</p>",
        }


class GuidanceStreamBlock(blocks.StreamBlock):
    """The body of guidance and report pages."""

    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    warning = WarningBlock()
    download = DocumentDownloadBlock()
    contacts = ContactsTableBlock()
    details = DetailsBlock()
    table = TableBlock()
    responsibilities = ResponsibilitiesBlock()
    letter = LetterCallToActionBlock()
    related = RelatedPagesBlock()


class ReportStreamBlock(GuidanceStreamBlock):
    """A report page's body: the guidance blocks and live figures (``reporting.blocks``)."""

    figures = FiguresBlock()


class RecommendationsStreamBlock(blocks.StreamBlock):
    """A report's recommendations; their position gives their number."""

    recommendation = RecommendationBlock()
