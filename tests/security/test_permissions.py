"""Wagtail permissions: an editor of one section cannot touch pages elsewhere, settings or letter
snippets; and what an editor types is escaped wherever it is shown."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from core.models import SiteIdentity
from guidance.demo import ensure_home_page
from letters.models import Ask, LetterTemplate, Provider, Reason, RequestCategory, Specialty
from tests.guidance.factories import GuidanceIndexPageFactory, GuidanceItemPageFactory

LETTER_SNIPPETS = [LetterTemplate, RequestCategory, Reason, Ask, Specialty, Provider]


@pytest.fixture
def tree(db):
    home = ensure_home_page()
    index = GuidanceIndexPageFactory(parent=home, slug="interface-guidance", title="Interface guidance")
    mine = GuidanceItemPageFactory(parent=index, slug="tasks", title="Tasks in clinical systems")
    theirs = GuidanceItemPageFactory(parent=index, slug="consensus", title="Consensus statement")
    for page in (home, index, mine, theirs):
        page.save_revision().publish()  # two revisions each, so there is something to compare
        page.save_revision().publish()
    return {"home": home, "index": index, "mine": mine, "theirs": theirs}


@pytest.fixture
def section_editor(tree, django_user_model, client):
    """May add, edit and publish the "Tasks" page and below; nothing else."""
    group = Group.objects.create(name="Tasks section editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=tree["mine"], permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("sectioned", "s@example.com", "pw-sectioned-1")
    user.groups.add(group)
    client.force_login(user)
    return client


def denied(response) -> bool:
    """Wagtail answers a forbidden admin URL with 403 or a redirect away (to the dashboard/login)."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and "/edit/" not in response["Location"]


def page_urls(page) -> dict[str, str]:
    revisions = list(page.revisions.order_by("id").values_list("id", flat=True))
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[page.id]),
        "preview": reverse("wagtailadmin_pages:preview_on_edit", args=[page.id]),
        "copy": reverse("wagtailadmin_pages:copy", args=[page.id]),
        "history": reverse("wagtailadmin_pages:history", args=[page.id]),
        "revisions": reverse("wagtailadmin_pages:revisions_index", args=[page.id]),
        "view revision": reverse("wagtailadmin_pages:revisions_view", args=[page.id, revisions[0]]),
        "compare": reverse(
            "wagtailadmin_pages:revisions_compare", args=[page.id, revisions[0], revisions[-1]]
        ),
        "delete": reverse("wagtailadmin_pages:delete", args=[page.id]),
        "unpublish": reverse("wagtailadmin_pages:unpublish", args=[page.id]),
        "move": reverse("wagtailadmin_pages:move", args=[page.id]),
    }


def test_section_editor_can_work_in_their_own_section(section_editor, tree):
    """The control: the same user does reach their own page, so the denials below mean something."""
    urls = page_urls(tree["mine"])
    for name in ("edit", "history", "compare"):
        assert section_editor.get(urls[name]).status_code == 200, name


ACTIONS = [
    "edit",
    "preview",
    "copy",
    "history",
    "revisions",
    "view revision",
    "compare",
    "delete",
    "unpublish",
    "move",
]


@pytest.mark.parametrize("target", ["theirs", "home", "index"])
def test_section_editor_cannot_reach_other_pages(section_editor, tree, target):
    urls = page_urls(tree[target])
    allowed = [action for action in ACTIONS if not denied(section_editor.get(urls[action]))]
    assert allowed == [], f"{target}: these admin views were not refused: {allowed}"


@pytest.mark.parametrize("target", ["theirs", "home"])
def test_section_editor_posts_change_nothing_elsewhere(section_editor, tree, target):
    page = tree[target].specific
    before_title = page.title
    before_revisions = page.revisions.count()
    before_pages = Page.objects.count()
    urls = page_urls(page)
    attempts = {
        "edit": {"title": "Defaced", "slug": page.slug, "action-publish": "publish"},
        "preview": {"title": "Defaced", "slug": page.slug},
        "copy": {"new_title": "Copy", "new_slug": "copy-of-it", "new_parent_page": tree["mine"].id},
        "delete": {},
        "unpublish": {},
    }
    for action, data in attempts.items():
        response = section_editor.post(urls[action], data)
        assert denied(response) or response.status_code in (400, 404), (
            f"POST {action}: {response.status_code}"
        )
    page.refresh_from_db()
    assert page.title == before_title and page.live
    assert page.revisions.count() == before_revisions
    assert Page.objects.count() == before_pages


