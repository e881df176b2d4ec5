"""The admin document form: refuses files whose contents do not match their extension."""

from django import forms
from django.conf import settings
from wagtail.documents.forms import BaseDocumentForm

from core.forms import KeepOldFileUntilSavedMixin
from guidance import documents


class GuidanceDocumentForm(KeepOldFileUntilSavedMixin, BaseDocumentForm):
    """Wagtail's document form plus a content check (WAGTAILDOCS_DOCUMENT_FORM_BASE).

    Wagtail already checks the extension allow-list and the size limit; this adds that the bytes
    are what the extension says, so an HTML page renamed to .pdf is refused before anything is
    saved (no database row, no file on disk).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.text_readable and "file" in self.fields:
            # The editor's notice that search only knows this document by its title.
            problem = self.instance.text_problem or "The text of this file could not be read."
            self.fields["file"].help_text = (
                f"Warning: {problem} For now, search finds it by its title only. Upload an unprotected, "
                "undamaged copy to fix this. " + str(self.fields["file"].help_text)
            )

    def clean_file(self):
        """Check the uploaded file's leading bytes (and ZIP contents) against its extension."""
        uploaded = self.cleaned_data.get("file")
        if uploaded is None or not hasattr(uploaded, "content_type"):
            # No new upload (editing title or tags only): nothing to check.
            return uploaded
        extension = documents.extension_of(uploaded.name)
        allowed = ", ".join(settings.WAGTAILDOCS_EXTENSIONS)
        if not extension:
            raise forms.ValidationError(
                f"The file name “{uploaded.name}” has no extension (such as .pdf), so its type cannot be "
                f"checked. Rename it with the right extension and upload it again. Allowed types: {allowed}.",
                code="extension",
            )
        if extension not in settings.WAGTAILDOCS_EXTENSIONS:
            raise forms.ValidationError(
                f"Files of this type cannot be uploaded. Allowed types: {allowed}.", code="extension"
            )
        uploaded.seek(0)
        data = uploaded.read()
        uploaded.seek(0)
        problem = documents.content_problem(extension, data)
        if problem:
            raise forms.ValidationError(problem, code="content")
        return uploaded
