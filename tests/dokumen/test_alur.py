import pytest
from django.urls import reverse

from dokumen.alur import TidakBerhak, TransisiDitolak, aksi_tersedia, dokumen_transisi
from dokumen.models import AksiDokumen, RiwayatDokumen, StatusDokumen
from satker.models import Peran
from tests.factories import (
    AdminRiFactory,
    IkuFactory,
    KabKotaFactory,
    KetuaPenggunaFactory,
    RakFactory,
    ReviewerFactory,
    akun_satker,
    ke_status,
)


@pytest.fixture
def rak(db):
    """A RAK draft of a Kab/Kota; its signatory is the Sekretaris."""
    return RakFactory()


def _operator(rak):
    return akun_satker(rak.satker, Peran.OPERATOR)


def _sekretaris(rak):
    return akun_satker(rak.satker, Peran.SEKRETARIS)


def _ketua(rak):
    return akun_satker(rak.satker, Peran.KETUA)


def _reviewer(rak):
    return akun_satker(rak.satker.induk, Peran.REVIEWER_PROVINSI)


def _admin_ri(rak):
    return AdminRiFactory()


def _ketua_lain(rak):
    """The Ketua of another Kab/Kota of the same provinsi."""
    return KetuaPenggunaFactory(satker=KabKotaFactory(induk=rak.satker.induk))


def _reviewer_lain(rak):
    """The reviewer of another provinsi."""
    return ReviewerFactory()


