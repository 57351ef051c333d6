# Every existing row gets its own key, in batches (one UPDATE per batch, not one per row).
import uuid

from django.db import migrations

MODEL = ("barisiku",)
UKURAN = 2000


def isi_kunci(apps, schema_editor):
    db = schema_editor.connection.alias
    for nama in MODEL:
        model = apps.get_model("indikator", nama)
        while True:
            baris = list(
                model.objects.using(db).filter(kunci__isnull=True).order_by("pk").only("pk")[:UKURAN]
            )
            if not baris:
                break
            for item in baris:
                item.kunci = uuid.uuid4()
            # SQLite caps the variables of one statement; bulk_update splits the batch for it.
            model.objects.using(db).bulk_update(baris, ["kunci"])


class Migration(migrations.Migration):
    dependencies = [("indikator", "0002_kunci_tambah")]

    operations = [migrations.RunPython(isi_kunci, migrations.RunPython.noop, elidable=True)]
