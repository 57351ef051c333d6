"""The Content-Security-Policy in a real browser: the pages, the editor, the admin and Swagger UI
work under it, and Chromium reports no violation of it.

Violations are caught by a `securitypolicyviolation` listener installed before any page script
(Playwright's init script is not subject to the page's CSP) and by Chromium's console.
"""

import re

import pytest

from satker.demo import PASSWORD_DEMO
from tests.browser.conftest import CHROMIUM
from tests.conftest import dokumen_seed
from tests.dua_faktor_uji import isi_kode_di_peramban, kode_untuk

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PENDENGAR = """
window.__pelanggaran = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__pelanggaran.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""


@pytest.fixture
def halaman(page):
    """`page` with every CSP violation and CSP/Permissions-Policy console error recorded."""
    konsol: list[str] = []
    page.add_init_script(PENDENGAR)
    page.on(
        "console",
        lambda pesan: (
            konsol.append(pesan.text)
            if re.search(
                r"Content Security Policy|Permissions-Policy|Permissions policy", pesan.text
            )
            else None
        ),
    )
    page.konsol = konsol
    return page


def tanpa_pelanggaran(page) -> None:
    assert page.evaluate("window.__pelanggaran") == []
    assert page.konsol == []


def masuk(page, username: str, url: str = "/masuk/") -> None:
    """The login form at `url`; for the admin's, its second step too (the code page is
    under the same policy)."""
    kode = kode_untuk(username) if url.startswith("/admin/") else None
    page.goto(url)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD_DEMO)
    page.locator("[type=submit]").click()
    page.wait_for_load_state()
    if kode:
        isi_kode_di_peramban(page, kode)


def test_the_editor_adds_a_row_under_the_policy(halaman):
    masuk(halaman, "operator.kab-lebak")
    tanpa_pelanggaran(halaman)
    rak = dokumen_seed("kab-lebak", "RAK")

    halaman.goto(f"/dokumen/{rak.pk}/")
    expect(halaman.locator("h1")).to_contain_text("2024")
    tanpa_pelanggaran(halaman)
    halaman.goto(f"/dokumen/{rak.pk}/ubah/")
    baris = halaman.locator("#tabel-kelompok > tbody > tr.baris-form")
    sebelum = baris.count()
    baris.last.locator("[data-tambah=baris]").click()

    expect(baris).to_have_count(sebelum + 1)  # editor_kelompok.js ran
    tanpa_pelanggaran(halaman)


def test_swagger_ui_and_the_admin_work_under_the_policy(halaman):
    masuk(halaman, "admin.ri", "/admin/login/")
    expect(halaman).to_have_url(re.compile(r"/admin/$"))
    tanpa_pelanggaran(halaman)

    halaman.goto("/admin/dokumen/dokumen/")
    expect(halaman.locator("#result_list")).to_be_visible()
    halaman.locator("#action-toggle").check()  # the admin's actions.js
    expect(halaman.locator(".action-counter")).to_contain_text("terpilih")
    tanpa_pelanggaran(halaman)

    halaman.goto("/api/docs/")
    expect(halaman.locator(".swagger-ui .info .title")).to_contain_text("KPU Kinerja API")
    expect(halaman.locator(".opblock").first).to_be_visible()
    tanpa_pelanggaran(halaman)
