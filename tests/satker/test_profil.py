import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from satker.models import Jabatan, JenisTupoksi, Pejabat, Satker, Tupoksi
from satker.services import pejabat_buat, satker_profil_simpan

LEBAK = "kab-lebak"
NIP_SEKRETARIS_LEBAK = "198301282009021004"


def _url(kode: str = LEBAK) -> str:
    return reverse("satker-profil", args=[kode])


def _lebak() -> Satker:
    return Satker.objects.get(kode=LEBAK)


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
    daftar = list(satker.pejabat.order_by("jabatan", "nama"))
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


def _admin():
    return get_user_model().objects.get(username="admin.ri")


@pytest.mark.django_db
class TestSatkerProfilSimpan:
    def test_it_replaces_each_list_in_order_and_saves_officials(self):
        satker = _lebak()
        sekretaris = satker.pejabat.get(jabatan=Jabatan.SEKRETARIS)
        sekretaris.mulai_menjabat = datetime.date(2023, 1, 2)
        baru = Pejabat(
            satker=satker,
            nama="SITI AMINAH, S.Sos",
            jabatan=Jabatan.ANGGOTA,
            sebutan_jabatan="Anggota KPU Kabupaten Lebak",
        )

        satker_profil_simpan(
            satker=satker,
            oleh=_admin(),
            tupoksi={JenisTupoksi.TUGAS: ["Kedua", "Pertama"], JenisTupoksi.WEWENANG: ["W"]},
            pejabat_disimpan=[sekretaris, baru],
        )

        tupoksi = _tupoksi(satker)
        assert tupoksi["TUGAS"] == ["Kedua", "Pertama"]
        assert tupoksi["WEWENANG"] == ["W"]
        assert len(tupoksi["FUNGSI"]) == 17  # kinds not passed are kept
        sekretaris.refresh_from_db()
        assert sekretaris.mulai_menjabat == datetime.date(2023, 1, 2)
        assert satker.pejabat.filter(nama="SITI AMINAH, S.Sos").exists()

    def test_it_writes_nothing_when_an_official_is_invalid(self):
        satker = _lebak()
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        ketua = satker.pejabat.get(jabatan=Jabatan.KETUA)
        ketua.nip = "123"

        with pytest.raises(ValidationError, match="18 digit"):
            satker_profil_simpan(
                satker=satker,
                oleh=_admin(),
                tupoksi={JenisTupoksi.TUGAS: ["Baru"]},
                pejabat_disimpan=[ketua],
            )

        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat

    def test_it_refuses_to_delete_an_official_who_signs_a_document(self):
        satker = _lebak()
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        sekretaris = satker.pejabat.get(jabatan=Jabatan.SEKRETARIS)

        with pytest.raises(ValidationError, match="menandatangani dokumen RAK 2024"):
            satker_profil_simpan(
                satker=satker,
                oleh=_admin(),
                tupoksi={JenisTupoksi.TUGAS: ["Baru"]},
                pejabat_dihapus=[sekretaris],
            )

        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat

    def test_it_deletes_an_official_who_signs_nothing(self):
        satker = _lebak()
        anggota = pejabat_buat(
            satker=satker, nama="BUDI", jabatan=Jabatan.ANGGOTA, sebutan_jabatan="Anggota"
        )

        satker_profil_simpan(satker=satker, oleh=_admin(), tupoksi={}, pejabat_dihapus=[anggota])

        assert not Pejabat.objects.filter(pk=anggota.pk).exists()


