import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from satker.models import Jabatan, JenisTupoksi, Pejabat, Satker, Tupoksi
from satker.services import pejabat_buat, satker_profil_simpan
from tests.factories import (
    AdminRiFactory,
    KabKotaFactory,
    KetuaFactory,
    KetuaPenggunaFactory,
    OperatorFactory,
    RakFactory,
    ReviewerFactory,
    SekretarisFactory,
    isi_tupoksi,
)

JUMLAH_FUNGSI = 5


@pytest.fixture
def satker(db) -> Satker:
    """A Kab/Kota with tugas, fungsi, wewenang and kewajiban, a Ketua, and a Sekretaris who
    signs its RAK 2024."""
    satker = KabKotaFactory()
    isi_tupoksi(satker, tugas=3, fungsi=JUMLAH_FUNGSI, wewenang=2, kewajiban=2)
    KetuaFactory(satker=satker)
    RakFactory(satker=satker, tahun=2024, penandatangan=SekretarisFactory(satker=satker))
    return satker


@pytest.fixture
def sekretaris(satker) -> Pejabat:
    return satker.pejabat.get(jabatan=Jabatan.SEKRETARIS)


@pytest.fixture(name="nip_sekretaris")
def _nip_sekretaris(sekretaris) -> str:
    return sekretaris.nip


@pytest.fixture
def operator(satker):
    return OperatorFactory(satker=satker)


@pytest.fixture
def operator_lain(satker):
    """The operator of another Kab/Kota of the same provinsi."""
    return OperatorFactory(satker=KabKotaFactory(induk=satker.induk))


@pytest.fixture
def ketua(satker):
    return KetuaPenggunaFactory(satker=satker)


@pytest.fixture
def reviewer(satker):
    return ReviewerFactory(satker=satker.induk)


@pytest.fixture
def reviewer_lain(satker):
    """The reviewer of another provinsi."""
    return ReviewerFactory()


@pytest.fixture
def admin(db):
    return AdminRiFactory()


def _url(satker: Satker | str) -> str:
    return reverse("satker-profil", args=[getattr(satker, "kode", satker)])


def _tupoksi(satker: Satker) -> dict[str, list[str]]:
    return {
        jenis.value: list(
            satker.tupoksi.filter(jenis=jenis).order_by("urutan").values_list("teks", flat=True)
        )
        for jenis in JenisTupoksi
    }


def _pejabat(satker: Satker) -> list[tuple]:
    return list(
        satker.pejabat.order_by("pk").values_list(
            "pk", "nama", "nip", "jabatan", "status", "mulai_menjabat", "selesai_menjabat"
        )
    )


def _isian(satker: Satker) -> dict[str, str]:
    """What the page posts back when nothing is changed; the last official form is blank."""
    data = {jenis.lower(): "\n".join(teks) for jenis, teks in _tupoksi(satker).items()}
    daftar = list(satker.pejabat.menurut_jabatan())
    data |= {
        "pejabat-TOTAL_FORMS": str(len(daftar) + 1),
        "pejabat-INITIAL_FORMS": str(len(daftar)),
        "pejabat-MIN_NUM_FORMS": "0",
        "pejabat-MAX_NUM_FORMS": "1000",
    }
    for i, pejabat in enumerate(daftar):
        data |= {
            f"pejabat-{i}-id": str(pejabat.pk),
            f"pejabat-{i}-satker": str(satker.pk),
            f"pejabat-{i}-nama": pejabat.nama,
            f"pejabat-{i}-nip": pejabat.nip,
            f"pejabat-{i}-jabatan": pejabat.jabatan,
            f"pejabat-{i}-status": pejabat.status,
            f"pejabat-{i}-sebutan_jabatan": pejabat.sebutan_jabatan,
            f"pejabat-{i}-mulai_menjabat": str(pejabat.mulai_menjabat or ""),
            f"pejabat-{i}-selesai_menjabat": str(pejabat.selesai_menjabat or ""),
        }
    # A select always sends its value, so the blank form carries the default status.
    data[f"pejabat-{len(daftar)}-status"] = "DEFINITIF"
    return data


