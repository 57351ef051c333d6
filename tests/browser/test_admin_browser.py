"""The admin as a reviewer reads it, in a real browser: the site's maroon header, logo and
favicon, the paper's names, distinct filter titles, the audit entry's before/after, the progress
matrix's bars; and Admin RI's satker list paged and searched.

Each page leaves a full-page screenshot in the test's tmp_path (or under `--basetemp=DIR`).
"""

import re
from pathlib import Path

import pytest

from dokumen.models import JejakPerubahan, JenisPerubahan
from satker.demo import PASSWORD_DEMO
from tests.browser.conftest import CHROMIUM
from tests.conftest import dokumen_seed
from tests.dua_faktor_uji import isi_kode_di_peramban, kode_untuk
from tests.factories import ajukan
from tests.test_admin_tampilan import KATA_INGGRIS, NAMA_INTERNAL

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARUN = "rgb(122, 20, 20)"  # static/css/app.css .bg-kpu, and the admin's --header-bg


def masuk_admin(page, username: str) -> None:
    """The admin's login form, then the second step the admin asks of its users."""
    kode = kode_untuk(username)
    page.goto("/admin/login/?next=/admin/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD_DEMO)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/akun/dua-langkah/verifikasi/"))
    isi_kode_di_peramban(page, kode)
    expect(page).to_have_url(re.compile(r"/admin/$"))


def foto(page, tmp_path: Path, nama: str) -> None:
    page.screenshot(path=tmp_path / f"{nama}.png", full_page=True)


def periksa_bahasa(page) -> None:
    isi = page.locator("body").inner_text()
    assert not NAMA_INTERNAL.search(isi), (page.url, NAMA_INTERNAL.search(isi))
    assert not KATA_INGGRIS.search(isi), (page.url, KATA_INGGRIS.search(isi))
    judul = page.locator("#changelist-filter details").evaluate_all(
        "els => els.map(e => e.dataset.filterTitle)"
    )
    assert len(judul) == len(set(judul)), (page.url, judul)


def test_a_reviewer_walks_through_the_admin(page, tmp_path):
    iku = ajukan(dokumen_seed("kab-lebak", "IKU"))
    jejak = JejakPerubahan.objects.get(dokumen=iku, jenis=JenisPerubahan.TRANSISI)
    rak = dokumen_seed("kab-lebak", "RAK")
    masuk_admin(page, "reviewer.banten")

    header = page.locator("#header")
    expect(header).to_have_css("background-color", MARUN)
    expect(page.locator("#site-name")).to_have_text("Administrasi SAKIP KPU")
    expect(page.locator("#site-name img")).to_be_visible()
    assert page.locator("#site-name img").evaluate("img => img.naturalWidth") > 0
    favicon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(favicon).ok
    expect(page.get_by_role("link", name="Indikator Kinerja Utama (baris)")).to_be_visible()
    expect(page.get_by_role("link", name="Tugas dan fungsi")).to_be_visible()
    periksa_bahasa(page)
    foto(page, tmp_path, "01-beranda-admin")

    langkah = [
        ("02-daftar-dokumen", "/admin/dokumen/dokumen/"),
        ("03-dokumen-rak", f"/admin/dokumen/dokumen/{rak.pk}/change/"),
        ("04-baris-iku", "/admin/indikator/barisiku/"),
        ("05-baris-rak", "/admin/rencana_aksi/barisrak/"),
        ("06-sasaran-rkt", "/admin/rencana_aksi/sasaranrkt/"),
        ("07-jejak", "/admin/dokumen/jejakperubahan/"),
    ]
    for nama, url in langkah:
        page.goto(url)
        expect(header).to_have_css("background-color", MARUN)
        periksa_bahasa(page)
        foto(page, tmp_path, nama)
    expect(page.locator("details[data-filter-title='jenis perubahan']")).to_have_count(1)
    expect(page.locator("details[data-filter-title='jenis dokumen']")).to_have_count(1)

    page.goto(f"/admin/dokumen/jejakperubahan/{jejak.pk}/change/")
    status = page.locator("#beda-kepala tbody tr", has_text="Status")
    expect(status.locator("td.lama")).to_have_text("Draf")
    expect(status.locator("td.baru")).to_have_text("Diajukan")
    expect(page.locator("body")).not_to_contain_text('"DIAJUKAN"')
    periksa_bahasa(page)
    foto(page, tmp_path, "08-jejak-sebelum-sesudah")

    page.goto("/admin/dokumen/dokumen/kemajuan/")
    expect(page.locator("#id_tahun")).to_have_value("2024")
    iku_baris = page.locator("#jumlah-status tr[data-jenis='IKU']")
    expect(iku_baris.locator("td[data-status='DIAJUKAN']")).to_have_text("1 (50%)")
    segmen = iku_baris.locator(".batang span")
    expect(segmen).to_have_count(2)  # draf and diajukan, half each
    lebar = segmen.evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert lebar[0] > 0
    assert abs(lebar[0] - lebar[1]) < 1
    periksa_bahasa(page)
    foto(page, tmp_path, "09-kemajuan")


def test_admin_ri_pages_and_searches_the_satker_list(page, tmp_path):
    page.goto("/masuk/")
    page.locator("input[name=username]").fill("admin.ri")
    page.locator("input[name=password]").fill(PASSWORD_DEMO)
    page.get_by_role("button", name="Masuk").click()
    page.goto("/satker/")
    expect(page.locator("link[rel=icon]")).to_have_count(1)
    expect(page.locator(".card-header").first).to_contain_text("Tingkat pusat")
    expect(page.get_by_role("navigation", name="Halaman daftar satker")).to_be_visible()
    foto(page, tmp_path, "10-satker-halaman-1")

    page.get_by_role("link", name="2", exact=True).click()
    expect(page.locator(".card-header").first).to_contain_text("KPU Provinsi Kalimantan Timur")
    foto(page, tmp_path, "11-satker-halaman-2")

    page.get_by_label("Cari satker").fill("lebak")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("#hasil-cari")).to_have_text("1 KPU kabupaten/kota cocok dengan “lebak”.")
    expect(page.locator(".card")).to_have_count(1)
    expect(page.locator(".card .list-group-item")).to_have_text(re.compile("KPU Kabupaten Lebak"))
    foto(page, tmp_path, "12-satker-cari")


def test_the_reviewers_change_lists_fit_1366_pixels(page, tmp_path):
    """Beside both sidebars, the last columns (Diubah, Ringkasan) stay in view: long date-times
    and summaries wrap instead of widening the table."""
    ajukan(dokumen_seed("kab-lebak", "IKU"))
    page.set_viewport_size({"width": 1366, "height": 768})
    masuk_admin(page, "reviewer.banten")
    for nama, alamat in [
        ("dokumen", "/admin/dokumen/dokumen/"),
        ("jejak", "/admin/dokumen/jejakperubahan/"),
    ]:
        page.goto(alamat)
        foto(page, tmp_path, f"lebar-{nama}")
        hasil = page.locator("#changelist .results")
        assert hasil.evaluate("el => el.scrollWidth <= el.clientWidth"), alamat