@pytest.mark.django_db
class TestSatkerProfilAkses:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("operator_lebak", 200),
            ("operator_serang", 404),
            ("ketua_lebak", 403),
            ("reviewer_banten", 403),
            ("reviewer_kaltim", 404),
            ("admin_ri", 200),
        ],
    )
    def test_get_answers_by_role(self, client, request, persona, status):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(_url()).status_code == status

    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("operator_lebak", 302),
            ("operator_serang", 404),
            ("ketua_lebak", 403),
            ("reviewer_banten", 403),
            ("reviewer_kaltim", 404),
            ("admin_ri", 302),
        ],
    )
    def test_post_answers_by_role_and_only_writers_change_anything(
        self, client, request, persona, status
    ):
        satker = _lebak()
        data = _isian(satker) | {"tugas": "Tugas yang baru"}
        client.force_login(request.getfixturevalue(persona))

        response = client.post(_url(), data)

        assert response.status_code == status
        tugas = _tupoksi(satker)["TUGAS"]
        assert (tugas == ["Tugas yang baru"]) == (status == 302)

    def test_it_requires_login(self, client):
        response = client.get(_url())
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_an_unknown_satker_is_not_found(self, client, admin_ri):
        client.force_login(admin_ri)
        assert client.get(_url("kab-tidak-ada")).status_code == 404

    def test_other_methods_are_not_allowed(self, client, operator_lebak):
        client.force_login(operator_lebak)
        assert client.put(_url()).status_code == 405

    def test_a_post_without_the_csrf_token_is_refused(self, operator_lebak):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(operator_lebak)
        response = client.post(_url(), _isian(_lebak()) | {"tugas": "Tanpa token"})
        assert response.status_code == 403
        assert _tupoksi(_lebak())["TUGAS"] != ["Tanpa token"]

    @pytest.mark.parametrize(
        ("persona", "tampil"),
        [
            ("operator_lebak", True),
            ("admin_ri", True),
            ("ketua_lebak", False),
            ("reviewer_banten", False),
        ],
    )
    def test_the_satker_page_offers_the_edit_button_only_to_writers(
        self, client, request, persona, tampil
    ):
        client.force_login(request.getfixturevalue(persona))
        html = client.get(reverse("satker-detail", args=[LEBAK])).content.decode()
        assert ("Ubah profil" in html) == tampil
        assert (_url() in html) == tampil


