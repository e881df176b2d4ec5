"""Form behaviour shared across apps."""


class KeepOldFileUntilSavedMixin:
    """For Wagtail document forms: write the new file first, delete the replaced one only afterwards.

    Wagtail's ``BaseDocumentForm.save`` deletes the previous file *before* storing the new one, so a
    storage failure (disk full) while replacing a file loses the document. With this mixin the old
    file is removed only once the new file and the database row are saved.
    """

    def save(self, commit=True):
        replaced = self.original_file if commit and "file" in self.changed_data else None
        if replaced:
            self.original_file = None  # stops BaseDocumentForm deleting it up front
        instance = super().save(commit=commit)
        if replaced and replaced.name and replaced.name != instance.file.name:
            replaced.storage.delete(replaced.name)
        return instance
