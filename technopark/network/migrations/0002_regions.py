from django.db import migrations


def load_regions(apps, schema_editor):
    from technopark.network.regions import REGIONS

    Region = apps.get_model("network", "Region")
    for code, fr, ar, en in REGIONS:
        Region.objects.update_or_create(code=code, defaults={"name_fr": fr, "name_ar": ar, "name_en": en})


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(load_regions, migrations.RunPython.noop)]
