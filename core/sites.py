"""Which Wagtail site (and home page) a request belongs to, looked up once per purge, not per request.

Wagtail finds the site for every request with a query (``Site.find_for_request``), then loads the
home page with another before routing. Both change only when an editor saves a site or a page, which
purges (``pagecache.purge``), so ``SiteMiddleware`` remembers the answer for each host name until
then and hands it to Wagtail through the attribute Wagtail itself caches it in.
"""

from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponseBase
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from core.remembered import remember


def site_with_home_page(hostname: str, port: int) -> Site | None:
    """The site Wagtail would pick for ``hostname:port``, its root page already in its own type."""
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    site.root_page = site.root_page.specific  # what Wagtail's routing asks for next
    return site


class SiteMiddleware:
    """Sets ``request._wagtail_site`` (Wagtail's per-request cache) from the per-purge memo."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            request.get_host()  # only hosts in ALLOWED_HOSTS get a memo entry
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 in the usual way
        hostname = split_domain_port(request._get_raw_host())[0]  # as Site.find_for_request does
        port = request.get_port()
        try:
            site = remember(f"site:{hostname}:{port}", lambda: site_with_home_page(hostname, port))
        except DatabaseError:
            # The database is down: the view says so (the health check answers 503, pages the 500 page).
            return self.get_response(request)
        request._wagtail_site = site
        return self.get_response(request)
