"""`updated_at` for the API's `updated_since` (docs/api.md).

The column is added as a plain nullable one (auto_now is Python only): on SQLite an
AddField with auto_now would remake the table and lose its triggers."""

from django.db import migrations, models

from technopark.core.updated_at import fill_updated_at


class Migration(migrations.Migration):

    dependencies = [
        ('support', '0002_session_answers_and_budget_per_period'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AddField(model_name="servicerequest", name="updated_at", field=models.DateTimeField(null=True)),
            ],
            state_operations=[
                migrations.AddField(model_name="servicerequest", name="updated_at", field=models.DateTimeField(auto_now=True, null=True, verbose_name="updated at")),
            ],
        ),
        migrations.RunPython(fill_updated_at("support.ServiceRequest"), migrations.RunPython.noop),
    ]
