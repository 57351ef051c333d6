"""Evidence files of a realisasi: every accepted kind stored with its hash, every bad file
refused with its message and nothing saved, served only under the access rule, missing or
changed files flagged, and no change once the report is submitted."""

import hashlib
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pengukuran.models import LaporanTriwulan, Realisasi, StatusLaporan
from pengukuran.models_bukti import BuktiDukung
from pengukuran.services import PESAN_BERBUKTI, laporan_buka, realisasi_simpan
from perjanjian_kinerja.models import IndikatorPk
from satker.models import Peran
from tests.factories import KabKotaFactory, akun_satker
from tests.pengukuran import berkas_contoh as contoh

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def realisasi(pk_terbit, operator):
    indikator = IndikatorPk.objects.filter(sasaran__dokumen=pk_terbit).order_by("pk").first()
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    realisasi_simpan(
        laporan=laporan, isian={indikator.pk: {"nilai": D(3)}}, suntingan=0, oleh=operator
    )
    return Realisasi.objects.get(laporan=laporan, indikator=indikator)


@pytest.fixture
def masuk(client, operator):
    client.force_login(operator)
    return client


def _berkas(nama, isi):
    return SimpleUploadedFile(nama, isi, content_type="application/octet-stream")


def _unggah(client, realisasi, *berkas):
    return client.post(
        reverse("pengukuran:bukti-unggah", args=[realisasi.pk]),
        {"berkas": [_berkas(nama, isi) for nama, isi in berkas]},
    )


def _berkas_di_disk(settings) -> list[Path]:
    akar = Path(settings.MEDIA_ROOT) / "bukti"
    return [p for p in akar.rglob("*") if p.is_file()] if akar.exists() else []


