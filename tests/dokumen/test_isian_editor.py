"""Issue 10, findings 6, 17, 19: the editor refuses what cannot be stored or read back as typed,
with a message beside the field and the input kept, and warns of targets without a number."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dokumen.models import Dokumen
from dokumen.target import PESAN_TANPA_ANGKA, PESAN_TERLALU_BESAR
from indikator.models import BarisIku
from rencana_aksi.models import BarisRak, IndikatorRkt
from tests.dokumen.test_dokumen_ubah import PREFIX, _rows, _url, form_data

RLO = "\u202e"


def _post_ditolak(client, user, dokumen, data) -> str:
    """POST the editor; it must answer the form again (200) and write nothing."""
    client.force_login(user)
    sebelum = (_rows(dokumen), dokumen.suntingan, dokumen.tahun_anggaran, dokumen.tanggal_ttd)
    response = client.post(_url(dokumen), data)
    dokumen.refresh_from_db()
    assert response.status_code == 200
    sesudah = (_rows(dokumen), dokumen.suntingan, dokumen.tahun_anggaran, dokumen.tanggal_ttd)
    assert sesudah == sebelum, "nothing may be written"
    return response.content.decode()


@pytest.mark.django_db
class TestTarget:
    @pytest.mark.parametrize("target", ["12345678901234567 %", "1" * 30])
    def test_a_number_too_long_to_store_is_explained_and_the_input_kept(
        self, client, operator_lebak, rak_lebak, target
    ):
        data = form_data(rak_lebak)
        data[f"{PREFIX}-0-target"] = target
        data[f"{PREFIX}-1-kegiatan"] = "Suntingan lain yang tidak boleh hilang"

        html = _post_ditolak(client, operator_lebak, rak_lebak, data)

        assert PESAN_TERLALU_BESAR in html
        assert f'value="{target}"' in html
        assert "Suntingan lain yang tidak boleh hilang" in html

    @pytest.mark.parametrize("target", [f"{RLO}%58", "85\u200b%", "8\u20665%"])
    def test_a_target_with_hidden_or_direction_characters_is_refused(
        self, client, operator_lebak, rak_lebak, target
    ):
        data = form_data(rak_lebak)
        data[f"{PREFIX}-0-target"] = target

        html = _post_ditolak(client, operator_lebak, rak_lebak, data)

        assert "Hapus karakter tersembunyi" in html

    def test_a_target_in_other_digits_is_refused(self, client, operator_lebak, rak_lebak):
        data = form_data(rak_lebak)
        data[f"{PREFIX}-0-target"] = "١٠٠%"

        html = _post_ditolak(client, operator_lebak, rak_lebak, data)

        assert "Tulis angka dengan angka 0–9." in html

    def test_a_dot_decimal_is_read(self, client, operator_lebak, rak_lebak):
        client.force_login(operator_lebak)
        data = form_data(rak_lebak)
        data[f"{PREFIX}-0-target"] = "0.2%"

        assert client.post(_url(rak_lebak), data).status_code == 302

        baris = BarisRak.objects.get(sasaran__dokumen=rak_lebak, target="0.2%")
        assert (str(baris.target_nilai), baris.target_satuan) == ("0.2000", "%")

    def test_a_target_without_a_number_is_saved_with_a_warning_beside_it(
        self, client, operator_lebak, rak_lebak
    ):
        client.force_login(operator_lebak)
        data = form_data(rak_lebak)
        data[f"{PREFIX}-0-target"] = "lOOo/o"

        response = client.post(_url(rak_lebak), data, follow=True)

        assert BarisRak.objects.filter(sasaran__dokumen=rak_lebak, target="lOOo/o").exists()
        assert "target tidak berisi angka yang terbaca" in response.content.decode()
        html = client.get(_url(rak_lebak)).content.decode()
        assert PESAN_TANPA_ANGKA in html

    def test_a_numeric_target_has_no_warning(self, client, operator_lebak, rkt_lebak):
        IndikatorRkt.objects.filter(sasaran__dokumen=rkt_lebak).update(target="85%")
        client.force_login(operator_lebak)

        html = client.get(_url(rkt_lebak)).content.decode()

        assert PESAN_TANPA_ANGKA not in html


@pytest.mark.django_db
class TestKepala:
    @pytest.mark.parametrize(
        ("kolom", "nilai", "pesan"),
        [
            ("tahun_anggaran", "70000", "Tahun harus antara 2000 dan 2100."),
            ("tahun_anggaran", "1999", "Tahun harus antara 2000 dan 2100."),
            ("tahun_anggaran", "٢٠٢٤", "Tulis angka dengan angka 0–9."),
            ("tahun", "٢٠٢٤", "Tulis angka dengan angka 0–9."),
            ("tanggal_ttd", "0001-01-01", "Tanggal harus antara tahun 2000 dan 2100."),
            ("tanggal_ttd", "2101-01-02", "Tanggal harus antara tahun 2000 dan 2100."),
            ("tempat_ttd", f"Rangkas{RLO}gnutib", "Hapus karakter tersembunyi U+202E"),
            ("label_lampiran", "LAMPIRAN\x07", "Hapus karakter tersembunyi U+0007"),
        ],
    )
    def test_a_bad_header_value_is_explained_beside_the_field(
        self, client, operator_lebak, rak_lebak, kolom, nilai, pesan
    ):
        html = _post_ditolak(
            client, operator_lebak, rak_lebak, form_data(rak_lebak, **{kolom: nilai})
        )

        assert pesan in html

    def test_a_row_text_with_a_direction_override_is_refused(
        self, client, operator_lebak, rak_lebak
    ):
        data = form_data(rak_lebak)
        data[f"{PREFIX}-0-kegiatan"] = f"Rapat {RLO}kerja"

        assert "Hapus karakter tersembunyi" in _post_ditolak(
            client, operator_lebak, rak_lebak, data
        )

    def test_rupiah_in_other_digits_is_refused(self, client, operator_lebak, rak_lebak):
        data = form_data(rak_lebak)
        data[f"{PREFIX}-0-anggaran"] = "١٢٣٤"

        html = _post_ditolak(client, operator_lebak, rak_lebak, data)

        assert "Tulis angka dengan angka 0–9." in html


@pytest.mark.django_db
def test_a_service_refusal_becomes_a_message_not_a_500(
    client, operator_lebak, rak_lebak, monkeypatch
):
    def tolak(**kwargs):
        raise ValidationError({"target_nilai": ["Pastikan tidak lebih dari 20 digit."]})

    monkeypatch.setattr("dokumen.views.dokumen_simpan", tolak)

    html = _post_ditolak(client, operator_lebak, rak_lebak, form_data(rak_lebak, tempat_ttd="X"))

    assert "Pastikan tidak lebih dari 20 digit." in html
    assert 'value="X"' in html


@pytest.mark.django_db
def test_copying_a_2100_document_is_a_message_not_a_500(client, operator_lebak, rak_lebak):
    Dokumen.objects.filter(pk=rak_lebak.pk).update(tahun=2100)
    jumlah = Dokumen.objects.count()
    client.force_login(operator_lebak)

    response = client.post(reverse("dokumen:salin", args=[rak_lebak.pk]), follow=True)

    assert response.status_code == 200
    assert "Tidak dapat disalin ke 2101" in response.content.decode()
    assert Dokumen.objects.count() == jumlah


@pytest.mark.django_db
def test_a_new_document_refused_by_the_service_shows_the_message(
    client, operator_lebak, monkeypatch
):
    def tolak(**kwargs):
        raise ValidationError({"tahun": ["Tahun harus antara 2000 dan 2100."]})

    monkeypatch.setattr("dokumen.views.dokumen_buat", tolak)
    client.force_login(operator_lebak)

    response = client.post(
        reverse("dokumen:baru", args=["kab-lebak"]), {"jenis": "IKU", "tahun": "2030"}
    )

    assert response.status_code == 200
    assert "Tahun harus antara 2000 dan 2100." in response.content.decode()


@pytest.mark.django_db
def test_an_iku_target_too_long_is_refused(client, admin_ri, iku_serang):
    data = form_data(iku_serang)
    data[f"{PREFIX}-0-target"] = "99999999999999999 Laporan"

    html = _post_ditolak(client, admin_ri, iku_serang, data)

    assert PESAN_TERLALU_BESAR in html
    assert not BarisIku.objects.filter(target__startswith="9999").exists()
