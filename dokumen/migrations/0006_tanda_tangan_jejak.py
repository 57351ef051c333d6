"""Signatures as frozen records; the audit history outlives a deleted draft."""

import django.db.models.deletion
from django.db import migrations, models


def isi_tanda_tangan(apps, schema_editor):
    """Documents published before this release: the signatory as the profile reads now."""
    Dokumen = apps.get_model("dokumen", "Dokumen")
    TandaTangan = apps.get_model("dokumen", "TandaTangan")
    terbit = Dokumen.objects.filter(status="TERBIT", penandatangan__isnull=False)
    TandaTangan.objects.bulk_create(
        TandaTangan(
            dokumen=d,
            urutan=1,
            pejabat=d.penandatangan,
            nama=d.penandatangan.nama,
            nip=d.penandatangan.nip,
            jabatan=d.penandatangan.jabatan,
            status_jabatan=d.penandatangan.status,
            sebutan_jabatan=d.penandatangan.sebutan_jabatan,
            waktu=d.ditandatangani_pada or d.diubah,
        )
        for d in terbit.select_related("penandatangan").iterator(chunk_size=500)
    )


def isi_jejak(apps, schema_editor):
    JejakPerubahan = apps.get_model("dokumen", "JejakPerubahan")
    Dokumen = apps.get_model("dokumen", "Dokumen")
    for dokumen in Dokumen.objects.select_related("satker").iterator(chunk_size=500):
        versi = f" (versi {dokumen.versi})" if dokumen.versi > 1 else ""
        JejakPerubahan.objects.filter(dokumen=dokumen).update(
            satker=dokumen.satker,
            nama_dokumen=f"{dokumen.jenis} {dokumen.tahun} {dokumen.satker.nama}{versi}",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("dokumen", "0005_jejak_perubahan"),
        ("satker", "0003_hierarki_jejak_profil"),
    ]

    operations = [
        migrations.CreateModel(
            name="TandaTangan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("urutan", models.PositiveSmallIntegerField(default=1, verbose_name="urutan")),
                ("nama", models.CharField(max_length=150, verbose_name="nama")),
                ("nip", models.CharField(blank=True, max_length=18, verbose_name="NIP")),
                (
                    "jabatan",
                    models.CharField(
                        choices=[
                            ("KETUA", "Ketua"),
                            ("ANGGOTA", "Anggota"),
                            ("SEKRETARIS", "Sekretaris"),
                            ("KASUBBAG", "Kepala Subbagian"),
                        ],
                        max_length=12,
                        verbose_name="jabatan",
                    ),
                ),
                (
                    "status_jabatan",
                    models.CharField(
                        choices=[("DEFINITIF", "Definitif"), ("PLT", "Plt."), ("PLH", "Plh.")],
                        max_length=10,
                        verbose_name="status jabatan",
                    ),
                ),
                (
                    "sebutan_jabatan",
                    models.TextField(verbose_name="sebutan jabatan pada tanda tangan"),
                ),
                (
                    "nama_sertifikat",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="nama pada sertifikat"
                    ),
                ),
                ("waktu", models.DateTimeField(verbose_name="waktu penandatanganan")),
                (
                    "dokumen",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tanda_tangan",
                        to="dokumen.dokumen",
                        verbose_name="dokumen",
                    ),
                ),
                (
                    "pejabat",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tanda_tangan",
                        to="satker.pejabat",
                        verbose_name="pejabat",
                    ),
                ),
            ],
            options={
                "verbose_name": "tanda tangan",
                "verbose_name_plural": "tanda tangan",
                "ordering": ["dokumen", "urutan"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("dokumen", "urutan"),
                        name="tanda_tangan_unik_per_urutan",
                        violation_error_message="Dokumen ini sudah ditandatangani pada urutan "
                        "tersebut.",
                    )
                ],
            },
        ),
        migrations.RunPython(isi_tanda_tangan, migrations.RunPython.noop),
        migrations.AddField(
            model_name="jejakperubahan",
            name="satker",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="jejak_dokumen",
                to="satker.satker",
                verbose_name="satker",
            ),
        ),
        migrations.AddField(
            model_name="jejakperubahan",
            name="nama_dokumen",
            field=models.CharField(default="", max_length=200, verbose_name="nama dokumen"),
            preserve_default=False,
        ),
        migrations.RunPython(isi_jejak, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="jejakperubahan",
            name="satker",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="jejak_dokumen",
                to="satker.satker",
                verbose_name="satker",
            ),
        ),
        migrations.AlterField(
            model_name="jejakperubahan",
            name="dokumen",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="jejak",
                to="dokumen.dokumen",
                verbose_name="dokumen",
            ),
        ),
        migrations.AlterField(
            model_name="jejakperubahan",
            name="jenis",
            field=models.CharField(
                choices=[
                    ("BUAT", "Dibuat"),
                    ("SIMPAN", "Disimpan"),
                    ("TRANSISI", "Langkah alur kerja"),
                    ("REVISI", "Versi baru"),
                    ("HAPUS", "Dihapus"),
                ],
                max_length=10,
                verbose_name="jenis",
            ),
        ),
    ]
