# The key is required from now on, and unique under its parent (the services keep a child row's
# key unique in the whole document).
import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("rencana_aksi", "0003_kunci_isi")]

    operations = [
        migrations.AlterField(
            model_name="sasaranrkt",
            name="kunci",
            field=models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="kunci"),
        ),
        migrations.AlterField(
            model_name="indikatorrkt",
            name="kunci",
            field=models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="kunci"),
        ),
        migrations.AlterField(
            model_name="sasaranrak",
            name="kunci",
            field=models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="kunci"),
        ),
        migrations.AlterField(
            model_name="barisrak",
            name="kunci",
            field=models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="kunci"),
        ),
        migrations.AddConstraint(
            model_name="sasaranrkt",
            constraint=models.UniqueConstraint(
                fields=("dokumen", "kunci"),
                name="sasaran_rkt_kunci_unik",
                violation_error_message="Kunci sasaran sudah dipakai di dokumen ini.",
            ),
        ),
        migrations.AddConstraint(
            model_name="indikatorrkt",
            constraint=models.UniqueConstraint(
                fields=("sasaran", "kunci"),
                name="indikator_rkt_kunci_unik",
                violation_error_message="Kunci baris sudah dipakai di sasaran ini.",
            ),
        ),
        migrations.AddConstraint(
            model_name="sasaranrak",
            constraint=models.UniqueConstraint(
                fields=("dokumen", "kunci"),
                name="sasaran_rak_kunci_unik",
                violation_error_message="Kunci sasaran sudah dipakai di dokumen ini.",
            ),
        ),
        migrations.AddConstraint(
            model_name="barisrak",
            constraint=models.UniqueConstraint(
                fields=("sasaran", "kunci"),
                name="baris_rak_kunci_unik",
                violation_error_message="Kunci baris sudah dipakai di sasaran ini.",
            ),
        ),
    ]
