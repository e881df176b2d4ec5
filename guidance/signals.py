"""Keep search in step with documents: when a document's file is replaced, or a collection it is in
becomes private or public, the pages offering it are re-indexed, so searching for the new text finds
them and text no longer public (or no longer there) does not."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex
from wagtail.search import index

from guidance.models import GuidanceDocument


def pages_offering(document: GuidanceDocument):
    """Pages whose content refers to ``document`` (from Wagtail's reference index)."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(id__in=[int(page_id) for page_id in page_ids]).specific()


@receiver(post_save, sender=GuidanceDocument)
def reindex_pages_offering_document(sender, instance: GuidanceDocument, created: bool, **kwargs) -> None:
    """A new document is offered by no page yet; a changed one re-indexes the pages that offer it."""
    if created or kwargs.get("raw"):
        return
    for page in pages_offering(instance):
        index.insert_or_update_object(page)


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def reindex_pages_offering_collection(sender, instance: CollectionViewRestriction, **kwargs) -> None:
    """A collection made private (or public again): its documents' text leaves (or rejoins) the
    index of every page offering them, for the collection and every collection inside it."""
    if kwargs.get("raw"):
        return
    collections = Collection.objects.descendant_of(instance.collection, inclusive=True)
    for document in GuidanceDocument.objects.filter(collection__in=collections):
        for page in pages_offering(document):
            index.insert_or_update_object(page)
