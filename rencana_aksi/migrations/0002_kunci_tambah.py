# Rows get a key they keep for life (dokumen.baris), and the row they were copied from. The key
# is added empty here, given to every existing row in 0003, and made required and unique in 0004
# (one migration each, so PostgreSQL never alters a table with rows updated in the same
# transaction).
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("rencana_aksi", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="sasaranrkt",
            name="kunci",
            field=models.UUIDField(editable=False, null=True, verbose_name="kunci"),
        ),
        migrations.AddField(
            model_name="sasaranrkt",
            name="asal",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="Baris dokumen tahun sebelumnya yang disalin menjadi baris ini.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="salinan",
                to="rencana_aksi.sasaranrkt",
                verbose_name="disalin dari",
            ),
        ),
        migrations.AddField(
            model_name="indikatorrkt",
            name="kunci",
            field=models.UUIDField(editable=False, null=True, verbose_name="kunci"),
        ),
        migrations.AddField(
            model_name="indikatorrkt",
            name="asal",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="Baris dokumen tahun sebelumnya yang disalin menjadi baris ini.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="salinan",
                to="rencana_aksi.indikatorrkt",
                verbose_name="disalin dari",
            ),
        ),
        migrations.AddField(
            model_name="sasaranrak",
            name="kunci",
            field=models.UUIDField(editable=False, null=True, verbose_name="kunci"),
        ),
        migrations.AddField(
            model_name="sasaranrak",
            name="asal",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="Baris dokumen tahun sebelumnya yang disalin menjadi baris ini.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="salinan",
                to="rencana_aksi.sasaranrak",
                verbose_name="disalin dari",
            ),
        ),
        migrations.AddField(
            model_name="barisrak",
            name="kunci",
            field=models.UUIDField(editable=False, null=True, verbose_name="kunci"),
        ),
        migrations.AddField(
            model_name="barisrak",
            name="asal",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="Baris dokumen tahun sebelumnya yang disalin menjadi baris ini.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="salinan",
                to="rencana_aksi.barisrak",
                verbose_name="disalin dari",
            ),
        ),
    ]
