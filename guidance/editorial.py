"""Editorial groups and the approval workflow: "LMC editors" draft, "LMC officers" approve and publish.

Created by the demo command (and callable from a shell in production); every step is idempotent.
"""

from django.contrib.auth.models import Group, Permission
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

EDITORS = "LMC editors"
OFFICERS = "LMC officers"
WORKFLOW_NAME = "LMC approval"
TASK_NAME = "Approval by an LMC officer"

# Page permissions on the guidance section: editors draft and submit, officers also publish.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    OFFICERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# On the home page and what sits beside the guidance under it (the about, contact, privacy and
# accessibility pages the footer links to), officers edit and publish; editors work in the section.
HOME_PAGE_PERMISSIONS = {OFFICERS: ["add_page", "change_page", "publish_page"]}
# Images: officers upload and choose the LMC's logo for Settings → Site identity.
IMAGE_ACTIONS = {OFFICERS: ["add", "choose"]}
# On documents, Wagtail's "add" also lets people edit and delete their own uploads; "change" lets them
# edit or delete anyone's, so only officers have it.
DOCUMENT_ACTIONS = {EDITORS: ["add", "choose"], OFFICERS: ["add", "change", "delete", "choose"]}
# Everything else each group's daily work needs, by "app_label.model": editors draft letter wording
# and options (an officer publishes them); officers also publish them, keep the Service Conditions
# and topics, edit the site identity (Settings) and triage practices' interface reports (editors
# never see them). Both keep the search synonyms (no drafts: a synonym only widens what a search
# finds). Neither ever needs a superuser.
LETTER_OPTIONS = ("requestcategory", "reason", "ask", "specialty", "provider")
MODEL_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    EDITORS: {
        "guidance.topic": ("view",),
        "letters.lettertemplate": ("add", "change", "view"),
        **{f"letters.{name}": ("add", "change", "view") for name in LETTER_OPTIONS},
        "letters.servicecondition": ("view",),
        "guidance.searchsynonym": ("add", "change", "delete", "view"),
    },
    OFFICERS: {
        "guidance.topic": ("add", "change", "delete", "view"),
        "letters.lettertemplate": ("add", "change", "delete", "publish", "lock", "unlock", "view"),
        **{f"letters.{name}": ("add", "change", "delete", "publish", "view") for name in LETTER_OPTIONS},
        "letters.servicecondition": ("add", "change", "delete", "view"),
        "core.siteidentity": ("change", "view"),
        "guidance.searchsynonym": ("add", "change", "delete", "view"),
        # Practices' reports of interface problems: triage (never add or delete), and who is told.
        "reporting.interfacereport": ("change", "view"),
        "reporting.reportingsettings": ("change", "view"),
        # Letters practices counted: read, and delete a count made by mistake (never add or change).
        "reporting.countedletter": ("delete", "view"),
    },
}


def ensure_editorial_setup(section: Page) -> None:
    """Create both groups with their permissions on ``section`` (and officers' on the home page above
    it) and put the section under the approval workflow."""
    groups = {name: _group_with_admin_access(name) for name in (EDITORS, OFFICERS)}
    home = section.get_parent()
    for name, group in groups.items():
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=Permission.objects.get(codename=codename)
            )
        if home.depth > 1:  # a real home page, not the tree's root
            for codename in HOME_PAGE_PERMISSIONS.get(name, []):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=Permission.objects.get(codename=codename)
                )
        _grant_document_permissions(group, DOCUMENT_ACTIONS[name])
        _grant_collection_permissions(group, "wagtailimages", "image", IMAGE_ACTIONS.get(name, []))
    grant_model_permissions(Group, Permission)
    _ensure_workflow(section, approvers=groups[OFFICERS])


def grant_model_permissions(group_model, permission_model) -> None:
    """Create both groups if need be and give each its ``MODEL_PERMISSIONS`` (and admin access).

    Takes the models, so a data migration can pass its historical ones.
    """
    access = permission_model.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name, models in MODEL_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(access)
        for label, actions in models.items():
            app_label, model_name = label.split(".")
            group.permissions.add(
                *permission_model.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model_name}" for action in actions],
                )
            )


def _group_with_admin_access(name: str) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def _grant_document_permissions(group: Group, actions: list[str]) -> None:
    # Wagtail checks document permissions against wagtaildocs.Document even with a custom model.
    _grant_collection_permissions(group, "wagtaildocs", "document", actions)


def _grant_collection_permissions(group: Group, app_label: str, model_name: str, actions: list[str]) -> None:
    root_collection = Collection.get_first_root_node()
    codenames = [f"{action}_{model_name}" for action in actions]
    for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames):
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
