from django.db import migrations

from technopark.booking.migrations_sql import backward, forward


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
