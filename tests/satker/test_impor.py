"""The satker master import (satker/impor.py): preview, apply all or nothing, idempotence, the
audit history of renames and moves, and each refusal of a file or a row."""

import io
import time
import zipfile

import openpyxl
import pytest

from kpu_kinerja.nasional.wilayah import PROVINSI
from satker.impor import (
    BARIS_MAKS,
    BARU,
    BERUBAH,
    GALAT,
    TETAP,
    UKURAN_MAKS,
    ImporDitolak,
    impor_pratinjau,
    impor_terapkan,
)
from satker.models import JejakProfil, Satker

pytestmark = pytest.mark.django_db

JUDUL = "kode,nama,tingkat,induk,kota_ttd,alamat\n"


def csv_dari(*baris: str, judul: str = JUDUL) -> bytes:
    return (judul + "".join(b + "\n" for b in baris)).encode()


def baris_seed(kode: str) -> str:
    """The row of a seed satker exactly as stored: it previews as unchanged."""
    s = Satker.objects.select_related("induk").get(kode=kode)
    induk = s.induk.kode if s.induk else ""
    return f'{s.kode},{s.nama},{s.tingkat},{induk},{s.kota_ttd},"{s.alamat}"'


def satu(pratinjau, kode):
    (baris,) = [b for b in pratinjau.baris if b.kode == kode]
    return baris


def daftar_nasional(tambahan: int = 47) -> bytes:
    """The national list's shape: KPU RI, 38 provinsi, 514 kab/kota (+ `tambahan` more)."""
    baris = ["ri,KPU RI,RI,,Jakarta,Jalan Imam Bonjol Nomor 29"]
    for p in PROVINSI:
        baris.append(f"{p.kode},KPU Provinsi {p.nama},PROVINSI,ri,{p.ibukota},")
        for kk in p.kabkota:
            baris.append(f"{kk.kode},KPU {kk.wilayah},KABKOTA,{p.kode},{kk.nama},")
    for n in range(tambahan):
        baris.append(f"kab-uji-{n},KPU Kabupaten Uji {n},KABKOTA,prov-banten,Uji {n},")
    return csv_dari(*baris)


# Preview and apply ------------------------------------------------------------------------


def test_it_previews_new_changed_and_unchanged_rows_and_writes_nothing():
    berkas = csv_dari(
        baris_seed("ri"),
        baris_seed("prov-banten"),
        "kab-pandeglang,KPU Kabupaten Pandeglang,KABKOTA,prov-banten,Pandeglang,Jl. Raya",
        "kab-lebak,KPU Kabupaten Lebak,KABKOTA,prov-banten,Rangkasbitung Baru,",
    )
    jumlah_awal = Satker.objects.count()

    pratinjau = impor_pratinjau(berkas)

    assert [b.status for b in pratinjau.baris] == [TETAP, TETAP, BARU, BERUBAH]
    assert pratinjau.jumlah == {BARU: 1, BERUBAH: 1, TETAP: 2, GALAT: 0}
    assert satu(pratinjau, "kab-lebak").perubahan == [
        "kota penandatanganan: “Rangkasbitung” → “Rangkasbitung Baru”"
    ]
    assert pratinjau.boleh_diterapkan
    assert Satker.objects.count() == jumlah_awal
    # The seeds' other satker are not in the file: listed, and left alone.
    terlewat = {t.kode: t for t in pratinjau.terlewat}
    assert terlewat["kota-serang"].punya_dokumen


def test_it_applies_once_and_a_second_run_changes_nothing():
    berkas = csv_dari(
        "kab-pandeglang,KPU Kab. Pandeglang,KABKOTA,prov-banten,Pandeglang,Jl. Raya 1",
        "prov-jawa-barat,KPU Provinsi Jawa Barat,PROVINSI,ri,Bandung,",
        "kab-garut,KPU Kabupaten Garut,KABKOTA,prov-jawa-barat,Garut,",
    )

    impor_terapkan(isi=berkas)

    baru = Satker.objects.select_related("induk").get(kode="kab-garut")
    assert baru.induk.kode == "prov-jawa-barat"
    assert baru.nama_lengkap == "Komisi Pemilihan Umum Kabupaten Garut"
    assert baru.aktif
    pandeglang = Satker.objects.get(kode="kab-pandeglang")
    assert pandeglang.nama_lengkap == "Komisi Pemilihan Umum Kabupaten Pandeglang"
    assert pandeglang.alamat == "Jl. Raya 1"
    jejak = JejakProfil.objects.get(satker=baru)
    assert jejak.ringkasan == "Impor master satker: satker baru."
    assert jejak.oleh is None
    assert jejak.sesudah["satker"]["induk"] == "prov-jawa-barat"

    jumlah_jejak = JejakProfil.objects.count()
    kedua = impor_terapkan(isi=berkas)

    assert [b.status for b in kedua.baris] == [TETAP, TETAP, TETAP]
    assert JejakProfil.objects.count() == jumlah_jejak