def _indeks(data: dict[str, str], nip: str) -> int:
    """The form index of the official with `nip` in the data from `_isian`."""
    return next(
        int(key.split("-")[1])
        for key, value in data.items()
        if key.endswith("-nip") and value == nip
    )


@pytest.mark.django_db
class TestSatkerProfilSimpan:
    def test_it_replaces_each_list_in_order_and_saves_officials(self, satker, sekretaris, admin):
        fungsi = _tupoksi(satker)["FUNGSI"]
        sekretaris.mulai_menjabat = datetime.date(2023, 1, 2)
        baru = Pejabat(
            satker=satker,
            nama="SITI AMINAH, S.Sos",
            jabatan=Jabatan.ANGGOTA,
            sebutan_jabatan=f"Anggota {satker.nama_lengkap}",
        )

        satker_profil_simpan(
            satker=satker,
            oleh=admin,
            tupoksi={JenisTupoksi.TUGAS: ["Kedua", "Pertama"], JenisTupoksi.WEWENANG: ["W"]},
            pejabat_disimpan=[sekretaris, baru],
        )

        tupoksi = _tupoksi(satker)
        assert tupoksi["TUGAS"] == ["Kedua", "Pertama"]
        assert tupoksi["WEWENANG"] == ["W"]
        assert tupoksi["FUNGSI"] == fungsi  # kinds not passed are kept
        assert len(fungsi) == JUMLAH_FUNGSI
        sekretaris.refresh_from_db()
        assert sekretaris.mulai_menjabat == datetime.date(2023, 1, 2)
        assert satker.pejabat.filter(nama="SITI AMINAH, S.Sos").exists()

    def test_it_writes_nothing_when_an_official_is_invalid(self, satker, admin):
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        ketua = satker.pejabat.get(jabatan=Jabatan.KETUA)
        ketua.nip = "123"

        with pytest.raises(ValidationError, match="18 digit"):
            satker_profil_simpan(
                satker=satker,
                oleh=admin,
                tupoksi={JenisTupoksi.TUGAS: ["Baru"]},
                pejabat_disimpan=[ketua],
            )

        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat

    def test_it_refuses_to_delete_an_official_who_signs_a_document(self, satker, sekretaris, admin):
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)

        with pytest.raises(ValidationError, match="menandatangani dokumen RAK 2024"):
            satker_profil_simpan(
                satker=satker,
                oleh=admin,
                tupoksi={JenisTupoksi.TUGAS: ["Baru"]},
                pejabat_dihapus=[sekretaris],
            )

        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat

    def test_it_deletes_an_official_who_signs_nothing(self, satker, admin):
        anggota = pejabat_buat(
            satker=satker, nama="BUDI", jabatan=Jabatan.ANGGOTA, sebutan_jabatan="Anggota"
        )

        satker_profil_simpan(satker=satker, oleh=admin, tupoksi={}, pejabat_dihapus=[anggota])

        assert not Pejabat.objects.filter(pk=anggota.pk).exists()


@pytest.mark.django_db
class TestSatkerProfilAkses:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("operator", 200),
            ("operator_lain", 404),
            ("ketua", 403),
            ("reviewer", 403),
            ("reviewer_lain", 404),
            ("admin", 200),
        ],
    )
    def test_get_answers_by_role(self, client, request, satker, persona, status):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(_url(satker)).status_code == status

    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("operator", 302),
            ("operator_lain", 404),
            ("ketua", 403),
            ("reviewer", 403),
            ("reviewer_lain", 404),
            ("admin", 302),
        ],
    )
    def test_post_answers_by_role_and_only_writers_change_anything(
        self, client, request, satker, persona, status
    ):
        data = _isian(satker) | {"tugas": "Tugas yang baru"}
        client.force_login(request.getfixturevalue(persona))

        response = client.post(_url(satker), data)

        assert response.status_code == status
        tugas = _tupoksi(satker)["TUGAS"]
        assert (tugas == ["Tugas yang baru"]) == (status == 302)

    def test_it_requires_login(self, client, satker):
        response = client.get(_url(satker))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_an_unknown_satker_is_not_found(self, client, admin):
        client.force_login(admin)
        assert client.get(_url("kab-tidak-ada")).status_code == 404

    def test_other_methods_are_not_allowed(self, client, satker, operator):
        client.force_login(operator)
        assert client.put(_url(satker)).status_code == 405

    def test_a_post_without_the_csrf_token_is_refused(self, satker, operator):
        from django.test import Client

        tugas = _tupoksi(satker)["TUGAS"]
        client = Client(enforce_csrf_checks=True)
        client.force_login(operator)
        response = client.post(_url(satker), _isian(satker) | {"tugas": "Tanpa token"})
        assert response.status_code == 403
        assert _tupoksi(satker)["TUGAS"] == tugas

    @pytest.mark.parametrize(
        ("persona", "tampil"),
        [
            ("operator", True),
            ("admin", True),
            ("ketua", False),
            ("reviewer", False),
        ],
    )
    def test_the_satker_page_offers_the_edit_button_only_to_writers(
        self, client, request, satker, persona, tampil
    ):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(reverse("satker-detail", args=[satker.kode]))
        assert response.status_code == 200
        html = response.content.decode()
        assert ("Ubah profil" in html) == tampil
        assert (_url(satker) in html) == tampil


