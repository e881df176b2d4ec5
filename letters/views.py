"""Letter views: thin wrappers around letters.services. Nothing here stores or logs form data."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def letters_index(request: HttpRequest) -> HttpResponse:
    """The letters page: when to use each letter, with links to the generators."""
    return render(request, "letters/index.html")