def test_a_rename_and_a_move_are_recorded_in_the_audit_history(admin_ri):
    berkas = csv_dari(
        "prov-jawa-barat,KPU Provinsi Jawa Barat,PROVINSI,ri,Bandung,",
        # Lebak moves to Jawa Barat (for the test's sake) and is renamed.
        "kab-lebak,KPU Kabupaten Lebak Raya,KABKOTA,prov-jawa-barat,Rangkasbitung,",
    )

    pratinjau = impor_terapkan(isi=berkas, oleh=admin_ri)

    lebak = Satker.objects.select_related("induk").get(kode="kab-lebak")
    assert lebak.nama == "KPU Kabupaten Lebak Raya"
    assert lebak.nama_lengkap == "Komisi Pemilihan Umum Kabupaten Lebak Raya"
    assert lebak.induk.kode == "prov-jawa-barat"
    assert satu(pratinjau, "kab-lebak").status == BERUBAH
    jejak = lebak.jejak_profil.get()
    assert jejak.oleh == admin_ri
    assert jejak.ringkasan.startswith("Impor master satker: nama: “KPU Kabupaten Lebak” → ")
    assert "dipindah dari induk “prov-banten” ke “prov-jawa-barat”" in jejak.ringkasan
    assert jejak.sebelum["satker"]["induk"] == "prov-banten"
    assert jejak.sesudah["satker"]["induk"] == "prov-jawa-barat"


def test_a_custom_full_name_stays_on_rename_unless_the_file_gives_one():
    Satker.objects.filter(kode="kab-lebak").update(nama_lengkap="KPU Lebak (nama khusus)")
    judul = "kode,nama,tingkat,induk,kota_ttd,nama_lengkap\n"

    impor_terapkan(
        isi=csv_dari("kab-lebak,KPU Kab. Lebak,KABKOTA,prov-banten,Rangkasbitung,", judul=judul)
    )
    assert Satker.objects.get(kode="kab-lebak").nama_lengkap == "KPU Lebak (nama khusus)"

    impor_terapkan(
        isi=csv_dari(
            "kab-lebak,KPU Kab. Lebak,KABKOTA,prov-banten,Rangkasbitung,KPU Kabupaten Lebak",
            judul=judul,
        )
    )
    assert Satker.objects.get(kode="kab-lebak").nama_lengkap == "KPU Kabupaten Lebak"


def test_a_satker_with_documents_is_only_marked_inactive():
    judul = "kode,nama,tingkat,induk,kota_ttd,aktif\n"
    berkas = csv_dari(
        "kab-lebak,KPU Kabupaten Lebak,KABKOTA,prov-banten,Rangkasbitung,tidak", judul=judul
    )

    pratinjau = impor_terapkan(isi=berkas)

    lebak = Satker.objects.get(kode="kab-lebak")
    assert not lebak.aktif
    assert lebak.dokumen.exists()
    assert satu(pratinjau, "kab-lebak").perubahan == ["dinonaktifkan"]


def test_an_inactive_parent_with_active_children_is_refused():
    judul = "kode,nama,tingkat,induk,kota_ttd,aktif\n"
    berkas = csv_dari("prov-banten,KPU Provinsi Banten,PROVINSI,ri,Serang,tidak", judul=judul)

    pratinjau = impor_pratinjau(berkas)

    (galat,) = satu(pratinjau, "prov-banten").galat
    assert galat.startswith("Satker tidak dapat dinonaktifkan selama 2 satker aktif di bawahnya")


