"""Editorial groups and the approval workflow: "LMC editors" draft, "LMC officers" approve and publish.

Created by the demo command (and callable from a shell in production); every step is idempotent.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from guidance.models import Topic

EDITORS = "LMC editors"
OFFICERS = "LMC officers"
WORKFLOW_NAME = "LMC approval"
TASK_NAME = "Approval by an LMC officer"

# Page permissions on the guidance section: editors draft and submit, officers also publish.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    OFFICERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# On documents, Wagtail's "add" also lets people edit and delete their own uploads; "change" lets them
# edit or delete anyone's, so only officers have it.
DOCUMENT_ACTIONS = {EDITORS: ["add", "choose"], OFFICERS: ["add", "change", "delete", "choose"]}
TOPIC_ACTIONS = {EDITORS: ["view"], OFFICERS: ["add", "change", "delete", "view"]}


def ensure_editorial_setup(section: Page) -> None:
    """Create both groups with their permissions on ``section`` and put it under the approval workflow."""
    groups = {name: _group_with_admin_access(name) for name in (EDITORS, OFFICERS)}
    for name, group in groups.items():
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=Permission.objects.get(codename=codename)
            )
        _grant_document_permissions(group, DOCUMENT_ACTIONS[name])
        group.permissions.add(*_model_permissions(Topic, TOPIC_ACTIONS[name]))
    _ensure_workflow(section, approvers=groups[OFFICERS])


def _group_with_admin_access(name: str) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def _model_permissions(model, actions: list[str]) -> list[Permission]:
    content_type = ContentType.objects.get_for_model(model)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    return list(Permission.objects.filter(content_type=content_type, codename__in=codenames))


def _grant_document_permissions(group: Group, actions: list[str]) -> None:
    # Wagtail checks document permissions against wagtaildocs.Document even with a custom model.
    root_collection = Collection.get_first_root_node()
    codenames = [f"{action}_document" for action in actions]
    for permission in Permission.objects.filter(
        content_type__app_label="wagtaildocs", codename__in=codenames
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )


def _ensure_workflow(section: Page, *, approvers: Group) -> None:
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(approvers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
