"""Deliberate steps in a real browser: Ajukan asks in a dialog (and on a page without JS), and
the signing page shows the PDF to sign, refuses a wrong password and signs with the right one
(real WeasyPrint, pdftoppm and pyHanko); a second party signs the stored file after the first.
Screenshots in the test's tmp_path."""

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest

from dokumen.alur import dokumen_transisi
from dokumen.jenis import PihakTtd, jenis_sementara, jenis_terdaftar
from dokumen.models import AksiDokumen, Dokumen, PihakTandaTangan, StatusDokumen, TandaTangan
from dokumen.tte import init_pki
from satker.demo import PASSWORD_DEMO
from satker.models import Jabatan, Pejabat
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import foto, masuk
from tests.conftest import _user, dokumen_seed
from tests.dua_faktor_uji import kode_untuk
from tests.test_cadangan import _di_utas_lain

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URL_DETAIL = re.compile(r"/dokumen/\d+/$")


@pytest.fixture
def rak(data_seed, live_server, settings, tmp_path) -> Dokumen:
    """Lebak's RAK 2024 as seeded, with the site's address and a development PKI of its own."""
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PKI_DIR = tmp_path / "pki"
    settings.TTE_PKCS12_PATH = ""
    settings.TTE_TIMESTAMP_URL = ""
    init_pki(settings.PKI_DIR)
    rak = dokumen_seed("kab-lebak", "RAK")
    assert rak.status == StatusDokumen.DRAF
    return rak


def _status(dokumen: Dokumen) -> str:
    dokumen.refresh_from_db()
    return dokumen.status


def test_ajukan_asks_in_a_dialog_and_only_the_confirmation_submits(page, rak, tmp_path):
    masuk(page, "operator.kab-lebak")
    page.goto(f"/dokumen/{rak.pk}/")
    dialog = page.locator("#dialog-konfirmasi")
    expect(dialog).to_be_hidden()

    page.get_by_role("button", name="Ajukan ke Ketua…").click()
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Ajukan dokumen ini kepada Ketua?")
    foto(page, tmp_path, "01-dialog-ajukan")
    dialog.get_by_role("button", name="Batal").click()
    expect(dialog).to_be_hidden()
    assert _status(rak) == StatusDokumen.DRAF

    page.get_by_role("button", name="Ajukan ke Ketua…").click()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert _status(rak) == StatusDokumen.DRAF

    page.get_by_role("button", name="Ajukan ke Ketua…").click()
    dialog.get_by_role("button", name="Ya, ajukan").click()
    expect(page.locator(".alert-success")).to_contain_text("Dokumen diajukan kepada Ketua.")
    foto(page, tmp_path, "02-diajukan")
    assert _status(rak) == StatusDokumen.DIAJUKAN


def test_without_js_ajukan_asks_on_a_page(browser, live_server, rak, tmp_path):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    halaman = context.new_page()
    try:
        masuk(halaman, "operator.kab-lebak")
        halaman.goto(f"/dokumen/{rak.pk}/")
        halaman.get_by_role("button", name="Ajukan ke Ketua…").click()
        expect(halaman.locator("#konfirmasi-aksi")).to_contain_text("Belum ada yang berubah.")
        foto(halaman, tmp_path, "01-halaman-konfirmasi")
        assert _status(rak) == StatusDokumen.DRAF

        halaman.get_by_role("button", name="Ya, ajukan").click()
        expect(halaman).to_have_url(URL_DETAIL)
        expect(halaman.locator(".alert-success")).to_contain_text("Dokumen diajukan")
        assert _status(rak) == StatusDokumen.DIAJUKAN
    finally:
        context.close()


