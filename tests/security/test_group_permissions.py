"""The LMC runs its site without a superuser: "LMC officers" keep the letter wording, options,
Service Conditions, topics and the site identity and publish them; "LMC editors" draft them and
guidance, for an officer to publish. Neither reaches users, groups, sites or workflows. Each group
signs in and walks every admin address it should and should not reach."""

import ast
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Site

from core.models import SiteIdentity
from guidance.editorial import EDITORS, OFFICERS, ensure_editorial_setup, grant_model_permissions
from letters.models import Ask, LetterTemplate, Provider, Reason, RequestCategory, ServiceCondition, Specialty
from tests.guidance.factories import GuidanceIndexPageFactory
from tests.subprocess_env import child_environment

LETTER_MODELS = [LetterTemplate, RequestCategory, Reason, Ask, Specialty, Provider]


def snippet_url(model, view: str, *args) -> str:
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{view}", args=args)


ADMIN_ONLY = [
    "wagtailusers_users:index",
    "wagtailusers_groups:index",
    "wagtailsites:index",
    "wagtailadmin_workflows:index",
]


@pytest.fixture
def staff(db, letters_demo, home_page, django_user_model):
    grant_model_permissions(Group, Permission)  # as migration 0004 does (checked below on a fresh database)
    ensure_editorial_setup(GuidanceIndexPageFactory(parent=home_page, slug="interface-guidance"))
    ServiceCondition.objects.get_or_create(number=6, defaults={"title": "Choice and Referral"})
    people = {}
    for group in (EDITORS, OFFICERS):
        user = django_user_model.objects.create_user(
            group.split()[-1], f"{group.split()[-1]}@example.com", "pw-1"
        )
        user.groups.add(Group.objects.get(name=group))
        people[group] = user
    return people


def reaches(client, url: str) -> bool:
    """The page opens (after any redirect within the same address, e.g. settings → this site's)."""
    response = client.get(url, follow=True)
    return response.status_code == 200 and response.request["PATH_INFO"].startswith(url.split("?")[0])


def denied(client, url: str) -> bool:
    """Wagtail refuses with 403, or sends the user back to the dashboard (or to sign in)."""
    response = client.get(url)
    if response.status_code == 403:
        return True
    return response.status_code == 302 and (
        response["Location"].split("?")[0] == reverse("wagtailadmin_home") or "login" in response["Location"]
    )


def test_officers_keep_letters_options_identity_and_topics(client, staff):
    client.force_login(staff[OFFICERS])
    urls = [reverse("wagtailadmin_home"), reverse("wagtailsettings:edit", args=["core", "siteidentity"])]
    for model in [*LETTER_MODELS, ServiceCondition]:
        urls += [
            snippet_url(model, "list"),
            snippet_url(model, "add"),
            snippet_url(model, "edit", model.objects.first().pk),
        ]
    urls += [reverse("wagtailsnippets_guidance_topic:list"), reverse("wagtaildocs:index")]
    assert [url for url in urls if not reaches(client, url)] == []
    assert [name for name in ADMIN_ONLY if not denied(client, reverse(name))] == []


def test_officers_publish_wording_and_change_the_lmcs_name(client, staff):
    client.force_login(staff[OFFICERS])
    reason = Reason.objects.first()
    edit = client.get(snippet_url(Reason, "edit", reason.pk)).content.decode()
    assert 'name="action-publish"' in edit
    site = Site.objects.get(is_default_site=True)
    response = client.post(
        reverse("wagtailsettings:edit", args=["core", "siteidentity", site.pk]),
        {**_identity_form(site), "name": "Officers' LMC"},
    )
    assert response.status_code == 302
    assert SiteIdentity.for_site(site).name == "Officers' LMC"


def test_editors_draft_wording_but_cannot_publish_it_or_touch_settings(client, staff):
    client.force_login(staff[EDITORS])
    template = LetterTemplate.objects.first()
    urls = [
        reverse("wagtailadmin_home"),
        snippet_url(LetterTemplate, "edit", template.pk),
        snippet_url(Reason, "list"),
    ]
    assert [url for url in urls if not reaches(client, url)] == []
    edit = client.get(snippet_url(LetterTemplate, "edit", template.pk)).content.decode()
    assert 'name="action-publish"' not in edit  # a draft for an officer to publish
    never = [
        reverse("wagtailsettings:edit", args=["core", "siteidentity"]),
        snippet_url(ServiceCondition, "add"),
    ]
    assert [url for url in never + [reverse(name) for name in ADMIN_ONLY] if not denied(client, url)] == []


def _identity_form(site) -> dict:
    from django.forms.models import model_to_dict

    identity = SiteIdentity.for_site(site)
    return {
        key: value
        for key, value in model_to_dict(identity).items()
        if value is not None and key not in ("id", "site")
    }


def test_a_new_site_has_both_groups_from_its_migrations(tmp_path):
    env = child_environment({"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"})
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, check=True, capture_output=True)
    shown = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.contrib.auth.models import Group; "
            "print([sorted(Group.objects.get(name=name).permissions.values_list('codename', flat=True)) "
            "for name in ('LMC officers', 'LMC editors')])",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    officers, editors = ast.literal_eval(shown.strip().splitlines()[-1])
    for codename in (
        "access_admin",
        "publish_lettertemplate",
        "publish_reason",
        "change_siteidentity",
        "change_servicecondition",
        "change_searchsynonym",
    ):
        assert codename in officers, codename
    for codename in ("access_admin", "add_searchsynonym", "change_searchsynonym", "delete_searchsynonym"):
        assert codename in editors, codename


def test_officers_edit_the_home_page_and_footer_pages_and_choose_the_logo(client, staff, home_page):
    """The LMC changes its own "Most used guidance", about/contact/privacy/accessibility pages and logo."""
    from tests.guidance.factories import InformationPageFactory

    privacy = InformationPageFactory(parent=home_page, title="Privacy notice")
    client.force_login(staff[OFFICERS])
    urls = [
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
        reverse("wagtailadmin_pages:edit", args=[privacy.pk]),
        reverse("wagtailadmin_pages:add", args=["guidance", "informationpage", home_page.pk]),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailimages_chooser:choose"),
    ]
    assert [url for url in urls if not reaches(client, url)] == []
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[privacy.pk])).content.decode()
    assert 'name="action-publish"' in edit


def test_editors_cannot_change_the_home_page_or_footer_pages(client, staff, home_page):
    from tests.guidance.factories import InformationPageFactory

    privacy = InformationPageFactory(parent=home_page, title="Privacy notice")
    client.force_login(staff[EDITORS])
    never = [
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
        reverse("wagtailadmin_pages:edit", args=[privacy.pk]),
    ]
    assert [url for url in never if not denied(client, url)] == []
