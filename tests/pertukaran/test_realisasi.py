"""The quarter's realisasi through Excel: the pre-filled template, the upload's preview (old →
new, each row's message as the entry form words it), "Terapkan" saving everything through the
realisasi service or nothing, and every refusal (another satker 404, a reviewer 403, a closed
window, a wrong or doubled key, a text for a number, another quarter's or satker's file)."""

import uuid
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter

from dokumen.models import StatusDokumen
from pengukuran.models import LaporanTriwulan, Realisasi, StatusLaporan
from pengukuran.services import laporan_buka, realisasi_simpan
from pertukaran.realisasi import BARIS_KEPALA, NAMA_LEMBAR, NAMA_LEMBAR_IDENTITAS, indeks_kolom
from satker.models import Peran
from tests.factories import PkFactory, ReviewerFactory, akun_satker, sasaran_pk
from tests.pengukuran import berkas_contoh as contoh
from tests.pengukuran.bantu_alur import atur_waktu, jendela
from tests.pertukaran.bantu_realisasi import (
    baris_kunci,
    indikator_pk,
    isi,
    simpan,
    terapkan,
    unduh,
    unggah,
    url_templat,
    url_tw,
    url_unggah,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The uploads kept between preview and apply go to a fresh MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pk_terbit(pki_aktif):
    """A published PK 2024 (tests.factories.sasaran_pk: per sasaran a cumulative count and a
    percentage)."""
    return PkFactory(status=StatusDokumen.TERBIT)


@pytest.fixture
def operator(pk_terbit):
    return akun_satker(pk_terbit.satker, Peran.OPERATOR)


def _simpan(pk, tw, isian, oleh):
    laporan = laporan_buka(satker=pk.satker, tahun=pk.tahun, tw=tw)
    return realisasi_simpan(laporan=laporan, isian=isian, suntingan=laporan.suntingan, oleh=oleh)


def _realisasi(pk, tw=1):
    return {
        r.indikator_id: r
        for r in Realisasi.objects.filter(laporan__satker=pk.satker, laporan__tw=tw)
    }


# -- the template ------------------------------------------------------------------------------


def test_the_template_holds_each_indicator_its_targets_and_what_is_stored(
    client, pk_terbit, operator
):
    jumlah, persen, *_ = indikator_pk(pk_terbit)
    _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(2), "kendala": "Sinyal lemah"}}, operator)
    client.force_login(operator)

    buku = unduh(client, pk_terbit)

    ws = buku[NAMA_LEMBAR]
    assert ws["B1"].value == "TEMPLAT REALISASI TW I TAHUN 2024"
    r = baris_kunci(ws, jumlah)
    baca = {k: ws.cell(row=r, column=indeks_kolom(k)).value for k in ("nomor", "indikator")}
    assert baca == {"nomor": "1.1", "indikator": jumlah.indikator}
    assert ws.cell(row=r, column=indeks_kolom("satuan")).value == "Laporan"
    assert ws.cell(row=r, column=indeks_kolom("target_tahun")).value == "12 Laporan"
    assert ws.cell(row=r, column=indeks_kolom("target_tw")).value == "3"
    assert ws.cell(row=r, column=indeks_kolom("tersimpan")).value == "2"
    assert ws.cell(row=r, column=indeks_kolom("nilai")).value is None  # to fill
    assert ws.cell(row=r, column=indeks_kolom("kendala")).value == "Sinyal lemah"
    # One row per indicator, keyed; the key column hidden and named.
    kunci = [ws.cell(row=x, column=1).value for x in range(BARIS_KEPALA + 1, ws.max_row + 1)]
    assert kunci == [str(i.kunci) for i in indikator_pk(pk_terbit)]
    assert ws.column_dimensions["A"].hidden
    assert ws.cell(row=BARIS_KEPALA, column=1).value == "Kunci (jangan diubah)"
    # Protected, no password: what is read is locked, what is filled is not; a count takes no
    # numerator, a percentage does.
    assert ws.protection.sheet
    assert not ws.protection.password
    terbuka = Protection(locked=False)
    assert ws.cell(row=r, column=indeks_kolom("nilai")).protection == terbuka
    assert ws.cell(row=r, column=indeks_kolom("target_tw")).protection.locked
    assert ws.cell(row=r, column=indeks_kolom("pembilang")).protection.locked
    r2 = baris_kunci(ws, persen)
    assert ws.cell(row=r2, column=indeks_kolom("pembilang")).protection == terbuka
    assert buku[NAMA_LEMBAR_IDENTITAS].sheet_state == "veryHidden"