def test_the_signing_page_refuses_a_wrong_password_then_signs(page, rak, tmp_path: Path):
    for username, aksi in [("operator.kab-lebak", "AJUKAN"), ("ketua.kab-lebak", "SETUJUI")]:
        dokumen_transisi(dokumen=rak, user=_user(username), aksi=AksiDokumen(aksi))
    masuk(page, "sekretaris.kab-lebak")
    page.goto(f"/dokumen/{rak.pk}/")

    page.get_by_role("link", name="Tandatangani dan terbitkan…").click()
    expect(page).to_have_url(re.compile(rf"/dokumen/{rak.pk}/tandatangani/$"))
    expect(page.locator("img.halaman-pratinjau")).to_have_count(3)
    expect(page.locator("#penandatangan")).to_contain_text(rak.penandatangan.nama)
    expect(page.locator("#penandatangan")).to_contain_text("KPU Kinerja Development CA")
    for gambar in page.locator("img.halaman-pratinjau").all():
        assert gambar.evaluate("g => g.complete && g.naturalWidth > 700")
    foto(page, tmp_path, "01-halaman-tanda-tangan")

    page.get_by_label("Kata sandi Anda").fill("bukan-kata-sandinya")
    page.get_by_label("Kode verifikasi dua langkah").fill(kode_untuk("sekretaris.kab-lebak"))
    page.get_by_role("button", name="Tandatangani dan terbitkan").click()
    expect(page.locator("#galat-password")).to_have_text(
        "Kata sandi salah. Dokumen belum ditandatangani."
    )
    # The refused field takes the focus, so its message is on screen, not below the preview.
    expect(page.get_by_label("Kata sandi Anda")).to_be_focused()
    assert page.locator("#galat-password").evaluate(
        "el => el.getBoundingClientRect().bottom <= window.innerHeight"
    )
    foto(page, tmp_path, "02-sandi-salah")
    assert _status(rak) == StatusDokumen.DISETUJUI
    assert not TandaTangan.objects.filter(dokumen=rak).exists()

    page.get_by_label("Kata sandi Anda").fill(PASSWORD_DEMO)
    page.get_by_label("Kode verifikasi dua langkah").fill(kode_untuk("sekretaris.kab-lebak"))
    page.get_by_role("button", name="Tandatangani dan terbitkan").click()
    expect(page).to_have_url(URL_DETAIL)
    expect(page.locator(".alert-success")).to_contain_text(
        "Dokumen ditandatangani secara elektronik dan diterbitkan."
    )
    foto(page, tmp_path, "03-terbit")
    assert _status(rak) == StatusDokumen.TERBIT
    # pdfsig, not pyHanko: pyHanko runs its own event loop, and Playwright's runs in this thread.
    berkas = tmp_path / "terbit.pdf"
    with rak.berkas_pdf.open("rb") as isi:
        berkas.write_bytes(isi.read())
    pdfsig = subprocess.run(["pdfsig", str(berkas)], capture_output=True, text=True)
    assert "Signature Validation: Signature is Valid." in pdfsig.stdout
    assert f"Signer Certificate Common Name: {rak.penandatangan.nama}" in pdfsig.stdout


@pytest.fixture
def rkt_dua_pihak(data_seed, live_server, settings, tmp_path):
    """Lebak's RKT 2024 declared with the PK's two parties (Sekretaris, then Ketua), approved
    and signed by the Sekretaris: it waits for the Ketua."""
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PKI_DIR = tmp_path / "pki"
    settings.TTE_PKCS12_PATH = ""
    settings.TTE_TIMESTAMP_URL = ""
    init_pki(settings.PKI_DIR)
    pertama = PihakTtd(PihakTandaTangan.PIHAK_PERTAMA, Jabatan.SEKRETARIS, "Pihak Pertama,")
    kedua = PihakTtd(PihakTandaTangan.PIHAK_KEDUA, Jabatan.KETUA, "Pihak Kedua,")
    rkt = jenis_terdaftar("RKT")
    # The live server's threads read the same registry.
    with jenis_sementara(dataclasses.replace(rkt, pihak_ttd=(pertama, kedua))):
        dokumen = dokumen_seed("kab-lebak", "RKT")
        sekretaris = Pejabat.objects.get(satker=dokumen.satker, jabatan=Jabatan.SEKRETARIS)
        Dokumen.objects.filter(pk=dokumen.pk).update(penandatangan=sekretaris)
        for username, aksi in [
            ("operator.kab-lebak", "AJUKAN"),
            ("ketua.kab-lebak", "SETUJUI"),
            ("sekretaris.kab-lebak", "TERBITKAN"),
        ]:
            # In a thread of its own: pyHanko's asyncio.run() refuses the loop Playwright keeps
            # running in this one.
            dokumen = _di_utas_lain(
                dokumen_transisi,
                dokumen=Dokumen.objects.get(pk=dokumen.pk),
                user=_user(username),
                aksi=AksiDokumen(aksi),
            )
        assert dokumen.status == StatusDokumen.DISETUJUI
        yield dokumen