@pytest.mark.django_db
class TestSatkerProfilForm:
    @pytest.fixture(autouse=True)
    def _masuk(self, client, operator):
        client.force_login(operator)

    def test_the_form_is_prefilled_one_item_per_line_with_breadcrumbs(
        self, client, satker, sekretaris
    ):
        response = client.get(_url(satker))
        form = response.context["form"]
        fungsi = form["fungsi"].value().split("\n")
        assert fungsi == _tupoksi(satker)["FUNGSI"]
        assert len(fungsi) == JUMLAH_FUNGSI
        assert fungsi[1] == f"Fungsi uji 2 {satker.nama}."
        assert len(response.context["formset"].forms) == 3  # Ketua, Sekretaris, one blank
        html = response.content.decode()
        assert 'class="breadcrumb"' in html
        assert sekretaris.nama in html
        assert 'placeholder="hh/bb/tttt"' in html

    def test_saving_replaces_the_lists_ignores_blank_lines_and_redirects_with_a_message(
        self, client, satker
    ):
        fungsi = _tupoksi(satker)["FUNGSI"]
        data = _isian(satker) | {
            "tugas": "  Satu  \r\n\r\n   \r\nDua\r\n",
            "wewenang": "Menetapkan jadwal",
            "kewajiban": "",
        }

        response = client.post(_url(satker), data, follow=True)

        assert response.redirect_chain == [(reverse("satker-detail", args=[satker.kode]), 302)]
        assert [str(m) for m in response.context["messages"]] == ["Profil satker disimpan."]
        tupoksi = _tupoksi(satker)
        assert tupoksi["TUGAS"] == ["Satu", "Dua"]
        assert tupoksi["WEWENANG"] == ["Menetapkan jadwal"]
        assert tupoksi["KEWAJIBAN"] == []
        assert tupoksi["FUNGSI"] == fungsi
        assert len(fungsi) == JUMLAH_FUNGSI

    def test_an_unchanged_post_changes_nothing(self, client, satker):
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        assert all(tupoksi.values())  # every kind has items, so keeping them means something

        response = client.post(_url(satker), _isian(satker))

        assert response.status_code == 302
        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat

    def test_an_official_is_added_changed_and_deleted(self, client, satker, nip_sekretaris):
        anggota = pejabat_buat(
            satker=satker, nama="BUDI", jabatan=Jabatan.ANGGOTA, sebutan_jabatan="Anggota"
        )
        data = _isian(satker)
        i_anggota = next(k for k, v in data.items() if v == str(anggota.pk)).split("-")[1]
        i_sekretaris = _indeks(data, nip_sekretaris)
        i_baru = int(data["pejabat-TOTAL_FORMS"]) - 1
        data |= {
            f"pejabat-{i_anggota}-DELETE": "on",
            f"pejabat-{i_sekretaris}-status": "PLT",
            f"pejabat-{i_sekretaris}-mulai_menjabat": "2023-05-02",
            f"pejabat-{i_baru}-nama": "SITI AMINAH, S.Sos",
            f"pejabat-{i_baru}-nip": "199001012015032001",
            f"pejabat-{i_baru}-jabatan": "KASUBBAG",
            f"pejabat-{i_baru}-sebutan_jabatan": "Kepala Subbagian Keuangan",
        }

        response = client.post(_url(satker), data)

        assert response.status_code == 302
        assert not Pejabat.objects.filter(pk=anggota.pk).exists()
        sekretaris = satker.pejabat.get(nip=nip_sekretaris)
        assert sekretaris.status == "PLT"
        assert sekretaris.mulai_menjabat == datetime.date(2023, 5, 2)
        baru = satker.pejabat.get(nama="SITI AMINAH, S.Sos")
        assert baru.nip == "199001012015032001"
        assert baru.jabatan == Jabatan.KASUBBAG

    def test_the_saved_start_date_shows_in_the_date_input(self, client, satker, nip_sekretaris):
        satker.pejabat.filter(nip=nip_sekretaris).update(mulai_menjabat=datetime.date(2023, 5, 2))
        html = client.get(_url(satker)).content.decode()
        assert 'name="pejabat-1-mulai_menjabat" value="02/05/2023"' in html

    @pytest.mark.parametrize("ditulis", ["02/05/2023", "2 Mei 2023", "2023-05-02", "02-05-2023"])
    def test_a_date_is_read_as_people_write_it(self, client, satker, nip_sekretaris, ditulis):
        data = _isian(satker)
        i = _indeks(data, nip_sekretaris)
        data[f"pejabat-{i}-mulai_menjabat"] = ditulis
        assert client.post(_url(satker), data).status_code == 302
        assert satker.pejabat.get(nip=nip_sekretaris).mulai_menjabat == datetime.date(2023, 5, 2)

    def test_an_unreadable_date_is_an_indonesian_error_beside_the_field(
        self, client, satker, nip_sekretaris
    ):
        data = _isian(satker)
        i = _indeks(data, nip_sekretaris)
        data[f"pejabat-{i}-mulai_menjabat"] = "awal Mei 2023"
        html = client.post(_url(satker), data).content.decode()
        assert "Tulis tanggal seperti 26/01/2024 atau 26 Januari 2024." in html

    @pytest.mark.parametrize("nip", ["123", "12345678901234567X"])
    def test_a_nip_that_is_not_18_digits_is_an_error_beside_the_field(
        self, client, satker, nip_sekretaris, nip
    ):
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        data = _isian(satker)
        i = _indeks(data, nip_sekretaris)
        data[f"pejabat-{i}-nip"] = nip

        response = client.post(_url(satker), data)

        assert response.status_code == 200
        form = response.context["formset"].forms[i]
        assert form.errors["nip"] == ["NIP harus terdiri dari 18 digit angka."]
        assert f'id="error_1_id_pejabat-{i}-nip"' in response.content.decode()
        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat

    def test_a_term_ending_before_it_starts_is_an_error_beside_the_end(
        self, client, satker, nip_sekretaris
    ):
        pejabat = _pejabat(satker)
        data = _isian(satker)
        i = _indeks(data, nip_sekretaris)
        data |= {
            f"pejabat-{i}-mulai_menjabat": "2024-01-10",
            f"pejabat-{i}-selesai_menjabat": "2024-01-09",
        }

        response = client.post(_url(satker), data)

        assert response.status_code == 200
        form = response.context["formset"].forms[i]
        assert form.errors["selesai_menjabat"] == [
            "Akhir masa jabatan tidak boleh sebelum awalnya."
        ]
        assert not form.non_field_errors()
        assert _pejabat(satker) == pejabat

    def test_an_item_of_2001_characters_is_an_error_and_2000_is_accepted(self, client, satker):
        tupoksi = _tupoksi(satker)
        data = _isian(satker) | {"tugas": "Pendek\n" + "a" * 2001}

        response = client.post(_url(satker), data)

        assert response.status_code == 200
        assert response.context["form"].errors["tugas"] == [
            "Butir ke-2 terlalu panjang (2.001 karakter); paling banyak 2.000 karakter per butir."
        ]
        assert _tupoksi(satker) == tupoksi

        data["tugas"] = "a" * 2000
        assert client.post(_url(satker), data).status_code == 302
        assert _tupoksi(satker)["TUGAS"] == ["a" * 2000]

    def test_more_than_100_items_in_a_list_is_an_error(self, client, satker):
        fungsi = _tupoksi(satker)["FUNGSI"]
        data = _isian(satker) | {"fungsi": "\n".join(f"Butir {n}" for n in range(101))}

        response = client.post(_url(satker), data)

        assert response.status_code == 200
        assert response.context["form"].errors["fungsi"] == [
            "Terlalu banyak butir (101); paling banyak 100 butir."
        ]
        assert _tupoksi(satker)["FUNGSI"] == fungsi
        assert len(fungsi) == JUMLAH_FUNGSI

    def test_a_script_tag_is_stored_as_typed_and_shown_escaped(self, client, satker):
        teks = '<script>alert("x")</script>'
        response = client.post(_url(satker), _isian(satker) | {"tugas": teks})
        assert response.status_code == 302
        assert _tupoksi(satker)["TUGAS"] == [teks]

        html = client.get(reverse("satker-detail", args=[satker.kode])).content.decode()
        assert teks not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html

    def test_deleting_the_sekretaris_who_signs_the_rak_is_a_form_error(
        self, client, satker, sekretaris, nip_sekretaris
    ):
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        data = _isian(satker) | {"tugas": "Tugas yang baru"}
        i = _indeks(data, nip_sekretaris)
        data[f"pejabat-{i}-DELETE"] = "on"

        response = client.post(_url(satker), data)

        assert response.status_code == 200
        formset = response.context["formset"]
        assert formset.forms[i].non_field_errors() == [
            f"{sekretaris.nama} tidak dapat dihapus karena menandatangani dokumen "
            "RAK 2024. Ganti penandatangan dokumen tersebut lebih dahulu."
        ]
        assert formset.non_form_errors() == [
            "Ada pejabat yang tidak dapat dihapus; lihat keterangan pada barisnya."
        ]
        assert "menandatangani dokumen RAK 2024" in response.content.decode()
        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat

    def test_a_refused_delete_is_reported_even_when_another_row_has_an_error(
        self, client, satker, nip_sekretaris
    ):
        pejabat = _pejabat(satker)
        data = _isian(satker)
        i_sekretaris = _indeks(data, nip_sekretaris)
        i_ketua = 1 - i_sekretaris
        data |= {
            f"pejabat-{i_sekretaris}-DELETE": "on",
            f"pejabat-{i_ketua}-nip": "123",
        }

        response = client.post(_url(satker), data)

        assert response.status_code == 200
        formset = response.context["formset"]
        assert formset.forms[i_ketua].errors["nip"] == ["NIP harus terdiri dari 18 digit angka."]
        assert (
            "menandatangani dokumen RAK 2024" in formset.forms[i_sekretaris].non_field_errors()[0]
        )
        assert _pejabat(satker) == pejabat

    def test_one_invalid_official_writes_no_tupoksi_change_and_keeps_the_input(
        self, client, satker, nip_sekretaris
    ):
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        data = _isian(satker) | {"tugas": "Tugas yang baru", "wewenang": "Wewenang baru"}
        i = _indeks(data, nip_sekretaris)
        data |= {f"pejabat-{i}-nip": "123", f"pejabat-{i}-nama": "NAMA BARU"}

        response = client.post(_url(satker), data)

        assert response.status_code == 200
        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat
        assert not Tupoksi.objects.filter(teks="Wewenang baru").exists()
        html = response.content.decode()
        assert "Tugas yang baru" in html
        assert 'value="NAMA BARU"' in html
        assert "Belum ada yang disimpan" in html

    def test_a_signature_added_after_validation_still_ends_in_a_form_error(
        self, client, satker, nip_sekretaris, monkeypatch
    ):
        # Someone makes the official a signer between the form check and the save.
        monkeypatch.setattr("satker.forms.pejabat_pastikan_boleh_dihapus", lambda **_: None)
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        data = _isian(satker) | {"tugas": "Tugas yang baru"}
        data[f"pejabat-{_indeks(data, nip_sekretaris)}-DELETE"] = "on"

        response = client.post(_url(satker), data)

        assert response.status_code == 200
        assert "menandatangani dokumen RAK 2024" in response.content.decode()
        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat
