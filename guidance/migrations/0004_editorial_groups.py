"""The "LMC editors" and "LMC officers" groups with the permissions their daily work needs, so a new
site runs without a superuser (guidance.editorial.MODEL_PERMISSIONS). Page permissions and the
approval workflow need the guidance section, so they are added when it exists (load_demo_content,
or manage.py setup_guidance_workflow)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_groups(apps, schema_editor):
    from django.apps import apps as global_apps
    from wagtail.snippets.models import create_extra_permissions

    from guidance.editorial import grant_model_permissions

    # Permissions are normally created after all migrations; the groups need them now: Django's own
    # (add, change, delete, view) and Wagtail's for snippets with drafts (publish, lock, unlock).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    create_extra_permissions(global_apps.get_app_config("wagtailsnippets"))
    grant_model_permissions(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0003_document_text_problem"),
        ("letters", "0003_contract_references_phrases_and_icb_report"),
        ("core", "0002_siteidentity_icb_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