def test_a_qualitative_indicator_offers_its_scale_as_a_list(client, pki_aktif):
    sasaran = sasaran_pk(1, 1)
    sasaran[0]["indikator"].append(
        {
            "indikator": "Opini BPK",
            "satuan": "Opini",
            "target": "WTP",
            "polaritas": "KUALITATIF",
            "skala": "OPINI_BPK",
            "agregasi": "TERAKHIR",
        }
    )
    pk = PkFactory(status="TERBIT", baris=sasaran)
    client.force_login(akun_satker(pk.satker, Peran.OPERATOR))

    ws = unduh(client, pk)[NAMA_LEMBAR]

    sel = ws.cell(row=baris_kunci(ws, indikator_pk(pk)[1]), column=indeks_kolom("nilai"))
    (daftar,) = ws.data_validations.dataValidation
    assert daftar.formula1 == '"WTP,WDP,TW,TMP"'
    assert sel.coordinate in str(daftar.sqref)


def test_the_year_page_links_each_open_quarters_excel_entry(client, pk_terbit, operator):
    client.force_login(operator)

    html = client.get(reverse("pengukuran:tahun", args=[pk_terbit.satker.kode, 2024])).content

    for tw in (1, 2, 3, 4):
        assert f'href="{url_unggah(pk_terbit, tw)}" data-excel="{tw}"' in html.decode()
    client.force_login(ReviewerFactory(satker=pk_terbit.satker.induk))
    html = client.get(reverse("pengukuran:tahun", args=[pk_terbit.satker.kode, 2024])).content
    assert "data-excel" not in html.decode()


# -- round trip --------------------------------------------------------------------------------


def test_round_trip_download_fill_upload_preview_apply(client, pk_terbit, operator):
    jumlah, persen, jumlah2, persen2 = indikator_pk(pk_terbit)
    _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(2)}}, operator)
    client.force_login(operator)
    terisi = isi(
        unduh(client, pk_terbit),
        {
            jumlah: {"nilai": 3, "kendala": "Server sempat mati"},
            persen: {"pembilang": 45, "penyebut": 50},
            jumlah2: {"nilai": "4", "solusi": "Jadwal ulang"},
        },
    )

    response = unggah(client, pk_terbit, terisi)

    assert response.status_code == 200
    pratinjau = response.context["pratinjau"]
    ringkas = {b.indikator: (b.lama, b.baru, b.pesan) for b in pratinjau.baris}
    assert ringkas == {
        jumlah.indikator: ("2", "3", []),
        persen.indikator: ("", "90 (45/50)", []),
        jumlah2.indikator: ("", "4", []),
        persen2.indikator: ("", "", []),
    }
    assert pratinjau.jumlah_berubah == 3
    html = response.content.decode()
    assert (
        'Kendala: <span class="sel-teks">—</span> → <strong class="sel-teks">Server sempat mati'
        in html
    )
    assert "Terapkan 3 perubahan" in html
    assert _realisasi(pk_terbit)[jumlah.pk].nilai == D(2)  # nothing saved by the preview

    response = terapkan(client, pk_terbit, response)

    assert response.status_code == 302
    assert response.url == url_tw(pk_terbit)
    tersimpan = _realisasi(pk_terbit)
    assert tersimpan[jumlah.pk].nilai == D(3)
    assert tersimpan[jumlah.pk].kendala == "Server sempat mati"
    assert (tersimpan[persen.pk].pembilang, tersimpan[persen.pk].penyebut) == (D(45), D(50))
    assert tersimpan[persen.pk].nilai == D(90)
    assert tersimpan[jumlah2.pk].solusi == "Jadwal ulang"
    assert persen2.pk not in tersimpan
    assert tersimpan[jumlah.pk].diisi_oleh == operator
    laporan = LaporanTriwulan.objects.get(satker=pk_terbit.satker, tw=1)
    assert laporan.suntingan == 2  # one save before, one by the import
    halaman = client.get(response.url)
    assert "3 indikator diubah" in str(list(halaman.context["messages"])[0])
    baris = halaman.context["tabel"].sasaran[0].indikator
    assert [b.triwulan[0].realisasi_tertulis for b in baris] == ["3", "90"]
    assert "Server sempat mati" in halaman.content.decode()


