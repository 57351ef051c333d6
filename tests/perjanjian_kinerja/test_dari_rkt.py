"""Buat PK dari RKT: the service, the new-document page's button and the year table's."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dokumen.baris import data_baris, data_tambahan
from dokumen.models import Dokumen, JejakPerubahan
from perjanjian_kinerja.services import pk_dari_rkt, program_dari_iku
from satker.models import Jabatan
from tests.conftest import dokumen_seed
from tests.factories import (
    IkuFactory,
    KetuaPenggunaFactory,
    OperatorFactory,
    PkFactory,
    RktFactory,
    baris_iku,
    pejabat_satker,
)

pytestmark = pytest.mark.django_db


def test_it_copies_every_sasaran_indicator_and_target_remembering_each_rkt_row():
    rkt = RktFactory(tahun=2026)
    sekretaris = pejabat_satker(rkt.satker, Jabatan.SEKRETARIS)
    oleh = OperatorFactory(satker=rkt.satker)

    pk = pk_dari_rkt(satker=rkt.satker, tahun=2026, oleh=oleh)

    sumber, hasil = data_baris(rkt), data_baris(pk)
    assert [(s["nomor"], s["sasaran"]) for s in hasil] == [
        (s["nomor"], s["sasaran"]) for s in sumber
    ]
    pasangan = [
        (i, r)
        for s_pk, s_rkt in zip(hasil, sumber, strict=True)
        for i, r in zip(s_pk["indikator"], s_rkt["indikator"], strict=True)
    ]
    assert len(pasangan) == 4
    for indikator, asal in pasangan:
        assert indikator["asal_rkt"] == asal["kunci"]
        assert (indikator["indikator"], indikator["target"]) == (asal["indikator"], asal["target"])
        assert (indikator["polaritas"], indikator["agregasi"], indikator["satuan"]) == (
            "NAIK",
            "TERAKHIR",
            "%",
        )
    assert (pk.jenis, pk.tahun, pk.status, pk.tempat_ttd) == ("PK", 2026, "DRAF", rkt.tempat_ttd)
    assert pk.penandatangan == sekretaris
    assert pk.tanggal_ttd is None
    assert JejakPerubahan.objects.get(dokumen=pk).ringkasan.startswith("Dibuat dari RKT 2026.")


def test_it_reads_the_lebak_rkt_through_the_registry():
    rkt = dokumen_seed("kab-lebak", "RKT")
    Dokumen.objects.filter(satker=rkt.satker, jenis="PK").delete()

    pk = pk_dari_rkt(satker=rkt.satker, tahun=2024)

    indikator = [i for s in data_baris(pk) for i in s["indikator"]]
    assert len(data_baris(pk)) == 18
    assert len(indikator) == 22
    assert {i["satuan"] for i in indikator} == {"%", "Laporan", "kali"}
    assert data_tambahan(pk) == {"program": []}  # Lebak's IKU names no program


def test_the_programs_come_from_the_iku_of_the_year_without_anggaran():
    rkt = RktFactory(tahun=2026)
    baris = baris_iku(3)
    baris[0]["program"] = "PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]"
    baris[2]["program"] = (
        "PROGRAM PENYELENGGARAAN PEMILU DALAM PROSES KONSOLIDASI DEMOKRASI [076.01.CQ]"
    )
    IkuFactory(satker=rkt.satker, tahun=2026, baris=baris)

    pk = pk_dari_rkt(satker=rkt.satker, tahun=2026)

    program = [
        {k: p[k] for k in ("program", "kode", "anggaran")} for p in data_tambahan(pk)["program"]
    ]
    assert program == [
        {"program": "Program Dukungan Manajemen", "kode": "076.01.WA", "anggaran": None},
        {
            "program": "Program Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi",
            "kode": "076.01.CQ",
            "anggaran": None,
        },
    ]


def test_the_seed_iku_groups_give_the_two_kpu_programs_once_each():
    iku = dokumen_seed("kota-banjarbaru", "IKU")

    assert [(p["program"], p["kode"]) for p in program_dari_iku(iku)] == [
        ("Program Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi", "076.01.CQ"),
        ("Program Dukungan Manajemen", "076.01.WA"),
    ]


def test_it_refuses_without_an_rkt_of_that_year():
    rkt = RktFactory(tahun=2026)

    with pytest.raises(ValidationError) as galat:
        pk_dari_rkt(satker=rkt.satker, tahun=2027)

    assert galat.value.message_dict["tahun"] == [
        "Belum ada RKT 2027 di satker ini: buat RKT 2027 dahulu, lalu buat PK."
    ]
    assert not Dokumen.objects.filter(satker=rkt.satker, jenis="PK").exists()


def test_it_refuses_when_the_pk_of_that_year_exists():
    pk = PkFactory(tahun=2026)
    RktFactory(satker=pk.satker, tahun=2026)

    with pytest.raises(ValidationError) as galat:
        pk_dari_rkt(satker=pk.satker, tahun=2026)

    assert galat.value.message_dict["tahun"] == [
        "PK 2026 sudah ada di satker ini; buka dokumen itu untuk mengubahnya."
    ]
    assert Dokumen.objects.filter(satker=pk.satker, jenis="PK").count() == 1


class TestHalaman:
    def _url(self, satker) -> str:
        return reverse("dokumen:buat-dari", args=[satker.kode, "PK", "RKT"])

    def test_the_new_document_page_offers_the_years_with_an_rkt_and_no_pk(self, client):
        rkt = RktFactory(tahun=2026)
        RktFactory(satker=rkt.satker, tahun=2025)
        PkFactory(satker=rkt.satker, tahun=2025)
        client.force_login(OperatorFactory(satker=rkt.satker))

        response = client.get(reverse("dokumen:baru", args=[rkt.satker.kode]))

        pilihan = response.context["buat_dari"]
        assert [(p.jenis.kode, p.sumber.jenis, p.tahun) for p in pilihan] == [("PK", "RKT", [2026])]
        assert "Buat PK dari RKT" in response.content.decode()
        assert "Semakin tinggi semakin baik" in response.content.decode()

    def test_the_button_makes_the_draft_and_opens_its_editor(self, client):
        rkt = RktFactory(tahun=2026)
        client.force_login(OperatorFactory(satker=rkt.satker))

        response = client.post(self._url(rkt.satker), {"tahun": "2026"})

        pk = Dokumen.objects.get(satker=rkt.satker, jenis="PK", tahun=2026)
        assert response.status_code == 302
        assert response.url == reverse("dokumen:ubah", args=[pk.pk])
        assert len(data_baris(pk)) == 2

    def test_a_refusal_is_said_on_the_new_document_page(self, client):
        rkt = RktFactory(tahun=2026)
        client.force_login(OperatorFactory(satker=rkt.satker))

        response = client.post(self._url(rkt.satker), {"tahun": "2030"}, follow=True)

        assert "Belum ada RKT 2030 di satker ini" in response.content.decode()
        assert not Dokumen.objects.filter(satker=rkt.satker, jenis="PK").exists()

    def test_the_ketua_may_not_make_it_and_a_stranger_does_not_see_the_satker(self, client):
        rkt = RktFactory(tahun=2026)
        client.force_login(KetuaPenggunaFactory(satker=rkt.satker))
        assert client.post(self._url(rkt.satker), {"tahun": "2026"}).status_code == 403
        client.force_login(OperatorFactory())
        assert client.post(self._url(rkt.satker), {"tahun": "2026"}).status_code == 404
        assert not Dokumen.objects.filter(satker=rkt.satker, jenis="PK").exists()

    def test_get_is_not_allowed(self, client):
        rkt = RktFactory(tahun=2026)
        client.force_login(OperatorFactory(satker=rkt.satker))

        assert client.get(self._url(rkt.satker)).status_code == 405

    def test_the_year_table_offers_it_in_the_empty_pk_cell(self, client):
        rkt = RktFactory(tahun=2026)
        client.force_login(OperatorFactory(satker=rkt.satker))

        html = client.get(reverse("beranda")).content.decode()

        assert 'data-buat-dari="PK-2026"' in html
        assert 'data-buat-dari="RAK-2026"' not in html


class TestHalamanRkt:
    """The RKT's own page offers "Buat PK dari RKT ini", or links to the PK of its year."""

    def _html(self, client, dokumen) -> str:
        return client.get(reverse("dokumen:detail", args=[dokumen.pk])).content.decode()

    def test_it_offers_the_button_to_a_writer_when_no_pk_of_that_year_exists(self, client):
        rkt = RktFactory(tahun=2026)
        client.force_login(OperatorFactory(satker=rkt.satker))

        response = client.get(reverse("dokumen:detail", args=[rkt.pk]))

        [pilihan] = response.context["dibuat_dari"]
        assert (pilihan.jenis.kode, pilihan.cara.jenis, pilihan.dokumen) == ("PK", "RKT", None)
        html = response.content.decode()
        assert 'data-buat-dari-ini="PK"' in html
        assert "Buat PK dari RKT ini</button>" in html
        assert reverse("dokumen:buat-dari", args=[rkt.satker.kode, "PK", "RKT"]) in html

    def test_the_button_makes_the_pk_of_the_rkts_year(self, client):
        rkt = RktFactory(tahun=2026)
        client.force_login(OperatorFactory(satker=rkt.satker))
        halaman = reverse("dokumen:detail", args=[rkt.pk])

        response = client.post(
            reverse("dokumen:buat-dari", args=[rkt.satker.kode, "PK", "RKT"]),
            {"tahun": "2026", "kembali": halaman},
        )

        pk = Dokumen.objects.get(satker=rkt.satker, jenis="PK", tahun=2026)
        assert response.url == reverse("dokumen:ubah", args=[pk.pk])
        assert len(data_baris(pk)) == len(data_baris(rkt))

    def test_once_the_pk_exists_the_page_links_to_it_instead(self, client):
        rkt = RktFactory(tahun=2026)
        pk = PkFactory(satker=rkt.satker, tahun=2026)
        client.force_login(OperatorFactory(satker=rkt.satker))

        html = self._html(client, rkt)

        assert 'data-buat-dari-ini="PK"' not in html
        assert f'href="{reverse("dokumen:detail", args=[pk.pk])}">PK 2026</a>' in html

    def test_a_refusal_is_said_on_the_rkt_page(self, client):
        rkt = RktFactory(tahun=2026)
        client.force_login(OperatorFactory(satker=rkt.satker))
        halaman = reverse("dokumen:detail", args=[rkt.pk])
        PkFactory(satker=rkt.satker, tahun=2026)  # made meanwhile, in another tab

        response = client.post(
            reverse("dokumen:buat-dari", args=[rkt.satker.kode, "PK", "RKT"]),
            {"tahun": "2026", "kembali": halaman},
        )

        assert response.url == halaman
        assert "PK 2026 sudah ada di satker ini" in self._html(client, rkt)

    def test_kembali_outside_the_site_falls_back_to_the_new_document_page(self, client):
        rkt = RktFactory(tahun=2026)
        client.force_login(OperatorFactory(satker=rkt.satker))

        response = client.post(
            reverse("dokumen:buat-dari", args=[rkt.satker.kode, "PK", "RKT"]),
            {"tahun": "2030", "kembali": "https://contoh.invalid/"},
        )

        assert response.url == reverse("dokumen:baru", args=[rkt.satker.kode])

    def test_who_may_not_write_sees_no_button(self, client):
        rkt = RktFactory(tahun=2026)
        client.force_login(KetuaPenggunaFactory(satker=rkt.satker))

        html = self._html(client, rkt)

        assert "Buat PK dari RKT ini" not in html
        assert 'id="dibuat-dari-pk"' not in html

    def test_an_older_rkt_version_offers_no_button_but_links_the_pk(self, client):
        lama = RktFactory(tahun=2026)
        RktFactory(satker=lama.satker, tahun=2026, versi=2, alasan_revisi="Revisi DIPA")
        client.force_login(OperatorFactory(satker=lama.satker))

        assert "Buat PK dari RKT ini" not in self._html(client, lama)
        pk = PkFactory(satker=lama.satker, tahun=2026)
        assert reverse("dokumen:detail", args=[pk.pk]) in self._html(client, lama)

    def test_a_type_nothing_is_made_from_offers_nothing(self, client, django_assert_num_queries):
        from dokumen.selectors import dibuat_dari_ini

        iku = IkuFactory(tahun=2026)

        with django_assert_num_queries(0):
            assert dibuat_dari_ini(iku) == []


