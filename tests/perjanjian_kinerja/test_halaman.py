"""The PK's pages: the grouped editor with the measurement fields, the programs page of its
own, the document page, the admin."""

import re
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from dokumen.baris import data_baris, data_tambahan
from dokumen.konflik import baca_dasar, tanda_dasar
from dokumen.models import JejakPerubahan
from perjanjian_kinerja.models import PESAN_TARGET_WAJIB, IndikatorPk, NaskahPk, ProgramPk
from tests.conftest import dokumen_seed
from tests.dokumen.test_dokumen_ubah import form_data
from tests.factories import (
    AdminRiFactory,
    KetuaPenggunaFactory,
    OperatorFactory,
    PkFactory,
    ke_status,
)
from tests.test_jejak_admin import _isian

pytestmark = pytest.mark.django_db


@pytest.fixture
def pk():
    return PkFactory()


@pytest.fixture
def operator(client, pk):
    user = OperatorFactory(satker=pk.satker)
    client.force_login(user)
    return user


def _ubah(pk) -> str:
    return reverse("dokumen:ubah", args=[pk.pk])


def _program(pk) -> str:
    return reverse("dokumen:tambahan", args=[pk.pk, "program"])


class TestEditor:
    def test_it_saves_the_new_fields(self, client, operator, pk):
        data = form_data(pk)
        # The second indicator (first sasaran): a range, its quarters within it.
        data |= {
            "baris-1-polaritas": "RENTANG",
            "baris-1-batas_bawah": "90",
            "baris-1-batas_atas": "95,5",
            "baris-1-target_tw2": "92%",
            "baris-1-satuan": "persen",
        }

        response = client.post(_ubah(pk), data)

        assert response.status_code == 302
        indikator = IndikatorPk.objects.get(sasaran__dokumen=pk, sasaran__urutan=1, urutan=2)
        assert (indikator.polaritas, str(indikator.batas_bawah), str(indikator.batas_atas)) == (
            "RENTANG",
            "90.0000",
            "95.5000",
        )
        assert (indikator.target_tw2, str(indikator.target_tw2_nilai)) == ("92%", "92.0000")
        assert indikator.satuan == "persen"
        assert ProgramPk.objects.filter(dokumen=pk).count() == 2  # untouched by the editor

    def test_a_range_indicator_reopens_and_a_conflict_on_it_is_resolvable(
        self, client, operator, pk
    ):
        # The bounds are Decimals: the page signs the opening state with them (once a 500).
        data = form_data(pk) | {
            "baris-1-polaritas": "RENTANG",
            "baris-1-batas_bawah": "80",
            "baris-1-batas_atas": "90",
        }
        assert client.post(_ubah(pk), data).status_code == 302

        halaman = client.get(_ubah(pk))
        assert halaman.status_code == 200
        pk.refresh_from_db()
        dasar = baca_dasar(halaman.context["dasar"], pk, pk.suntingan)
        assert dasar == baca_dasar(tanda_dasar(pk, data_baris(pk)), pk, pk.suntingan)
        batas = [i["batas_bawah"] for s in dasar["baris"] for i in s["indikator"]]
        assert Decimal("80") in batas

        # Someone else saves in between; the stale save shows the conflict page, not a 500.
        lain = form_data(pk, tempat_ttd="Rangkasbitung")
        assert client.post(_ubah(pk), lain).status_code == 302
        basi = data | {"suntingan": str(pk.suntingan), "dasar": halaman.context["dasar"]}
        basi["tempat_ttd"] = "Lebak"
        response = client.post(_ubah(pk), basi)
        assert response.status_code == 200
        assert "baru saja diubah dan disimpan dari halaman lain" in response.content.decode()

    def test_an_indicator_without_a_target_is_refused_beside_it(self, client, operator, pk):
        sebelum = data_baris(pk)
        data = form_data(pk) | {f"baris-0-target{tw}": "" for tw in ("", "_tw1", "_tw2")}
        data |= {"baris-0-target_tw3": "", "baris-0-target_tw4": ""}

        response = client.post(_ubah(pk), data)

        assert response.status_code == 200
        form = response.context["editor"].baris.forms[0]
        assert form.errors["target"] == [PESAN_TARGET_WAJIB]
        assert data_baris(pk) == sebelum

    def test_the_ketua_cannot_be_chosen_as_pihak_pertama(self, client, operator, pk):
        ketua = pk.satker.pejabat.get(jabatan="KETUA")
        sebelum = pk.penandatangan_id

        response = client.post(_ubah(pk), form_data(pk) | {"penandatangan": str(ketua.pk)})

        assert response.status_code == 200
        assert response.context["kepala"].errors["penandatangan"] == [
            "Ketua menandatangani sebagai Pihak Kedua; pilih pejabat lain sebagai Pihak Pertama."
        ]
        pk.refresh_from_db()
        assert pk.penandatangan_id == sebelum

    def test_a_quarter_that_does_not_fit_is_refused_beside_it_and_nothing_is_saved(
        self, client, operator, pk
    ):
        sebelum = data_baris(pk)
        data = form_data(pk) | {"baris-0-target_tw3": "5"}  # cumulative 3/6/5/12

        response = client.post(_ubah(pk), data)

        assert response.status_code == 200
        form = response.context["editor"].baris.forms[0]
        assert form.errors["target_tw3"] == [
            "Target kumulatif tidak boleh turun dari triwulan ke triwulan."
        ]
        assert "Target kumulatif tidak boleh turun" in response.content.decode()
        pk.refresh_from_db()
        assert data_baris(pk) == sebelum

    def test_the_page_shows_the_measurement_in_one_column_and_links_the_programs(
        self, client, operator, pk
    ):
        html = client.get(_ubah(pk)).content.decode()

        assert html.count('<th scope="col" class="kolom-rincian">Pengukuran</th>') == 1
        assert 'name="baris-0-agregasi"' in html
        assert "Semakin rendah semakin baik" in html
        assert _program(pk) in html

    def test_the_rkt_origin_goes_through_the_page_unchanged(self, client, operator, pk):

        asal = uuid.uuid4()
        IndikatorPk.objects.filter(sasaran__dokumen=pk).update(asal_rkt=asal)

        client.post(_ubah(pk), form_data(pk, tempat_ttd="Rangkasbitung"))

        assert set(
            IndikatorPk.objects.filter(sasaran__dokumen=pk).values_list("asal_rkt", flat=True)
        ) == {asal}


