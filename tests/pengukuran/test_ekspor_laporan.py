"""`export_dokumen --jenis pengukuran --tw N`: the signed TW report once signed, else a DRAF
render; --tw required and 1–4, refused for the other types; a clear error when there is no
published PK or no report of that quarter."""

import subprocess
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pengukuran.models import StatusLaporan
from pengukuran.ttd import laporan_tandatangani
from satker.models import Peran
from tests.factories import PkFactory, RakFactory, akun_satker
from tests.pengukuran.data_laporan import laporan_tw2, pk_realistis

pytestmark = pytest.mark.django_db


@pytest.fixture
def pk(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return pk_realistis()


def _ekspor(satker: str, *argumen: str, out) -> str:
    keluaran = StringIO()
    call_command(
        "export_dokumen",
        "--satker",
        satker,
        "--tahun",
        "2024",
        *argumen,
        "--out",
        str(out),
        stdout=keluaran,
    )
    return keluaran.getvalue()


def _teks(pdf: bytes) -> str:
    hasil = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(hasil.stdout.decode().split())


def test_it_writes_a_draft_render_before_signing(pk, tmp_path):
    laporan_tw2(pk, akun_satker(pk.satker, Peran.OPERATOR))
    out = tmp_path / "tw2.pdf"

    pesan = _ekspor(pk.satker.kode, "--jenis", "pengukuran", "--tw", "2", out=out)

    teks = _teks(out.read_bytes())
    assert "DRAF" in teks
    assert "LAPORAN PENGUKURAN KINERJA TRIWULAN II TAHUN 2024" in teks
    assert "Laporan Pengukuran Kinerja Triwulan II Tahun 2024" in pesan
    assert "(Draf)" in pesan


def test_it_writes_the_signed_file_once_signed(pk, tmp_path):
    laporan = laporan_tw2(
        pk, akun_satker(pk.satker, Peran.OPERATOR), status=StatusLaporan.DISETUJUI
    )
    berkas = laporan_tandatangani(laporan=laporan, oleh=akun_satker(pk.satker, Peran.SEKRETARIS))
    out = tmp_path / "tw2.pdf"

    pesan = _ekspor(pk.satker.kode, "--jenis", "pengukuran", "--tw", "2", out=out)

    with berkas.berkas_pdf.open("rb") as isi:
        assert out.read_bytes() == isi.read()
    assert "(ditandatangani)" in pesan


@pytest.mark.parametrize(
    ("argumen", "pesan"),
    [
        ((), "memerlukan --tw"),
        (("--tw", "5"), "--tw harus 1 sampai 4"),
        (("--tw", "0"), "--tw harus 1 sampai 4"),
        (("--tw", "2", "--versi", "1"), "--versi tidak berlaku"),
    ],
)
def test_it_refuses_a_missing_or_wrong_quarter(pk, tmp_path, argumen, pesan):
    out = tmp_path / "x.pdf"

    with pytest.raises(CommandError, match=pesan):
        _ekspor(pk.satker.kode, "--jenis", "pengukuran", *argumen, out=out)

    assert not out.exists()


def test_tw_is_refused_for_a_document_type(db, tmp_path):
    rak = RakFactory()

    with pytest.raises(CommandError, match="--tw hanya untuk --jenis pengukuran"):
        _ekspor(rak.satker.kode, "--jenis", "rak", "--tw", "1", out=tmp_path / "x.pdf")


def test_it_names_a_satker_without_a_published_pk(db, tmp_path):
    draf = PkFactory()

    with pytest.raises(CommandError, match="belum mempunyai Perjanjian Kinerja 2024 yang terbit"):
        _ekspor(draf.satker.kode, "--jenis", "pengukuran", "--tw", "1", out=tmp_path / "x.pdf")


def test_it_names_a_missing_quarter(pk, tmp_path):
    laporan_tw2(pk, akun_satker(pk.satker, Peran.OPERATOR))  # TW I and II only

    with pytest.raises(CommandError, match="Tidak ada laporan pengukuran TW 3 2024"):
        _ekspor(pk.satker.kode, "--jenis", "pengukuran", "--tw", "3", out=tmp_path / "x.pdf")


def test_an_unknown_satker_is_named(db, tmp_path):
    with pytest.raises(CommandError, match="Satker kab-tidak-ada tidak dikenal"):
        _ekspor("kab-tidak-ada", "--jenis", "pengukuran", "--tw", "1", out=tmp_path / "x.pdf")
