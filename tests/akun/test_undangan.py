"""Invitations (akun.services, akun.views): the inviter's rights and roles, the email through a
real SMTP server, the one-time link that makes the account, and every refusal leaving nothing
half-made."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from akun.models import AksiAkun, JejakAkun, StatusUndangan, Undangan
from akun.services import PESAN_SUREL_GAGAL, PESAN_SUREL_TIDAK_BISA, undangan_buat
from satker.models import Pejabat, Peran, ProfilPengguna, Satker
from tests.akun.uji import SANDI, tautan, terima, undang
from tests.surel_uji import smtp  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def sekretaris_lebak(db):
    return User.objects.get(username="sekretaris.kab-lebak")


@pytest.fixture
def sekretaris(client, sekretaris_lebak):
    client.force_login(sekretaris_lebak)
    return sekretaris_lebak


def test_it_sends_an_invitation_in_indonesian_with_a_link_that_makes_the_account(
    client,
    sekretaris,
    smtp,  # noqa: F811
):
    response = undang(client, "kab-lebak", email="Siti.Aminah@KPU-Lebak.go.id")
    assert response.status_code == 302
    assert response.url == reverse("akun:orang", args=["kab-lebak"])

    [pesan] = smtp.tunggu(1)
    assert pesan["To"] == "siti.aminah@kpu-lebak.go.id"
    assert pesan["Subject"] == "Undangan akun SAKIP KPU: Operator KPU Kabupaten Lebak"
    teks = pesan.get_body(preferencelist=("plain",)).get_content()
    assert "Yth. Siti Aminah," in teks
    assert "sebagai Operator di Komisi Pemilihan Umum Kabupaten Lebak" in teks
    assert "hanya dapat dipakai satu kali" in teks
    undangan = Undangan.objects.get()
    token = tautan(pesan).rstrip("/").rsplit("/", 1)[1]
    assert undangan.token_hash != token
    assert token not in undangan.token_hash
    assert undangan.kedaluwarsa - undangan.dikirim == timedelta(days=7)
    assert not User.objects.filter(email="siti.aminah@kpu-lebak.go.id").exists()

    client.logout()
    halaman = client.get(tautan(pesan))
    assert halaman.status_code == 200
    assert halaman["Cache-Control"] == "no-store"
    assert 'value="siti.aminah"' in halaman.content.decode()  # suggested from the address

    response = terima(client, tautan(pesan))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=%2F"
    user = User.objects.get(username="siti.aminah")
    assert user.is_active
    assert user.check_password(SANDI)
    assert user.email == "siti.aminah@kpu-lebak.go.id"
    assert user.get_full_name() == "Siti Aminah"
    assert not user.is_staff
    assert not user.is_superuser
    assert (user.profil.satker.kode, user.profil.peran) == ("kab-lebak", Peran.OPERATOR)
    undangan.refresh_from_db()
    assert (undangan.status, undangan.pengguna) == (StatusUndangan.DITERIMA, user)
    assert list(JejakAkun.objects.values_list("aksi", flat=True)) == [
        AksiAkun.TERIMA,
        AksiAkun.UNDANG,
    ]
    masuk = client.post(reverse("login"), {"username": "siti.aminah", "password": SANDI})
    assert masuk.status_code == 302


def test_a_used_link_gets_a_clear_page_and_makes_nothing(client, sekretaris, smtp):  # noqa: F811
    undang(client, "kab-lebak")
    jalur = tautan(smtp.tunggu(1)[0])
    client.logout()
    terima(client, jalur)

    lagi = terima(client, jalur, username="orang.lain")
    assert lagi.status_code == 404
    assert "Tautan undangan tidak berlaku" in lagi.content.decode()
    assert client.get(jalur).status_code == 404
    assert not User.objects.filter(username="orang.lain").exists()


@pytest.mark.parametrize("jalur", ["/akun/undangan/salah/", "/akun/undangan/" + "x" * 300 + "/"])
def test_an_unknown_link_gets_the_same_page(client, jalur):
    response = client.get(jalur)
    assert response.status_code == 404
    assert "Tautan undangan tidak berlaku" in response.content.decode()


def test_an_expired_link_gets_a_clear_page_and_makes_nothing(client, sekretaris, smtp):  # noqa: F811
    undang(client, "kab-lebak")
    jalur = tautan(smtp.tunggu(1)[0])
    Undangan.objects.update(kedaluwarsa=timezone.now() - timedelta(seconds=1))
    client.logout()

    response = terima(client, jalur)
    assert response.status_code == 404
    assert "sudah kedaluwarsa" in response.content.decode()
    assert not User.objects.filter(username="siti.aminah").exists()
    assert Undangan.objects.get().status == StatusUndangan.MENUNGGU


def test_resending_kills_the_old_link_and_the_new_one_works(client, sekretaris, smtp):  # noqa: F811
    undang(client, "kab-lebak")
    lama = tautan(smtp.tunggu(1)[0])
    undangan = Undangan.objects.get()
    Undangan.objects.update(kedaluwarsa=timezone.now() - timedelta(days=1))  # expired: resend

    response = client.post(reverse("akun:kirim-ulang", args=["kab-lebak", undangan.pk]))
    assert response.status_code == 302
    baru = tautan(smtp.tunggu(2)[1])
    assert baru != lama
    undangan.refresh_from_db()
    assert undangan.kedaluwarsa > timezone.now() + timedelta(days=6)
    client.logout()
    assert terima(client, lama).status_code == 404
    assert terima(client, baru).status_code == 302
    assert User.objects.filter(username="siti.aminah").exists()


def test_a_revoked_invitation_link_makes_nothing(client, sekretaris, smtp):  # noqa: F811
    undang(client, "kab-lebak")
    jalur = tautan(smtp.tunggu(1)[0])
    undangan = Undangan.objects.get()
    assert client.post(reverse("akun:cabut", args=["kab-lebak", undangan.pk])).status_code == 302
    undangan.refresh_from_db()
    assert undangan.status == StatusUndangan.DICABUT
    assert JejakAkun.objects.filter(aksi=AksiAkun.CABUT, undangan=undangan).exists()

    again = client.post(reverse("akun:cabut", args=["kab-lebak", undangan.pk]), follow=True)
    assert "Undangan ini sudah dicabut." in again.content.decode()
    client.logout()
    assert terima(client, jalur).status_code == 404
    assert not User.objects.filter(username="siti.aminah").exists()
    # The address may be invited again once the old invitation is closed.
    client.force_login(sekretaris)
    assert undang(client, "kab-lebak").status_code == 302


def test_an_address_of_an_account_the_inviter_sees_is_named(client, sekretaris, smtp):  # noqa: F811
    User.objects.filter(username="operator.kab-lebak").update(email="op@kpu-lebak.go.id")

    response = undang(client, "kab-lebak", email="OP@kpu-lebak.go.id")
    assert response.status_code == 200
    assert (
        "Alamat surel ini sudah dipakai akun operator.kab-lebak (Operator KPU Kabupaten Lebak)."
        in response.content.decode()
    )
    assert not Undangan.objects.exists()
    smtp.tidak_ada_lagi(0, detik=0.2)


def test_an_address_outside_what_the_inviter_sees_is_refused_without_saying_whose(
    client,
    sekretaris,
    smtp,  # noqa: F811
):
    User.objects.filter(username="operator.kota-serang").update(email="op@kpu-serang.go.id")
    response = undang(client, "kab-lebak", email="op@kpu-serang.go.id")
    teks = response.content.decode()
    assert PESAN_SUREL_TIDAK_BISA in teks
    assert "operator.kota-serang" not in teks
    assert "Serang" not in teks
    # A waiting invitation elsewhere gets the very same answer.
    client.force_login(User.objects.get(username="sekretaris.kota-serang"))
    assert undang(client, "kota-serang", email="calon@contoh.id").status_code == 302
    client.force_login(sekretaris)
    response = undang(client, "kab-lebak", email="calon@contoh.id")
    assert PESAN_SUREL_TIDAK_BISA in response.content.decode()
    assert Undangan.objects.count() == 1


def test_a_second_invitation_to_a_waiting_address_is_refused(client, sekretaris, smtp):  # noqa: F811
    undang(client, "kab-lebak")
    response = undang(client, "kab-lebak", email="BARU@kpu-lebak.go.id", nama="Lain")
    assert "Sudah ada undangan yang menunggu untuk alamat ini" in response.content.decode()
    assert Undangan.objects.count() == 1


def test_a_sekretaris_gives_staff_roles_only(client, sekretaris):
    response = undang(client, "kab-lebak", peran="REVIEWER_PROVINSI")
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.content.decode()
    form = client.get(reverse("akun:undang", args=["kab-lebak"])).context["form"]
    assert [p for p, _ in form.fields["peran"].choices] == ["OPERATOR", "KETUA", "SEKRETARIS"]
    assert not Undangan.objects.exists()


def test_admin_ri_invites_a_reviewer_for_a_provinsi(client, admin_ri, smtp):  # noqa: F811
    client.force_login(admin_ri)
    form = client.get(reverse("akun:undang", args=["prov-banten"])).context["form"]
    assert [p for p, _ in form.fields["peran"].choices] == [
        "REVIEWER_PROVINSI",
        "OPERATOR",
        "KETUA",
        "SEKRETARIS",
    ]
    undang(client, "prov-banten", email="rev@kpu-banten.go.id", peran="REVIEWER_PROVINSI")
    client.logout()
    response = terima(client, tautan(smtp.tunggu(1)[0]), username="reviewer.baru")
    # The role needs a second factor: the login leads on to its set-up.
    assert response.url == f"{reverse('login')}?next=%2Fakun%2Fdua-langkah%2F"
    user = User.objects.get(username="reviewer.baru")
    assert user.is_staff
    assert not user.is_superuser
    assert user.groups.filter(name="Reviewer Provinsi").exists()
    assert user.profil.peran == Peran.REVIEWER_PROVINSI


def test_a_reviewer_role_fits_only_a_provinsi(client, admin_ri):
    client.force_login(admin_ri)
    response = undang(client, "kab-lebak", peran="REVIEWER_PROVINSI")
    assert "Masukkan pilihan yang valid" in response.content.decode()


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("sekretaris.kota-serang", 404),  # another satker
        ("operator.kab-lebak", 403),  # sees the satker, manages nothing
        ("ketua.kab-lebak", 403),
        ("reviewer.banten", 403),  # reads its provinsi's satker only
        ("reviewer.kalimantan-timur", 404),
    ],
)
def test_only_its_sekretaris_and_admin_ri_invite_to_a_satker(client, username, status):
    client.force_login(User.objects.get(username=username))
    assert client.get(reverse("akun:undang", args=["kab-lebak"])).status_code == status
    assert undang(client, "kab-lebak").status_code == status
    assert not Undangan.objects.exists()


def test_an_official_linked_by_the_invitation_is_linked_to_the_new_account(
    client,
    sekretaris,
    smtp,  # noqa: F811
):
    anggota = Pejabat.objects.create(
        satker=sekretaris.profil.satker, nama="Budi", jabatan="KASUBBAG", sebutan_jabatan="Kasubbag"
    )
    undang(client, "kab-lebak", pejabat=anggota.pk)
    client.logout()
    response = terima(client, tautan(smtp.tunggu(1)[0]))
    assert response.url.endswith("next=%2Fakun%2Fdua-langkah%2F")  # a signer needs the app
    assert ProfilPengguna.objects.get(user__username="siti.aminah").pejabat == anggota


def test_an_official_who_signs_through_another_account_is_refused(client, sekretaris):
    pejabat = sekretaris.profil.pejabat
    response = undang(client, "kab-lebak", pejabat=pejabat.pk)
    assert f"{pejabat.nama} sudah ditautkan ke akun sekretaris.kab-lebak." in (
        response.content.decode()
    )
    assert not Undangan.objects.exists()


def test_another_satkers_official_is_not_a_choice(client, sekretaris):
    serang = Pejabat.objects.filter(satker__kode="kota-serang").first()
    response = undang(client, "kab-lebak", pejabat=serang.pk)
    assert "Masukkan pilihan yang valid" in response.content.decode()


def test_the_accept_page_refuses_a_taken_username_and_weak_passwords_in_indonesian(
    client,
    sekretaris,
    smtp,  # noqa: F811
):
    undang(client, "kab-lebak")
    jalur = tautan(smtp.tunggu(1)[0])
    client.logout()

    teks = terima(client, jalur, username="OPERATOR.kab-lebak").content.decode()
    assert "Nama pengguna ini sudah dipakai. Pilih yang lain." in teks
    teks = terima(client, jalur, sandi="12345678").content.decode()
    assert "Kata sandi terlalu pendek" in teks
    assert "Kata sandi ini seluruhnya terdiri dari angka" in teks
    teks = terima(client, jalur, sandi=SANDI, ulang="Lain-sekali-2024").content.decode()
    assert "Kedua kata sandi tidak sama." in teks
    teks = terima(client, jalur, username="nama pengguna!").content.decode()
    assert "Masukkan nama pengguna valid." in teks
    assert not User.objects.filter(email="baru@kpu-lebak.go.id").exists()
    assert Undangan.objects.get().status == StatusUndangan.MENUNGGU


def test_an_address_taken_since_the_invitation_is_refused_at_accept(client, sekretaris, smtp):  # noqa: F811
    undang(client, "kab-lebak")
    jalur = tautan(smtp.tunggu(1)[0])
    User.objects.filter(username="ketua.kab-lebak").update(email="baru@kpu-lebak.go.id")
    client.logout()
    teks = terima(client, jalur).content.decode()
    assert "Alamat surel undangan ini sudah dipakai akun lain" in teks
    assert not User.objects.filter(username="siti.aminah").exists()


def test_an_email_that_cannot_be_sent_leaves_no_invitation(client, sekretaris, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = undang(client, "kab-lebak")
    assert response.status_code == 200
    assert PESAN_SUREL_GAGAL in response.content.decode()
    assert not Undangan.objects.exists()
    assert not JejakAkun.objects.exists()


def test_invitations_are_limited_per_inviter(client, sekretaris, settings, smtp):  # noqa: F811
    settings.UNDANGAN_BATAS = "2/h"
    for n in range(2):
        assert undang(client, "kab-lebak", email=f"orang{n}@contoh.id").status_code == 302
    response = undang(client, "kab-lebak", email="orang9@contoh.id")
    assert response.status_code == 429
    assert "Terlalu banyak undangan" in response.content.decode()
    assert Undangan.objects.count() == 2


def test_an_inactive_satker_gets_no_new_accounts(client, sekretaris):
    Satker.objects.filter(kode="kab-lebak").update(aktif=False)
    response = undang(client, "kab-lebak")
    assert "KPU Kabupaten Lebak nonaktif: tidak dapat mengundang akun baru." in (
        response.content.decode()
    )
    assert not Undangan.objects.exists()


def test_the_service_itself_refuses_a_role_beyond_the_inviter(sekretaris_lebak):
    with pytest.raises(PermissionDenied):
        undangan_buat(
            satker=sekretaris_lebak.profil.satker,
            oleh=sekretaris_lebak,
            email="x@contoh.id",
            nama="X",
            peran=Peran.ADMIN_RI,
        )
    assert not Undangan.objects.exists()
    assert not JejakAkun.objects.exists()


def test_an_invited_reviewer_reaches_the_admin_only_after_setting_up_the_app(
    client,
    admin_ri,
    smtp,  # noqa: F811
):
    client.force_login(admin_ri)
    undang(client, "prov-banten", email="rev@kpu-banten.go.id", peran="REVIEWER_PROVINSI")
    client.logout()
    terima(client, tautan(smtp.tunggu(1)[0]), username="reviewer.baru")
    masuk = client.post(
        reverse("login"),
        {"username": "reviewer.baru", "password": SANDI, "next": "/akun/dua-langkah/"},
    )
    assert masuk.url == "/akun/dua-langkah/"
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin.url.startswith(reverse("dua_faktor:ringkasan"))
