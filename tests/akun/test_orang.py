"""The people pages (akun.views): a satker's accounts with last login and second factor,
waiting invitations and history in constant queries; deactivating, reactivating, changing a
role or the official an account signs for, each audited, with the guards that keep a satker
managed and the actor's own rights."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from akun.models import AksiAkun, JejakAkun
from akun.services import undangan_buat
from satker.models import Pejabat, Peran, ProfilPengguna, Satker
from tests.dua_faktor_uji import perangkat
from tests.factories import OperatorFactory, SekretarisPenggunaFactory
from tests.surel_uji import smtp  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db
User = get_user_model()


def _user(username: str):
    return User.objects.get(username=username)


@pytest.fixture
def sekretaris(client):
    user = _user("sekretaris.kab-lebak")
    client.force_login(user)
    return user


def _url(nama: str, username: str, kode: str = "kab-lebak") -> str:
    return reverse(f"akun:{nama}", args=[kode, _user(username).pk])


def _jumlah_kueri(client, kode: str = "kab-lebak") -> int:
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(reverse("akun:orang", args=[kode])).status_code == 200
    return len(kueri)


def test_the_people_page_lists_accounts_invitations_and_history(client, sekretaris, smtp):  # noqa: F811
    operator = _user("operator.kab-lebak")
    operator.last_login = datetime(2026, 1, 26, 2, 5, tzinfo=UTC)
    operator.email = "op@kpu-lebak.go.id"
    operator.save()
    perangkat(_user("ketua.kab-lebak"))
    undangan_buat(
        satker=sekretaris.profil.satker,
        oleh=sekretaris,
        email="calon@contoh.id",
        nama="Calon Operator",
        peran=Peran.OPERATOR,
    )

    response = client.get(reverse("akun:orang", args=["kab-lebak"]))
    teks = response.content.decode()
    baris = {p.user.username: p for p in response.context["akun"]}
    assert set(baris) == {"operator.kab-lebak", "ketua.kab-lebak", "sekretaris.kab-lebak"}
    assert baris["ketua.kab-lebak"].punya_dua_faktor
    assert not baris["operator.kab-lebak"].punya_dua_faktor
    assert "26 Januari 2026 pukul 09.05 WIB" in teks  # the project's date-time style
    assert "op@kpu-lebak.go.id" in teks
    assert "belum pernah" in teks
    assert "calon@contoh.id" in teks
    assert "Undangan untuk calon@contoh.id sebagai Operator." in teks
    assert "akun Anda" in teks  # no buttons on one's own row


def test_the_people_page_queries_do_not_grow_with_its_accounts(client, sekretaris, smtp):  # noqa: F811
    sedikit = _jumlah_kueri(client)
    satker = sekretaris.profil.satker
    for n in range(4):
        OperatorFactory(satker=satker).save()
        undangan_buat(
            satker=satker, oleh=sekretaris, email=f"c{n}@contoh.id", nama="C", peran="OPERATOR"
        )
    perangkat(_user("operator.kab-lebak"))
    assert _jumlah_kueri(client) == sedikit
    # Savepoint and release, session, user with profile and satker, the second factor's device,
    # satker, accounts, invitations, history.
    assert sedikit == 9


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("sekretaris.kota-serang", 404),
        ("reviewer.kalimantan-timur", 404),
        ("operator.kab-lebak", 403),
        ("ketua.kab-lebak", 403),
        ("reviewer.banten", 403),
        ("admin.ri", 200),
    ],
)
def test_the_people_page_is_its_sekretaris_and_admin_ris(client, username, status):
    client.force_login(_user(username))
    assert client.get(reverse("akun:orang", args=["kab-lebak"])).status_code == status


def test_another_satkers_account_is_not_found(client, sekretaris):
    serang = _user("operator.kota-serang")
    for nama in ("nonaktifkan", "aktifkan"):
        url = reverse(f"akun:{nama}", args=["kab-lebak", serang.pk])
        assert client.post(url).status_code == 404
    assert client.get(reverse("akun:ubah", args=["kab-lebak", serang.pk])).status_code == 404
    assert client.post(_url("nonaktifkan", "operator.kota-serang", "kota-serang")).status_code == (
        404
    )
    serang.refresh_from_db()
    assert serang.is_active


def test_it_deactivates_and_reactivates_an_account_and_its_session_ends(client, sekretaris):
    operator = _user("operator.kab-lebak")
    lain = client.__class__()
    lain.force_login(operator)
    assert lain.get(reverse("beranda")).status_code == 200

    response = client.post(_url("nonaktifkan", "operator.kab-lebak"), follow=True)
    assert "Akun operator.kab-lebak dinonaktifkan." in response.content.decode()
    operator.refresh_from_db()
    assert not operator.is_active
    assert lain.get(reverse("beranda")).status_code == 302  # logged out on the next request
    jejak = JejakAkun.objects.get(aksi=AksiAkun.NONAKTIF)
    assert (jejak.oleh, jejak.pengguna) == (sekretaris, operator)
    assert (jejak.sebelum["aktif"], jejak.sesudah["aktif"]) == (True, False)

    client.post(_url("aktifkan", "operator.kab-lebak"))
    operator.refresh_from_db()
    assert operator.is_active
    assert JejakAkun.objects.filter(aksi=AksiAkun.AKTIFKAN, pengguna=operator).exists()
    assert User.objects.filter(pk=operator.pk).exists()  # never deleted


def test_state_changes_are_post_only(client, sekretaris):
    assert client.get(_url("nonaktifkan", "operator.kab-lebak")).status_code == 405
    assert _user("operator.kab-lebak").is_active


def test_nobody_deactivates_themselves_or_changes_their_own_role(client, admin_ri):
    client.force_login(admin_ri)
    ri = Satker.objects.get(kode="ri")
    response = client.post(_url("nonaktifkan", "admin.ri", "ri"), follow=True)
    assert "Anda tidak dapat menonaktifkan akun Anda sendiri." in response.content.decode()
    admin_ri.refresh_from_db()
    assert admin_ri.is_active
    assert not JejakAkun.objects.filter(satker=ri).exists()


def test_the_last_sekretaris_of_a_satker_stays(client, admin_ri):
    client.force_login(admin_ri)
    response = client.post(_url("nonaktifkan", "sekretaris.kab-lebak"), follow=True)
    assert (
        "sekretaris.kab-lebak adalah satu-satunya Sekretaris aktif di KPU Kabupaten Lebak, "
        "sehingga tidak dapat dinonaktifkan. Undang penggantinya lebih dahulu."
    ) in response.content.decode()
    response = client.post(
        _url("ubah", "sekretaris.kab-lebak"), {"peran": "OPERATOR", "pejabat": ""}
    )
    assert "tidak dapat diganti perannya" in response.content.decode()
    sekretaris = _user("sekretaris.kab-lebak")
    assert sekretaris.is_active
    assert sekretaris.profil.peran == Peran.SEKRETARIS
    assert not JejakAkun.objects.exists()

    # With a successor in place, the old one may go.
    OperatorFactory(satker=sekretaris.profil.satker, peran=Peran.SEKRETARIS).save()
    client.post(_url("nonaktifkan", "sekretaris.kab-lebak"))
    sekretaris.refresh_from_db()
    assert not sekretaris.is_active


def test_it_changes_a_role_within_what_the_actor_may_give(client, sekretaris):
    response = client.post(_url("ubah", "operator.kab-lebak"), {"peran": "KETUA", "pejabat": ""})
    assert response.status_code == 302
    profil = ProfilPengguna.objects.get(user__username="operator.kab-lebak")
    assert profil.peran == Peran.KETUA
    jejak = JejakAkun.objects.get(aksi=AksiAkun.UBAH)
    assert (jejak.sebelum["peran"], jejak.sesudah["peran"]) == ("Operator", "Ketua")
    assert jejak.ringkasan == "Akun operator.kab-lebak diubah (peran)."

    response = client.post(_url("ubah", "operator.kab-lebak"), {"peran": "ADMIN_RI"})
    assert "Masukkan pilihan yang valid" in response.content.decode()
    profil.refresh_from_db()
    assert profil.peran == Peran.KETUA


def test_a_sekretaris_cannot_touch_a_reviewer_of_its_provinsi(client):
    client.force_login(_user("sekretaris.kota-serang"))
    # Serang's Sekretaris does not see KPU Provinsi Banten's accounts at all.
    url = _url("nonaktifkan", "reviewer.banten", "prov-banten")
    assert client.post(url).status_code == 404


def test_admin_ri_role_is_changed_in_the_admin_only(client, admin_ri):
    client.force_login(admin_ri)
    lain = User.objects.create_user("admin.dua", is_superuser=True, is_staff=True)
    ProfilPengguna.objects.create(user=lain, satker=Satker.objects.get(kode="ri"), peran="ADMIN_RI")
    response = client.post(_url("ubah", "admin.dua", "ri"), {"peran": "OPERATOR", "pejabat": ""})
    assert "Peran Admin RI diubah melalui admin Django." in response.content.decode()
    lain.refresh_from_db()
    assert lain.is_superuser


def test_it_links_and_unlinks_the_official_an_account_signs_for(client, sekretaris):
    kasubbag = Pejabat.objects.create(
        satker=sekretaris.profil.satker, nama="Budi", jabatan="KASUBBAG", sebutan_jabatan="Kasubbag"
    )
    url = _url("ubah", "operator.kab-lebak")
    client.post(url, {"peran": "OPERATOR", "pejabat": kasubbag.pk})
    profil = ProfilPengguna.objects.get(user__username="operator.kab-lebak")
    assert profil.pejabat == kasubbag
    jejak = JejakAkun.objects.get()
    assert (jejak.sebelum["pejabat"], jejak.sesudah["pejabat"]) == (None, "Budi")

    # The Ketua's official signs through the Ketua's account: not a second one.
    ketua = ProfilPengguna.objects.get(user__username="ketua.kab-lebak").pejabat
    response = client.post(url, {"peran": "OPERATOR", "pejabat": ketua.pk})
    pesan = escape(f"{ketua.nama} sudah ditautkan ke akun ketua.kab-lebak.")
    assert pesan in response.content.decode()

    client.post(url, {"peran": "OPERATOR", "pejabat": ""})
    profil.refresh_from_db()
    assert profil.pejabat is None
    assert JejakAkun.objects.count() == 2


def test_reactivating_an_account_whose_official_signs_elsewhere_is_refused(client, admin_ri):
    client.force_login(admin_ri)
    ketua = _user("ketua.kab-lebak")
    ketua.is_active = False
    ketua.save()
    pengganti = OperatorFactory(satker=ketua.profil.satker, peran=Peran.KETUA)
    ProfilPengguna.objects.filter(user=pengganti).update(pejabat=ketua.profil.pejabat)

    response = client.post(_url("aktifkan", "ketua.kab-lebak"), follow=True)
    assert "Lepaskan tautan pejabat itu lebih dahulu." in response.content.decode()
    ketua.refresh_from_db()
    assert not ketua.is_active


def test_the_reviewers_page_is_admin_ris_in_constant_queries(client, admin_ri, smtp):  # noqa: F811
    client.force_login(_user("reviewer.banten"))
    assert client.get(reverse("akun:reviewer")).status_code == 403
    client.force_login(admin_ri)
    url = reverse("akun:reviewer")
    with CaptureQueriesContext(connection) as awal:
        response = client.get(url)
    assert "reviewer.banten" in response.content.decode()
    banten = Satker.objects.get(kode="prov-banten")
    undangan_buat(
        satker=banten, oleh=admin_ri, email="r@contoh.id", nama="R", peran="REVIEWER_PROVINSI"
    )
    perangkat(_user("reviewer.banten"))
    with CaptureQueriesContext(connection) as lagi:
        response = client.get(url)
    assert "r@contoh.id" in response.content.decode()
    assert len(lagi) == len(awal)


def test_the_link_to_the_people_page_is_shown_to_those_who_manage(client, sekretaris):
    assert (
        "tautan-orang" in client.get(reverse("satker-detail", args=["kab-lebak"])).content.decode()
    )
    assert reverse("akun:orang", args=["kab-lebak"]) in client.get("/").content.decode()
    client.force_login(_user("operator.kab-lebak"))
    assert "tautan-orang" not in (
        client.get(reverse("satker-detail", args=["kab-lebak"])).content.decode()
    )


def test_a_provinsis_sekretaris_manages_its_staff_not_its_reviewers(client):
    banten = Satker.objects.get(kode="prov-banten")
    client.force_login(SekretarisPenggunaFactory(satker=banten))
    assert client.get(reverse("akun:orang", args=["prov-banten"])).status_code == 200
    assert client.post(_url("nonaktifkan", "reviewer.banten", "prov-banten")).status_code == 403
    assert client.get(_url("ubah", "reviewer.banten", "prov-banten")).status_code == 403
    assert _user("reviewer.banten").is_active
    # Nor its Kabupaten/Kota's accounts: those are their own Sekretaris's and Admin RI's.
    assert client.get(reverse("akun:orang", args=["kab-lebak"])).status_code == 404
