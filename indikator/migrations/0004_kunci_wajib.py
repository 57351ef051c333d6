# The key is required from now on, and unique under its parent (the services keep a child row's
# key unique in the whole document).
import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("indikator", "0003_kunci_isi")]

    operations = [
        migrations.AlterField(
            model_name="barisiku",
            name="kunci",
            field=models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="kunci"),
        ),
        migrations.AddConstraint(
            model_name="barisiku",
            constraint=models.UniqueConstraint(
                fields=("dokumen", "kunci"),
                name="baris_iku_kunci_unik",
                violation_error_message="Kunci baris sudah dipakai di dokumen ini.",
            ),
        ),
    ]