# (action, status before, persona) → allowed?
MATRIX = [
    (AksiDokumen.AJUKAN, StatusDokumen.DRAF, _operator, True),
    (AksiDokumen.AJUKAN, StatusDokumen.DRAF, _sekretaris, True),
    (AksiDokumen.AJUKAN, StatusDokumen.DRAF, _admin_ri, True),
    (AksiDokumen.AJUKAN, StatusDokumen.DRAF, _ketua, False),
    (AksiDokumen.AJUKAN, StatusDokumen.DRAF, _reviewer, False),
    (AksiDokumen.SETUJUI, StatusDokumen.DIAJUKAN, _ketua, True),
    (AksiDokumen.SETUJUI, StatusDokumen.DIAJUKAN, _operator, False),
    (AksiDokumen.SETUJUI, StatusDokumen.DIAJUKAN, _sekretaris, False),
    (AksiDokumen.SETUJUI, StatusDokumen.DIAJUKAN, _reviewer, False),
    (AksiDokumen.SETUJUI, StatusDokumen.DIAJUKAN, _ketua_lain, False),
    (AksiDokumen.KEMBALIKAN, StatusDokumen.DIAJUKAN, _ketua, True),
    (AksiDokumen.KEMBALIKAN, StatusDokumen.DIAJUKAN, _reviewer, True),
    (AksiDokumen.KEMBALIKAN, StatusDokumen.DISETUJUI, _reviewer, True),
    (AksiDokumen.KEMBALIKAN, StatusDokumen.DIAJUKAN, _reviewer_lain, False),
    (AksiDokumen.KEMBALIKAN, StatusDokumen.DIAJUKAN, _operator, False),
    (AksiDokumen.TERBITKAN, StatusDokumen.DISETUJUI, _ketua, False),
    (AksiDokumen.TERBITKAN, StatusDokumen.DISETUJUI, _operator, False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("aksi", "status", "persona", "boleh"),
    MATRIX,
    ids=[f"{a.value}-{s.value}-{p.__name__.lstrip('_')}" for a, s, p, _ in MATRIX],
)
def test_each_step_by_each_role(rak, aksi, status, persona, boleh):
    rak = ke_status(rak, status)
    sebelum = list(RiwayatDokumen.objects.filter(dokumen=rak).order_by("pk"))
    user = persona(rak)
    assert (aksi in aksi_tersedia(user, rak)) == boleh
    if boleh:
        dokumen = dokumen_transisi(dokumen=rak, user=user, aksi=aksi, catatan="Catatan")
        riwayat = list(RiwayatDokumen.objects.filter(dokumen=rak).order_by("pk"))
        assert riwayat[: len(sebelum)] == sebelum
        [langkah] = riwayat[len(sebelum) :]
        assert (langkah.aksi, langkah.dari_status, langkah.ke_status) == (
            aksi,
            status,
            dokumen.status,
        )
        assert (langkah.oleh, langkah.catatan) == (user, "Catatan")
    else:
        with pytest.raises(TidakBerhak):
            dokumen_transisi(dokumen=rak, user=user, aksi=aksi, catatan="Catatan")
        rak.refresh_from_db()
        assert rak.status == status
        assert list(RiwayatDokumen.objects.filter(dokumen=rak).order_by("pk")) == sebelum


@pytest.mark.django_db
class TestRefusals:
    def test_a_step_from_the_wrong_state_is_refused(self, rak):
        with pytest.raises(TransisiDitolak, match="berstatus draf"):
            dokumen_transisi(dokumen=rak, user=_ketua(rak), aksi=AksiDokumen.SETUJUI)

    def test_returning_needs_a_note(self, rak):
        rak = ke_status(rak, StatusDokumen.DIAJUKAN)
        with pytest.raises(TransisiDitolak, match="Tulis catatan"):
            dokumen_transisi(
                dokumen=rak, user=_ketua(rak), aksi=AksiDokumen.KEMBALIKAN, catatan="   "
            )

    def test_an_incomplete_document_cannot_be_submitted(self):
        tanpa_penandatangan = IkuFactory(penandatangan=None)
        with pytest.raises(TransisiDitolak, match="Penandatangan belum ditetapkan"):
            dokumen_transisi(
                dokumen=tanpa_penandatangan,
                user=_operator(tanpa_penandatangan),
                aksi=AksiDokumen.AJUKAN,
            )
        tanpa_penandatangan.refresh_from_db()
        assert tanpa_penandatangan.status == StatusDokumen.DRAF
        assert not tanpa_penandatangan.riwayat.exists()

    def test_a_submitted_document_is_no_longer_editable(self, client, rak):
        operator = _operator(rak)
        dokumen_transisi(dokumen=rak, user=operator, aksi=AksiDokumen.AJUKAN)
        client.force_login(operator)
        response = client.get(reverse("dokumen:ubah", args=[rak.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("dokumen:detail", args=[rak.pk])


@pytest.mark.django_db
class TestViews:
    def _post(self, client, dokumen, aksi, **data):
        """The step as confirmed (tests/dokumen/test_alur_konfirmasi.py: unconfirmed)."""
        data = {"konfirmasi": "1", **data}
        return client.post(reverse("dokumen:aksi", args=[dokumen.pk, aksi]), data)

    def test_steps_are_post_only(self, client, rak):
        client.force_login(_operator(rak))
        url = reverse("dokumen:aksi", args=[rak.pk, "AJUKAN"])
        assert client.get(url).status_code == 405
        rak.refresh_from_db()
        assert rak.status == StatusDokumen.DRAF

    def test_submit_then_return_shows_the_history(self, client, rak):
        operator, reviewer = _operator(rak), _reviewer(rak)
        client.force_login(operator)
        assert self._post(client, rak, "AJUKAN").status_code == 302
        client.force_login(reviewer)
        self._post(client, rak, "KEMBALIKAN", catatan="Target TW II belum jelas")
        rak.refresh_from_db()
        assert rak.status == StatusDokumen.DRAF
        html = client.get(reverse("dokumen:detail", args=[rak.pk])).content.decode()
        assert f"Diajukan</strong> oleh {operator.username}" in html
        assert f"Dikembalikan</strong> oleh {reviewer.username}" in html
        assert "Target TW II belum jelas" in html

    def test_a_role_without_the_right_gets_403(self, client, rak):
        client.force_login(_ketua(rak))
        assert self._post(client, rak, "AJUKAN").status_code == 403

    def test_another_satkers_document_is_404(self, client, rak):
        rak = ke_status(rak, StatusDokumen.DIAJUKAN)
        client.force_login(_ketua_lain(rak))
        assert self._post(client, rak, "SETUJUI").status_code == 404
        rak.refresh_from_db()
        assert rak.status == StatusDokumen.DIAJUKAN

    def test_an_unknown_step_is_404(self, client, rak):
        client.force_login(_operator(rak))
        assert self._post(client, rak, "HAPUS").status_code == 404

    def test_a_refused_step_explains_itself(self, client, rak):
        client.force_login(_ketua(rak))
        response = self._post(client, rak, "SETUJUI")
        assert response.status_code == 302
        html = client.get(response["Location"]).content.decode()
        assert "langkah ini tidak dapat dilakukan sekarang" in html
