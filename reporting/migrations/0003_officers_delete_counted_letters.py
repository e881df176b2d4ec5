from django.db import migrations


def grant_officers(apps, schema_editor):
    """LMC officers read counted letters and delete one counted by mistake (MODEL_PERMISSIONS)."""
    from django.contrib.auth.management import create_permissions

    from guidance.editorial import grant_model_permissions

    app_config = apps.get_app_config("reporting")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    grant_model_permissions(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("reporting", "0002_counted_letters_figures_retention")]

    operations = [migrations.RunPython(grant_officers, migrations.RunPython.noop)]
