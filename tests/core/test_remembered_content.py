"""What is remembered between requests (site, settings, menu) changes the moment an editor saves."""

from wagtail.models import Site

from core.models import SiteIdentity
from core.remembered import remember
from guidance.demo import ensure_home_page
from pagecache.purge import purge_now
from tests.guidance.factories import GuidanceIndexPageFactory


def test_remember_computes_once_until_a_purge_and_hands_out_copies(db):
    calls = []

    def compute():
        calls.append(1)
        return {"items": ["a"]}

    first = remember("test:value", compute)
    first["items"].append("changed by one caller")
    assert remember("test:value", compute) == {"items": ["a"]}  # a copy: the change did not leak
    assert len(calls) == 1
    purge_now()
    remember("test:value", compute)
    assert len(calls) == 2


def test_renaming_the_lmc_shows_on_the_next_page(client, db):
    home = ensure_home_page()
    client.get(home.url)
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.name = "Northshire LMC"
    identity.save()
    assert "Northshire LMC" in client.get(home.url).content.decode()


def test_a_new_site_root_is_used_on_the_next_request(client, db):
    home = ensure_home_page()
    section = GuidanceIndexPageFactory(parent=home, slug="interface-guidance", title="Interface guidance")
    assert client.get("/interface-guidance/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.root_page = section
    site.save()
    # The section is now the site's root: it is the home address, and the old address is gone.
    assert "Interface guidance" in client.get("/").content.decode()
    assert client.get("/interface-guidance/").status_code == 404


def test_a_page_published_under_the_home_page_appears_in_the_menu_at_once(client, db):
    home = ensure_home_page()
    client.get(home.url)
    GuidanceIndexPageFactory(parent=home, slug="reports", title="Reports section", show_in_menus=True)
    assert "Reports section" in client.get(home.url).content.decode()


def test_an_unknown_host_is_still_refused(client, db, settings):
    settings.ALLOWED_HOSTS = ["portal.example"]
    ensure_home_page()
    assert client.get("/", HTTP_HOST="attacker.example").status_code == 400