def test_section_editor_cannot_edit_site_settings(section_editor, tree):
    identity = SiteIdentity.for_site(tree["home"].get_site())
    url = reverse("wagtailsettings:edit", args=["core", "siteidentity", identity.site_id])
    assert denied(section_editor.get(url))
    assert denied(section_editor.post(url, {"name": "Defaced LMC", "primary_colour": "#000000"}))
    identity.refresh_from_db()
    assert identity.name != "Defaced LMC"


def test_section_editor_cannot_touch_letter_snippets(section_editor, tree):
    for model in LETTER_SNIPPETS:
        viewset = model.snippet_viewset
        name = model.__name__
        assert denied(section_editor.get(reverse(viewset.get_url_name("list")))), name
        assert denied(section_editor.get(reverse(viewset.get_url_name("add")))), name
        assert denied(section_editor.post(reverse(viewset.get_url_name("add")), {"label": "Injected"})), name
        field = "label" if hasattr(model, "label") else "title"
        assert not model.objects.filter(**{field: "Injected"}).exists(), name


def test_section_editor_cannot_edit_an_existing_letter_template(section_editor, tree):
    from letters import demo
    from letters.models import ServiceCondition

    ServiceCondition.objects.create(number=6, title="Choice and Referral")  # the wording cites it
    kind, title, body, note, _report = demo.TEMPLATES[0]
    template = LetterTemplate.objects.create(kind=kind, title=title, body=body, patient_note=note)
    template.save_revision().publish()
    url = reverse(LetterTemplate.snippet_viewset.get_url_name("edit"), args=[template.pk])
    assert denied(section_editor.get(url))
    assert denied(section_editor.post(url, {"title": "Defaced"}))
    template.refresh_from_db()
    assert template.title == title


# --- stored XSS ---------------------------------------------------------------------------------

XSS_TITLE = "<script>alert('xss-title')</script> Tasks"
XSS_SUMMARY = '<img src=x onerror="alert(1)"> summary'


def contentstate_with_link(url: str, text: str = "Read the guidance") -> str:
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": len(text), "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
        }
    )


def test_editor_script_in_title_summary_and_links_is_escaped(section_editor, tree, client):
    from django.test import Client

    mine = tree["mine"]
    data = nested_form_data(
        {
            "title": XSS_TITLE,
            "slug": mine.slug,
            "summary": XSS_SUMMARY,
            "body": streamfield(
                [("paragraph", {"text": contentstate_with_link("javascript:alert(document.cookie)")})]
            ),
            "action-publish": "publish",
        }
    )
    response = section_editor.post(reverse("wagtailadmin_pages:edit", args=[mine.id]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    mine.refresh_from_db()
    assert mine.title == XSS_TITLE  # stored as typed...

    public = Client()
    for url in (mine.url, tree["index"].url, "/search/?q=Tasks"):
        html = public.get(url).content.decode()
        assert "<script>alert('xss-title')" not in html, url  # ...but never output as markup
        assert 'onerror="alert(1)"' not in html and "<img src=x" not in html, url
        assert "javascript:" not in html.lower(), url
    assert "&lt;script&gt;alert(" in public.get(mine.url).content.decode()

    # Admin listings: the explorer, the search and the history show the title as text.
    admin_urls = [
        reverse("wagtailadmin_explore", args=[tree["index"].id]),
        reverse("wagtailadmin_pages:search") + "?q=Tasks",
        reverse("wagtailadmin_pages:history", args=[mine.id]),
    ]
    for url in admin_urls:
        html = section_editor.get(url).content.decode()
        assert "<script>alert('xss-title')" not in html, url