@pytest.mark.parametrize(
    ("sel", "format_angka"),
    [("87,5", None), ("87.5", None), ("87,5%", None), (87.5, None), (0.875, "0.0%")],
)
def test_a_figure_is_read_as_the_form_reads_it(client, pk_terbit, operator, sel, format_angka):
    _, persen, *_ = indikator_pk(pk_terbit)
    client.force_login(operator)
    buku = unduh(client, pk_terbit)
    ws = buku[NAMA_LEMBAR]
    c = ws.cell(row=baris_kunci(ws, persen), column=indeks_kolom("nilai"))
    c.value = sel
    if format_angka:
        c.number_format = format_angka

    response = unggah(client, pk_terbit, simpan(buku))
    terapkan(client, pk_terbit, response)

    assert _realisasi(pk_terbit)[persen.pk].nilai == D("87.5")


def test_an_unchanged_file_offers_nothing_to_apply(client, pk_terbit, operator):
    jumlah, *_ = indikator_pk(pk_terbit)
    _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(2), "catatan": "ok"}}, operator)
    client.force_login(operator)

    response = unggah(client, pk_terbit, simpan(unduh(client, pk_terbit)))

    assert response.status_code == 200
    assert "token" not in response.context
    assert "Tidak ada yang perlu diterapkan" in response.content.decode()


def test_not_measurable_with_its_reason(client, pk_terbit, operator):
    jumlah, *_ = indikator_pk(pk_terbit)
    _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(2)}}, operator)
    client.force_login(operator)
    terisi = isi(unduh(client, pk_terbit), {jumlah: {"alasan_tidak_terukur": "Data belum ada"}})

    response = unggah(client, pk_terbit, terisi)
    (baris,) = [b for b in response.context["pratinjau"].baris if b.berubah]
    assert (baris.lama, baris.baru) == ("2", "Tidak dapat diukur")
    terapkan(client, pk_terbit, response)

    realisasi = _realisasi(pk_terbit)[jumlah.pk]
    assert realisasi.tidak_terukur
    assert realisasi.nilai is None
    assert realisasi.alasan_tidak_terukur == "Data belum ada"


# -- rows refused ------------------------------------------------------------------------------


def _pesan(response) -> dict[int, list[str]]:
    return {b.baris: b.pesan for b in response.context["pratinjau"].baris if b.pesan}


def test_each_bad_row_gets_its_message_and_nothing_applies(client, pk_terbit, operator):
    jumlah, persen, jumlah2, persen2 = indikator_pk(pk_terbit)
    client.force_login(operator)
    buku = unduh(client, pk_terbit)
    ws = buku[NAMA_LEMBAR]
    isi(
        buku,
        {
            jumlah: {"nilai": "tiga"},
            persen: {"pembilang": 60, "penyebut": 50},
            jumlah2: {"nilai": -1},
            persen2: {"nilai": 95},  # fine on its own
        },
    )
    r = {i: baris_kunci(ws, i) for i in (jumlah, persen, jumlah2, persen2)}
    akhir = ws.max_row
    # A key not in this PK, a doubled key, a row typed without a key.
    ws.cell(row=akhir + 1, column=1).value = str(uuid.uuid4())
    ws.cell(row=akhir + 1, column=indeks_kolom("nilai")).value = 5
    ws.cell(row=akhir + 2, column=1).value = str(persen2.kunci)
    ws.cell(row=akhir + 2, column=indeks_kolom("nilai")).value = 96
    ws.cell(row=akhir + 3, column=indeks_kolom("indikator")).value = "Indikator baru"
    ws.cell(row=akhir + 3, column=indeks_kolom("nilai")).value = 1

    response = unggah(client, pk_terbit, simpan(buku))

    assert response.status_code == 200
    assert _pesan(response) == {
        r[jumlah]: ["Realisasi: Tulis realisasi sebagai angka, mis. 12 atau 87,5."],
        r[persen]: [
            "Pembilang: Pembilang tidak boleh melebihi penyebut: persentase bagian dari "
            "keseluruhan paling tinggi 100 %."
        ],
        r[jumlah2]: ["Realisasi: Realisasi tidak boleh negatif."],
        akhir + 1: [
            "Kunci baris tidak dikenal: indikator ini tidak ada pada Perjanjian Kinerja yang "
            "berlaku. Unduh templat yang baru."
        ],
        akhir + 2: [f"Indikator ini sudah ada di baris {r[persen2]}: satu indikator satu baris."],
        akhir + 3: [
            "Baris ini tidak punya kunci (kolom A): baris tambahan tidak dibaca. Isi baris "
            "indikatornya sendiri."
        ],
    }
    assert "token" not in response.context
    html = response.content.decode()
    assert "Berkas belum dapat diterapkan" in html
    assert "Tulis realisasi sebagai angka" in html
    assert not Realisasi.objects.exists()
    assert not LaporanTriwulan.objects.exists()


