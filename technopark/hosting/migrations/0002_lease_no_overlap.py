from django.db import migrations

from technopark.hosting.migrations_sql import backward, forward


class Migration(migrations.Migration):
    dependencies = [("hosting", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
