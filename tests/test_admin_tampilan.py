"""The admin a reviewer reads looks like the site and speaks its language: the site's name,
logo, colours and favicon; the paper's names for every model (no internal "Baris IKU"), and
list filters each with its own title."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from indikator.models import BarisIku
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt
from tests.conftest import dokumen_seed

NAMA_INTERNAL = re.compile(
    r"\b(Baris IKU|Baris RAK|Sasaran RKT|Sasaran RAK|Indikator RKT|Butir tugas/fungsi|"
    r"BarisIku|BarisRak|SasaranRkt|SasaranRak|IndikatorRkt|Tupoksi object|Dokumen object|"
    r"suntingan_dibaca|Suntingan dibaca)\b"
)
# Django's own words, should a page fall back to English.
KATA_INGGRIS = re.compile(
    r"\b(Add|Change|Delete|History|Save|Search|Home|Log out|View site|Select|Django|"
    r"administration|by)\b"
)
JUDUL_FILTER = re.compile(r'data-filter-title="([^"]*)"')


def teks(html: str) -> str:
    """What a reader sees: the page without tags, scripts and styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def halaman_reviewer(client) -> dict[str, str]:
    """Every admin page a reviewer opens: the index, each list, a document of each type, the
    progress matrix, and a row page of each row model."""
    index = client.get(reverse("admin:index"))
    daftar = [m["admin_url"] for app in index.context["app_list"] for m in app["models"]]
    dokumen = [dokumen_seed("kab-lebak", jenis) for jenis in ("IKU", "RKT", "RAK")]
    baris = [
        BarisIku.objects.filter(dokumen__satker__kode="kab-lebak").first(),
        SasaranRkt.objects.filter(dokumen__satker__kode="kab-lebak").first(),
        IndikatorRkt.objects.filter(sasaran__dokumen__satker__kode="kab-lebak").first(),
        SasaranRak.objects.filter(dokumen__satker__kode="kab-lebak").first(),
        BarisRak.objects.filter(sasaran__dokumen__satker__kode="kab-lebak").first(),
    ]
    url = [
        reverse("admin:index"),
        *daftar,
        *(reverse("admin:dokumen_dokumen_change", args=[d.pk]) for d in dokumen),
        reverse("admin:dokumen_dokumen_kemajuan"),
        # A row page of each row model, read-only for the reviewer.
        *(
            reverse(f"admin:{b._meta.app_label}_{b._meta.model_name}_change", args=[b.pk])
            for b in baris
        ),
    ]
    halaman = {}
    for u in url:
        response = client.get(u)
        assert response.status_code == 200, u
        halaman[u] = response.content.decode()
    return halaman


@pytest.mark.django_db
def test_the_reviewers_admin_pages_use_the_papers_names_in_indonesian(client, reviewer_banten):
    client.force_login(reviewer_banten)

    halaman = halaman_reviewer(client)

    assert len(halaman) > 20
    for url, html in halaman.items():
        isi = teks(html)
        assert not NAMA_INTERNAL.search(isi), (url, NAMA_INTERNAL.search(isi))
        assert not KATA_INGGRIS.search(isi), (url, KATA_INGGRIS.search(isi))
    index = teks(halaman[reverse("admin:index")])
    for nama in (
        "Indikator Kinerja Utama (baris)",
        "Rencana Kinerja Tahunan (sasaran)",
        "Rencana Kinerja Tahunan (indikator)",
        "Rencana Aksi Kinerja (sasaran)",
        "Rencana Aksi Kinerja (baris)",
        "Tugas dan fungsi",
        "Jejak perubahan dokumen",
        "Riwayat alur dokumen",
    ):
        assert nama in index


@pytest.mark.django_db
def test_no_list_has_two_filters_of_one_title(client, admin_ri):
    client.force_login(admin_ri)
    index = client.get(reverse("admin:index"))
    daftar = [m["admin_url"] for app in index.context["app_list"] for m in app["models"]]

    judul = {u: JUDUL_FILTER.findall(client.get(u).content.decode()) for u in daftar}

    assert judul[reverse("admin:dokumen_jejakperubahan_changelist")][:2] == [
        "jenis perubahan",
        "jenis dokumen",
    ]
    for url, semua in judul.items():
        assert len(semua) == len(set(semua)), (url, semua)


@pytest.mark.django_db
def test_the_admin_carries_the_sites_name_logo_colours_and_favicon(client, reviewer_banten):
    client.force_login(reviewer_banten)

    html = client.get(reverse("admin:index")).content.decode()
    situs = client.get(reverse("satker-list")).content.decode()

    assert "<title>Reviu dan administrasi | SAKIP KPU</title>" in html
    assert re.search(r'<div id="site-name"><a href="/admin/"><img src="[^"]*logo[^"]*\.svg"', html)
    assert re.search(r'<link rel="stylesheet" href="[^"]*css/admin[^"]*\.css">', html)
    for halaman in (html, situs):
        assert re.search(
            r'<link rel="icon" href="[^"]*favicon[^"]*\.svg" type="image/svg\+xml">', halaman
        )
    for berkas in ("css/admin.css", "img/logo.svg", "img/favicon.svg"):
        respons = client.get(f"/static/{berkas}")
        assert respons.status_code == 200, berkas
    css = b"".join(client.get("/static/css/admin.css").streaming_content).decode()
    assert "--header-bg: var(--kpu-marun);" in css
    assert "--kpu-marun: #7a1414;" in css
