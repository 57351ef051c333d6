"""The measurement pages: a satker's year (indicators × TW I–IV) and one quarter's form.

Access by the one rule (another satker's page is a 404, a reviewer reads, the anonymous log
in); each bad entry refused beside its field with the input kept and nothing saved; a save
made since the page was opened refused with the input kept; a constant number of queries.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from dokumen.models import StatusDokumen
from pengukuran.models import LaporanTriwulan, Realisasi, StatusLaporan
from pengukuran.services import laporan_buka, realisasi_simpan
from perjanjian_kinerja.models import IndikatorPk
from satker.models import Peran
from tests.factories import PkFactory, ReviewerFactory, akun_satker, sasaran_pk

pytestmark = pytest.mark.django_db


def _indikator(pk):
    return list(
        IndikatorPk.objects.filter(sasaran__dokumen=pk).order_by("sasaran__urutan", "urutan")
    )


def _url_tahun(pk):
    return reverse("pengukuran:tahun", args=[pk.satker.kode, pk.tahun])


def _url_tw(pk, tw=1):
    return reverse("pengukuran:triwulan", args=[pk.satker.kode, pk.tahun, tw])


def _simpan(pk, tw, isian, oleh):
    laporan = laporan_buka(satker=pk.satker, tahun=pk.tahun, tw=tw)
    return realisasi_simpan(laporan=laporan, isian=isian, suntingan=laporan.suntingan, oleh=oleh)


def _post(indikator, isian_per_indikator, suntingan=0):
    """The form's POST: every indicator's fields (empty unless given), the suntingan."""
    data = {"suntingan": str(suntingan)}
    for i in indikator:
        for kolom in ("nilai", "pembilang", "penyebut", "catatan", "kendala", "solusi"):
            data[f"{i.pk}-{kolom}"] = ""
        data[f"{i.pk}-alasan_tidak_terukur"] = ""
    for i, isian in isian_per_indikator.items():
        data |= {f"{i.pk}-{k}": v for k, v in isian.items()}
    return data


# -- the year page ---------------------------------------------------------------------------


def test_it_shows_target_realisasi_and_capaian_with_its_explanation(client, pk_terbit, operator):
    jumlah, persen, *_ = _indikator(pk_terbit)
    _simpan(
        pk_terbit,
        1,
        {jumlah.pk: {"nilai": D(3)}, persen.pk: {"pembilang": D(45), "penyebut": D(50)}},
        operator,
    )
    _simpan(pk_terbit, 2, {jumlah.pk: {"nilai": D(2)}}, operator)
    client.force_login(operator)

    response = client.get(_url_tahun(pk_terbit))

    assert response.status_code == 200
    html = response.content.decode()
    # Each capaian carries the engine's sentence on hover and for screen readers.
    tw2 = "Kumulatif TW I–II: 3 + 2 = 5; target TW II 6. Capaian = 5 ÷ 6 × 100 % = 83,33 %"
    assert f'title="{tw2}"' in html
    assert f"(Hampir tercapai). {tw2}</span>" in html
    assert 'data-kategori="Tercapai"' in html
    assert "--warna: #e0a800" in html  # "Hampir tercapai"'s colour
    # 45 of 50 entered as a fraction: the figure computed from it.
    baris = response.context["tabel"].sasaran[0].indikator
    assert baris[1].triwulan[0].realisasi_tertulis == "90"
    # The year (every quarter of 2024 has ended): the cumulative one waits for TW III and IV.
    assert baris[0].capaian_tahun.penjelasan in html
    assert "Realisasi TW III, TW IV belum diisi" in baris[0].capaian_tahun.penjelasan
    # One chart per indicator, rendered inline.
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="grafik-pengukuran"') == 4


def test_a_quarter_without_its_figure_shows_no_capaian_of_its_own(client, pk_terbit, operator):
    _, persen, *_ = _indikator(pk_terbit)
    _simpan(pk_terbit, 1, {persen.pk: {"nilai": D(92)}}, operator)
    client.force_login(operator)

    html = client.get(_url_tahun(pk_terbit)).content.decode()

    # TW I's 100 % is shown once in its cell and once as the year's, not in TW II–IV.
    assert html.count('title="Nilai TW I 92; target tahunan 92') == 2
    assert 'title="Realisasi TW II belum diisi."' in html


def test_without_a_published_pk_it_says_so_and_links_the_pk(client, pki_aktif):
    draf = PkFactory()
    operator = akun_satker(draf.satker, Peran.OPERATOR)
    client.force_login(operator)

    response = client.get(_url_tahun(draf))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Belum ada Perjanjian Kinerja 2024 yang terbit" in html
    assert reverse("dokumen:detail", args=[draf.pk]) in html
    assert "tabel-pengukuran" not in html


def test_the_year_chooser_goes_to_the_year_asked(client, pk_terbit, operator):
    client.force_login(operator)
    url = reverse("pengukuran:satker", args=[pk_terbit.satker.kode])

    response = client.get(url, {"tahun": "2024"})

    assert response.status_code == 302
    assert response.url == _url_tahun(pk_terbit)
    html = client.get(response.url).content.decode()
    assert '<option value="2024" selected>' in html


def test_the_nav_entry_opens_the_users_own_satker(client, pk_terbit, operator):
    client.force_login(operator)

    response = client.get(reverse("pengukuran:awal"))

    assert response.status_code == 302
    assert response.url.startswith(f"/pengukuran/{pk_terbit.satker.kode}/")


def test_the_satker_page_links_its_measurement(client, pk_terbit, operator):
    client.force_login(operator)

    html = client.get(reverse("satker-detail", args=[pk_terbit.satker.kode])).content.decode()

    assert reverse("pengukuran:satker", args=[pk_terbit.satker.kode]) in html


# -- access ----------------------------------------------------------------------------------


def test_it_sends_the_anonymous_to_log_in(client, pk_terbit):
    for url in (_url_tahun(pk_terbit), _url_tw(pk_terbit)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_another_satkers_pages_are_404(client, pk_terbit, operator_serang):
    client.force_login(operator_serang)
    jumlah, *_ = _indikator(pk_terbit)

    assert client.get(_url_tahun(pk_terbit)).status_code == 404
    assert client.get(_url_tw(pk_terbit)).status_code == 404
    response = client.post(_url_tw(pk_terbit), _post([jumlah], {jumlah: {"nilai": "3"}}))
    assert response.status_code == 404
    assert not Realisasi.objects.exists()


@pytest.mark.parametrize("peran", ["reviewer", "ketua"])
def test_a_reviewer_and_the_ketua_read_only(client, pk_terbit, operator, peran):
    jumlah, *_ = _indikator(pk_terbit)
    _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(3), "kendala": "Rapat tertunda"}}, operator)
    if peran == "reviewer":
        pembaca = ReviewerFactory(satker=pk_terbit.satker.induk)
    else:
        pembaca = akun_satker(pk_terbit.satker, Peran.KETUA)
    client.force_login(pembaca)

    tahun = client.get(_url_tahun(pk_terbit)).content.decode()
    halaman = client.get(_url_tw(pk_terbit))

    assert "Isi realisasi" not in tahun
    assert halaman.status_code == 200
    html = halaman.content.decode()
    assert 'id="form-realisasi"' not in html
    assert "Rapat tertunda" in html  # the quarter's notes are read there
    response = client.post(_url_tw(pk_terbit), _post([jumlah], {jumlah: {"nilai": "9"}}))
    assert response.status_code == 403
    assert Realisasi.objects.get().nilai == D(3)


# -- the quarter's form ----------------------------------------------------------------------


def test_a_get_opens_no_report(client, pk_terbit, operator):
    client.force_login(operator)

    response = client.get(_url_tw(pk_terbit))

    assert response.status_code == 200
    assert 'id="form-realisasi"' in response.content.decode()
    assert not LaporanTriwulan.objects.exists()


def test_it_saves_the_quarter(client, pk_terbit, operator):
    indikator = _indikator(pk_terbit)
    jumlah, persen = indikator[:2]
    client.force_login(operator)

    response = client.post(
        _url_tw(pk_terbit, 2),
        _post(
            indikator,
            {
                jumlah: {"nilai": "3", "kendala": "Rapat tertunda", "solusi": "Dijadwalkan ulang"},
                persen: {"pembilang": "1.234", "penyebut": "1.300"},
            },
        ),
    )

    assert response.status_code == 302
    assert response.url == _url_tw(pk_terbit, 2)  # its evidence and submission are next
    laporan = LaporanTriwulan.objects.get(satker=pk_terbit.satker, tw=2)
    assert laporan.suntingan == 1
    tersimpan = {r.indikator_id: r for r in laporan.realisasi.all()}
    assert set(tersimpan) == {jumlah.pk, persen.pk}  # the empty ones are not saved
    assert tersimpan[jumlah.pk].nilai == D(3)
    assert tersimpan[jumlah.pk].solusi == "Dijadwalkan ulang"
    assert tersimpan[jumlah.pk].diisi_oleh == operator
    assert (tersimpan[persen.pk].pembilang, tersimpan[persen.pk].penyebut) == (D(1234), D(1300))
    assert tersimpan[persen.pk].nilai == D("94.9231")


def test_the_form_shows_what_is_stored(client, pk_terbit, operator):
    jumlah, persen, *_ = _indikator(pk_terbit)
    _simpan(
        pk_terbit,
        1,
        {
            jumlah.pk: {"nilai": D("1234.5"), "catatan": "Catatan lama"},
            persen.pk: {"pembilang": D(45), "penyebut": D(50)},
        },
        operator,
    )
    client.force_login(operator)

    html = client.get(_url_tw(pk_terbit)).content.decode()

    assert f'name="{jumlah.pk}-nilai" value="1.234,5"' in html
    assert f'name="{persen.pk}-pembilang" value="45"' in html
    assert "Catatan lama" in html
    assert 'name="suntingan" value="1"' in html


def _pk_kualitatif():
    baris = sasaran_pk(jumlah=1, indikator=2)
    baris[0]["indikator"].append(
        {
            "indikator": "Opini BPK atas laporan keuangan",
            "satuan": "",
            "target": "WTP",
            "polaritas": "KUALITATIF",
            "skala": "OPINI_BPK",
            "agregasi": "TERAKHIR",
        }
    )
    return PkFactory(baris=baris, status=StatusDokumen.TERBIT)


@pytest.mark.parametrize(
    ("urutan", "isian", "kolom", "pesan", "tetap"),
    [
        (0, {"nilai": "tiga"}, "nilai", "Tulis realisasi sebagai angka", 'value="tiga"'),
        (0, {"nilai": "-1"}, "nilai", "Realisasi tidak boleh negatif.", 'value="-1"'),
        (0, {"nilai": "1,23456"}, "nilai", "4 angka di belakang koma", 'value="1,23456"'),
        (
            1,
            {"pembilang": "60", "penyebut": "50"},
            "pembilang",
            "Pembilang tidak boleh melebihi penyebut",
            'value="60"',
        ),
        (1, {"pembilang": "6"}, "penyebut", "Pembilang dan penyebut diisi bersama.", 'value="6"'),
        (
            1,
            {"nilai": "80", "pembilang": "45", "penyebut": "50"},
            "nilai",
            "Realisasi dihitung dari pembilang dan penyebut",
            'value="80"',
        ),
        (0, {"tidak_terukur": "on"}, "alasan_tidak_terukur", "Tuliskan alasan", "checked"),
        (2, {"nilai_skala": "XYZ"}, "nilai_skala", "“XYZ” tidak ada pada skala", "Opini BPK"),
    ],
)
def test_bad_input_is_refused_beside_its_field_with_the_input_kept(
    client, pki_aktif, urutan, isian, kolom, pesan, tetap
):
    pk = _pk_kualitatif()
    operator = akun_satker(pk.satker, Peran.OPERATOR)
    indikator = _indikator(pk)
    salah = indikator[urutan]
    benar = indikator[0] if urutan else indikator[2]
    isi_benar = {"nilai": "3", "catatan": "Ini benar"} if urutan else {"nilai_skala": "WTP"}
    client.force_login(operator)

    response = client.post(_url_tw(pk), _post(indikator, {benar: isi_benar, salah: isian}))

    assert response.status_code == 400
    form = {f.indikator.pk: f for f in response.context["isian"].form}[salah.pk]
    assert pesan in form.errors[kolom][0]
    html = response.content.decode()
    # Beside the field: in the indicator's own fieldset, and the input kept there.
    awal = html.index(f'data-indikator="{salah.pk}"')
    blok = html[awal : html.index("</fieldset>", awal)]
    assert pesan.replace("“", "&ldquo;")[:20] in blok or pesan[:20] in blok
    assert tetap in blok
    assert "Ini benar" in html or 'value="WTP" selected' in html  # the good entry kept too
    assert not Realisasi.objects.exists()  # nothing partly saved
    assert not LaporanTriwulan.objects.exists()


def test_a_save_made_since_the_page_opened_is_refused_with_the_input_kept(
    client, pk_terbit, operator
):
    indikator = _indikator(pk_terbit)
    jumlah = indikator[0]
    client.force_login(operator)
    dibuka = client.get(_url_tw(pk_terbit)).context["isian"].suntingan.initial["suntingan"]
    lain = akun_satker(pk_terbit.satker, Peran.SEKRETARIS)
    _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(2)}}, lain)  # someone else saves first

    response = client.post(
        _url_tw(pk_terbit), _post(indikator, {jumlah: {"nilai": "3"}}, suntingan=dibuka)
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "disimpan orang lain sejak halaman ini Anda buka" in html
    assert f'name="{jumlah.pk}-nilai" value="3"' in html  # the user's input kept
    assert "Tersimpan sekarang: realisasi <strong>2</strong>" in html  # beside what is stored
    assert html.count("small tersimpan-sekarang") == 1  # only where the two differ
    assert Realisasi.objects.get().nilai == D(2)  # the other save is not lost
    # Saving again, with both in view, is a deliberate choice: it goes through.
    assert 'name="suntingan" value="1"' in html
    response = client.post(
        _url_tw(pk_terbit), _post(indikator, {jumlah: {"nilai": "3"}}, suntingan=1)
    )
    assert response.status_code == 302
    assert Realisasi.objects.get().nilai == D(3)


def test_a_submitted_report_is_read_only(client, pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    laporan = _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(3)}}, operator)
    LaporanTriwulan.objects.filter(pk=laporan.pk).update(status=StatusLaporan.DIAJUKAN)
    client.force_login(operator)

    html = client.get(_url_tw(pk_terbit)).content.decode()
    response = client.post(
        _url_tw(pk_terbit), _post([jumlah], {jumlah: {"nilai": "9"}}, suntingan=1), follow=True
    )

    assert 'id="form-realisasi"' not in html
    assert "sudah diajukan" in html
    assert "tidak dapat diubah lagi" in response.content.decode()
    assert Realisasi.objects.get().nilai == D(3)


def test_an_unknown_quarter_or_year_is_404(client, pk_terbit, operator):
    client.force_login(operator)
    kode = pk_terbit.satker.kode

    assert client.get(f"/pengukuran/{kode}/2024/tw/5/").status_code == 404
    assert client.get(f"/pengukuran/{kode}/1800/").status_code == 404


# -- speed -----------------------------------------------------------------------------------


def _pk_dengan_realisasi(jumlah, indikator):
    baris = sasaran_pk(jumlah=jumlah, indikator=indikator)
    pk = PkFactory(baris=baris, status=StatusDokumen.TERBIT)
    operator = akun_satker(pk.satker, Peran.OPERATOR)
    for tw in (1, 2):
        _simpan(pk, tw, {i.pk: {"nilai": D(3), "kendala": "x"} for i in _indikator(pk)}, operator)
    return pk, operator


@pytest.mark.parametrize("halaman", ["tahun", "triwulan"])
def test_the_pages_take_as_many_queries_for_2_as_for_10_indicators(
    client, django_assert_num_queries, pki_aktif, halaman
):
    kecil, operator_kecil = _pk_dengan_realisasi(1, 2)
    besar, operator_besar = _pk_dengan_realisasi(2, 5)
    url = _url_tahun if halaman == "tahun" else _url_tw
    # The request's savepoint and its release, session, user with profile, satker, the
    # table's 6; on the year page the data's version (3, the cache key of its body) and the
    # years offered; on the quarter's the workflow panel's 3 (window, report, history), the
    # evidence files and the signed PDF's record.
    jumlah = {"tahun": 15, "triwulan": 16}[halaman]

    for pk, operator, banyak in ((kecil, operator_kecil, 2), (besar, operator_besar, 10)):
        client.force_login(operator)
        with django_assert_num_queries(jumlah):
            response = client.get(url(pk))
        assert response.status_code == 200
        assert response.context["tabel"].jumlah_indikator == banyak


def test_a_refusal_under_lock_lands_beside_its_field(pk_terbit):
    # What the service finds when saving (after the form's own checks) is placed the same way.
    from django.core.exceptions import ValidationError

    from pengukuran.forms import IsianTriwulan
    from pengukuran.selectors import tabel_pengukuran

    jumlah, *_ = _indikator(pk_terbit)
    indikator = _indikator(pk_terbit)
    tabel = tabel_pengukuran(pk_terbit.satker, 2024, sampai_tw=1)
    isian = IsianTriwulan(tabel, 1, _post(indikator, {jumlah: {"nilai": "3"}}))
    assert isian.is_valid()

    isian.galat_layanan(ValidationError({f"{jumlah.pk}-nilai": "Realisasi tidak boleh negatif."}))
    isian.galat_layanan(ValidationError("Belum ada Perjanjian Kinerja 2024 yang terbit."))

    form = isian.form[0]
    assert form.errors["nilai"] == ["Realisasi tidak boleh negatif."]
    assert isian.suntingan.non_field_errors() == ["Belum ada Perjanjian Kinerja 2024 yang terbit."]


def test_without_a_year_it_opens_the_latest_published_pk_not_an_empty_year(client, operator):
    # pk_terbit is of 2024; today is later, and this year has no PK yet.
    client.force_login(operator)
    kode = operator.profil.satker.kode

    dari_menu = client.get(reverse("pengukuran:awal"))
    dari_satker = client.get(reverse("pengukuran:satker", args=[kode]))

    assert dari_menu.url == reverse("pengukuran:tahun", args=[kode, 2024])
    assert dari_satker.url == reverse("pengukuran:tahun", args=[kode, 2024])


def test_this_years_published_pk_is_the_default_once_it_exists(client, pk_terbit, operator):
    from django.utils import timezone

    ini = timezone.localdate().year
    PkFactory(satker=pk_terbit.satker, tahun=ini, status=StatusDokumen.TERBIT)
    client.force_login(operator)

    response = client.get(reverse("pengukuran:awal"))

    assert response.url == reverse("pengukuran:tahun", args=[pk_terbit.satker.kode, ini])