class TestUkuranBawaan:
    """The polarity and aggregation a PK made from the RKT starts with, read from the target."""

    def test_lebaks_counts_are_cumulative_and_its_percentages_the_last_quarter(self):
        rkt = dokumen_seed("kab-lebak", "RKT")
        Dokumen.objects.filter(satker=rkt.satker, jenis="PK").delete()

        pk = pk_dari_rkt(satker=rkt.satker, tahun=2024)

        ukuran = {
            (i["target"], i["polaritas"], i["agregasi"])
            for s in data_baris(pk)
            for i in s["indikator"]
        }
        assert ukuran == {
            *((t, "NAIK", "TERAKHIR") for t in ("85%", "90%", "95%", "98%", "100%")),
            *((t, "NAIK", "KUMULATIF") for t in ("12 Laporan", "2 Laporan", "12 kali", "3 kali")),
        }
        # RKT #4, a "Persentase" indicator whose target counts reports, is counted as such;
        # RKT #18, done "dalam waktu 5 hari kerja" as a percentage, stays higher-is-better.
        [nomor_4] = [i for s in data_baris(pk) if s["nomor"] == "4" for i in s["indikator"]]
        assert (nomor_4["satuan"], nomor_4["agregasi"]) == ("Laporan", "KUMULATIF")

    @pytest.mark.parametrize(
        ("indikator", "target", "polaritas", "agregasi"),
        [
            ("Jumlah temuan BPK atas laporan keuangan", "0 temuan", "TURUN", "KUMULATIF"),
            ("Menurunnya jumlah pengaduan layanan informasi", "5 kali", "TURUN", "KUMULATIF"),
            ("Rata-rata waktu penyelesaian permohonan informasi", "3 hari", "TURUN", "TERAKHIR"),
            # DOMAIN.md §4: a percentage of decrease is higher-is-better.
            ("Persentase Penurunan Nilai Temuan", "25%", "NAIK", "TERAKHIR"),
            ("Menurunnya jumlah pengaduan", "10%", "NAIK", "TERAKHIR"),
            ("Jumlah Bimtek penyelesaian sengketa", "3 kali", "NAIK", "KUMULATIF"),
            ("Jumlah revisi rencana kerja", "12 kali", "NAIK", "KUMULATIF"),
            ("Indeks kepuasan layanan", "3,5", "NAIK", "TERAKHIR"),
            ("Nilai SAKIP", "70 poin", "NAIK", "TERAKHIR"),
            ("Jumlah dokumen teknis", "", "NAIK", "TERAKHIR"),
        ],
    )
    def test_the_default_of_an_indicator(self, indikator, target, polaritas, agregasi):
        from perjanjian_kinerja.services import ukuran_bawaan

        assert ukuran_bawaan(indikator, target) == {
            "polaritas": polaritas,
            "skala": "",
            "agregasi": agregasi,
        }

    @pytest.mark.parametrize(
        ("target", "skala"), [("WTP", "OPINI_BPK"), ("minimal B", "PREDIKAT"), ("BB", "PREDIKAT")]
    )
    def test_a_value_of_a_scale_is_qualitative_on_that_scale(self, target, skala):
        from perjanjian_kinerja.services import ukuran_bawaan

        assert ukuran_bawaan("Opini atau predikat", target) == {
            "polaritas": "KUALITATIF",
            "skala": skala,
            "agregasi": "TERAKHIR",
        }

    def test_every_default_is_saved_and_valid(self):
        rkt = RktFactory(
            tahun=2026,
            baris=[
                {
                    "nomor": "1",
                    "sasaran": "Meningkatnya akuntabilitas keuangan",
                    "indikator": [
                        {"indikator": "Opini BPK", "target": "WTP"},
                        {"indikator": "Jumlah temuan BPK", "target": "0 temuan"},
                        {"indikator": "Jumlah laporan keuangan", "target": "12 Laporan"},
                    ],
                }
            ],
        )

        pk = pk_dari_rkt(satker=rkt.satker, tahun=2026)

        [sasaran] = data_baris(pk)
        assert [(i["polaritas"], i["skala"], i["agregasi"]) for i in sasaran["indikator"]] == [
            ("KUALITATIF", "OPINI_BPK", "TERAKHIR"),
            ("TURUN", "", "KUMULATIF"),
            ("NAIK", "", "KUMULATIF"),
        ]
