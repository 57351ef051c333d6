"""The satker hierarchy RI → Provinsi → Kabupaten/Kota held by the database, and the profile
audit history."""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# A parent may be missing while a backup is loaded out of order; the foreign key checks that.
PG_FUNGSI = """
CREATE OR REPLACE FUNCTION satker_cek_hierarki() RETURNS trigger AS $$
DECLARE
    tingkat_induk varchar;
BEGIN
    IF NEW.induk_id IS NOT NULL THEN
        SELECT tingkat INTO tingkat_induk FROM satker_satker WHERE id = NEW.induk_id;
        IF tingkat_induk IS NOT NULL AND NOT (
            (NEW.tingkat = 'PROVINSI' AND tingkat_induk = 'RI')
            OR (NEW.tingkat = 'KABKOTA' AND tingkat_induk = 'PROVINSI')
        ) THEN
            RAISE EXCEPTION 'satker_hierarki: % tidak boleh di bawah %', NEW.tingkat, tingkat_induk
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.tingkat <> OLD.tingkat AND EXISTS (
        SELECT 1 FROM satker_satker anak WHERE anak.induk_id = NEW.id AND NOT (
            (anak.tingkat = 'PROVINSI' AND NEW.tingkat = 'RI')
            OR (anak.tingkat = 'KABKOTA' AND NEW.tingkat = 'PROVINSI')
        )
    ) THEN
        RAISE EXCEPTION 'satker_hierarki: tingkat % tidak cocok dengan satker di bawahnya',
            NEW.tingkat USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER satker_hierarki BEFORE INSERT OR UPDATE OF induk_id, tingkat ON satker_satker
    FOR EACH ROW EXECUTE FUNCTION satker_cek_hierarki();
"""
PG_HAPUS = """
DROP TRIGGER IF EXISTS satker_hierarki ON satker_satker;
DROP FUNCTION IF EXISTS satker_cek_hierarki();
"""

_SQLITE_SALAH_INDUK = """
    WHEN NEW.induk_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM satker_satker induk WHERE induk.id = NEW.induk_id AND NOT (
            (NEW.tingkat = 'PROVINSI' AND induk.tingkat = 'RI')
            OR (NEW.tingkat = 'KABKOTA' AND induk.tingkat = 'PROVINSI')
        )
    )
    BEGIN SELECT RAISE(ABORT, 'satker_hierarki: tingkat tidak cocok dengan satker induk'); END;
"""
SQLITE_PEMICU = [
    "CREATE TRIGGER satker_hierarki_tambah BEFORE INSERT ON satker_satker"
    + _SQLITE_SALAH_INDUK,
    "CREATE TRIGGER satker_hierarki_ubah BEFORE UPDATE OF induk_id, tingkat ON satker_satker"
    + _SQLITE_SALAH_INDUK,
    """CREATE TRIGGER satker_hierarki_anak BEFORE UPDATE OF tingkat ON satker_satker
    WHEN NEW.tingkat <> OLD.tingkat AND EXISTS (
        SELECT 1 FROM satker_satker anak WHERE anak.induk_id = NEW.id AND NOT (
            (anak.tingkat = 'PROVINSI' AND NEW.tingkat = 'RI')
            OR (anak.tingkat = 'KABKOTA' AND NEW.tingkat = 'PROVINSI')
        )
    )
    BEGIN SELECT RAISE(ABORT, 'satker_hierarki: tingkat tidak cocok dengan satker di bawahnya');
    END;""",
]
SQLITE_HAPUS = [
    "DROP TRIGGER IF EXISTS satker_hierarki_tambah",
    "DROP TRIGGER IF EXISTS satker_hierarki_ubah",
    "DROP TRIGGER IF EXISTS satker_hierarki_anak",
]


def pasang_pemicu(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # Straight to the cursor: the function's RAISE uses "%" placeholders of its own.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(PG_FUNGSI)
    elif vendor == "sqlite":
        for sql in SQLITE_PEMICU:
            schema_editor.execute(sql)


def lepas_pemicu(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_HAPUS)
    elif vendor == "sqlite":
        for sql in SQLITE_HAPUS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("satker", "0002_satker_nama_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(pasang_pemicu, lepas_pemicu),
        migrations.CreateModel(
            name="JejakProfil",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("waktu", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="waktu")),
                ("ringkasan", models.TextField(verbose_name="ringkasan")),
                (
                    "sebelum",
                    models.JSONField(
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        verbose_name="sebelum",
                    ),
                ),
                (
                    "sesudah",
                    models.JSONField(
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        verbose_name="sesudah",
                    ),
                ),
                (
                    "oleh",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="jejak_profil",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="oleh",
                    ),
                ),
                (
                    "satker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="jejak_profil",
                        to="satker.satker",
                        verbose_name="satker",
                    ),
                ),
            ],
            options={
                "verbose_name": "jejak perubahan profil",
                "verbose_name_plural": "jejak perubahan profil",
                "ordering": ["-waktu", "-pk"],
            },
        ),
    ]
