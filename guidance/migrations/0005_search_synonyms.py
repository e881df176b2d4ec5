"""Search synonyms that LMC staff edit (Snippets → Search synonyms), and both LMC groups' permission
to edit them (guidance.editorial.MODEL_PERMISSIONS)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def grant_synonym_permissions(apps, schema_editor):
    from guidance.editorial import grant_model_permissions

    # Permissions are normally created after all migrations; the groups need this model's now.
    app_config = apps.get_app_config("guidance")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    grant_model_permissions(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0004_editorial_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "phrases",
                    models.TextField(
                        help_text=(
                            "Two or more ways of writing the same thing, one on each line: for example “A&G” "
                            "and “advice and guidance”. A search for any of them finds pages using the others. "
                            "Write abbreviations as pages write them (in capitals: ME, HUTH; with their marks: "
                            "A&G, e-RS)."
                        )
                    ),
                ),
            ],
            options={"verbose_name": "search synonym", "ordering": ["phrases"]},
        ),
        migrations.RunPython(grant_synonym_permissions, migrations.RunPython.noop),
    ]
