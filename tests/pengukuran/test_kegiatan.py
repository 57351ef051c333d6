"""The RAK's realisasi per TW (issue 14): saving a quarter's kegiatan as a whole, each bad
entry refused beside its field with nothing saved, the report's lock, window and DRAF rule,
the access rule, the serapan section and its chart, a constant number of queries, and evidence
files on a kegiatan."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from dokumen.models import StatusDokumen
from pengukuran.models_bukti import BuktiDukung
from pengukuran.models_kegiatan import RealisasiKegiatan, StatusKegiatan
from pengukuran.services import (
    LaporanBerubah,
    LaporanTidakBisaDiubah,
    MasaPelaporanDitutup,
    laporan_buka,
)
from pengukuran.services_kegiatan import kegiatan_simpan
from rencana_aksi.models import BarisRak
from satker.models import Peran
from tests.factories import (
    AdminRiFactory,
    KabKotaFactory,
    PkFactory,
    RakFactory,
    akun_satker,
    sasaran_rak,
)
from tests.pengukuran import berkas_contoh as contoh
from tests.pengukuran.bantu_alur import atur_waktu, jendela

pytestmark = pytest.mark.django_db
T = StatusKegiatan.TERLAKSANA
QUERY_HALAMAN = 13


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def rak(pk_terbit):
    """The satker's published RAK 2024: 2 sasaran × 2 kegiatan, anggaran Rp1.000.000 and
    Rp2.000.000 in each sasaran."""
    return RakFactory(satker=pk_terbit.satker, status=StatusDokumen.TERBIT)


def _baris(rak):
    return list(BarisRak.objects.filter(sasaran__dokumen=rak).order_by("sasaran__urutan", "urutan"))


def _url(satker, tw=1, tahun=2024):
    return reverse("pengukuran:kegiatan", args=[satker.kode, tahun, tw])


def _simpan(satker, tw, isian, oleh):
    laporan = laporan_buka(satker=satker, tahun=2024, tw=tw)
    return kegiatan_simpan(laporan=laporan, isian=isian, suntingan=laporan.suntingan, oleh=oleh)


def _post(baris, isian, suntingan=0):
    data = {"suntingan": str(suntingan)}
    for b in baris:
        data |= {f"{b.pk}-status": "", f"{b.pk}-realisasi_anggaran": "", f"{b.pk}-catatan": ""}
    for b, nilai in isian.items():
        data |= {f"{b.pk}-{k}": v for k, v in nilai.items()}
    return data


# -- the service ---------------------------------------------------------------------------


def test_it_saves_a_quarter_of_kegiatan(rak, operator):
    a, b, *_ = _baris(rak)
    laporan = _simpan(
        rak.satker,
        1,
        {
            a.pk: {"status": T, "catatan": " rapat ", "realisasi_anggaran": D(250_000)},
            b.pk: {"status": StatusKegiatan.SEBAGIAN, "realisasi_anggaran": None},
        },
        operator,
    )

    assert laporan.suntingan == 1
    entri = RealisasiKegiatan.objects.get(baris=a)
    assert (entri.status, entri.catatan, entri.realisasi_anggaran) == (T, "rapat", D(250_000))
    assert entri.diisi_oleh == operator
    assert RealisasiKegiatan.objects.get(baris=b).realisasi_anggaran is None


@pytest.mark.parametrize(
    ("isian", "kolom", "pesan"),
    [
        ({"status": T, "realisasi_anggaran": D(-1)}, "realisasi_anggaran", "tidak boleh negatif"),
        ({"status": T, "realisasi_anggaran": "banyak"}, "realisasi_anggaran", "berupa angka"),
        ({"status": T, "realisasi_anggaran": D("0.001")}, "realisasi_anggaran", "2 angka"),
        ({"status": T, "realisasi_anggaran": D(1_000_001)}, "realisasi_anggaran", "melebihi"),
        ({"catatan": "tanpa status"}, "status", "Pilih pelaksanaan"),
        ({"status": "SELESAI"}, "status", "Pilih pelaksanaan"),
        ({"status": T, "bukti": "x"}, "__all__", "Kolom tidak dikenal"),
    ],
)
def test_bad_entries_are_refused_by_field_and_nothing_is_saved(rak, operator, isian, kolom, pesan):
    a, b, *_ = _baris(rak)  # a: anggaran Rp1.000.000
    with pytest.raises(ValidationError) as galat:
        _simpan(rak.satker, 1, {b.pk: {"status": T}, a.pk: isian}, operator)

    assert pesan in galat.value.message_dict[f"{a.pk}-{kolom}"][0]
    assert not RealisasiKegiatan.objects.exists()  # b's valid entry neither


def test_spending_above_the_anggaran_over_the_year_is_refused_with_what_is_left(rak, operator):
    a, *_ = _baris(rak)  # Rp1.000.000
    _simpan(rak.satker, 1, {a.pk: {"status": T, "realisasi_anggaran": D(700_000)}}, operator)

    with pytest.raises(ValidationError) as galat:
        _simpan(rak.satker, 2, {a.pk: {"status": T, "realisasi_anggaran": D(400_000)}}, operator)

    assert galat.value.message_dict[f"{a.pk}-realisasi_anggaran"] == [
        "Realisasi anggaran tahun ini menjadi Rp1.100.000, melebihi anggaran kegiatan "
        "Rp1.000.000 (serapan di atas 100 %). Sisa yang dapat direalisasikan pada TW II: "
        "Rp300.000."
    ]
    _simpan(rak.satker, 2, {a.pk: {"status": T, "realisasi_anggaran": D(300_000)}}, operator)


def test_a_kegiatan_without_anggaran_takes_no_spending(pk_terbit, operator):
    baris = sasaran_rak(jumlah=1, baris=1)
    baris[0]["baris"][0]["anggaran"] = None
    rak = RakFactory(satker=pk_terbit.satker, baris=baris, status=StatusDokumen.TERBIT)
    (a,) = _baris(rak)

    with pytest.raises(ValidationError) as galat:
        _simpan(rak.satker, 1, {a.pk: {"status": T, "realisasi_anggaran": D(5)}}, operator)
    assert "tidak beranggaran" in galat.value.message_dict[f"{a.pk}-realisasi_anggaran"][0]
    _simpan(rak.satker, 1, {a.pk: {"status": T, "realisasi_anggaran": D(0)}}, operator)


def test_two_people_saving_one_quarter(rak, operator):
    a, *_ = _baris(rak)
    laporan = laporan_buka(satker=rak.satker, tahun=2024, tw=1)
    dibuka = laporan.suntingan
    kegiatan_simpan(laporan=laporan, isian={a.pk: {"status": T}}, suntingan=dibuka, oleh=operator)

    with pytest.raises(LaporanBerubah):
        kegiatan_simpan(
            laporan=laporan,
            isian={a.pk: {"status": StatusKegiatan.TIDAK}},
            suntingan=dibuka,
            oleh=operator,
        )
    assert RealisasiKegiatan.objects.get().status == T


def test_a_submitted_report_is_read_only(rak, operator):
    a, *_ = _baris(rak)
    laporan = laporan_buka(satker=rak.satker, tahun=2024, tw=1)
    laporan.status = "DIAJUKAN"
    laporan.save()

    with pytest.raises(LaporanTidakBisaDiubah):
        kegiatan_simpan(laporan=laporan, isian={a.pk: {"status": T}}, suntingan=0, oleh=operator)


def test_outside_the_window_nothing_is_saved(rak, operator, monkeypatch):
    a, *_ = _baris(rak)
    laporan = laporan_buka(satker=rak.satker, tahun=2024, tw=2)
    jendela(AdminRiFactory(), tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15))
    atur_waktu(monkeypatch, 2024, 7, 16, 9, 0)

    with pytest.raises(MasaPelaporanDitutup):
        kegiatan_simpan(laporan=laporan, isian={a.pk: {"status": T}}, suntingan=0, oleh=operator)
    assert not RealisasiKegiatan.objects.exists()


def test_emptying_an_entry_removes_it(rak, operator):
    a, *_ = _baris(rak)
    _simpan(rak.satker, 1, {a.pk: {"status": T}}, operator)
    _simpan(rak.satker, 1, {a.pk: {"status": "", "catatan": "  "}}, operator)
    assert not RealisasiKegiatan.objects.exists()


# -- the page --------------------------------------------------------------------------------


def test_the_page_saves_the_form_and_shows_serapan(client, rak, operator):
    a, b, c, d = _baris(rak)
    _simpan(rak.satker, 1, {b.pk: {"status": T, "realisasi_anggaran": D(500_000)}}, operator)
    client.force_login(operator)

    response = client.post(
        _url(rak.satker, tw=2),
        _post(_baris(rak), {a: {"status": T, "realisasi_anggaran": "Rp250.000"}}),
    )

    assert response.status_code == 302
    assert RealisasiKegiatan.objects.get(baris=a).realisasi_anggaran == D(250_000)
    html = client.get(_url(rak.satker, tw=2)).content.decode()
    # Sasaran 1: Rp3.000.000, spent 250.000 + 500.000 by TW II; the satker: Rp6.000.000.
    assert "Serapan = Rp750.000 ÷ Rp3.000.000 × 100 % = 25,00 %" in html
    assert "Serapan = Rp750.000 ÷ Rp6.000.000 × 100 % = 12,50 %" in html
    assert 'class="grafik-pengukuran grafik-serapan"' in html
    assert "TW II: 12,50 % (Rp750.000)" in html  # the chart's description


def test_bad_input_is_shown_beside_its_field_and_kept(client, rak, operator):
    a, b, *_ = _baris(rak)
    client.force_login(operator)

    response = client.post(
        _url(rak.satker),
        _post(
            _baris(rak),
            {
                a: {"status": T, "realisasi_anggaran": "-5.000"},
                b: {"status": T, "realisasi_anggaran": "dua juta"},
            },
        ),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Realisasi anggaran tidak boleh negatif." in html
    assert "Tulis realisasi anggaran sebagai angka rupiah, mis. 1.250.000." in html
    assert 'value="dua juta"' in html
    assert not RealisasiKegiatan.objects.exists()


def test_above_the_anggaran_is_refused_on_the_page(client, rak, operator):
    a, *_ = _baris(rak)
    client.force_login(operator)

    response = client.post(
        _url(rak.satker),
        _post(_baris(rak), {a: {"status": T, "realisasi_anggaran": "1.500.000"}}),
    )

    assert response.status_code == 400
    assert "melebihi anggaran kegiatan Rp1.000.000" in response.content.decode()
    assert 'value="1.500.000"' in response.content.decode()


def test_a_save_made_since_the_page_was_opened_is_refused_with_the_input_kept(
    client, rak, operator
):
    a, *_ = _baris(rak)
    client.force_login(operator)
    _simpan(rak.satker, 1, {a.pk: {"status": T}}, operator)  # someone else, suntingan → 1

    response = client.post(
        _url(rak.satker), _post(_baris(rak), {a: {"status": "TIDAK", "catatan": "batal"}})
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "disimpan orang lain" in html
    assert "batal</textarea>" in html
    assert 'name="suntingan" value="1"' in html
    assert RealisasiKegiatan.objects.get().status == T


def test_a_closed_window_makes_the_page_read_only(client, rak, operator, monkeypatch):
    jendela(AdminRiFactory(), tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15))
    atur_waktu(monkeypatch, 2024, 7, 16, 9, 0)
    client.force_login(operator)

    html = client.get(_url(rak.satker, tw=2)).content.decode()
    assert 'id="form-kegiatan"' not in html
    assert 'id="tabel-kegiatan"' in html
    assert "Masa pelaporan TW II 2024 ditutup pada 15 Juli 2024." in html
    response = client.post(_url(rak.satker, tw=2), _post(_baris(rak), {}))
    assert response.status_code == 302
    assert not RealisasiKegiatan.objects.exists()


def test_a_submitted_report_makes_the_page_read_only(client, rak, operator):
    a, *_ = _baris(rak)
    laporan = _simpan(rak.satker, 1, {a.pk: {"status": T}}, operator)
    laporan.status = "DIAJUKAN"
    laporan.save()
    client.force_login(operator)

    html = client.get(_url(rak.satker)).content.decode()
    assert 'id="form-kegiatan"' not in html
    assert "Terlaksana" in html
    response = client.post(_url(rak.satker), _post(_baris(rak), {a: {"status": "TIDAK"}}))
    assert response.status_code == 302
    assert RealisasiKegiatan.objects.get().status == T


def test_another_satker_is_a_404_and_a_reviewer_reads(client, rak):
    client.force_login(akun_satker(KabKotaFactory(), Peran.OPERATOR))
    assert client.get(_url(rak.satker)).status_code == 404

    client.force_login(akun_satker(rak.satker.induk, Peran.REVIEWER_PROVINSI))
    response = client.get(_url(rak.satker))
    assert response.status_code == 200
    assert 'id="form-kegiatan"' not in response.content.decode()
    assert client.post(_url(rak.satker), {}).status_code == 403


def test_without_a_published_rak_the_page_says_so(client, pk_terbit, operator):
    client.force_login(operator)
    html = client.get(_url(pk_terbit.satker)).content.decode()
    assert 'id="tanpa-rak"' in html


def test_the_quarter_and_year_pages_link_to_it(client, rak, operator):
    client.force_login(operator)
    url = _url(rak.satker, tw=3)
    assert (
        url
        in client.get(
            reverse("pengukuran:triwulan", args=[rak.satker.kode, 2024, 3])
        ).content.decode()
    )
    assert (
        _url(rak.satker, tw=1)
        in client.get(reverse("pengukuran:tahun", args=[rak.satker.kode, 2024])).content.decode()
    )


def _isi_semua(satker, rak, oleh):
    _simpan(
        satker,
        1,
        {b.pk: {"status": T, "realisasi_anggaran": D(1000)} for b in _baris(rak)},
        oleh,
    )


def test_the_page_costs_the_same_queries_for_3_and_12_kegiatan(
    client, django_assert_num_queries, pk_terbit, operator
):
    kecil = RakFactory(
        satker=pk_terbit.satker, baris=sasaran_rak(jumlah=1, baris=3), status=StatusDokumen.TERBIT
    )
    pk_besar = PkFactory(status=StatusDokumen.TERBIT)
    besar = RakFactory(
        satker=pk_besar.satker, baris=sasaran_rak(jumlah=3, baris=4), status=StatusDokumen.TERBIT
    )
    operator_besar = akun_satker(pk_besar.satker, Peran.OPERATOR)
    _isi_semua(kecil.satker, kecil, operator)
    _isi_semua(besar.satker, besar, operator_besar)

    for oleh, rencana in ((operator, kecil), (operator_besar, besar)):
        client.force_login(oleh)
        client.get(_url(rencana.satker))  # the session and the caches warm
        with django_assert_num_queries(QUERY_HALAMAN):
            assert client.get(_url(rencana.satker)).status_code == 200


# -- evidence on a kegiatan -----------------------------------------------------------------


def test_evidence_on_a_kegiatan_is_uploaded_listed_and_deleted(client, rak, operator):
    a, *_ = _baris(rak)
    _simpan(rak.satker, 1, {a.pk: {"status": T}}, operator)
    entri = RealisasiKegiatan.objects.get()
    client.force_login(operator)

    response = client.post(
        reverse("pengukuran:kegiatan-bukti-unggah", args=[entri.pk]),
        {"berkas": SimpleUploadedFile("notulen.pdf", contoh.PDF)},
    )

    assert response.status_code == 302
    assert response.url == _url(rak.satker)
    bukti = BuktiDukung.objects.get()
    assert (bukti.realisasi_kegiatan, bukti.realisasi, bukti.satker) == (entri, None, rak.satker)
    html = client.get(_url(rak.satker)).content.decode()
    assert reverse("pengukuran:bukti-unduh", args=[bukti.pk]) in html
    assert client.get(reverse("pengukuran:bukti-unduh", args=[bukti.pk])).status_code == 200

    # An entry with evidence cannot be emptied.
    with pytest.raises(ValidationError) as galat:
        _simpan(rak.satker, 1, {a.pk: {"status": ""}}, operator)
    assert "punya bukti dukung" in galat.value.message_dict[f"{a.pk}-__all__"][0]

    response = client.post(reverse("pengukuran:bukti-hapus", args=[bukti.pk]))
    assert response.status_code == 302
    assert response.url == _url(rak.satker)
    assert not BuktiDukung.objects.exists()


def test_evidence_of_another_satker_kegiatan_is_a_404(client, rak, operator):
    a, *_ = _baris(rak)
    _simpan(rak.satker, 1, {a.pk: {"status": T}}, operator)
    entri = RealisasiKegiatan.objects.get()
    client.force_login(akun_satker(KabKotaFactory(), Peran.OPERATOR))

    response = client.post(
        reverse("pengukuran:kegiatan-bukti-unggah", args=[entri.pk]),
        {"berkas": SimpleUploadedFile("notulen.pdf", contoh.PDF)},
    )
    assert response.status_code == 404
    assert not BuktiDukung.objects.exists()


def test_a_file_belongs_to_exactly_one_entry(rak, operator):
    a, *_ = _baris(rak)
    _simpan(rak.satker, 1, {a.pk: {"status": T}}, operator)
    with pytest.raises(IntegrityError), transaction.atomic():
        BuktiDukung.objects.create(
            satker=rak.satker,
            nama_asli="x.pdf",
            jenis_isi="application/pdf",
            ukuran=1,
            sha256="0" * 64,
            diunggah_oleh=operator,
        )


def test_entries_follow_their_kegiatan_into_a_rak_revision(rak, operator):
    # TW I saved against v1; a RAK revision (v2) is published; TW I counts beside v2's row
    # (same key), the year's spending still limits TW II, and TW I's entry moves on a save.
    import datetime

    from dokumen.alur import dokumen_buat_revisi
    from pengukuran.selectors_kegiatan import tabel_kegiatan
    from tests.factories import ke_status

    a, *_ = _baris(rak)
    _simpan(rak.satker, 1, {a.pk: {"status": T, "realisasi_anggaran": D(600_000)}}, operator)
    v2 = dokumen_buat_revisi(dokumen=rak, user=operator, alasan="Revisi anggaran.")
    v2.tanggal_ttd = datetime.date(2024, 7, 1)
    v2.save(update_fields=["tanggal_ttd"])
    v2 = ke_status(v2, StatusDokumen.TERBIT)
    a2, *_ = _baris(v2)
    assert a2.kunci == a.kunci
    assert a2.pk != a.pk

    tabel = tabel_kegiatan(rak.satker, 2024)
    assert tabel.rak == v2
    baris = tabel.kelompok[0].kegiatan[0]
    assert baris.baris == a2
    assert baris.serapan.per_tw[0].persen == D("60.00")
    with pytest.raises(ValidationError) as galat:
        _simpan(rak.satker, 2, {a2.pk: {"status": T, "realisasi_anggaran": D(500_000)}}, operator)
    assert "Rp1.100.000" in galat.value.message_dict[f"{a2.pk}-realisasi_anggaran"][0]

    _simpan(rak.satker, 1, {a2.pk: {"status": T, "realisasi_anggaran": D(600_000)}}, operator)
    assert RealisasiKegiatan.objects.get().baris == a2


def test_the_tw_report_pdf_shows_the_serapan_and_its_chart(rak, operator):
    from pengukuran.pdf import render_html

    a, *_ = _baris(rak)
    laporan = _simpan(
        rak.satker, 1, {a.pk: {"status": T, "realisasi_anggaran": D(750_000)}}, operator
    )

    html = render_html(laporan, pejabat=None)

    assert "SERAPAN ANGGARAN S.D. TW I" in html
    assert "Serapan = Rp750.000 ÷ Rp6.000.000 × 100 % = 12,50 %." in html
    assert 'class="grafik-pengukuran grafik-serapan"' in html