def _data_program(pk, baris: list[dict], suntingan=None) -> dict[str, str]:
    data = {
        "suntingan": str(pk.suntingan if suntingan is None else suntingan),
        "baris-TOTAL_FORMS": str(len(baris)),
        "baris-INITIAL_FORMS": "0",
        "baris-MIN_NUM_FORMS": "0",
        "baris-MAX_NUM_FORMS": "500",
    }
    for i, row in enumerate(baris):
        data |= {f"baris-{i}-ORDER": str(i + 1)}
        data |= {f"baris-{i}-{k}": "" if v is None else str(v) for k, v in row.items()}
    return data


class TestHalamanProgram:
    def test_it_shows_the_programs_with_their_anggaran_as_written(self, client, operator, pk):
        response = client.get(_program(pk))

        assert response.status_code == 200
        html = response.content.decode()
        assert ">\nProgram uji 1</textarea>" in html
        assert 'value="1.000.000.000"' in html

    def test_it_saves_changes_by_key_with_the_audit_history(self, client, operator, pk):
        program = data_tambahan(pk)["program"]
        baris = [
            {
                "kunci": program[1]["kunci"],
                "program": "Program uji 2",
                "kode": "076.01.WA",
                "anggaran": "Rp8.170.412.000",
            },
            {
                "kunci": program[0]["kunci"],
                "program": "Program uji 1",
                "kode": "076.01.U1",
                "anggaran": "2.012.063.000",
            },
        ]

        response = client.post(_program(pk), _data_program(pk, baris))

        assert response.status_code == 302
        sesudah = data_tambahan(pk)["program"]
        assert [(p["kunci"], p["kode"], p["anggaran"]) for p in sesudah] == [
            (program[1]["kunci"], "076.01.WA", 8_170_412_000),
            (program[0]["kunci"], "076.01.U1", 2_012_063_000),
        ]
        jejak = JejakPerubahan.objects.filter(dokumen=pk).first()
        assert jejak.ringkasan == "Program dan anggaran. program: 2 diubah"
        assert jejak.oleh == operator
        pk.refresh_from_db()
        assert pk.suntingan == 2

    @pytest.mark.parametrize(
        ("anggaran", "pesan"),
        [
            ("delapan miliar", "Tulis anggaran sebagai angka rupiah, mis. 8.170.412.000."),
            ("-1.000", "Anggaran tidak boleh negatif."),
        ],
    )
    def test_a_bad_anggaran_is_refused_beside_it(self, client, operator, pk, anggaran, pesan):
        sebelum = data_tambahan(pk)

        response = client.post(
            _program(pk), _data_program(pk, [{"program": "Program uji", "anggaran": anggaran}])
        )

        assert response.status_code == 400
        assert response.context["formset"].forms[0].errors["anggaran"] == [pesan]
        assert data_tambahan(pk) == sebelum

    def test_a_save_made_since_the_page_opened_is_not_overwritten(self, client, operator, pk):
        lama = pk.suntingan
        client.post(_ubah(pk), form_data(pk, tempat_ttd="Kota Lain"))

        response = client.post(_program(pk), _data_program(pk, [], suntingan=lama))

        assert response.status_code == 409
        assert "disimpan lagi sejak halaman ini dibuka" in response.content.decode()
        assert ProgramPk.objects.filter(dokumen=pk).count() == 2

    def test_only_a_writer_of_the_satker_reaches_it_and_only_for_a_draft(self, client, pk):
        client.force_login(KetuaPenggunaFactory(satker=pk.satker))
        assert client.get(_program(pk)).status_code == 403
        client.force_login(OperatorFactory())
        assert client.get(_program(pk)).status_code == 404
        client.force_login(AdminRiFactory())
        assert client.get(_program(pk)).status_code == 200
        ke_status(pk, "DIAJUKAN")
        assert client.get(_program(pk)).status_code == 302

    def test_a_type_without_such_a_table_is_a_404(self, client, operator, pk):
        assert client.get(reverse("dokumen:tambahan", args=[pk.pk, "kegiatan"])).status_code == 404