DITERIMA = [
    ("laporan.pdf", contoh.PDF, "application/pdf"),
    ("foto.png", contoh.gambar("PNG"), "image/png"),
    ("foto.jpg", contoh.gambar("JPEG"), "image/jpeg"),
    (
        "notula.docx",
        contoh.ooxml("docx"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "rekap.xlsx",
        contoh.ooxml("xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "paparan.pptx",
        contoh.ooxml("pptx"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("lama.doc", contoh.ole("WordDocument"), "application/msword"),
    ("lama.xls", contoh.ole("Workbook"), "application/vnd.ms-excel"),
]


def test_setiap_jenis_yang_diterima_disimpan_dengan_sha256(masuk, realisasi, operator, settings):
    response = _unggah(masuk, realisasi, *[(n, i) for n, i, _ in DITERIMA])

    assert response.status_code == 302
    tersimpan = list(BuktiDukung.objects.filter(realisasi=realisasi).order_by("pk"))
    assert [(b.nama_asli, b.jenis_isi) for b in tersimpan] == [(n, m) for n, _, m in DITERIMA]
    for bukti, (nama, isi, _) in zip(tersimpan, DITERIMA, strict=True):
        assert bukti.sha256 == hashlib.sha256(isi).hexdigest()
        assert bukti.ukuran == len(isi)
        assert bukti.diunggah_oleh == operator
        assert bukti.satker == realisasi.laporan.satker
        # Stored under the satker's folder by a random name, never the uploaded one.
        assert bukti.berkas.name.startswith(f"bukti/{bukti.satker.kode}/")
        assert Path(nama).stem not in bukti.berkas.name
        assert len(Path(bukti.berkas.name).stem) == 32
        assert Path(bukti.berkas.path).read_bytes() == isi


DITOLAK = [
    ("program.pdf", contoh.EXE, "program (executable)"),
    ("program.pdf", contoh.ELF, "program (executable)"),
    ("skrip.pdf", contoh.SKRIP, "program (executable)"),
    ("palsu.docx", contoh.zip_biasa(), "bukan dokumen Word, Excel atau PowerPoint yang utuh"),
    (
        "tanpa-isi.docx",
        contoh.ooxml("docx", tanpa_bagian=True),
        "bukan dokumen Word, Excel atau PowerPoint yang utuh",
    ),
    ("bom.docx", contoh.bom_zip(), "terlalu besar bila dibuka"),
    (
        "makro.docx",
        contoh.ooxml("docx", tambahan={"word/vbaProject.bin": "x"}),
        "bermakro tidak diterima",
    ),
    ("catatan.txt", b"teks biasa", "Jenis berkas tidak diterima"),
    ("laporan.docx", contoh.PDF, "Isi berkas ini PDF, tetapi namanya berakhiran “.docx”"),
    ("potong.pdf", contoh.PDF[:-10], "rusak atau terpotong"),
    ("rusak.png", contoh.gambar("PNG")[:40], "Gambar PNG ini rusak"),
    ("lain.doc", contoh.ole("Lain"), "bukan dokumen Word atau lembar kerja Excel"),
]


@pytest.mark.parametrize(("nama", "isi", "pesan"), DITOLAK, ids=[d[0] for d in DITOLAK])
def test_berkas_yang_salah_ditolak_dengan_pesannya(masuk, realisasi, settings, nama, isi, pesan):
    response = _unggah(masuk, realisasi, ("baik.pdf", contoh.PDF), (nama, isi))

    assert response.status_code == 400
    html = response.content.decode()
    assert pesan in html
    assert f"“{nama}”" in html
    assert 'class="invalid-feedback d-block"' in html  # beside the field
    # All or nothing: the good file beside it is not saved either.
    assert not BuktiDukung.objects.exists()
    assert _berkas_di_disk(settings) == []


def test_berkas_terlalu_besar_ditolak_tanpa_dibaca_seluruhnya(masuk, realisasi, settings):
    settings.BUKTI_UKURAN_MAKS_MB = 1
    besar = contoh.PDF + b"0" * (1024 * 1024)

    response = _unggah(masuk, realisasi, ("baik.pdf", contoh.PDF), ("besar.pdf", besar))

    assert response.status_code == 413
    assert "Berkas “besar.pdf” terlalu besar: paling besar 1 MB per berkas." in (
        response.content.decode()
    )
    assert not BuktiDukung.objects.exists()
    assert _berkas_di_disk(settings) == []


def test_badan_yang_melebihi_batas_ditolak_sebelum_dibaca(masuk, realisasi, settings):
    settings.BUKTI_UKURAN_MAKS_MB = 1
    settings.BUKTI_MAKS_PER_REALISASI = 1

    response = masuk.post(
        reverse("pengukuran:bukti-unggah", args=[realisasi.pk]),
        data=b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
    )

    assert response.status_code == 413
    assert "terlalu besar" in response.content.decode()


def test_terlalu_banyak_berkas_ditolak(masuk, realisasi, settings):
    settings.BUKTI_MAKS_PER_REALISASI = 2

    response = _unggah(masuk, realisasi, *[(f"{n}.pdf", contoh.PDF) for n in range(3)])

    assert response.status_code == 413
    assert "Paling banyak 2 berkas bukti dukung per realisasi." in response.content.decode()
    assert not BuktiDukung.objects.exists()

    _unggah(masuk, realisasi, ("a.pdf", contoh.PDF), ("b.pdf", contoh.PDF))
    response = _unggah(masuk, realisasi, ("c.pdf", contoh.PDF))

    assert response.status_code == 400
    assert "Sudah ada 2; dapat ditambah 0 lagi." in response.content.decode()
    assert BuktiDukung.objects.count() == 2


def test_tanpa_berkas_ditolak(masuk, realisasi):
    response = masuk.post(reverse("pengukuran:bukti-unggah", args=[realisasi.pk]), {})

    assert response.status_code == 400
    assert "Pilih paling sedikit satu berkas bukti dukung." in response.content.decode()


def test_nama_berkas_dibersihkan(masuk, realisasi):
    _unggah(masuk, realisasi, ("..\\..\\etc/lap\u200boran\n.pdf", contoh.PDF))

    assert BuktiDukung.objects.get().nama_asli == "laporan.pdf"


def _satu_bukti(client, realisasi, nama="laporan.pdf", isi=contoh.PDF) -> BuktiDukung:
    assert _unggah(client, realisasi, (nama, isi)).status_code == 302
    return BuktiDukung.objects.get(nama_asli=nama)


def test_unduh_dengan_nama_asli_dan_jenisnya(masuk, realisasi):
    bukti = _satu_bukti(masuk, realisasi, "Laporan “TW I” ü.pdf")

    response = masuk.get(reverse("pengukuran:bukti-unduh", args=[bukti.pk]))

    assert response.status_code == 200
    assert response.content == contoh.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Laporan%20%E2%80%9CTW%20I%E2%80%9D%20%C3%BC.pdf"
    )


def test_daftar_menampilkan_berkas_dan_formulir(masuk, realisasi, operator):
    bukti = _satu_bukti(masuk, realisasi)

    response = masuk.get(reverse("pengukuran:bukti-daftar", args=[realisasi.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("pengukuran:bukti-unduh", args=[bukti.pk]) in html
    assert operator.get_username() in html or operator.get_full_name() in html
    assert 'data-keadaan="utuh"' in html
    assert 'name="berkas" multiple' in html
    assert reverse("pengukuran:bukti-hapus", args=[bukti.pk]) in html


def test_satker_lain_404(client, masuk, realisasi):
    bukti = _satu_bukti(masuk, realisasi)
    client.force_login(akun_satker(KabKotaFactory(), Peran.OPERATOR))

    assert client.get(reverse("pengukuran:bukti-unduh", args=[bukti.pk])).status_code == 404
    assert client.post(reverse("pengukuran:bukti-hapus", args=[bukti.pk])).status_code == 404
    assert client.get(reverse("pengukuran:bukti-daftar", args=[realisasi.pk])).status_code == 404
    response = _unggah(client, realisasi, ("a.pdf", contoh.PDF))
    assert response.status_code == 404
    assert BuktiDukung.objects.count() == 1


def test_pembaca_boleh_melihat_tetapi_tidak_mengubah(client, masuk, realisasi):
    bukti = _satu_bukti(masuk, realisasi)
    client.force_login(akun_satker(realisasi.laporan.satker, Peran.KETUA))

    response = client.get(reverse("pengukuran:bukti-daftar", args=[realisasi.pk]))
    assert response.status_code == 200
    assert 'name="berkas"' not in response.content.decode()
    assert client.get(reverse("pengukuran:bukti-unduh", args=[bukti.pk])).status_code == 200
    assert client.post(reverse("pengukuran:bukti-hapus", args=[bukti.pk])).status_code == 403
    assert _unggah(client, realisasi, ("a.pdf", contoh.PDF)).status_code == 403
    assert BuktiDukung.objects.count() == 1


def test_berkas_hilang_ditandai_bukan_dibuang(masuk, realisasi):
    bukti = _satu_bukti(masuk, realisasi)
    Path(bukti.berkas.path).unlink()

    response = masuk.get(reverse("pengukuran:bukti-daftar", args=[realisasi.pk]))

    html = response.content.decode()
    assert 'data-keadaan="hilang"' in html
    assert "Berkas hilang" in html
    assert "laporan.pdf" in html
    unduh = masuk.get(reverse("pengukuran:bukti-unduh", args=[bukti.pk]), follow=True)
    assert "Berkas hilang" in unduh.content.decode()


@pytest.mark.parametrize(
    "isi_baru", [contoh.PDF + b"%tambahan", contoh.PDF.replace(b"1.4", b"1.7")]
)
def test_berkas_berubah_ditandai(masuk, realisasi, isi_baru):
    bukti = _satu_bukti(masuk, realisasi)
    masuk.get(reverse("pengukuran:bukti-daftar", args=[realisasi.pk]))  # cached as intact
    Path(bukti.berkas.path).write_bytes(isi_baru)

    response = masuk.get(reverse("pengukuran:bukti-daftar", args=[realisasi.pk]))

    html = response.content.decode()
    assert 'data-keadaan="berubah"' in html
    assert "Berkas berubah" in html
    unduh = masuk.get(reverse("pengukuran:bukti-unduh", args=[bukti.pk]))
    assert unduh.status_code == 302  # not served
    assert BuktiDukung.objects.filter(pk=bukti.pk).exists()


def test_hapus_menghapus_catatan_dan_berkasnya(
    masuk, realisasi, django_capture_on_commit_callbacks
):
    bukti = _satu_bukti(masuk, realisasi)
    jalur = Path(bukti.berkas.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = masuk.post(reverse("pengukuran:bukti-hapus", args=[bukti.pk]))

    assert response.status_code == 302
    assert not BuktiDukung.objects.exists()
    assert not jalur.exists()


def test_laporan_yang_sudah_diajukan_tidak_bisa_diubah_buktinya(masuk, realisasi):
    bukti = _satu_bukti(masuk, realisasi)
    LaporanTriwulan.objects.filter(pk=realisasi.laporan_id).update(status=StatusLaporan.DIAJUKAN)

    response = masuk.post(reverse("pengukuran:bukti-hapus", args=[bukti.pk]), follow=True)

    assert "sudah diajukan" in response.content.decode()
    assert BuktiDukung.objects.filter(pk=bukti.pk).exists()
    assert Path(bukti.berkas.path).exists()
    response = _unggah(masuk, realisasi, ("b.pdf", contoh.PDF))
    assert response.status_code == 409
    assert BuktiDukung.objects.count() == 1


def test_realisasi_berbukti_tidak_bisa_dikosongkan(masuk, realisasi, operator):
    _satu_bukti(masuk, realisasi)
    laporan = LaporanTriwulan.objects.get(pk=realisasi.laporan_id)

    with pytest.raises(ValidationError) as galat:
        realisasi_simpan(
            laporan=laporan,
            isian={realisasi.indikator_id: {}},
            suntingan=laporan.suntingan,
            oleh=operator,
        )

    assert galat.value.message_dict == {f"{realisasi.indikator_id}-__all__": [PESAN_BERBUKTI]}
    assert Realisasi.objects.filter(pk=realisasi.pk).exists()


def test_csrf_diperiksa_setelah_penerima_unggahan_dipasang(operator, realisasi):
    klien = Client(enforce_csrf_checks=True)
    klien.force_login(operator)
    klien.get(reverse("pengukuran:bukti-daftar", args=[realisasi.pk]))
    token = klien.cookies["csrftoken"].value
    alamat = reverse("pengukuran:bukti-unggah", args=[realisasi.pk])

    tanpa_token = klien.post(alamat, {"berkas": [_berkas("a.pdf", contoh.PDF)]})
    dengan_token = klien.post(
        alamat, {"csrfmiddlewaretoken": token, "berkas": [_berkas("a.pdf", contoh.PDF)]}
    )

    assert tanpa_token.status_code == 403
    assert dengan_token.status_code == 302
    assert BuktiDukung.objects.count() == 1
