"""/accounts/email/ let a person add another account's address as their own (unverified):
such rows signed the adder in with that address and broke a change of primary address.
They are removed; the account's own address keeps its row."""

from django.db import migrations
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower


def drop(apps, schema_editor):
    EmailAddress = apps.get_model("account", "EmailAddress")
    User = apps.get_model("accounts", "User")
    others = User.objects.annotate(lower=Lower("email")).filter(
        lower=Lower(OuterRef("email"))
    ).exclude(pk=OuterRef("user_id"))
    EmailAddress.objects.filter(Exists(others)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_user_access_version"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(drop, migrations.RunPython.noop)]
