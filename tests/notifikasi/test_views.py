"""The bell and its pages: the count in every page's navbar at no extra query, the list with
its links, marking read (one's own only; POST only), the switches page."""

import pytest
from django.urls import reverse

from notifikasi.models import JenisNotifikasi, Notifikasi, PengaturanNotifikasi, Saluran
from notifikasi.services import notifikasi_kirim

pytestmark = pytest.mark.django_db


def _beri(user, jumlah=1, tautan="/dokumen/"):
    for n in range(jumlah):
        notifikasi_kirim(
            penerima=[user],
            jenis=JenisNotifikasi.MENUNGGU_PERSETUJUAN,
            judul=f"RKT 2024 KPU Kabupaten Lebak menunggu persetujuan Anda ({n})",
            teks="Diajukan oleh operator.kab-lebak.",
            tautan=tautan,
        )
    return Notifikasi.objects.filter(penerima=user).order_by("pk")


def test_the_bell_shows_the_unread_count_on_every_page(client, ketua_lebak, operator_lebak):
    _beri(ketua_lebak, 3)
    _beri(operator_lebak, 5)
    satu = Notifikasi.objects.filter(penerima=ketua_lebak).first()
    Notifikasi.objects.filter(pk=satu.pk).update(dibaca_pada="2024-01-26T10:00:00+07:00")
    client.force_login(ketua_lebak)

    for alamat in (reverse("beranda"), reverse("dokumen:list"), reverse("notifikasi:list")):
        isi = client.get(alamat).content.decode()
        assert 'id="lonceng-jumlah">2</span>' in isi, alamat
        assert "Notifikasi, 2 belum dibaca" in isi


def test_no_badge_without_unread(client, ketua_lebak):
    client.force_login(ketua_lebak)
    isi = client.get(reverse("beranda")).content.decode()
    assert 'id="lonceng"' in isi
    assert "lonceng-jumlah" not in isi


def test_the_bell_adds_no_query_to_the_user_read(client, ketua_lebak, django_assert_num_queries):
    """The count rides on the per-request user read (satker.backends): a page with 0 or 40
    unread notifications makes the same queries."""
    client.force_login(ketua_lebak)
    alamat = reverse("notifikasi:pengaturan")
    client.get(alamat)
    # Session, user (with the count), the Ketua's device (two-step), the request's savepoint
    # and its release, the switches: no query of the bell's own.
    with django_assert_num_queries(6):
        client.get(alamat)
    _beri(ketua_lebak, 40)
    with django_assert_num_queries(6):
        isi = client.get(alamat).content.decode()
    assert 'id="lonceng-jumlah">40</span>' in isi


def test_the_list_page_has_constant_queries(client, ketua_lebak, django_assert_num_queries):
    client.force_login(ketua_lebak)
    _beri(ketua_lebak, 2)
    alamat = reverse("notifikasi:list")
    # Session, user (with the bell's count), device, savepoint, the page's count and rows,
    # release.
    with django_assert_num_queries(7):
        client.get(alamat)
    _beri(ketua_lebak, 60)
    with django_assert_num_queries(7):
        isi = client.get(alamat).content.decode()
    assert isi.count('action="/notifikasi/') >= 30  # one page of 30, and the forms around
    assert "Halaman 1 dari 3" in isi


def test_opening_one_marks_it_read_and_goes_to_its_link(client, ketua_lebak, rkt_lebak):
    [n] = _beri(ketua_lebak, tautan=reverse("dokumen:detail", args=[rkt_lebak.pk]))
    client.force_login(ketua_lebak)

    isi = client.get(reverse("notifikasi:list")).content.decode()
    assert n.judul in isi
    assert f'action="{reverse("notifikasi:buka", args=[n.pk])}"' in isi
    jawaban = client.post(reverse("notifikasi:buka", args=[n.pk]))

    assert jawaban.status_code == 302
    assert jawaban["Location"] == reverse("dokumen:detail", args=[rkt_lebak.pk])
    n.refresh_from_db()
    assert n.dibaca_pada is not None
    assert "lonceng-jumlah" not in client.get(jawaban["Location"]).content.decode()


def test_opening_is_post_only(client, ketua_lebak):
    [n] = _beri(ketua_lebak)
    client.force_login(ketua_lebak)
    assert client.get(reverse("notifikasi:buka", args=[n.pk])).status_code == 405
    n.refresh_from_db()
    assert n.dibaca_pada is None


def test_someone_elses_notification_is_404(client, ketua_lebak, operator_serang):
    [n] = _beri(ketua_lebak)
    client.force_login(operator_serang)
    assert client.post(reverse("notifikasi:buka", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.dibaca_pada is None


def test_a_link_off_the_site_is_never_followed(client, ketua_lebak):
    [n] = _beri(ketua_lebak, tautan="https://contoh.invalid/jebakan")
    client.force_login(ketua_lebak)
    jawaban = client.post(reverse("notifikasi:buka", args=[n.pk]))
    assert jawaban["Location"] == reverse("notifikasi:list")


def test_mark_all_read(client, ketua_lebak, operator_lebak):
    _beri(ketua_lebak, 3)
    _beri(operator_lebak, 1)
    client.force_login(ketua_lebak)

    jawaban = client.post(reverse("notifikasi:baca-semua"), follow=True)

    assert "3 notifikasi ditandai sudah dibaca." in jawaban.content.decode()
    assert not Notifikasi.objects.filter(penerima=ketua_lebak, dibaca_pada__isnull=True).exists()
    assert Notifikasi.objects.filter(penerima=operator_lebak, dibaca_pada__isnull=True).exists()


def test_the_switches_page_starts_all_on_and_saves_what_is_unticked(client, ketua_lebak):
    client.force_login(ketua_lebak)
    alamat = reverse("notifikasi:pengaturan")
    isi = client.get(alamat).content.decode()
    assert isi.count(" checked") == len(JenisNotifikasi) * len(Saluran)
    assert "belum mempunyai alamat surel" in isi  # the demo account has none

    data = {f"{j}__{s}".lower(): "on" for j in JenisNotifikasi.values for s in Saluran.values}
    del data["terbit__surel"]
    jawaban = client.post(alamat, data, follow=True)

    assert "Pengaturan notifikasi disimpan." in jawaban.content.decode()
    assert list(
        PengaturanNotifikasi.objects.filter(user=ketua_lebak).values_list(
            "jenis", "saluran", "aktif"
        )
    ) == [(JenisNotifikasi.TERBIT, Saluran.SUREL, False)]
    assert jawaban.content.decode().count(" checked") == len(JenisNotifikasi) * 2 - 1


def test_the_pages_need_a_login(client):
    for alamat in (reverse("notifikasi:list"), reverse("notifikasi:pengaturan")):
        assert client.get(alamat)["Location"].startswith(reverse("login"))


def test_the_per_request_user_read_carries_the_count(ketua_lebak, django_assert_num_queries):
    from notifikasi.backends import BackendPenggunaLonceng

    _beri(ketua_lebak, 2)
    with django_assert_num_queries(1):
        user = BackendPenggunaLonceng().get_user(ketua_lebak.pk)
        assert user.notifikasi_belum_dibaca == 2
        assert user.profil.satker.kode == "kab-lebak"
