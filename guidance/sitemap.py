"""Sitemap addresses on the host the visitor asked for.

Wagtail's sitemap (``wagtail.contrib.sitemaps``) writes each page's address with the hostname and
port of its Wagtail Site record, ``localhost`` on a new or demo site, so a sitemap fetched from the
public address listed ``http://localhost/...``. Like the feeds (Django's syndication framework) and
robots.txt, the sitemap now uses the scheme and host of the request: the address crawlers actually
used, checked against ``ALLOWED_HOSTS`` (and ``X-Forwarded-Proto`` behind the proxy). Wagtail's
documented way to change a page's sitemap entry is overriding ``get_sitemap_urls``.
"""


class RequestHostSitemapMixin:
    """Gives a page's sitemap entry the request's scheme and host instead of the Site record's."""

    def get_sitemap_urls(self, request=None):
        """Wagtail's entries (address and last modified), the address built from ``request``."""
        entries = super().get_sitemap_urls(request)
        if request is None:
            return entries
        # Relative when the page belongs to the request's site, so the request's host is used.
        location = request.build_absolute_uri(self.get_url(request=request))
        return [{**entry, "location": location} for entry in entries]
