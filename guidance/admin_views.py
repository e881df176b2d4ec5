"""Wagtail's document add and edit views, plus a warning when a file's text could not be read.

Wagtail offers no hook after a document is saved and its form has no request, so these subclasses
take over the same two admin addresses (registered before Wagtail's own in wagtail_hooks.py).
Everything else about the views is Wagtail's.
"""

from django.contrib import messages
from wagtail.documents.views import documents

UNREADABLE_WARNING = (
    "The text of “{title}” could not be read (the file is damaged or password-protected), so search "
    "finds it by its title only. Upload an unprotected copy to fix this."
)


def warn_if_unreadable(request, document) -> None:
    """Tell the editor when search can only find ``document`` by its title."""
    if not document.text_readable:
        messages.warning(request, UNREADABLE_WARNING.format(title=document.title))


class CreateDocumentView(documents.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        warn_if_unreadable(self.request, instance)
        return instance


class EditDocumentView(documents.EditView):
    def save_instance(self):
        instance = super().save_instance()
        warn_if_unreadable(self.request, instance)
        return instance