def test_a_fraction_in_the_locked_cells_of_a_count_is_not_dropped(client, pk_terbit, operator):
    jumlah, *_ = indikator_pk(pk_terbit)
    client.force_login(operator)
    # The sheet's protection lifted, as anyone may: the locked cells typed into.
    terisi = isi(unduh(client, pk_terbit), {jumlah: {"pembilang": 3, "penyebut": 10}})

    response = unggah(client, pk_terbit, terisi)

    assert list(_pesan(response).values()) == [
        [
            "Pembilang dan penyebut hanya untuk indikator persentase; kosongkan keduanya dan "
            "isi kolom realisasi."
        ]
    ]
    assert "token" not in response.context


# -- files refused -----------------------------------------------------------------------------


def test_a_template_of_another_quarter_is_refused(client, pk_terbit, operator):
    jumlah, *_ = indikator_pk(pk_terbit)
    client.force_login(operator)
    tw2 = isi(unduh(client, pk_terbit, tw=2), {jumlah: {"nilai": 3}})

    response = unggah(client, pk_terbit, tw2, tw=1)

    assert response.status_code == 400
    assert response.context["form"].errors["berkas"] == [
        "Berkas ini templat realisasi TW II 2024 satker “"
        f"{pk_terbit.satker.kode}”, bukan TW I 2024 {pk_terbit.satker.nama}: unggah templat "
        "triwulan ini."
    ]
    assert not Realisasi.objects.exists()


def test_a_template_of_another_satker_is_refused(client, pk_terbit, operator, pki_aktif):
    lain = PkFactory(status="TERBIT")
    client.force_login(akun_satker(lain.satker, Peran.OPERATOR))
    berkas_lain = isi(unduh(client, lain), {indikator_pk(lain)[0]: {"nilai": 3}})
    client.force_login(operator)

    response = unggah(client, pk_terbit, berkas_lain)

    assert response.status_code == 400
    assert f"satker “{lain.satker.kode}”" in response.context["form"].errors["berkas"][0]
    assert not Realisasi.objects.exists()


def test_a_forged_or_foreign_workbook_is_refused(client, pk_terbit, operator):
    client.force_login(operator)
    buku = unduh(client, pk_terbit)
    buku[NAMA_LEMBAR_IDENTITAS]["A1"] = "palsu"
    palsu = simpan(buku)
    del buku[NAMA_LEMBAR_IDENTITAS]
    asing = simpan(buku)

    pesan_palsu = unggah(client, pk_terbit, palsu).context["form"].errors["berkas"]
    pesan_asing = unggah(client, pk_terbit, asing).context["form"].errors["berkas"]

    assert pesan_palsu == [
        "Identitas templat tidak dikenali (berkas dibuat atau diubah di luar aplikasi): unduh "
        "templat yang baru."
    ]
    assert pesan_asing[0].startswith("Berkas ini bukan templat realisasi dari aplikasi ini")


# -- who may ------------------------------------------------------------------------------------


def test_another_satkers_quarter_is_a_404(client, pk_terbit, operator, pki_aktif):
    lain = PkFactory(status="TERBIT")
    client.force_login(operator)
    berkas = simpan(unduh(client, pk_terbit))

    assert client.get(url_templat(lain)).status_code == 404
    assert client.get(url_unggah(lain)).status_code == 404
    assert unggah(client, lain, berkas).status_code == 404
    assert client.post(url_unggah(lain), {"token": "x"}).status_code == 404


def test_a_reviewer_may_neither_download_nor_upload_nor_apply(client, pk_terbit, operator):
    jumlah, *_ = indikator_pk(pk_terbit)
    client.force_login(operator)
    response = unggah(client, pk_terbit, isi(unduh(client, pk_terbit), {jumlah: {"nilai": 3}}))
    token = response.context["token"]
    reviewer = ReviewerFactory(satker=pk_terbit.satker.induk)
    client.force_login(reviewer)

    assert client.get(url_templat(pk_terbit)).status_code == 403
    assert client.get(url_unggah(pk_terbit)).status_code == 403
    assert client.post(url_unggah(pk_terbit), {"token": token}).status_code == 403
    assert not Realisasi.objects.exists()


