# Rows get a key they keep for life (dokumen.baris), and the row they were copied from. The key
# is added empty here, given to every existing row in 0003, and made required and unique in 0004
# (one migration each, so PostgreSQL never alters a table with rows updated in the same
# transaction).
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("indikator", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="barisiku",
            name="kunci",
            field=models.UUIDField(editable=False, null=True, verbose_name="kunci"),
        ),
        migrations.AddField(
            model_name="barisiku",
            name="asal",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="Baris dokumen tahun sebelumnya yang disalin menjadi baris ini.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="salinan",
                to="indikator.barisiku",
                verbose_name="disalin dari",
            ),
        ),
    ]
