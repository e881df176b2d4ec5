"""Review dates: the admin report and dashboard panel list guidance overdue or due within 30 days;
the editorial groups and approval workflow exist with the right permissions."""

import datetime
from unittest import mock

from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import nested_form_data, streamfield

from guidance.editorial import EDITORS, OFFICERS, TASK_NAME, WORKFLOW_NAME, ensure_editorial_setup
from guidance.models import GuidanceDocument, GuidanceItemPage
from guidance.review import pages_due_for_review
from tests.guidance.conftest import make_guidance_index
from tests.guidance.factories import (
    GuidanceDocumentFactory,
    GuidanceIndexPageFactory,
    GuidanceItemPageFactory,
    ReportPageFactory,
)


class ReviewDueTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        today = timezone.localdate()
        index = make_guidance_index()
        cls.overdue = GuidanceItemPageFactory(
            parent=index, title="Overdue guidance", next_review_due=today - datetime.timedelta(days=1)
        )
        cls.soon = ReportPageFactory(
            parent=index, title="Report due soon", next_review_due=today + datetime.timedelta(days=30)
        )
        cls.draft_soon = GuidanceItemPageFactory(
            parent=index,
            title="Draft due soon",
            live=False,
            next_review_due=today + datetime.timedelta(days=3),
        )
        GuidanceItemPageFactory(
            parent=index, title="Fine for now", next_review_due=today + datetime.timedelta(days=31)
        )
        GuidanceItemPageFactory(parent=index, title="No review date", next_review_due=None)

    def setUp(self):
        self.user = self.login()

    def test_due_pages_are_overdue_or_within_30_days_soonest_first(self):
        self.assertEqual(
            [page.title for page in pages_due_for_review(user=self.user)],
            ["Overdue guidance", "Draft due soon", "Report due soon"],
        )
        self.assertEqual(self.overdue.review_status, "overdue")
        self.assertEqual(self.soon.review_status, "due soon")

    def test_admin_report_lists_due_pages_with_edit_links(self):
        response = self.client.get(reverse("guidance_review_report"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Guidance due for review")
        self.assertContains(response, reverse("wagtailadmin_pages:edit", args=[self.overdue.id]))
        self.assertContains(response, "Draft due soon")
        self.assertNotContains(response, "Fine for now")

    def test_reports_menu_offers_the_report(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, reverse("guidance_review_report"))

    def test_dashboard_panel_lists_due_pages(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, 'id="guidance-review-due')
        self.assertContains(response, "Overdue guidance")
        self.assertNotContains(response, "Fine for now")


class ReviewDueForEditorsTests(WagtailTestUtils, TestCase):
    """An LMC editor sees only the pages and documents they may edit, never titles from elsewhere."""

    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth import get_user_model

        overdue = timezone.localdate() - datetime.timedelta(days=1)
        index = make_guidance_index()
        ensure_editorial_setup(index)
        GuidanceItemPageFactory(parent=index, title="Overdue guidance", next_review_due=overdue)
        # A section the LMC editors have no permission on (e.g. the committee's own pages).
        committee = GuidanceIndexPageFactory(
            parent=index.get_parent(), slug="committee", title="Committee section", next_review_due=overdue
        )
        GuidanceItemPageFactory(parent=committee, title="Committee minutes overview", next_review_due=overdue)
        cls.editor = get_user_model().objects.create_user(username="editor", password="x")
        cls.editor.groups.add(Group.objects.get(name=EDITORS))
        own = GuidanceDocumentFactory(title="My damaged upload", uploaded_by_user=cls.editor)
        others = GuidanceDocumentFactory(title="Officer's damaged upload")
        GuidanceDocument.objects.filter(pk__in=[own.pk, others.pk]).update(text_readable=False)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_report_lists_only_pages_the_editor_may_edit(self):
        response = self.client.get(reverse("guidance_review_report"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Overdue guidance")
        self.assertNotContains(response, "Committee minutes overview")
        self.assertNotContains(response, "Committee section")

    def test_dashboard_panel_lists_only_pages_and_documents_the_editor_may_edit(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, 'id="guidance-review-due')
        self.assertContains(response, "Overdue guidance")
        self.assertNotContains(response, "Committee minutes overview")
        self.assertNotContains(response, "Committee section")
        self.assertContains(response, "My damaged upload")
        self.assertNotContains(response, "Officer&#x27;s damaged upload")
        self.assertNotContains(response, "Officer's damaged upload")


class EditorialSetupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_guidance_index()
        ensure_editorial_setup(cls.index)
        ensure_editorial_setup(cls.index)  # idempotent
        cls.page = GuidanceItemPageFactory(parent=cls.index)

    def user_in(self, group_name: str):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_user(username=group_name.replace(" ", "-"), password="x")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    def test_editors_draft_but_cannot_publish(self):
        permissions = self.page.permissions_for_user(self.user_in(EDITORS))
        self.assertTrue(permissions.can_edit())
        self.assertFalse(permissions.can_publish())

    def test_editors_upload_and_choose_documents_only_officers_delete_others(self):
        from wagtail.documents.permissions import permission_policy

        editor = self.user_in(EDITORS)
        self.assertTrue(permission_policy.user_has_permission(editor, "add"))
        self.assertTrue(permission_policy.user_has_permission(editor, "choose"))
        someone_elses = GuidanceDocumentFactory()
        self.assertFalse(permission_policy.user_has_permission_for_instance(editor, "delete", someone_elses))
        officer = self.user_in(OFFICERS)
        self.assertTrue(permission_policy.user_has_permission_for_instance(officer, "delete", someone_elses))

    def test_editor_submits_and_an_officer_approves_then_the_page_is_live(self):
        editor, officer = self.user_in(EDITORS), self.user_in(OFFICERS)
        self.client.force_login(editor)
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["guidance", "guidanceitempage", self.index.id]),
            nested_form_data(
                {
                    "title": "Submitted guidance",
                    "slug": "submitted-guidance",
                    "summary": "Waiting for approval.",
                    "body": streamfield([]),
                    "action-submit": "Submit for moderation",
                }
            ),
        )
        self.assertEqual(response.status_code, 302)
        page = GuidanceItemPage.objects.get(slug="submitted-guidance")
        self.assertFalse(page.live)
        task_state = page.current_workflow_task_state
        self.assertEqual(task_state.task.name, TASK_NAME)
        self.assertTrue(task_state.task.specific.user_can_access_editor(page, officer))
        self.assertFalse(task_state.task.specific.user_can_access_editor(page, editor))

        task_state.task.specific.on_action(task_state, officer, "approve")
        page.refresh_from_db()
        self.assertTrue(page.live)

    def test_officers_can_publish(self):
        self.assertTrue(self.page.permissions_for_user(self.user_in(OFFICERS)).can_publish())

    def test_guidance_goes_through_the_officers_approval_workflow(self):
        workflow = self.page.get_workflow()
        self.assertEqual(workflow.name, WORKFLOW_NAME)
        task = workflow.tasks.get().specific
        self.assertEqual(list(task.groups.values_list("name", flat=True)), [OFFICERS])
        self.assertEqual(Group.objects.filter(name__in=[EDITORS, OFFICERS]).count(), 2)

    def test_scheduled_guidance_goes_live_when_publish_scheduled_runs(self):
        import io

        from django.core.management import call_command

        draft = GuidanceItemPageFactory(parent=self.index, title="Scheduled guidance", live=False)
        go_live = timezone.now() + datetime.timedelta(hours=1)
        draft.go_live_at = go_live
        draft.save_revision().publish()
        draft.refresh_from_db()
        self.assertFalse(draft.live)
        self.assertEqual(draft.go_live_at, go_live)
        # Two hours later the scheduled command publishes it.
        later = go_live + datetime.timedelta(hours=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            call_command("publish_scheduled", stdout=io.StringIO())
        draft.refresh_from_db()
        self.assertTrue(draft.live)


class AdminScreensTests(WagtailTestUtils, TestCase):
    """The editor's screens for guidance open without errors."""

    @classmethod
    def setUpTestData(cls):
        cls.index = make_guidance_index()
        cls.report = ReportPageFactory(parent=cls.index)

    def setUp(self):
        self.login()

    def test_add_and_edit_forms_and_topics_open(self):
        urls = [
            reverse("wagtailadmin_pages:add", args=["guidance", "guidanceitempage", self.index.id]),
            reverse("wagtailadmin_pages:add", args=["guidance", "reportpage", self.index.id]),
            reverse("wagtailadmin_pages:edit", args=[self.report.id]),
            reverse("wagtailadmin_pages:edit", args=[self.index.id]),
            reverse("wagtailsnippets_guidance_topic:list"),
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)


class SetupCommandTests(TestCase):
    def test_command_needs_a_guidance_index(self):
        from django.core.management import CommandError, call_command

        with self.assertRaises(CommandError):
            call_command("setup_guidance_workflow")

    def test_command_sets_up_groups_and_workflow(self):
        import io

        from django.core.management import call_command

        index = make_guidance_index()
        call_command("setup_guidance_workflow", stdout=io.StringIO())
        self.assertEqual(index.get_workflow().name, WORKFLOW_NAME)
        self.assertTrue(Group.objects.filter(name=OFFICERS).exists())