def test_indonesian_headers_semicolons_and_a_bom_are_read():
    berkas = (
        "\ufeffKode Satker;Nama Satker;Tingkat;Kode Induk;Kota Tanda Tangan;Alamat;Catatan\n"
        "kab-pandeglang;KPU Kabupaten Pandeglang;kabkota;prov-banten;Pandeglang;Jl. Raya;x\n"
    ).encode()

    pratinjau = impor_pratinjau(berkas)

    (baris,) = pratinjau.baris
    assert (baris.status, baris.tingkat, baris.kota_ttd) == (BARU, "KABKOTA", "Pandeglang")
    assert pratinjau.catatan == ["Kolom yang tidak dikenal diabaikan: Catatan."]


def test_codes_are_read_lower_case():
    pratinjau = impor_pratinjau(
        csv_dari(" Kab-Lebak ,KPU Kabupaten Lebak,KABKOTA,PROV-BANTEN,Rangkasbitung,")
    )

    (baris,) = pratinjau.baris
    assert (baris.kode, baris.induk, baris.status) == ("kab-lebak", "prov-banten", TETAP)


def test_an_xlsx_workbook_is_read_and_applied():
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.append(["Kode Satker", "Nama", "Tingkat", "Induk", "Kota TTD", "Alamat"])
    lembar.append(
        ["kab-pandeglang", "KPU Kabupaten Pandeglang", "KABKOTA", "prov-banten", "Pandeglang", None]
    )
    lembar.append([None, None, None, None, None, None])
    lembar.append([320101, "KPU Kabupaten Angka", "KABKOTA", "prov-banten", "Angka", ""])
    keluaran = io.BytesIO()
    buku.save(keluaran)

    pratinjau = impor_terapkan(isi=keluaran.getvalue())

    assert [(b.nomor, b.kode, b.status) for b in pratinjau.baris] == [
        (2, "kab-pandeglang", BARU),
        (4, "320101", BARU),
    ]
    assert Satker.objects.filter(kode__in=["kab-pandeglang", "320101"]).count() == 2


# Refusals of a row ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baris", "pesan"),
    [
        (
            "kab-x,KPU Kab X,KOTAMADYA,prov-banten,X,",
            "Tingkat “KOTAMADYA” tidak dikenal: gunakan RI, PROVINSI atau KABKOTA.",
        ),
        (
            "kab-x,KPU Kab X,KABKOTA,prov-tidak-ada,X,",
            "Satker induk “prov-tidak-ada” tidak ada di berkas maupun di basis data.",
        ),
        (
            "kab-x,KPU Kab X,KABKOTA,ri,X,",
            "Satker induk KPU Kabupaten/Kota harus KPU Provinsi, bukan KPU RI (“ri”).",
        ),
        (
            "prov-x,KPU Prov X,PROVINSI,prov-banten,X,",
            "Satker induk KPU Provinsi harus KPU RI, bukan KPU Provinsi (“prov-banten”).",
        ),
        ("kab-x,KPU Kab X,KABKOTA,,X,", "Satker induk wajib diisi untuk KPU Kabupaten/Kota."),
        ("kab-x,KPU Kab X,KABKOTA,kab-x,X,", "Satker tidak dapat menjadi induknya sendiri."),
        ("ri2,KPU RI Dua,RI,,Jakarta,", "Hanya boleh ada satu KPU RI; sudah ada “ri”."),
        (
            "ri,KPU RI,RI,prov-banten,Jakarta,",
            "KPU RI tidak mempunyai satker induk: kosongkan kolom induk.",
        ),
        (
            "kab-lebak,KPU Kabupaten Lebak,PROVINSI,ri,Rangkasbitung,",
            "Tingkat satker yang sudah ada tidak dapat diubah melalui impor (KABKOTA → PROVINSI).",
        ),
        ("kab x,KPU Kab X,KABKOTA,prov-banten,X,", "Kode: "),
        (",KPU Kab X,KABKOTA,prov-banten,X,", "Kode wajib diisi."),
        ("kab-x,,KABKOTA,prov-banten,,", "Nama wajib diisi."),
    ],
)
def test_a_bad_row_is_refused_with_its_message_and_nothing_is_applied(baris, pesan):
    berkas = csv_dari("kab-pandeglang,KPU Kabupaten Pandeglang,KABKOTA,prov-banten,P,", baris)
    jumlah = Satker.objects.count()

    pratinjau = impor_pratinjau(berkas)

    galat = pratinjau.baris[1]
    assert galat.status == GALAT
    assert any(p.startswith(pesan) for p in galat.galat), galat.galat
    assert pratinjau.baris[0].status == BARU
    with pytest.raises(ImporDitolak, match="Impor ditolak: 1 baris bergalat"):
        impor_terapkan(isi=berkas)
    assert Satker.objects.count() == jumlah  # the good row was not applied either