class TestHalamanDokumen:
    def test_it_shows_both_tables_and_the_measurement(self, client, operator, pk):
        html = client.get(reverse("dokumen:detail", args=[pk.pk])).content.decode()

        assert 'id="tabel-pk"' in html
        assert 'id="tabel-program-pk"' in html
        assert "Program uji 2 [076.01.U2]" in html
        assert "3.000.000.000" in html  # the programs' total
        assert "Jumlah kumulatif" in html
        assert "Ubah program dan anggaran" in html

    def test_the_admin_shows_the_rows_and_the_programs(self, client, pk):
        client.force_login(AdminRiFactory(is_staff=True, is_superuser=True))

        html = client.get(reverse("admin:dokumen_dokumen_change", args=[pk.pk])).content.decode()

        assert "Perjanjian Kinerja (sasaran)" in html
        assert "Perjanjian Kinerja (program)" in html
        assert "Program uji 1" in html
        assert "Jumlah kumulatif" in html


class TestAdmin:
    def test_an_indicator_edited_in_the_admin_keeps_its_key_and_its_rules(self, client, pk):
        indikator = IndikatorPk.objects.get(sasaran__dokumen=pk, sasaran__urutan=1, urutan=1)
        client.force_login(AdminRiFactory())
        url = reverse("admin:perjanjian_kinerja_indikatorpk_change", args=[indikator.pk])

        salah = client.post(url, _isian(client, url) | {"target_tw4": "10"})
        benar = client.post(url, _isian(client, url) | {"target_tw3": "8"})

        assert salah.status_code == 200
        assert "Target kumulatif TW IV harus sama dengan target tahunan." in salah.content.decode()
        assert benar.status_code == 302
        diubah = IndikatorPk.objects.get(pk=indikator.pk)
        assert (diubah.kunci, diubah.target_tw3, str(diubah.target_tw3_nilai)) == (
            indikator.kunci,
            "8",
            "8.0000",
        )

    def test_the_admin_edits_a_satkers_paragraphs(self, client, pk):
        client.force_login(AdminRiFactory())
        url = reverse("admin:perjanjian_kinerja_naskahpk_add")

        assert client.get(url).status_code == 200
        response = client.post(
            url,
            {
                "satker": pk.satker.pk,
                "pembuka": "Pembuka satker.",
                "janji": "Janji satker.",
                "pengawasan": "Supervisi satker.",
            },
        )

        assert response.status_code == 302
        assert NaskahPk.objects.get(satker=pk.satker).janji == "Janji satker."


def test_the_document_page_prints_each_target_with_its_unit_once(client):
    pk = dokumen_seed("kab-lebak", "PK")
    client.force_login(OperatorFactory(satker=pk.satker))

    html = client.get(reverse("dokumen:detail", args=[pk.pk])).content.decode()

    sel = re.findall(r'<td class="text-center text-nowrap">([^<]*)</td>', html)
    assert "12 Laporan" in sel
    assert "100%" in sel
    assert not [s for s in sel if re.search(r"(Laporan|kali|%)\s*(Laporan|kali|%)", s)]
