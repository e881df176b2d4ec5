"""Admin additions: the topics and search synonyms snippets, the review report and its dashboard
panel, document notices."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import ReportView
from wagtail.documents.permissions import permission_policy as document_permission_policy
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from guidance.admin_views import CreateDocumentView, EditDocumentView
from guidance.document_admin import document_admin_urls
from guidance.models import Topic
from guidance.private_documents import choosable_documents, mark_private_document_served
from guidance.review import pages_due_for_review
from guidance.search.synonyms import SearchSynonym

EDITING_PERMISSIONS = ["add", "change", "publish"]


class TopicViewSet(SnippetViewSet):
    """Topics editors file guidance under; editable in the admin (Snippets → Topics)."""

    model = Topic
    icon = "tag"
    menu_label = "Topics"
    add_to_admin_menu = False
    list_display = ["name", "slug"]


register_snippet(TopicViewSet)


class SearchSynonymViewSet(SnippetViewSet):
    """Ways of writing the same thing that site search treats as one (Snippets → Search synonyms)."""

    model = SearchSynonym
    icon = "search"
    menu_label = "Search synonyms"
    add_to_admin_menu = False
    list_display = ["__str__"]


register_snippet(SearchSynonymViewSet)


class ReviewDueReportView(ReportView):
    """Guidance whose review date has passed or falls within 30 days."""

    page_title = "Guidance due for review"
    header_icon = "time"
    results_template_name = "guidance/admin/review_report_results.html"
    index_url_name = "guidance_review_report"
    index_results_url_name = "guidance_review_report_results"
    permission_policy = page_permission_policy
    any_permission_required = EDITING_PERMISSIONS
    list_export = ["title", "next_review_due", "last_reviewed", "review_status"]

    def get_queryset(self):
        return pages_due_for_review(user=self.request.user)


class ReviewDueReportMenuItem(MenuItem):
    """Shown to people who can edit pages."""

    def is_shown(self, request) -> bool:
        return page_permission_policy.user_has_any_permission(request.user, EDITING_PERMISSIONS)


# order=-1 puts these before Wagtail's own document URLs, so the same addresses reach our subclasses
# (admin_views.py, document_admin.py).
@hooks.register("register_admin_urls", order=-1)
def register_document_view_overrides():
    return [
        path("documents/add/", CreateDocumentView.as_view(), name="guidance_document_add"),
        path("documents/edit/<int:document_id>/", EditDocumentView.as_view(), name="guidance_document_edit"),
        *document_admin_urls(),
    ]


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("reports/guidance-review/", ReviewDueReportView.as_view(), name="guidance_review_report"),
        path(
            "reports/guidance-review/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="guidance_review_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewDueReportMenuItem(
        "Guidance due for review", reverse("guidance_review_report"), icon_name="time", order=150
    )


class ReviewDuePanel(Component):
    """Dashboard panel: guidance overdue or due for review soon, and unreadable documents."""

    name = "guidance_review_due"
    order = 90
    template_name = "guidance/admin/review_panel.html"

    def get_context_data(self, parent_context=None):
        """The pages due (at most ten shown) and documents indexed by their title only, of those the
        signed-in user may edit (Wagtail's page and document permission policies)."""
        user = parent_context["request"].user
        pages = pages_due_for_review(user=user)
        editable_documents = document_permission_policy.instances_user_has_permission_for(user, "change")
        unreadable = editable_documents.filter(text_readable=False).order_by("-created_at")[:10]
        return {
            "pages": pages[:10],
            "more_count": max(0, len(pages) - 10),
            "report_url": reverse("guidance_review_report"),
            "unreadable_documents": unreadable,
        }


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    if page_permission_policy.user_has_any_permission(request.user, EDITING_PERMISSIONS):
        panels.append(ReviewDuePanel())


@hooks.register("construct_document_chooser_queryset")
def leave_private_documents_out_of_the_chooser(documents, request):
    """Editors choose only documents they may offer: see guidance/private_documents.py."""
    return choosable_documents(documents, user=request.user)


# order=-1: before Wagtail's own check, which answers a refused visitor without calling later hooks.
@hooks.register("before_serve_document", order=-1)
def never_cache_private_documents(document, request):
    """A private document's response (file, sign-in redirect or password form) is never stored."""
    mark_private_document_served(document, request)
