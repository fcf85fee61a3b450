"""`updated_at` for the API's `updated_since` (docs/api.md).

The column is added as a plain nullable one (auto_now is Python only): on SQLite an
AddField with auto_now would remake the table and lose its triggers."""

from django.db import migrations, models

from technopark.core.updated_at import fill_updated_at


class Migration(migrations.Migration):

    dependencies = [
        ('programs', '0004_startup_support'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AddField(model_name="call", name="updated_at", field=models.DateTimeField(null=True)),
                migrations.AddField(model_name="enrollment", name="updated_at", field=models.DateTimeField(null=True)),
                migrations.AddField(model_name="milestone", name="updated_at", field=models.DateTimeField(null=True)),
                migrations.AddField(model_name="plan", name="updated_at", field=models.DateTimeField(null=True)),
                migrations.AddField(model_name="program", name="updated_at", field=models.DateTimeField(null=True)),
            ],
            state_operations=[
                migrations.AddField(model_name="call", name="updated_at", field=models.DateTimeField(auto_now=True, null=True, verbose_name="updated at")),
                migrations.AddField(model_name="enrollment", name="updated_at", field=models.DateTimeField(auto_now=True, null=True, verbose_name="updated at")),
                migrations.AddField(model_name="milestone", name="updated_at", field=models.DateTimeField(auto_now=True, null=True, verbose_name="updated at")),
                migrations.AddField(model_name="plan", name="updated_at", field=models.DateTimeField(auto_now=True, null=True, verbose_name="updated at")),
                migrations.AddField(model_name="program", name="updated_at", field=models.DateTimeField(auto_now=True, null=True, verbose_name="updated at")),
            ],
        ),
        migrations.RunPython(fill_updated_at("programs.Program", "programs.Call", "programs.Enrollment", "programs.Plan", "programs.Milestone"), migrations.RunPython.noop),
    ]
