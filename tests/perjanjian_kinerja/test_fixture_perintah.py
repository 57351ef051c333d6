"""Lebak's PK 2024 as the fixture loads it (built from the RKT), and the commands that pick a
document by type (`--jenis pk`): export and publish, signed by both parties."""

import subprocess
from io import StringIO

import pytest
from django.core.management import call_command

from dokumen.baris import data_baris, data_tambahan, ganti_tambahan
from dokumen.models import StatusDokumen
from dokumen.selectors import kekurangan_dokumen, pihak_terisi
from dokumen.tte import periksa_tanda_tangan
from satker.models import Peran
from tests.conftest import dokumen_seed
from tests.factories import akun_penandatangan, akun_satker, pastikan_kunci_tte

pytestmark = pytest.mark.django_db


def _teks_pdf(pdf: bytes) -> str:
    hasil = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(hasil.stdout.decode().split())


def test_the_fixture_pk_is_lebaks_rkt_2024_as_a_draft_with_both_parties():
    pk, rkt = dokumen_seed("kab-lebak", "PK"), dokumen_seed("kab-lebak", "RKT")

    assert pk.status == StatusDokumen.DRAF
    assert (pk.tempat_ttd, pk.tanggal_ttd) == (rkt.tempat_ttd, rkt.tanggal_ttd)
    pk_baris, rkt_baris = data_baris(pk), data_baris(rkt)
    assert [(s["nomor"], s["sasaran"]) for s in pk_baris] == [
        (s["nomor"], s["sasaran"]) for s in rkt_baris
    ]
    assert [(i["indikator"], i["target"]) for s in pk_baris for i in s["indikator"]] == [
        (i["indikator"], i["target"]) for s in rkt_baris for i in s["indikator"]
    ]
    assert [p.pejabat.nama for p in pihak_terisi(pk)] == [
        "RAHMAT SETIAWAN TONIDAYA",
        "NI'MATULLAH",
    ]
    # Lebak's papers name no program or budget: the draft says so instead of inventing them.
    assert data_tambahan(pk) == {"program": []}
    assert kekurangan_dokumen(pk) == [
        "Program dan anggaran belum diisi: tambahkan program tahun ini beserta anggarannya."
    ]
    hitungan = [i for s in pk_baris for i in s["indikator"] if i["agregasi"] == "KUMULATIF"]
    assert [i["target"] for i in hitungan] == [
        "12 Laporan",
        "12 Laporan",
        "2 Laporan",
        "12 kali",
        "3 kali",
    ]


def test_the_fixture_pk_remembers_each_rkt_row_as_buat_pk_dari_rkt_would():
    from perjanjian_kinerja.services import sasaran_dari_rkt

    pk, rkt = dokumen_seed("kab-lebak", "PK"), dokumen_seed("kab-lebak", "RKT")
    kolom = ("indikator", "target", "satuan", "polaritas", "skala", "agregasi", "asal_rkt")

    dimuat = [{k: i[k] for k in kolom} for s in data_baris(pk) for i in s["indikator"]]
    dibuat = [
        {k: i.get(k, "") for k in kolom} for s in sasaran_dari_rkt(rkt) for i in s["indikator"]
    ]

    # Every indicator names its RKT row by the key the RKT fixture gives it, and starts with
    # the measurement "Buat PK dari RKT" gives it; only the quarterly targets were added.
    assert dimuat == dibuat
    assert len({i["asal_rkt"] for i in dimuat}) == 22


def test_export_dokumen_jenis_pk_writes_the_draft(tmp_path):
    keluar = tmp_path / "pk.pdf"

    call_command(
        "export_dokumen",
        "--satker",
        "kab-lebak",
        "--jenis",
        "pk",
        "--tahun",
        "2024",
        "--out",
        str(keluar),
        stdout=StringIO(),
    )

    teks = _teks_pdf(keluar.read_bytes())
    assert "PERJANJIAN KINERJA TAHUN 2024" in teks
    assert "Dalam rangka mewujudkan manajemen pemerintahan yang efektif" in teks
    for bagian in ("Pihak Pertama,", "Pihak Kedua,", "RAHMAT SETIAWAN TONIDAYA", "NI'MATULLAH"):
        assert bagian in teks
    assert "Jumlah laporan sistem akuntansi dan pelaporan keuangan" in teks
    assert "DRAF" in teks


def test_terbitkan_jenis_pk_signs_as_both_parties(pki_aktif):
    pk = dokumen_seed("kab-lebak", "PK")
    # The programs the operator adds on the programs page before it can be submitted.
    ganti_tambahan(
        pk,
        {
            "program": [
                {"program": "Program Dukungan Manajemen", "kode": "076.01.WA", "anggaran": 1}
            ]
        },
    )
    pastikan_kunci_tte()
    akun_satker(pk.satker, Peran.OPERATOR)
    akun_satker(pk.satker, Peran.KETUA)
    akun_penandatangan(pk)
    out = StringIO()

    call_command(
        "terbitkan", "--satker", "kab-lebak", "--jenis", "pk", "--tahun", "2024", stdout=out
    )

    pk.refresh_from_db()
    assert pk.status == StatusDokumen.TERBIT
    assert f"/verifikasi/{pk.token_verifikasi}/" in out.getvalue()
    assert [t.nama for t in pk.tanda_tangan.order_by("urutan")] == [
        "RAHMAT SETIAWAN TONIDAYA",
        "NI'MATULLAH",
    ]
    with pk.berkas_pdf.open("rb") as berkas:
        hasil = periksa_tanda_tangan(berkas.read())
    assert hasil.valid
    assert [t.nama for t in hasil.tanda_tangan] == [
        "RAHMAT SETIAWAN TONIDAYA",
        "NI'MATULLAH",
    ]
