import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dokumen.alur import TidakBerhak, TransisiDitolak, aksi_tersedia, dokumen_transisi
from dokumen.models import AksiDokumen, RiwayatDokumen, StatusDokumen
from tests.conftest import dokumen_seed


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _set_status(dokumen, status):
    type(dokumen).objects.filter(pk=dokumen.pk).update(status=status)
    dokumen.refresh_from_db()


# (action, status before, username) → allowed? Lebak RAK; its signatory is the Sekretaris.
MATRIX = [
    (AksiDokumen.AJUKAN, StatusDokumen.DRAF, "operator.kab-lebak", True),
    (AksiDokumen.AJUKAN, StatusDokumen.DRAF, "sekretaris.kab-lebak", True),
    (AksiDokumen.AJUKAN, StatusDokumen.DRAF, "admin.ri", True),
    (AksiDokumen.AJUKAN, StatusDokumen.DRAF, "ketua.kab-lebak", False),
    (AksiDokumen.AJUKAN, StatusDokumen.DRAF, "reviewer.banten", False),
    (AksiDokumen.SETUJUI, StatusDokumen.DIAJUKAN, "ketua.kab-lebak", True),
    (AksiDokumen.SETUJUI, StatusDokumen.DIAJUKAN, "operator.kab-lebak", False),
    (AksiDokumen.SETUJUI, StatusDokumen.DIAJUKAN, "sekretaris.kab-lebak", False),
    (AksiDokumen.SETUJUI, StatusDokumen.DIAJUKAN, "reviewer.banten", False),
    (AksiDokumen.SETUJUI, StatusDokumen.DIAJUKAN, "ketua.kota-serang", False),
    (AksiDokumen.KEMBALIKAN, StatusDokumen.DIAJUKAN, "ketua.kab-lebak", True),
    (AksiDokumen.KEMBALIKAN, StatusDokumen.DIAJUKAN, "reviewer.banten", True),
    (AksiDokumen.KEMBALIKAN, StatusDokumen.DISETUJUI, "reviewer.banten", True),
    (AksiDokumen.KEMBALIKAN, StatusDokumen.DIAJUKAN, "reviewer.kalimantan-timur", False),
    (AksiDokumen.KEMBALIKAN, StatusDokumen.DIAJUKAN, "operator.kab-lebak", False),
    (AksiDokumen.TERBITKAN, StatusDokumen.DISETUJUI, "ketua.kab-lebak", False),
    (AksiDokumen.TERBITKAN, StatusDokumen.DISETUJUI, "operator.kab-lebak", False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("aksi", "status", "username", "boleh"), MATRIX)
def test_each_step_by_each_role(rak_lebak, aksi, status, username, boleh):
    _set_status(rak_lebak, status)
    user = _user(username)
    assert (aksi in aksi_tersedia(user, rak_lebak)) == boleh
    if boleh:
        dokumen = dokumen_transisi(dokumen=rak_lebak, user=user, aksi=aksi, catatan="Catatan")
        langkah = RiwayatDokumen.objects.get(dokumen=rak_lebak)
        assert (langkah.aksi, langkah.dari_status, langkah.ke_status) == (
            aksi,
            status,
            dokumen.status,
        )
        assert (langkah.oleh, langkah.catatan) == (user, "Catatan")
    else:
        with pytest.raises(TidakBerhak):
            dokumen_transisi(dokumen=rak_lebak, user=user, aksi=aksi, catatan="Catatan")
        rak_lebak.refresh_from_db()
        assert rak_lebak.status == status
        assert not RiwayatDokumen.objects.filter(dokumen=rak_lebak).exists()


@pytest.mark.django_db
class TestRefusals:
    def test_a_step_from_the_wrong_state_is_refused(self, rak_lebak):
        with pytest.raises(TransisiDitolak, match="berstatus draf"):
            dokumen_transisi(
                dokumen=rak_lebak, user=_user("ketua.kab-lebak"), aksi=AksiDokumen.SETUJUI
            )

    def test_returning_needs_a_note(self, rak_lebak):
        _set_status(rak_lebak, StatusDokumen.DIAJUKAN)
        with pytest.raises(TransisiDitolak, match="Tulis catatan"):
            dokumen_transisi(
                dokumen=rak_lebak,
                user=_user("ketua.kab-lebak"),
                aksi=AksiDokumen.KEMBALIKAN,
                catatan="   ",
            )

    def test_an_incomplete_document_cannot_be_submitted(self):
        barito = dokumen_seed("kab-barito-selatan", "IKU")
        with pytest.raises(TransisiDitolak, match="Penandatangan belum ditetapkan"):
            dokumen_transisi(
                dokumen=barito, user=_user("operator.kab-barito-selatan"), aksi=AksiDokumen.AJUKAN
            )
        barito.refresh_from_db()
        assert barito.status == StatusDokumen.DRAF

    def test_a_submitted_document_is_no_longer_editable(self, client, operator_lebak, rak_lebak):
        dokumen_transisi(dokumen=rak_lebak, user=operator_lebak, aksi=AksiDokumen.AJUKAN)
        client.force_login(operator_lebak)
        response = client.get(reverse("dokumen:ubah", args=[rak_lebak.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("dokumen:detail", args=[rak_lebak.pk])


@pytest.mark.django_db
class TestViews:
    def _post(self, client, dokumen, aksi, **data):
        return client.post(reverse("dokumen:aksi", args=[dokumen.pk, aksi]), data)

    def test_steps_are_post_only(self, client, operator_lebak, rak_lebak):
        client.force_login(operator_lebak)
        url = reverse("dokumen:aksi", args=[rak_lebak.pk, "AJUKAN"])
        assert client.get(url).status_code == 405

    def test_submit_then_return_shows_the_history(self, client, rak_lebak):
        client.force_login(_user("operator.kab-lebak"))
        assert self._post(client, rak_lebak, "AJUKAN").status_code == 302
        client.force_login(_user("reviewer.banten"))
        self._post(client, rak_lebak, "KEMBALIKAN", catatan="Target TW II belum jelas")
        rak_lebak.refresh_from_db()
        assert rak_lebak.status == StatusDokumen.DRAF
        html = client.get(reverse("dokumen:detail", args=[rak_lebak.pk])).content.decode()
        assert "Diajukan</strong> oleh operator.kab-lebak" in html
        assert "Dikembalikan</strong> oleh reviewer.banten" in html
        assert "Target TW II belum jelas" in html

    def test_a_role_without_the_right_gets_403(self, client, rak_lebak):
        client.force_login(_user("ketua.kab-lebak"))
        assert self._post(client, rak_lebak, "AJUKAN").status_code == 403

    def test_another_satkers_document_is_404(self, client, rak_lebak):
        client.force_login(_user("ketua.kota-serang"))
        assert self._post(client, rak_lebak, "SETUJUI").status_code == 404

    def test_an_unknown_step_is_404(self, client, operator_lebak, rak_lebak):
        client.force_login(operator_lebak)
        assert self._post(client, rak_lebak, "HAPUS").status_code == 404

    def test_a_refused_step_explains_itself(self, client, rak_lebak):
        client.force_login(_user("ketua.kab-lebak"))
        response = self._post(client, rak_lebak, "SETUJUI")
        assert response.status_code == 302
        html = client.get(response["Location"]).content.decode()
        assert "langkah ini tidak dapat dilakukan sekarang" in html
