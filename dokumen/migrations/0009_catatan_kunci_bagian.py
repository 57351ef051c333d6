# A review note names its row by the row's key, which survives saves that reorder rows; `bagian`
# stays as the row's label when the note was written. Older notes have no key: they keep showing
# their label text.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("dokumen", "0008_suntingan")]

    operations = [
        migrations.AddField(
            model_name="catatanreviu",
            name="kunci_bagian",
            field=models.UUIDField(
                blank=True,
                help_text="Kunci baris yang dimaksud; kosong = seluruh dokumen.",
                null=True,
                verbose_name="kunci baris",
            ),
        ),
        migrations.AlterField(
            model_name="catatanreviu",
            name="bagian",
            field=models.CharField(
                blank=True,
                help_text="Label baris saat catatan ditulis; kosong = dokumen.",
                max_length=300,
                verbose_name="bagian",
            ),
        ),
    ]
