"""The TW report workflow: submit (complete, inside the window), approve, return with a note,
the evidence check and reopening; who may take each step; every step in the history; and
the POST views (confirmation, 403 for a role, 404 outside one's reach)."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dokumen.penolakan import TidakBerhak, TransisiDitolak
from pengukuran.alur import aksi_tersedia, laporan_buka_kembali, laporan_transisi
from pengukuran.models import (
    AksiLaporan,
    LaporanTriwulan,
    PembukaanKembali,
    RiwayatLaporan,
    StatusLaporan,
)
from pengukuran.services import LaporanTidakBisaDiubah, laporan_buka, realisasi_simpan
from perjanjian_kinerja.models import IndikatorPk
from satker.models import Peran
from tests.factories import (
    AdminRiFactory,
    KabKotaFactory,
    KetuaPenggunaFactory,
    ReviewerFactory,
    akun_satker,
)
from tests.pengukuran.bantu_alur import atur_waktu, jendela

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def laporan(pk_terbit):
    return laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)


def _indikator(laporan):
    return list(
        IndikatorPk.objects.filter(sasaran__dokumen=laporan.perjanjian).order_by(
            "sasaran__urutan", "urutan"
        )
    )


def _isi(laporan, oleh, *, kecuali=()):
    isian = {
        i.pk: {"nilai": D(3) if i.agregasi == "KUMULATIF" else D(91)}
        for n, i in enumerate(_indikator(laporan))
        if n not in kecuali
    }
    return realisasi_simpan(laporan=laporan, isian=isian, suntingan=laporan.suntingan, oleh=oleh)


def _operator(satker):
    return akun_satker(satker, Peran.OPERATOR)


def _sekretaris(satker):
    return akun_satker(satker, Peran.SEKRETARIS)


def _ketua(satker):
    return akun_satker(satker, Peran.KETUA)


def _reviewer(satker):
    return akun_satker(satker.induk, Peran.REVIEWER_PROVINSI)


def _admin_ri(satker):
    return AdminRiFactory()


def _ketua_lain(satker):
    return KetuaPenggunaFactory(satker=KabKotaFactory(induk=satker.induk))


def _reviewer_lain(satker):
    return ReviewerFactory()


def _ke(laporan, status):
    laporan.status = status
    laporan.save()
    return laporan


# ---- submitting -------------------------------------------------------------------------


def test_ajukan_ditolak_bila_ada_indikator_kosong(laporan, operator):
    laporan = _isi(laporan, operator, kecuali=(1, 3))

    with pytest.raises(TransisiDitolak) as galat:
        laporan_transisi(laporan=laporan, user=operator, aksi=AksiLaporan.AJUKAN)

    assert str(galat.value) == (
        "Laporan belum lengkap. Indikator yang belum diisi: 1.2 Persentase indikator uji 1.2; "
        "2.2 Persentase indikator uji 2.2. Isi realisasinya, atau tandai tidak dapat diukur "
        "dengan alasannya."
    )
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DRAF
    assert not RiwayatLaporan.objects.exists()


def test_ajukan_boleh_bila_yang_kosong_ditandai_tidak_terukur(laporan, operator):
    laporan = _isi(laporan, operator, kecuali=(1,))
    tidak_terukur = _indikator(laporan)[1]
    laporan = realisasi_simpan(
        laporan=laporan,
        isian={
            tidak_terukur.pk: {"tidak_terukur": True, "alasan_tidak_terukur": "Survei ditunda."}
        },
        suntingan=laporan.suntingan,
        oleh=operator,
    )
    dibuka = laporan.suntingan

    laporan = laporan_transisi(laporan=laporan, user=operator, aksi=AksiLaporan.AJUKAN)

    assert laporan.status == StatusLaporan.DIAJUKAN
    assert laporan.suntingan == dibuka + 1  # an entry form opened before is refused
    langkah = RiwayatLaporan.objects.get()
    assert (langkah.aksi, langkah.dari_status, langkah.ke_status, langkah.oleh) == (
        AksiLaporan.AJUKAN,
        StatusLaporan.DRAF,
        StatusLaporan.DIAJUKAN,
        operator,
    )


def test_ajukan_ditolak_setelah_masa_ditutup(monkeypatch, pk_terbit, operator, admin_ri):
    jendela(admin_ri, tw=1, dibuka=(2024, 4, 1), ditutup=(2024, 4, 15))
    atur_waktu(monkeypatch, 2024, 4, 10, 9, 0)
    laporan = _isi(laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1), operator)
    atur_waktu(monkeypatch, 2024, 4, 16, 9, 0)

    with pytest.raises(TransisiDitolak, match="Masa pelaporan TW I 2024 ditutup pada 15 April"):
        laporan_transisi(laporan=laporan, user=operator, aksi=AksiLaporan.AJUKAN)

    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DRAF


# ---- who may do what --------------------------------------------------------------------

MATRIX = [
    (AksiLaporan.AJUKAN, StatusLaporan.DRAF, _operator, True),
    (AksiLaporan.AJUKAN, StatusLaporan.DRAF, _sekretaris, True),
    (AksiLaporan.AJUKAN, StatusLaporan.DRAF, _ketua, False),
    (AksiLaporan.AJUKAN, StatusLaporan.DRAF, _reviewer, False),
    (AksiLaporan.SETUJUI, StatusLaporan.DIAJUKAN, _sekretaris, True),
    (AksiLaporan.SETUJUI, StatusLaporan.DIAJUKAN, _ketua, True),
    (AksiLaporan.SETUJUI, StatusLaporan.DIAJUKAN, _operator, False),
    (AksiLaporan.SETUJUI, StatusLaporan.DIAJUKAN, _reviewer, False),
    (AksiLaporan.SETUJUI, StatusLaporan.DIAJUKAN, _ketua_lain, False),
    (AksiLaporan.KEMBALIKAN, StatusLaporan.DIAJUKAN, _ketua, True),
    (AksiLaporan.KEMBALIKAN, StatusLaporan.DIAJUKAN, _sekretaris, True),
    (AksiLaporan.KEMBALIKAN, StatusLaporan.DISETUJUI, _reviewer, True),
    (AksiLaporan.KEMBALIKAN, StatusLaporan.DIAJUKAN, _admin_ri, True),
    (AksiLaporan.KEMBALIKAN, StatusLaporan.DIAJUKAN, _operator, False),
    (AksiLaporan.KEMBALIKAN, StatusLaporan.DIAJUKAN, _reviewer_lain, False),
    (AksiLaporan.TANDAI_BUKTI, StatusLaporan.DIAJUKAN, _reviewer, True),
    (AksiLaporan.TANDAI_BUKTI, StatusLaporan.DISETUJUI, _admin_ri, True),
    (AksiLaporan.TANDAI_BUKTI, StatusLaporan.DIAJUKAN, _ketua, False),
    (AksiLaporan.TANDAI_BUKTI, StatusLaporan.DIAJUKAN, _reviewer_lain, False),
]


@pytest.mark.parametrize(("aksi", "status", "persona", "boleh"), MATRIX)
def test_siapa_boleh_apa(laporan, operator, aksi, status, persona, boleh):
    laporan = _ke(_isi(laporan, operator), status)
    user = persona(laporan.satker)

    assert (aksi in aksi_tersedia(user, laporan)) is boleh
    if boleh:
        hasil = laporan_transisi(laporan=laporan, user=user, aksi=aksi, catatan="Perbaiki.")
        assert RiwayatLaporan.objects.get().oleh == user
        assert hasil.status != status or aksi == AksiLaporan.TANDAI_BUKTI
    else:
        with pytest.raises(TidakBerhak):
            laporan_transisi(laporan=laporan, user=user, aksi=aksi, catatan="Perbaiki.")
        assert not RiwayatLaporan.objects.exists()


def test_langkah_pada_status_yang_salah_ditolak(laporan, operator):
    with pytest.raises(TransisiDitolak, match="Laporan berstatus draf"):
        laporan_transisi(laporan=laporan, user=_ketua(laporan.satker), aksi=AksiLaporan.SETUJUI)


def test_kembalikan_butuh_catatan_dan_menghapus_tanda_bukti(laporan, operator):
    laporan = _ke(_isi(laporan, operator), StatusLaporan.DIAJUKAN)
    reviewer = _reviewer(laporan.satker)
    laporan = laporan_transisi(laporan=laporan, user=reviewer, aksi=AksiLaporan.TANDAI_BUKTI)
    assert laporan.bukti_diperiksa_oleh == reviewer
    assert laporan.bukti_diperiksa_pada is not None

    with pytest.raises(TransisiDitolak, match="Tulis catatan"):
        laporan_transisi(laporan=laporan, user=reviewer, aksi=AksiLaporan.KEMBALIKAN, catatan=" ")
    with pytest.raises(TransisiDitolak, match="sudah ditandai diperiksa oleh"):
        laporan_transisi(laporan=laporan, user=reviewer, aksi=AksiLaporan.TANDAI_BUKTI)
    laporan = laporan_transisi(
        laporan=laporan, user=reviewer, aksi=AksiLaporan.KEMBALIKAN, catatan="Bukti TW I kurang."
    )

    assert laporan.status == StatusLaporan.DRAF
    assert laporan.bukti_diperiksa_oleh is None
    assert laporan.bukti_diperiksa_pada is None
    assert [(r.aksi, r.catatan) for r in laporan.riwayat.all()] == [
        (AksiLaporan.TANDAI_BUKTI, ""),
        (AksiLaporan.KEMBALIKAN, "Bukti TW I kurang."),
    ]


def test_setiap_langkah_tercatat(laporan, operator):
    laporan = _isi(laporan, operator)
    ketua = _ketua(laporan.satker)
    reviewer = _reviewer(laporan.satker)
    for user, aksi, catatan in [
        (operator, AksiLaporan.AJUKAN, ""),
        (ketua, AksiLaporan.KEMBALIKAN, "Kendala belum diisi."),
        (operator, AksiLaporan.AJUKAN, ""),
        (ketua, AksiLaporan.SETUJUI, ""),
        (reviewer, AksiLaporan.TANDAI_BUKTI, ""),
    ]:
        laporan = laporan_transisi(laporan=laporan, user=user, aksi=aksi, catatan=catatan)

    assert [
        (r.aksi, r.dari_status, r.ke_status, r.oleh, r.catatan) for r in laporan.riwayat.all()
    ] == [
        ("AJUKAN", "DRAF", "DIAJUKAN", operator, ""),
        ("KEMBALIKAN", "DIAJUKAN", "DRAF", ketua, "Kendala belum diisi."),
        ("AJUKAN", "DRAF", "DIAJUKAN", operator, ""),
        ("SETUJUI", "DIAJUKAN", "DISETUJUI", ketua, ""),
        ("TANDAI_BUKTI", "DISETUJUI", "DISETUJUI", reviewer, ""),
    ]


# ---- reopening --------------------------------------------------------------------------


def test_buka_kembali_dengan_alasan_tercatat(monkeypatch, pk_terbit, operator, admin_ri):
    satker = pk_terbit.satker
    jendela(admin_ri, tw=1, dibuka=(2024, 4, 1), ditutup=(2024, 4, 15))
    atur_waktu(monkeypatch, 2024, 4, 20, 9, 0)
    reviewer = _reviewer(satker)

    with pytest.raises(TransisiDitolak, match="Tulis alasan"):
        laporan_buka_kembali(
            satker=satker, tahun=2024, tw=1, user=reviewer, alasan="", sampai=_tgl(4, 25)
        )
    with pytest.raises(TransisiDitolak, match="tidak boleh sebelum hari ini"):
        laporan_buka_kembali(
            satker=satker, tahun=2024, tw=1, user=reviewer, alasan="Susulan", sampai=_tgl(4, 19)
        )
    for bukan in (operator, _ketua(satker), _reviewer_lain(satker)):
        with pytest.raises(TidakBerhak):
            laporan_buka_kembali(
                satker=satker, tahun=2024, tw=1, user=bukan, alasan="Susulan", sampai=_tgl(4, 25)
            )
    assert not PembukaanKembali.objects.exists()

    laporan_buka_kembali(
        satker=satker,
        tahun=2024,
        tw=1,
        user=reviewer,
        alasan="Gangguan jaringan",
        sampai=_tgl(4, 25),
    )

    laporan = _isi(laporan_buka(satker=satker, tahun=2024, tw=1), operator)  # open again
    langkah = laporan.riwayat.get()
    assert (langkah.aksi, langkah.oleh, langkah.catatan) == (
        AksiLaporan.BUKA_KEMBALI,
        reviewer,
        "Gangguan jaringan (dibuka sampai 25 April 2024)",
    )
    laporan = laporan_transisi(laporan=laporan, user=operator, aksi=AksiLaporan.AJUKAN)
    assert laporan.status == StatusLaporan.DIAJUKAN


def test_buka_kembali_tanpa_masa_tidak_perlu(pk_terbit):
    reviewer = _reviewer(pk_terbit.satker)

    with pytest.raises(TransisiDitolak, match="Belum ada masa pelaporan TW I 2024"):
        laporan_buka_kembali(
            satker=pk_terbit.satker,
            tahun=2024,
            tw=1,
            user=reviewer,
            alasan="Susulan",
            sampai=datetime.date(2999, 1, 1),
        )


def _tgl(bulan, hari):
    return datetime.date(2024, bulan, hari)


# ---- the views --------------------------------------------------------------------------


def _url(laporan, aksi=None):
    args = [laporan.satker.kode, laporan.tahun, laporan.tw]
    if aksi is None:
        return reverse("pengukuran:alur", args=args)
    return reverse("pengukuran:alur-aksi", args=[*args, aksi])


def test_halaman_alur_menampilkan_status_tombol_dan_riwayat(client, laporan, operator):
    _isi(laporan, operator)
    client.force_login(operator)

    response = client.get(_url(laporan))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Alur laporan TW I 2024" in html
    assert "Ajukan laporan…" in html
    assert "Setujui…" not in html
    assert "Belum ada masa pelaporan yang ditetapkan" in html
    assert "Belum ada langkah alur laporan." in html


def test_langkah_tanpa_konfirmasi_tidak_mengubah_apa_pun(client, laporan, operator):
    _isi(laporan, operator)
    client.force_login(operator)

    response = client.post(_url(laporan, "ajukan"))

    assert response.status_code == 200
    assert "Belum ada yang berubah." in response.content.decode()
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DRAF


def test_ajukan_lewat_halaman_kembali_ke_asal(client, laporan, operator):
    _isi(laporan, operator)
    client.force_login(operator)

    response = client.post(
        _url(laporan, "ajukan"), {"konfirmasi": "1", "kembali": "/satker/kab-uji/"}
    )

    assert response.status_code == 302
    assert response.url == "/satker/kab-uji/"
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIAJUKAN


def test_kembali_ke_situs_lain_diabaikan(client, laporan, operator):
    _isi(laporan, operator)
    client.force_login(operator)

    response = client.post(
        _url(laporan, "ajukan"), {"konfirmasi": "1", "kembali": "https://jahat.example/"}
    )

    assert response.url == _url(laporan)


def test_ajukan_belum_lengkap_pesannya_ditampilkan(client, laporan, operator):
    client.force_login(operator)

    response = client.post(_url(laporan, "ajukan"), {"konfirmasi": "1"}, follow=True)

    assert "Laporan belum lengkap. Indikator yang belum diisi: 1.1" in response.content.decode()
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DRAF


def test_peran_yang_tidak_berhak_403(client, laporan, operator):
    _ke(_isi(laporan, operator), StatusLaporan.DIAJUKAN)
    client.force_login(operator)

    response = client.post(_url(laporan, "setujui"), {"konfirmasi": "1"})

    assert response.status_code == 403
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIAJUKAN


@pytest.mark.parametrize("aksi", ["kembalikan", "tandai-bukti", "buka-kembali"])
def test_reviewer_provinsi_lain_404(client, laporan, operator, aksi):
    _ke(_isi(laporan, operator), StatusLaporan.DIAJUKAN)
    client.force_login(ReviewerFactory())

    response = client.post(
        _url(laporan, aksi), {"konfirmasi": "1", "catatan": "x", "alasan": "x", "sampai": ""}
    )

    assert response.status_code == 404
    assert client.get(_url(laporan)).status_code == 404
    assert not RiwayatLaporan.objects.exists()


def test_kembalikan_tanpa_catatan_pesan_di_samping_kolom(client, laporan, operator):
    _ke(_isi(laporan, operator), StatusLaporan.DIAJUKAN)
    client.force_login(_ketua(laporan.satker))

    response = client.post(_url(laporan, "kembalikan"), {"konfirmasi": "1", "catatan": " "})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="invalid-feedback d-block">Tulis catatan yang menjelaskan' in html
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIAJUKAN


def test_kembalikan_oleh_reviewer_lewat_halaman(client, laporan, operator):
    _ke(_isi(laporan, operator), StatusLaporan.DIAJUKAN)
    client.force_login(_reviewer(laporan.satker))

    response = client.post(
        _url(laporan, "kembalikan"), {"konfirmasi": "1", "catatan": "Lampirkan bukti."}
    )

    assert response.status_code == 302
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DRAF
    assert laporan.riwayat.get().catatan == "Lampirkan bukti."


def test_langkah_hanya_post(client, laporan, operator):
    client.force_login(operator)

    assert client.get(_url(laporan, "ajukan")).status_code == 405


def test_aksi_tidak_dikenal_404(client, laporan, operator):
    client.force_login(operator)

    assert client.post(_url(laporan, "hapus"), {"konfirmasi": "1"}).status_code == 404


def test_buka_kembali_lewat_halaman(monkeypatch, client, pk_terbit, operator, admin_ri):
    jendela(admin_ri, tw=1, dibuka=(2024, 4, 1), ditutup=(2024, 4, 15))
    atur_waktu(monkeypatch, 2024, 4, 20, 9, 0)
    laporan = type("L", (), {"satker": pk_terbit.satker, "tahun": 2024, "tw": 1})
    client.force_login(_reviewer(pk_terbit.satker))

    kosong = client.post(_url(laporan, "buka-kembali"), {"alasan": "", "sampai": "25/04/2024"})
    lampau = client.post(
        _url(laporan, "buka-kembali"), {"alasan": "Susulan", "sampai": "2024-04-19"}
    )
    assert "Tulis alasan masa pelaporan dibuka kembali." in kosong.content.decode()
    assert "tidak boleh sebelum hari ini (20 April 2024)" in lampau.content.decode()
    assert not PembukaanKembali.objects.exists()

    response = client.post(
        _url(laporan, "buka-kembali"), {"alasan": "Gangguan jaringan", "sampai": "2024-04-25"}
    )

    assert response.status_code == 302
    assert PembukaanKembali.objects.get().sampai == _tgl(4, 25)
    halaman = client.get(_url(laporan)).content.decode()
    assert "Dibuka kembali sampai 25 April 2024" in halaman
    assert "Sisa 5 hari" in halaman
    assert "Masa pelaporan dibuka kembali" in halaman  # the history


def test_operator_tidak_boleh_buka_kembali(client, laporan, operator, admin_ri):
    jendela(admin_ri, tw=1)
    client.force_login(operator)

    response = client.post(
        _url(laporan, "buka-kembali"), {"alasan": "Susulan", "sampai": "2999-01-01"}
    )

    assert response.status_code == 403


def test_lencana_terlambat_dan_masa(monkeypatch, client, pk_terbit, operator, admin_ri):
    jendela(admin_ri, tw=1, dibuka=(2024, 4, 1), ditutup=(2024, 4, 15))
    atur_waktu(monkeypatch, 2024, 4, 15, 10, 0)
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    client.force_login(operator)
    hari_terakhir = client.get(_url(laporan)).content.decode()
    _isi(laporan, operator)
    atur_waktu(monkeypatch, 2024, 4, 16, 10, 0)

    html = client.get(_url(laporan)).content.decode()

    assert "Hari terakhir" in hari_terakhir
    assert "Ajukan laporan…" not in html  # closed: the reason instead of the button
    assert "Masa pelaporan: 1 April 2024 – 15 April 2024" in html
    assert 'id="lencana-terlambat-1">Terlambat' in html
    assert "Masa pelaporan TW I 2024 ditutup pada 15 April 2024." in html


def test_langkah_membaca_ulang_laporan_yang_terkunci(laporan, operator):
    # Two clicks from one stale page: the second sees the status as the lock found it.
    laporan = _isi(laporan, operator)
    basi = LaporanTriwulan.objects.get(pk=laporan.pk)
    laporan_transisi(laporan=basi, user=operator, aksi=AksiLaporan.AJUKAN)

    with pytest.raises(TransisiDitolak, match="Laporan berstatus diajukan"):
        laporan_transisi(laporan=basi, user=operator, aksi=AksiLaporan.AJUKAN)

    assert RiwayatLaporan.objects.count() == 1


def test_isian_yang_dibuka_sebelum_diajukan_ditolak(laporan, operator):
    laporan = _isi(laporan, operator)
    dibuka = laporan.suntingan
    laporan_transisi(laporan=laporan, user=operator, aksi=AksiLaporan.AJUKAN)

    with pytest.raises(LaporanTidakBisaDiubah, match="sudah diajukan atau disetujui"):
        realisasi_simpan(laporan=laporan, isian={}, suntingan=dibuka, oleh=operator)


def test_panel_dapat_disertakan_per_triwulan(rf, laporan, operator):
    # As the measurement page will: one panel per TW, under `alur`, one dialog per page.
    from django.template import Context, Template

    _isi(laporan, operator)
    request = rf.get("/pengukuran/uji/")
    request.user = operator
    halaman = Template(
        '{% include "pengukuran/_alur_laporan.html" with alur=tw1 %}'
        '{% include "pengukuran/_alur_laporan.html" with alur=tw2 tanpa_dialog=True %}'
    )
    from pengukuran.selectors_alur import konteks_alur

    konteks = {
        f"tw{tw}": konteks_alur(operator, laporan.satker, 2024, tw, kembali="/pengukuran/uji/")
        for tw in (1, 2)
    }

    html = halaman.render(Context(konteks | {"request": request}))

    assert 'id="alur-laporan-1"' in html
    assert 'id="alur-laporan-2"' in html
    assert html.count('id="dialog-konfirmasi"') == 1
    assert 'name="kembali" value="/pengukuran/uji/"' in html
    assert "Belum dibuat" in html  # TW II has no report yet


def test_konteks_panel_tiga_query(laporan, operator, django_assert_num_queries):
    from pengukuran.selectors_alur import konteks_alur

    laporan = _isi(laporan, operator)
    laporan_transisi(laporan=laporan, user=operator, aksi=AksiLaporan.AJUKAN)
    ketua = _ketua(laporan.satker)
    ketua.profil  # read with the user, as the authentication backend does  # noqa: B018

    # The report, the window (with its reopening), the history.
    with django_assert_num_queries(3):
        alur = konteks_alur(ketua, laporan.satker, 2024, 1)

    assert alur["aksi_tersedia"] == [AksiLaporan.SETUJUI, AksiLaporan.KEMBALIKAN]
    assert [r.aksi for r in alur["riwayat"]] == [AksiLaporan.AJUKAN]
