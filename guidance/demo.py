"""Demo content for the guidance section; every function here is idempotent."""

from wagtail.models import Page, Site

from guidance.models import HomePage

HOME_INTRO = (
    "Guidance, reports and template letters on the interface between general practice and "
    "hospitals and other providers, for practices in Humberside."
)


def ensure_home_page() -> HomePage:
    """Make the portal's HomePage the root of the default site, replacing Wagtail's placeholder."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        placeholder = (
            Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").first()
        )
        if placeholder is not None:
            placeholder.slug = "wagtail-placeholder"
            placeholder.save_revision().publish()
        home = root.add_child(
            instance=HomePage(title="Humberside LMC interface portal", slug="home", intro=HOME_INTRO)
        )
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", root_page=home, is_default_site=True, site_name="Humberside LMC"
            )
        else:
            site.root_page = home
            site.site_name = "Humberside LMC"
            site.save()
        if placeholder is not None:
            placeholder.delete()
    return home


def load(stdout) -> None:
    """Create the home page (and, as the guidance issue lands, the guidance library)."""
    home = ensure_home_page()
    stdout.write(f"Home page: {home.title}")