def test_a_token_is_its_users_and_quarters_only(client, pk_terbit, operator):
    jumlah, *_ = indikator_pk(pk_terbit)
    client.force_login(operator)
    response = unggah(client, pk_terbit, isi(unduh(client, pk_terbit), {jumlah: {"nilai": 3}}))
    token = response.context["token"]

    lain_tw = client.post(url_unggah(pk_terbit, tw=2), {"token": token})
    client.force_login(akun_satker(pk_terbit.satker, Peran.SEKRETARIS))
    lain_user = client.post(url_unggah(pk_terbit), {"token": token})

    for response in (lain_tw, lain_user):
        assert response.status_code == 409
        assert "Pratinjau sudah kedaluwarsa atau tidak dikenal" in response.content.decode()
    assert not Realisasi.objects.exists()


# -- the window, the report's state, a save in between ------------------------------------------


def test_a_closed_window_refuses_the_upload(client, pk_terbit, operator, monkeypatch):
    atur_waktu(monkeypatch, 2024, 7, 20, 10, 0)
    jendela(operator, tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15))
    client.force_login(operator)
    berkas = isi(unduh(client, pk_terbit, tw=2), {indikator_pk(pk_terbit)[0]: {"nilai": 3}})

    halaman = client.get(url_unggah(pk_terbit, tw=2))
    response = unggah(client, pk_terbit, berkas, tw=2)

    assert "Masa pelaporan TW II 2024 ditutup pada 15 Juli 2024." in halaman.content.decode()
    assert 'id="unggah-realisasi"' not in halaman.content.decode()
    assert response.status_code == 409
    assert "Tidak diterapkan: Masa pelaporan TW II 2024 ditutup" in response.content.decode()
    assert not Realisasi.objects.exists()


def test_a_window_closing_between_preview_and_apply_saves_nothing(
    client, pk_terbit, operator, monkeypatch
):
    atur_waktu(monkeypatch, 2024, 7, 15, 10, 0)
    jendela(operator, tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15))
    client.force_login(operator)
    berkas = isi(unduh(client, pk_terbit, tw=2), {indikator_pk(pk_terbit)[0]: {"nilai": 3}})
    response = unggah(client, pk_terbit, berkas, tw=2)
    atur_waktu(monkeypatch, 2024, 7, 16, 0, 1)

    response = terapkan(client, pk_terbit, response, tw=2)

    assert response.status_code == 409
    assert not Realisasi.objects.exists()


def test_a_submitted_report_takes_no_upload(client, pk_terbit, operator):
    jumlah, *_ = indikator_pk(pk_terbit)
    laporan = _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(2)}}, operator)
    client.force_login(operator)
    berkas = isi(unduh(client, pk_terbit), {jumlah: {"nilai": 3}})
    LaporanTriwulan.objects.filter(pk=laporan.pk).update(status=StatusLaporan.DIAJUKAN)

    response = unggah(client, pk_terbit, berkas)

    assert response.status_code == 409
    assert "Laporan TW I sudah diajukan" in response.content.decode()
    assert _realisasi(pk_terbit)[jumlah.pk].nilai == D(2)


def test_a_save_made_after_the_preview_refuses_the_apply(client, pk_terbit, operator):
    jumlah, persen, *_ = indikator_pk(pk_terbit)
    client.force_login(operator)
    berkas = isi(unduh(client, pk_terbit), {jumlah: {"nilai": 3}, persen: {"nilai": 90}})
    response = unggah(client, pk_terbit, berkas)
    _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(1)}}, operator)  # someone else, meanwhile

    response = terapkan(client, pk_terbit, response)

    assert response.status_code == 409
    assert "disimpan orang lain sejak pratinjau ini dibuat" in response.content.decode()
    tersimpan = _realisasi(pk_terbit)
    assert tersimpan[jumlah.pk].nilai == D(1)
    assert persen.pk not in tersimpan  # not half-applied


def test_a_preview_is_applied_once(client, pk_terbit, operator):
    jumlah, *_ = indikator_pk(pk_terbit)
    client.force_login(operator)
    response = unggah(client, pk_terbit, isi(unduh(client, pk_terbit), {jumlah: {"nilai": 3}}))
    assert terapkan(client, pk_terbit, response).status_code == 302

    again = terapkan(client, pk_terbit, response)

    assert again.status_code == 409
    assert LaporanTriwulan.objects.get().suntingan == 1


