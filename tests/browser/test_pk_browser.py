"""The PK in a real Chromium: made from the RKT with the new-document page's button, an
indicator added in the editor with its measurement set, saved; the editor fits 1,366 px.
Screenshots of each step are left in the test's tmp_path."""

import re

import pytest

from dokumen.models import Dokumen
from perjanjian_kinerja.models import IndikatorPk
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import foto, masuk, simpan

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_operator_makes_a_pk_from_the_rkt_and_sets_an_indicators_measurement(page, tmp_path):
    Dokumen.objects.filter(satker__kode="kab-lebak", jenis="PK").delete()
    page.set_viewport_size({"width": 1366, "height": 800})
    masuk(page, "operator.kab-lebak")

    page.goto("/dokumen/baru/kab-lebak/")
    foto(page, tmp_path, "1-baru")
    page.get_by_role("button", name="Buat PK dari RKT").click()
    expect(page).to_have_url(re.compile(r"/dokumen/\d+/ubah/$"))
    expect(page.locator(".alert-success")).to_contain_text("Semakin tinggi semakin baik")
    pk = Dokumen.objects.get(satker__kode="kab-lebak", jenis="PK", tahun=2024)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366

    pertama = page.locator("tr.baris-form").first
    pertama.locator("[data-tambah=baris]").click()
    baru = page.locator("tr.baris-form").nth(1)
    baru.locator("textarea[name$='-indikator']").fill("Opini BPK atas laporan keuangan")
    baru.locator("input[name$='-target']").fill("WTP")
    baru.locator("select[name$='-polaritas']").select_option("KUALITATIF")
    baru.locator("select[name$='-skala']").select_option("OPINI_BPK")
    baru.locator("input[name$='-target_tw4']").fill("WTP")
    foto(page, tmp_path, "2-editor")
    simpan(page)

    expect(page).to_have_url(re.compile(rf"/dokumen/{pk.pk}/$"))
    foto(page, tmp_path, "3-detail")
    opini = IndikatorPk.objects.get(sasaran__dokumen=pk, indikator__startswith="Opini BPK")
    assert (opini.polaritas, opini.skala, opini.target_tw4, opini.asal_rkt) == (
        "KUALITATIF",
        "OPINI_BPK",
        "WTP",
        None,
    )
    dari_rkt = IndikatorPk.objects.filter(sasaran__dokumen=pk, asal_rkt__isnull=False)
    assert dari_rkt.count() == 22  # every RKT row still remembered after the save
