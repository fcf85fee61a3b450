"""`updated_at` for the API's `updated_since` (docs/api.md).

The column is added as a plain nullable one (auto_now is Python only): on SQLite an
AddField with auto_now would remake the table and lose its triggers."""

from django.db import migrations, models

from technopark.core.updated_at import fill_updated_at


class Migration(migrations.Migration):

    dependencies = [
        ('privacy', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AddField(model_name="datarequest", name="updated_at", field=models.DateTimeField(null=True)),
            ],
            state_operations=[
                migrations.AddField(model_name="datarequest", name="updated_at", field=models.DateTimeField(auto_now=True, null=True, verbose_name="updated at")),
            ],
        ),
        migrations.RunPython(fill_updated_at("privacy.DataRequest"), migrations.RunPython.noop),
    ]