def _blok_sejajar(page, pertama: TandaTangan, kedua: TandaTangan) -> None:
    """The page's signature block: Pihak Kedua left of Pihak Pertama, each line of one column
    level with the same line of the other, and each column saying whether its party signed."""
    kolom = {u: page.locator(f'#blok-ttd [data-pihak="{u}"]') for u in (1, 2)}
    expect(kolom[1]).to_contain_text(pertama.nama)
    expect(kolom[1]).to_contain_text("Ditandatangani secara elektronik")
    expect(kolom[2]).to_contain_text(kedua.nama)
    expect(kolom[2]).to_contain_text("Belum ditandatangani")
    assert kolom[2].bounding_box()["x"] < kolom[1].bounding_box()["x"]
    for baris in range(1, 7):
        kiri, kanan = (kolom[u].locator(f":scope > div:nth-child({baris})") for u in (2, 1))
        # The jabatan lines end level (bottom-aligned, as printed); the others start level.
        atas = [k.bounding_box()["y"] for k in (kiri, kanan)]
        bawah = [k.bounding_box()["y"] + k.bounding_box()["height"] for k in (kiri, kanan)]
        assert (bawah if baris == 3 else atas)[0] == pytest.approx(
            (bawah if baris == 3 else atas)[1], abs=1
        ), baris


def test_the_second_party_signs_through_the_page(page, rkt_dua_pihak, tmp_path: Path):
    dokumen = rkt_dua_pihak
    pertama, kedua = TandaTangan.objects.filter(dokumen=dokumen).order_by("urutan")
    # The QR code of the partly signed file: not published yet, and whom it waits for.
    page.goto(f"/verifikasi/{dokumen.token_verifikasi}/")
    expect(page.locator("#belum-terbit")).to_contain_text(f"Pihak Kedua ({kedua.nama})")
    expect(page.locator("#rincian-verifikasi")).to_contain_text("Belum menandatangani")
    expect(page.locator("input[type=file]")).to_have_count(0)
    foto(page, tmp_path, "00-verifikasi-belum-terbit")
    masuk(page, "ketua.kab-lebak")
    page.goto(f"/dokumen/{dokumen.pk}/")
    expect(page.locator("#status-tanda-tangan")).to_contain_text(
        f"Sudah ditandatangani Pihak Pertama ({pertama.nama}"
    )
    expect(page.locator("#status-tanda-tangan")).to_contain_text(
        f"menunggu Pihak Kedua ({kedua.nama})"
    )
    expect(page.locator("#tombol-pdf")).to_contain_text("PDF (ditandatangani 1 dari 2)")
    expect(page.locator("#langkah-ttd li")).to_have_count(2)
    expect(page.locator('#langkah-ttd [data-pihak="2"]')).to_contain_text("belum ditandatangani")
    _blok_sejajar(page, pertama, kedua)
    foto(page, tmp_path, "01-menunggu-pihak-kedua")

    page.get_by_role("link", name="Tandatangani dan terbitkan…").click()
    expect(page).to_have_url(re.compile(rf"/dokumen/{dokumen.pk}/tandatangani/$"))
    expect(page.locator("#sudah-ditandatangani")).to_contain_text(pertama.nama)
    expect(page.locator("#penandatangan")).to_contain_text(kedua.nama)
    expect(page.locator("#pratinjau")).to_contain_text("sudah ditandatangani pihak sebelumnya")
    assert page.locator("img.halaman-pratinjau").count() >= 1
    for gambar in page.locator("img.halaman-pratinjau").all():
        assert gambar.evaluate("g => g.complete && g.naturalWidth > 700")
    foto(page, tmp_path, "02-halaman-pihak-kedua")

    page.get_by_label("Kata sandi Anda").fill(PASSWORD_DEMO)
    page.get_by_label("Kode verifikasi dua langkah").fill(kode_untuk("ketua.kab-lebak"))
    page.get_by_role("button", name="Tandatangani dan terbitkan").click()
    expect(page).to_have_url(URL_DETAIL)
    expect(page.locator(".alert-success")).to_contain_text(
        "Dokumen ditandatangani secara elektronik dan diterbitkan."
    )
    foto(page, tmp_path, "03-terbit-dua-pihak")
    assert _status(dokumen) == StatusDokumen.TERBIT
    berkas = tmp_path / "terbit-dua-pihak.pdf"
    with dokumen.berkas_pdf.open("rb") as isi:
        berkas.write_bytes(isi.read())
    pdfsig = subprocess.run(["pdfsig", str(berkas)], capture_output=True, text=True).stdout
    assert pdfsig.count("Signature Validation: Signature is Valid.") == 2
    for nama, field in [(pertama.nama, "TTE1"), (kedua.nama, "TTE2")]:
        assert f"Signer Certificate Common Name: {nama}" in pdfsig
        assert f"Signature Field Name: {field}" in pdfsig
