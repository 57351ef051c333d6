# The edit counter was called `revisi`, which also names a new version ("Buat revisi").
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("dokumen", "0007_sertifikat_tanda_tangan")]

    operations = [
        migrations.RenameField("dokumen", "revisi", "suntingan"),
        migrations.AlterField(
            model_name="dokumen",
            name="suntingan",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Naik setiap kali dokumen disimpan; mencegah suntingan saling menimpa.",
                verbose_name="nomor suntingan",
            ),
        ),
    ]