def test_a_duplicate_code_marks_every_row_with_it():
    pratinjau = impor_pratinjau(
        csv_dari(
            "kab-x,KPU Kab X,KABKOTA,prov-banten,X,",
            "kab-x,KPU Kab X Lagi,KABKOTA,prov-banten,X,",
        )
    )

    for baris in pratinjau.baris:
        assert baris.galat == ["Kode “kab-x” muncul lebih dari sekali di berkas (baris 2, 3)."]


def test_a_cycle_in_the_hierarchy_is_named_on_each_row_of_it():
    pratinjau = impor_pratinjau(
        csv_dari(
            "prov-a,KPU Prov A,PROVINSI,prov-b,A,",
            "prov-b,KPU Prov B,PROVINSI,prov-a,B,",
        )
    )

    a, b = pratinjau.baris
    assert a.galat == ["Hierarki melingkar: prov-a → prov-b → prov-a."]
    assert b.galat == ["Hierarki melingkar: prov-b → prov-a → prov-b."]


# Refusals of a file -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"", "Berkas kosong."),
        (b"%PDF-1.7\n\x00\x01\x02binary", "Berkas ini bukan CSV maupun .xlsx."),
        ("kode,nama\nkab-x,Kabupatén\n".encode("latin-1"), "Berkas CSV bukan teks UTF-8."),
        (
            b"kode,nama,alamat\nkab-x,X,Y\n",
            "Kolom wajib tidak ada di baris judul: tingkat, induk, kota_ttd.",
        ),
        (JUDUL.encode(), "Berkas hanya berisi baris judul, tanpa satker."),
        (b"PK\x03\x04 not really a zip", "Berkas .xlsx tidak dapat dibaca"),
        (b"x" * (UKURAN_MAKS + 1), "Berkas terlalu besar"),
    ],
)
def test_a_bad_file_is_refused_as_a_whole(isi, pesan):
    pratinjau = impor_pratinjau(isi)

    assert pratinjau.baris == []
    assert pratinjau.galat_berkas[0].startswith(pesan), pratinjau.galat_berkas
    with pytest.raises(ImporDitolak, match="Impor ditolak"):
        impor_terapkan(isi=isi)


def test_a_zip_that_is_not_a_workbook_is_refused():
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as arsip:
        arsip.writestr("isi.txt", "halo")

    pratinjau = impor_pratinjau(keluaran.getvalue())

    assert pratinjau.galat_berkas == ["Berkas ZIP ini bukan buku kerja Excel (.xlsx)."]


def test_too_many_rows_are_refused():
    berkas = csv_dari(*(f"kab-{n},KPU {n},KABKOTA,prov-banten,K," for n in range(BARIS_MAKS + 1)))

    pratinjau = impor_pratinjau(berkas)

    assert pratinjau.galat_berkas == [f"Berkas berisi lebih dari {BARIS_MAKS} baris data."]


# The national list ------------------------------------------------------------------------


def test_the_national_list_of_600_rows_applies_in_under_ten_seconds():
    berkas = daftar_nasional()
    assert berkas.count(b"\n") == 601

    mulai = time.perf_counter()
    pratinjau = impor_terapkan(isi=berkas)
    lama = time.perf_counter() - mulai

    assert lama < 10, f"{lama:.1f} s"
    assert len(pratinjau.baris) == 600
    assert not pratinjau.ada_galat
    assert Satker.objects.count() >= 600
    mulai = time.perf_counter()
    kedua = impor_pratinjau(berkas)
    assert time.perf_counter() - mulai < 5
    assert kedua.jumlah[TETAP] == 600