@pytest.mark.django_db
class TestSatkerProfilForm:
    @pytest.fixture(autouse=True)
    def _masuk(self, client, operator_lebak):
        client.force_login(operator_lebak)

    def test_the_form_is_prefilled_one_item_per_line_with_breadcrumbs(self, client):
        response = client.get(_url())
        form = response.context["form"]
        fungsi = form["fungsi"].value().split("\n")
        assert len(fungsi) == 17
        assert fungsi[1] == "Sebagai Penyelenggara pada Pemilihan Bupati dan Wakil Bupati Lebak."
        assert len(response.context["formset"].forms) == 3  # Ketua, Sekretaris, one blank
        html = response.content.decode()
        assert 'class="breadcrumb"' in html
        assert "RAHMAT SETIAWAN TONIDAYA" in html
        assert 'type="date"' in html

    def test_saving_replaces_the_lists_ignores_blank_lines_and_redirects_with_a_message(
        self, client
    ):
        data = _isian(_lebak()) | {
            "tugas": "  Satu  \r\n\r\n   \r\nDua\r\n",
            "wewenang": "Menetapkan jadwal",
            "kewajiban": "",
        }

        response = client.post(_url(), data, follow=True)

        assert response.redirect_chain == [(reverse("satker-detail", args=[LEBAK]), 302)]
        assert [str(m) for m in response.context["messages"]] == ["Profil satker disimpan."]
        tupoksi = _tupoksi(_lebak())
        assert tupoksi["TUGAS"] == ["Satu", "Dua"]
        assert tupoksi["WEWENANG"] == ["Menetapkan jadwal"]
        assert tupoksi["KEWAJIBAN"] == []
        assert len(tupoksi["FUNGSI"]) == 17

    def test_an_unchanged_post_changes_nothing(self, client):
        satker = _lebak()
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)

        response = client.post(_url(), _isian(satker))

        assert response.status_code == 302
        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat

    def test_an_official_is_added_changed_and_deleted(self, client):
        satker = _lebak()
        anggota = pejabat_buat(
            satker=satker, nama="BUDI", jabatan=Jabatan.ANGGOTA, sebutan_jabatan="Anggota"
        )
        data = _isian(satker)
        i_anggota = next(k for k, v in data.items() if v == str(anggota.pk)).split("-")[1]
        i_sekretaris = _indeks(data, NIP_SEKRETARIS_LEBAK)
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

        response = client.post(_url(), data)

        assert response.status_code == 302
        assert not Pejabat.objects.filter(pk=anggota.pk).exists()
        sekretaris = satker.pejabat.get(nip=NIP_SEKRETARIS_LEBAK)
        assert sekretaris.status == "PLT"
        assert sekretaris.mulai_menjabat == datetime.date(2023, 5, 2)
        baru = satker.pejabat.get(nama="SITI AMINAH, S.Sos")
        assert baru.nip == "199001012015032001"
        assert baru.jabatan == Jabatan.KASUBBAG

    def test_the_saved_start_date_shows_in_the_date_input(self, client):
        satker = _lebak()
        satker.pejabat.filter(nip=NIP_SEKRETARIS_LEBAK).update(
            mulai_menjabat=datetime.date(2023, 5, 2)
        )
        html = client.get(_url()).content.decode()
        assert 'type="date" name="pejabat-1-mulai_menjabat" value="2023-05-02"' in html

    @pytest.mark.parametrize("nip", ["123", "12345678901234567X"])
    def test_a_nip_that_is_not_18_digits_is_an_error_beside_the_field(self, client, nip):
        satker = _lebak()
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        data = _isian(satker)
        i = _indeks(data, NIP_SEKRETARIS_LEBAK)
        data[f"pejabat-{i}-nip"] = nip

        response = client.post(_url(), data)

        assert response.status_code == 200
        form = response.context["formset"].forms[i]
        assert form.errors["nip"] == ["NIP harus terdiri dari 18 digit angka."]
        assert f'id="error_1_id_pejabat-{i}-nip"' in response.content.decode()
        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat

    def test_a_term_ending_before_it_starts_is_an_error_beside_the_end(self, client):
        satker = _lebak()
        pejabat = _pejabat(satker)
        data = _isian(satker)
        i = _indeks(data, NIP_SEKRETARIS_LEBAK)
        data |= {
            f"pejabat-{i}-mulai_menjabat": "2024-01-10",
            f"pejabat-{i}-selesai_menjabat": "2024-01-09",
        }

        response = client.post(_url(), data)

        assert response.status_code == 200
        form = response.context["formset"].forms[i]
        assert form.errors["selesai_menjabat"] == [
            "Akhir masa jabatan tidak boleh sebelum awalnya."
        ]
        assert not form.non_field_errors()
        assert _pejabat(satker) == pejabat

    def test_an_item_of_2001_characters_is_an_error_and_2000_is_accepted(self, client):
        satker = _lebak()
        tupoksi = _tupoksi(satker)
        data = _isian(satker) | {"tugas": "Pendek\n" + "a" * 2001}

        response = client.post(_url(), data)

        assert response.status_code == 200
        assert response.context["form"].errors["tugas"] == [
            "Butir ke-2 terlalu panjang (2.001 karakter); paling banyak 2.000 karakter per butir."
        ]
        assert _tupoksi(satker) == tupoksi

        data["tugas"] = "a" * 2000
        assert client.post(_url(), data).status_code == 302
        assert _tupoksi(satker)["TUGAS"] == ["a" * 2000]

    def test_more_than_100_items_in_a_list_is_an_error(self, client):
        satker = _lebak()
        data = _isian(satker) | {"fungsi": "\n".join(f"Butir {n}" for n in range(101))}

        response = client.post(_url(), data)

        assert response.status_code == 200
        assert response.context["form"].errors["fungsi"] == [
            "Terlalu banyak butir (101); paling banyak 100 butir."
        ]
        assert len(_tupoksi(satker)["FUNGSI"]) == 17

    def test_a_script_tag_is_stored_as_typed_and_shown_escaped(self, client):
        teks = '<script>alert("x")</script>'
        response = client.post(_url(), _isian(_lebak()) | {"tugas": teks})
        assert response.status_code == 302
        assert _tupoksi(_lebak())["TUGAS"] == [teks]

        html = client.get(reverse("satker-detail", args=[LEBAK])).content.decode()
        assert teks not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html

    def test_deleting_the_sekretaris_who_signs_the_rak_is_a_form_error(self, client):
        satker = _lebak()
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        data = _isian(satker) | {"tugas": "Tugas yang baru"}
        i = _indeks(data, NIP_SEKRETARIS_LEBAK)
        data[f"pejabat-{i}-DELETE"] = "on"

        response = client.post(_url(), data)

        assert response.status_code == 200
        formset = response.context["formset"]
        assert formset.forms[i].non_field_errors() == [
            "RAHMAT SETIAWAN TONIDAYA tidak dapat dihapus karena menandatangani dokumen "
            "RAK 2024. Ganti penandatangan dokumen tersebut lebih dahulu."
        ]
        assert formset.non_form_errors() == [
            "Ada pejabat yang tidak dapat dihapus; lihat keterangan pada barisnya."
        ]
        assert "menandatangani dokumen RAK 2024" in response.content.decode()
        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat

    def test_a_refused_delete_is_reported_even_when_another_row_has_an_error(self, client):
        satker = _lebak()
        pejabat = _pejabat(satker)
        data = _isian(satker)
        i_sekretaris = _indeks(data, NIP_SEKRETARIS_LEBAK)
        i_ketua = 1 - i_sekretaris
        data |= {
            f"pejabat-{i_sekretaris}-DELETE": "on",
            f"pejabat-{i_ketua}-nip": "123",
        }

        response = client.post(_url(), data)

        assert response.status_code == 200
        formset = response.context["formset"]
        assert formset.forms[i_ketua].errors["nip"] == ["NIP harus terdiri dari 18 digit angka."]
        assert (
            "menandatangani dokumen RAK 2024" in formset.forms[i_sekretaris].non_field_errors()[0]
        )
        assert _pejabat(satker) == pejabat

    def test_one_invalid_official_writes_no_tupoksi_change_and_keeps_the_input(self, client):
        satker = _lebak()
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        data = _isian(satker) | {"tugas": "Tugas yang baru", "wewenang": "Wewenang baru"}
        i = _indeks(data, NIP_SEKRETARIS_LEBAK)
        data |= {f"pejabat-{i}-nip": "123", f"pejabat-{i}-nama": "NAMA BARU"}

        response = client.post(_url(), data)

        assert response.status_code == 200
        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat
        assert not Tupoksi.objects.filter(teks="Wewenang baru").exists()
        html = response.content.decode()
        assert "Tugas yang baru" in html
        assert 'value="NAMA BARU"' in html
        assert "Belum ada yang disimpan" in html

    def test_a_signature_added_after_validation_still_ends_in_a_form_error(
        self, client, monkeypatch
    ):
        # Someone makes the official a signer between the form check and the save.
        monkeypatch.setattr("satker.forms.pejabat_pastikan_boleh_dihapus", lambda **_: None)
        satker = _lebak()
        tupoksi, pejabat = _tupoksi(satker), _pejabat(satker)
        data = _isian(satker) | {"tugas": "Tugas yang baru"}
        data[f"pejabat-{_indeks(data, NIP_SEKRETARIS_LEBAK)}-DELETE"] = "on"

        response = client.post(_url(), data)

        assert response.status_code == 200
        assert "menandatangani dokumen RAK 2024" in response.content.decode()
        assert _tupoksi(satker) == tupoksi
        assert _pejabat(satker) == pejabat
