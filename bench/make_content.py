"""Generate guidance content at scale for the benchmark: N guidance items with blocks and documents.

    DJANGO_SETTINGS_MODULE=... python bench/make_content.py --items 5000

Idempotent: it tops the library up to N generated items (slugs ``bench-item-00001`` …), plus one
long page with every kind of block (``bench-many-blocks``) and a handful of Word documents. Run
``manage.py load_demo_content`` first (it makes the home page and "Interface guidance").

Generated pages are created live without revisions (fast: the benchmark needs thousands); they are
indexed for search like any other page.
"""

import argparse
import contextlib
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ITEM_PREFIX = "bench-item-"
MANY_BLOCKS_SLUG = "bench-many-blocks"
DOCUMENT_COUNT = 8
WORDS = [
    "referral",
    "discharge",
    "results",
    "prescribing",
    "workload",
    "fit",
    "note",
    "medication",
    "hospital",
    "clinic",
    "advice",
    "guidance",
    "contract",
    "responsibility",
    "follow-up",
    "tests",
    "outpatient",
    "letters",
    "specialist",
]


def _words(n: int, seed: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(n))


def paragraph(seed: int) -> dict:
    return {
        "type": "paragraph",
        "value": {
            "text": f"<p>Practices asked about {_words(12, seed)}. The hospital keeps clinical "
            f"responsibility for {_words(8, seed + 1)} it requested.</p>"
        },
    }


def item_body(seed: int, documents: list) -> list[dict]:
    """A typical guidance page: text, a callout, a warning, a download, a details block, a table."""
    document = documents[seed % len(documents)]
    return [
        paragraph(seed),
        {"type": "callout", "value": {"heading": "In short", "text": f"<p>{_words(10, seed + 2)}</p>"}},
        paragraph(seed + 3),
        {"type": "warning", "value": {"text": f"<p>Do not {_words(6, seed + 4)}.</p>"}},
        {
            "type": "download",
            "value": {"title": "", "document": document.id, "description": "The agreed wording."},
        },
        {
            "type": "details",
            "value": {"summary": "Why this matters", "content": f"<p>{_words(20, seed)}</p>"},
        },
        {
            "type": "table",
            "value": {
                "caption": "Requests and who does them",
                "table": {
                    "columns": [
                        {"type": "text", "heading": "Request"},
                        {"type": "text", "heading": "Who"},
                    ],
                    "rows": [{"values": [_words(3, seed + r), "The provider"]} for r in range(4)],
                },
            },
        },
        paragraph(seed + 5),
    ]


def many_blocks_body(documents: list, related_ids: list[int]) -> list[dict]:
    """The benchmark's "guidance item with many blocks": every block type, about 40 blocks."""
    body: list[dict] = []
    for i in range(4):
        body += item_body(i, documents)
    body += [
        {
            "type": "contacts",
            "value": {
                "caption": "Medical Examiner office",
                "contacts": [
                    {
                        "name": f"Dr Example {n}",
                        "role": "Medical examiner",
                        "organisation": "Medical Examiner office",
                        "phone": f"01632 9600{n:02d}",
                        "email": f"me{n}@example.org",
                    }
                    for n in range(10)
                ],
            },
        },
        {
            "type": "responsibilities",
            "value": {
                "caption": "Who is responsible for what",
                "responsibilities": [
                    {
                        "area": f"Area {n}: {_words(3, n)}",
                        "primary_care": _words(10, n + 1),
                        "secondary_care": _words(10, n + 2),
                    }
                    for n in range(8)
                ],
            },
        },
        {
            "type": "letter",
            "value": {
                "letter": "workload_rejection",
                "heading": "Generate this letter",
                "text": "Pick the request type and download the letter.",
                "button_label": "Start the letter",
            },
        },
        {"type": "related", "value": {"heading": "Related guidance", "pages": related_ids}},
    ]
    body += [
        {"type": "download", "value": {"title": "", "document": d.id, "description": ""}} for d in documents
    ]
    return body


def ensure_documents() -> list:
    from django.core.files.base import ContentFile

    from guidance import demo_files
    from guidance.models import GuidanceDocument

    documents = []
    for n in range(1, DOCUMENT_COUNT + 1):
        title = f"Benchmark document {n}"
        document = GuidanceDocument.objects.filter(title=title).first()
        if document is None:
            document = GuidanceDocument(title=title)
            data = demo_files.docx_bytes(title, [_words(40, n + k) for k in range(5)])
            document.file.save(f"benchmark-{n}.docx", ContentFile(data), save=False)
            document.save()
        documents.append(document)
    return documents


