"""`manage.py muat_contoh_pengukuran`, the last step of `make db`: Lebak's PK 2024 given its
sample programs and published (signed, verifiable), a sample TW I realisasi for every indicator,
TW I submitted; a second run changes nothing; refused without DEBUG."""

from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dokumen.models import StatusDokumen
from dokumen.tte import periksa_tanda_tangan
from pengukuran.contoh import CATATAN_CONTOH, KETERANGAN_PROGRAM
from pengukuran.models import AksiLaporan, LaporanTriwulan, Realisasi, StatusLaporan
from pengukuran.selectors import tabel_pengukuran
from perjanjian_kinerja.models import IndikatorPk
from tests.conftest import dokumen_seed

pytestmark = pytest.mark.django_db


def _jalankan(settings) -> str:
    settings.DEBUG = True
    out = StringIO()
    call_command("muat_contoh_pengukuran", stdout=out)
    return out.getvalue()


def test_pk_lebak_terbit_dengan_program_contoh_dan_bisa_diverifikasi(settings, pki_aktif):
    keluaran = _jalankan(settings)

    pk = dokumen_seed("kab-lebak", "PK")
    assert pk.status == StatusDokumen.TERBIT
    assert [(p.kode, p.anggaran) for p in pk.program_pk.order_by("urutan")] == [
        ("076.01.CQ", 8_903_890_000),
        ("076.01.WA", 2_034_943_000),
    ]
    assert pk.jejak.filter(ringkasan__startswith=KETERANGAN_PROGRAM).exists()
    with pk.berkas_pdf.open("rb") as berkas:
        hasil = periksa_tanda_tangan(berkas.read())
    assert hasil.valid
    assert [t.nama for t in hasil.tanda_tangan] == ["RAHMAT SETIAWAN TONIDAYA", "NI'MATULLAH"]
    assert keluaran == (
        "Contoh pengukuran Lebak 2024: program dan anggaran contoh diisi; PK 2024 diterbitkan "
        "(ditandatangani dengan PKI lokal); realisasi TW I contoh diisi untuk 22 indikator; "
        "laporan TW I diajukan (menunggu persetujuan Ketua).\n"
    )


def test_realisasi_tw1_contoh_untuk_setiap_indikator_dan_diajukan(settings, pki_aktif):
    _jalankan(settings)

    pk = dokumen_seed("kab-lebak", "PK")
    laporan = LaporanTriwulan.objects.get(satker=pk.satker, tahun=2024, tw=1)
    assert laporan.perjanjian_id == pk.pk
    assert laporan.status == StatusLaporan.DIAJUKAN
    assert list(laporan.riwayat.values_list("aksi", "oleh__username")) == [
        (AksiLaporan.AJUKAN, "operator.kab-lebak")
    ]
    indikator = set(IndikatorPk.objects.filter(sasaran__dokumen=pk).values_list("pk", flat=True))
    realisasi = list(laporan.realisasi.all())
    assert {r.indikator_id for r in realisasi} == indikator
    assert all(r.nilai is not None and r.catatan == CATATAN_CONTOH for r in realisasi)
    kurang = [r for r in realisasi if r.kendala]
    assert kurang
    assert all(r.solusi for r in kurang)
    # Every figure gives a capaian, as the measurement page shows it.
    tabel = tabel_pengukuran(pk.satker, 2024, sampai_tw=1)
    sel = [b.triwulan[0] for s in tabel.sasaran for b in s.indikator]
    assert len(sel) == 22
    assert all(s.capaian.nilai is not None and s.capaian.nilai >= D(0) for s in sel)
    # Nothing blocks the demo's next step: TW II is open and untouched.
    assert not LaporanTriwulan.objects.filter(satker=pk.satker, tw=2).exists()


def test_jalan_kedua_tidak_mengubah_apa_pun(settings, pki_aktif):
    _jalankan(settings)
    pk = dokumen_seed("kab-lebak", "PK")
    sebelum = (
        pk.suntingan,
        pk.jejak.count(),
        list(Realisasi.objects.order_by("pk").values_list("pk", "nilai", "diisi_pada")),
        list(LaporanTriwulan.objects.values_list("pk", "suntingan", "status", "diubah")),
    )

    keluaran = _jalankan(settings)

    pk.refresh_from_db()
    sesudah = (
        pk.suntingan,
        pk.jejak.count(),
        list(Realisasi.objects.order_by("pk").values_list("pk", "nilai", "diisi_pada")),
        list(LaporanTriwulan.objects.values_list("pk", "suntingan", "status", "diubah")),
    )
    assert sesudah == sebelum
    assert keluaran == "Contoh pengukuran Lebak 2024 sudah ada; tidak ada yang diubah.\n"


def test_ditolak_tanpa_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("muat_contoh_pengukuran", stdout=StringIO())
    assert dokumen_seed("kab-lebak", "PK").status == StatusDokumen.DRAF