# -- queries -----------------------------------------------------------------------------------


def _pk_dengan_realisasi(sasaran, indikator):
    pk = PkFactory(status="TERBIT", baris=sasaran_pk(sasaran, indikator))
    pengguna = akun_satker(pk.satker, Peran.OPERATOR)
    _simpan(pk, 1, {i.pk: {"nilai": D(3), "kendala": "x"} for i in indikator_pk(pk)}, pengguna)
    return pk, pengguna


def test_the_preview_takes_as_many_queries_for_2_as_for_10_indicators(
    client, django_assert_num_queries, pki_aktif
):
    kecil = _pk_dengan_realisasi(1, 2)
    besar = _pk_dengan_realisasi(2, 5)
    unggahan = {}
    for pk, pengguna in (kecil, besar):
        client.force_login(pengguna)
        unggahan[pk.pk] = isi(unduh(client, pk), {i: {"nilai": 4} for i in indikator_pk(pk)})

    for pk, pengguna in (kecil, besar):
        client.force_login(pengguna)
        # Session, user with its profile, the request's savepoint and its release, the satker,
        # the year's table (6), the window: the same for any number of indicators.
        with django_assert_num_queries(12):
            response = unggah(client, pk, unggahan[pk.pk])
        assert response.context["pratinjau"].jumlah_berubah == len(indikator_pk(pk))


# -- bad files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nama", "isi_berkas", "pesan"),
    [
        ("templat.xlsx", contoh.EXE, "program (executable)"),
        ("templat.xlsm", contoh.ooxml("xlsx", tambahan={"xl/vbaProject.bin": "x"}), "bermakro"),
        ("templat.xlsx", contoh.ole("EncryptedPackage"), "dikunci kata sandi"),
        ("templat.xlsx", contoh.bom_zip(), "terlalu besar bila dibuka"),
        ("templat.xlsx", contoh.ooxml("docx"), "namanya berakhiran “.xlsx”"),
        ("templat.xls", contoh.ole("Workbook"), "Excel lama (.xls)"),
        ("templat.xlsx", b"", "kosong"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_beside_the_field(
    client, pk_terbit, operator, nama, isi_berkas, pesan
):
    client.force_login(operator)

    response = unggah(client, pk_terbit, isi_berkas, nama=nama)

    assert response.status_code == 400
    (galat,) = response.context["form"].errors["berkas"]
    assert pesan in galat
    assert "token" not in response.context
    assert not LaporanTriwulan.objects.exists()


def test_a_formula_without_its_value_and_a_huge_sheet_are_refused(client, pk_terbit, operator):
    jumlah, persen, *_ = indikator_pk(pk_terbit)
    client.force_login(operator)
    rumus = isi(unduh(client, pk_terbit), {jumlah: {"nilai": "=1+2"}})
    buku = unduh(client, pk_terbit)
    ws = buku[NAMA_LEMBAR]
    for r in range(ws.max_row + 1, 5001):
        ws.cell(row=r, column=indeks_kolom("catatan")).value = "baris"
    besar = simpan(buku)

    galat_rumus = unggah(client, pk_terbit, rumus).context["form"].errors["berkas"]
    galat_besar = unggah(client, pk_terbit, besar).context["form"].errors["berkas"]

    r = baris_kunci(unduh(client, pk_terbit)[NAMA_LEMBAR], jumlah)
    kolom = get_column_letter(indeks_kolom("nilai"))
    assert (
        f"Sel {NAMA_LEMBAR}!{kolom}{r} berisi rumus yang nilainya belum tersimpan" in galat_rumus[0]
    )
    assert "lebih dari 2.000 baris" in galat_besar[0]
    assert not Realisasi.objects.exists()


def test_the_template_takes_as_many_queries_for_2_as_for_10_indicators(
    client, django_assert_num_queries, pki_aktif
):
    for sasaran, indikator in ((1, 2), (2, 5)):
        pk, pengguna = _pk_dengan_realisasi(sasaran, indikator)
        client.force_login(pengguna)
        # Session, user with its profile, the savepoint and its release, the satker, the
        # year's table (6).
        with django_assert_num_queries(11):
            response = client.get(url_templat(pk))
        assert response.status_code == 200
