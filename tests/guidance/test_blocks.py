"""Every body block renders its content (escaped), has an admin preview, and links where it should."""

import pytest
from bs4 import BeautifulSoup
from django.urls import resolve, reverse
from wagtail.blocks.base import Block

from guidance.blocks import GuidanceStreamBlock, RecommendationBlock, letter_url
from tests.guidance.conftest import sample_pdf
from tests.guidance.factories import GuidanceDocumentFactory, GuidanceItemPageFactory

STREAM = GuidanceStreamBlock()
ALL_BLOCKS = [*STREAM.child_blocks.values(), RecommendationBlock()]
HOSTILE = '<script>alert("x")</script>'

# (block name, raw value, text a reader must see). Values contain HOSTILE text where editors type.
RENDER_CASES = [
    ("paragraph", {"text": "<p>Reply in writing.</p>"}, "Reply in writing."),
    ("callout", {"heading": HOSTILE, "text": "<p>Keep a copy.</p>"}, "Keep a copy."),
    ("warning", {"text": "<p>Tasks can be missed.</p>"}, "Tasks can be missed."),
    ("details", {"summary": HOSTILE, "content": "<p>Act first.</p>"}, "Act first."),
    (
        "contacts",
        {
            "caption": "Medical Examiner office",
            "contacts": [
                {
                    "name": HOSTILE,
                    "role": "Medical examiner officer",
                    "organisation": "Example hospital",
                    "phone": "01632 960001",
                    "email": "me@example.org",
                }
            ],
        },
        'href="mailto:me@example.org"',
    ),
    (
        "table",
        {
            "caption": "Reply times",
            "table": {
                "columns": [{"type": "text", "heading": "Kind"}, {"type": "number", "heading": "Days"}],
                "rows": [{"values": [HOSTILE, "10"]}],
            },
        },
        '<caption id="table-reply-times">Reply times</caption>',
    ),
    (
        "responsibilities",
        {
            "caption": "Tests",
            "responsibilities": [
                {
                    "area": HOSTILE,
                    "primary_care": "Does not chase.",
                    "secondary_care": "Arranges and reviews.",
                }
            ],
        },
        "Arranges and reviews.",
    ),
    (
        "letter",
        {"letter": "declined_referral", "heading": HOSTILE, "text": "Fill it in.", "button_label": "Start"},
        "Fill it in.",
    ),
]


@pytest.mark.parametrize("block", ALL_BLOCKS, ids=lambda block: type(block).__name__)
def test_every_block_has_icon_template_description_and_preview(block):
    assert block.meta.icon not in (None, "", "placeholder")
    assert block.meta.template.startswith("guidance/blocks/")
    assert block.meta.description
    assert block.is_previewable


@pytest.mark.django_db
@pytest.mark.parametrize("block", ALL_BLOCKS, ids=lambda block: type(block).__name__)
def test_admin_block_preview_renders_with_the_portal_stylesheet(admin_client, block):
    block_id = next(key for key, value in Block.definition_registry.items() if value is block)
    response = admin_client.get(reverse("wagtailadmin_block_preview"), {"id": block_id})
    assert response.status_code == 200
    assert b"css/portal.css" in response.content


@pytest.mark.parametrize("name, raw, expected", RENDER_CASES, ids=[case[0] for case in RENDER_CASES])
def test_block_renders_content_and_escapes_editor_text(name, raw, expected):
    child = STREAM.child_blocks[name]
    html = child.render(child.to_python(raw))
    assert expected in html
    assert "<script>" not in html


def test_every_body_block_has_a_render_case_or_its_own_test():
    own_tests = {"download", "related"}
    assert set(STREAM.child_blocks) == {case[0] for case in RENDER_CASES} | own_tests


def test_letter_call_to_action_links_to_the_chosen_generator():
    html = STREAM.child_blocks["letter"].render(
        STREAM.child_blocks["letter"].to_python(
            {"letter": "workload_rejection", "heading": "Go", "text": "", "button_label": "Start"}
        )
    )
    assert f'href="{letter_url("workload_rejection")}"' in html


@pytest.mark.parametrize("letter", ["declined_referral", "workload_rejection"])
def test_letter_urls_resolve_to_a_letters_page(letter):
    assert resolve(letter_url(letter)).namespace == "letters"


def test_letter_url_falls_back_to_the_letters_index_for_unknown_generators():
    assert letter_url("not_built_yet") == reverse("letters:index")


@pytest.mark.django_db
def test_download_block_shows_type_size_pages_and_stable_link(guidance_index):
    from django.core.files.base import ContentFile

    document = GuidanceDocumentFactory(
        title="Consensus", file=ContentFile(sample_pdf(), name="consensus.pdf")
    )
    page = GuidanceItemPageFactory(
        parent=guidance_index,
        body=[{"type": "download", "value": {"title": HOSTILE, "document": document.id, "description": ""}}],
    )
    block = page.body[0]
    html = block.block.render(block.value, context={"page": page, "block_id": block.id})
    size_kb = max(1, round(document.file_size / 1024))
    assert f"PDF, {size_kb} KB, 1 page" in html
    assert f'href="{page.url}download/{block.id}/"' in html
    assert "&lt;script&gt;" in html and "<script>" not in html


@pytest.mark.django_db
def test_related_pages_block_leaves_out_drafts(guidance_index):
    live = GuidanceItemPageFactory(parent=guidance_index, title="Live guidance")
    draft = GuidanceItemPageFactory(parent=guidance_index, title="Draft guidance", live=False)
    child = STREAM.child_blocks["related"]
    html = child.render(child.to_python({"heading": "See also", "pages": [live.id, draft.id]}))
    assert "Live guidance" in html
    assert "Draft guidance" not in html


@pytest.mark.django_db
def test_tables_that_scroll_are_named_regions_keyboard_users_can_reach(client, guidance_index):
    """A wide table scrolls sideways inside its box: the box is a region named by the table's caption
    and takes keyboard focus, so keyboard users can scroll it and screen readers announce it."""
    raw = {case[0]: case[1] for case in RENDER_CASES}
    page = GuidanceItemPageFactory(
        parent=guidance_index,
        body=[
            {"type": "table", "value": raw["table"]},
            {"type": "contacts", "value": raw["contacts"]},
            {"type": "responsibilities", "value": raw["responsibilities"]},
            {"type": "table", "value": raw["table"]},  # the same caption twice: ids must still differ
        ],
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    regions = soup.select("main .table-wrap")
    assert len(regions) == 4
    for region in regions:
        assert region["role"] == "region"
        assert region["tabindex"] == "0"
        caption = soup.find(id=region["aria-labelledby"])
        assert caption is not None and caption.name == "caption"
        assert caption in region.find_all("caption")
    ids = [region["aria-labelledby"] for region in regions]
    assert len(set(ids)) == 4
