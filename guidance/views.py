"""Public views of the guidance section that are not pages: search and robots.txt."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from guidance.private_documents import document_viewer
from guidance.search.service import search_guidance


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search results for ?q=, 20 a page; an empty query shows the search form only."""
    results, query = search_guidance(
        request.GET.get("q", ""),
        page_number=request.GET.get("page"),
        may_view_document=document_viewer(request),
    )
    return render(request, "guidance/search.html", {"search_query": query, "results": results})


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Let crawlers read the guidance; keep them out of the admin, search and letter forms."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /letters/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
