"""Wagtail's document add and edit views, plus a warning when a file's text could not be read.

Wagtail offers no hook after a document is saved and its form has no request, so these subclasses
take over the same two admin addresses (registered before Wagtail's own in wagtail_hooks.py).
Everything else about the views is Wagtail's.
"""

from django.contrib import messages
from wagtail.documents.views import documents

UNREADABLE_WARNING = (
    "“{title}”: {problem} It is saved and can be downloaded, but search finds it by its title only. "
    "Upload an unprotected, undamaged copy to fix this."
)
BEING_READ = "“{title}” is saved. Its text is being read for search in the background."


def warn_if_unreadable(request, document) -> None:
    """Tell the editor when search can only find ``document`` by its title (or is still reading it)."""
    document.refresh_from_db()  # the text may have been read (without a worker) since it was saved
    if not document.text_readable:
        problem = document.text_problem or "the file could not be read."
        messages.warning(request, UNREADABLE_WARNING.format(title=document.title, problem=problem))
    elif document.file_hash != document.text_source_hash:
        messages.info(request, BEING_READ.format(title=document.title))


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