def _no_validation(*args, **kwargs) -> None:
    return None


@contextlib.contextmanager
def bulk_mode(model):
    """Create many pages fast: index them for search in bulk (not one by one as each is saved), skip
    Wagtail's reference index (generated pages refer to nothing an editor would look up) and purge
    the page cache once at the end rather than on every save."""
    from django.db.models.signals import m2m_changed, post_save
    from modelsearch.backends import get_search_backend
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from pagecache import purge

    post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.disconnect(dispatch_uid="pagecache-post-save")
    m2m_changed.disconnect(dispatch_uid="pagecache-m2m")
    try:
        with disable_reference_index_auto_update():
            yield get_search_backend()
    finally:
        post_save.connect(post_save_signal_handler, sender=model)
        purge.connect_signals()
        purge.purge_now()


def make_content(items: int, *, stdout=sys.stdout) -> dict:
    """Top the library up to ``items`` generated pages; return what exists afterwards."""
    from django.db import transaction
    from django.utils import timezone

    from guidance import demo
    from guidance.models import GuidanceIndexPage, GuidanceItemPage

    home = demo.ensure_home_page()
    index = GuidanceIndexPage.objects.child_of(home).first() or demo.ensure_index_page(home)
    topics = list(demo.ensure_topics().values())
    documents = ensure_documents()

    existing = set(
        GuidanceItemPage.objects.child_of(index)
        .filter(slug__startswith=ITEM_PREFIX)
        .values_list("slug", flat=True)
    )
    started = time.perf_counter()
    base_time = timezone.now() - datetime.timedelta(days=400)
    missing = [n for n in range(1, items + 1) if f"{ITEM_PREFIX}{n:05d}" not in existing]
    with bulk_mode(GuidanceItemPage) as backend:
        for start in range(0, len(missing), 250):
            created = []
            with transaction.atomic():
                for n in missing[start : start + 250]:
                    published = base_time + datetime.timedelta(minutes=n)
                    page = GuidanceItemPage(
                        title=f"Generated guidance {n}: {_words(3, n)}",
                        slug=f"{ITEM_PREFIX}{n:05d}",
                        summary=f"What practices do about {_words(6, n)}.",
                        body=item_body(n, documents),
                        live=True,
                        first_published_at=published,
                        last_published_at=published,
                        last_reviewed=datetime.date(2026, 1, 1),
                        next_review_due=datetime.date(2027, 1, 1),
                    )
                    page.topics.set([topics[n % len(topics)]] if topics else [])
                    # Generated from known-good data: skip Wagtail's per-save validation (a query per
                    # block), which treebeard's add_child cannot be told to skip.
                    page.full_clean = _no_validation
                    index.add_child(instance=page)
                    created.append(page)
                backend.add_bulk(GuidanceItemPage, created)
            stdout.write(f"  {min(start + 250, len(missing))}/{len(missing)} generated\n")
            stdout.flush()

    big = GuidanceItemPage.objects.child_of(index).filter(slug=MANY_BLOCKS_SLUG).first()
    if big is None:
        related = list(
            GuidanceItemPage.objects.child_of(index)
            .live()
            .exclude(slug=MANY_BLOCKS_SLUG)[:5]
            .values_list("id", flat=True)
        )
        big = GuidanceItemPage(
            title="Benchmark: a guidance page with every kind of block",
            slug=MANY_BLOCKS_SLUG,
            summary="A long page used by the benchmark: about forty blocks of every kind.",
            body=many_blocks_body(documents, related),
            last_reviewed=datetime.date(2026, 1, 1),
            next_review_due=datetime.date(2027, 1, 1),
        )
        big.topics.set(topics[:3])
        index.add_child(instance=big)
        big.save_revision().publish()
    total = GuidanceItemPage.objects.child_of(index).filter(slug__startswith=ITEM_PREFIX).count()
    refresh_planner_statistics()
    elapsed = time.perf_counter() - started
    stdout.write(
        f"Generated items: {total} (added {len(missing)} in {elapsed:.1f} s); documents: {len(documents)}\n"
    )
    return {"items": total, "added": len(missing), "seconds": round(elapsed, 1), "many_blocks": big.url}


def refresh_planner_statistics() -> None:
    """Let PostgreSQL see the new rows before it is timed, as autovacuum would on a live database
    (a fresh bulk load without statistics gets plans no live site would)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, required=True, help="how many generated items there should be")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lmc_portal.settings.dev")
    import django

    django.setup()
    make_content(args.items)


if __name__ == "__main__":
    main()
