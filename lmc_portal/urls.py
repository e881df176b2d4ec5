"""URL routes. Wagtail's page serving comes last: it catches every path not matched before it."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView

from core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Images (the LMC's logo) through Wagtail's signed view: served from this site whatever the
    # storage (the bucket is private), so the Content Security Policy stays "img-src 'self'".
    re_path(r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$", ServeView.as_view(), name="wagtailimages_serve"),
    path("healthz", core_views.healthz, name="healthz"),
    path("theme.css", core_views.theme_css, name="theme-css"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("letters/", include("letters.urls")),
    path("report-a-problem/", include("reporting.urls")),
    path("count-a-letter/", include("reporting.count_urls")),
    # Search, feeds, sitemap.xml and robots.txt (guidance/urls.py).
    path("", include("guidance.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))

handler400 = "core.views.bad_request"
handler500 = "core.views.server_error"
