"""XSS: a payload in every text field of a document, its rows and the satker profile is shown
escaped on the pages and printed as inert text in the PDF.

Each text field gets the longest payload its column holds (PostgreSQL enforces `max_length`):
the full one, the script tag alone, or a short tag for 10-character columns such as `nomor`.
"""

import io
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.db import models
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from dokumen.models import Dokumen
from dokumen.pdf import render_pdf
from indikator.models import BarisIku
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt
from satker.models import Pejabat, Tupoksi
from tests.conftest import dokumen_seed

SKRIP = "<script>alert(1)</script>"
GAMBAR = '"><img src=x onerror=alert(1)>'
TEMPLAT = "{{ 7*7 }}"
PENUH = SKRIP + GAMBAR + TEMPLAT
PENDEK = "<i>xss</i>"
PAYLOAD = (PENUH, SKRIP, PENDEK)  # longest first

# What must never reach a page unescaped, and how each payload reads once escaped.
MENTAH = ("<script>alert(1)", "<img src=x", PENDEK)
TERLOLOS = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", TEMPLAT)
PENDEK_TERLOLOS = "&lt;i&gt;xss&lt;/i&gt;"  # only documents have 10-character columns
# PDF dictionary keys and action types that run code, fetch, or act on opening.
NAMA_BERBAHAYA = {
    "/JavaScript",
    "/JS",
    "/OpenAction",
    "/AA",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/RichMedia",
    "/GoToR",
}


def payload_untuk(field: models.Field) -> str:
    """The longest payload the column holds."""
    for payload in PAYLOAD:
        if field.max_length is None or len(payload) <= field.max_length:
            return payload
    raise AssertionError(f"{field} is too short for any payload")


def isi_payload(queryset: models.QuerySet, kecuali: tuple[str, ...] = ()) -> list[str]:
    """Every editable free-text field of the rows in `queryset` set to a payload."""
    kolom = {
        field.name: payload_untuk(field)
        for field in queryset.model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and field.name not in kecuali
    }
    assert queryset.update(**kolom), f"no {queryset.model.__name__} rows to fill"
    return sorted(kolom)


@pytest.fixture
def dokumen_beracun(db) -> dict[str, Dokumen]:
    """Lebak's IKU, RKT and RAK and the Lebak profile with a payload in every text field."""
    dokumen = {jenis: dokumen_seed("kab-lebak", jenis) for jenis in ("IKU", "RKT", "RAK")}
    semua = Dokumen.objects.filter(pk__in=[d.pk for d in dokumen.values()])
    diisi = {
        "Dokumen": isi_payload(semua, kecuali=("token_verifikasi", "sha256")),
        "BarisIku": isi_payload(BarisIku.objects.filter(dokumen=dokumen["IKU"])),
        "SasaranRkt": isi_payload(SasaranRkt.objects.filter(dokumen=dokumen["RKT"])),
        "IndikatorRkt": isi_payload(IndikatorRkt.objects.filter(sasaran__dokumen=dokumen["RKT"])),
        "SasaranRak": isi_payload(SasaranRak.objects.filter(dokumen=dokumen["RAK"])),
        "BarisRak": isi_payload(BarisRak.objects.filter(sasaran__dokumen=dokumen["RAK"])),
        "Tupoksi": isi_payload(Tupoksi.objects.filter(satker__kode="kab-lebak")),
        "Pejabat": isi_payload(Pejabat.objects.filter(satker__kode="kab-lebak"), kecuali=("nip",)),
    }
    # The fields the brief names are among those filled.
    assert {"tempat_ttd", "label_lampiran", "alasan_revisi"} <= set(diisi["Dokumen"])
    assert {"nama", "sebutan_jabatan"} <= set(diisi["Pejabat"])
    assert {"teks"} <= set(diisi["Tupoksi"])
    for nama in ("BarisIku", "IndikatorRkt", "BarisRak"):
        assert "target" in diisi[nama]
    return {jenis: Dokumen.objects.get(pk=d.pk) for jenis, d in dokumen.items()}


def periksa_halaman(html: str, terlolos: tuple[str, ...] = TERLOLOS) -> None:
    for mentah in MENTAH:
        assert mentah.lower() not in html.lower(), f"unescaped {mentah!r}"
    for aman in terlolos:
        assert aman in html, f"missing escaped {aman!r}"


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ["IKU", "RKT", "RAK"])
@pytest.mark.parametrize("halaman", ["dokumen:detail", "dokumen:ubah"])
def test_document_pages_show_the_payload_escaped(
    client, operator_lebak, dokumen_beracun, jenis, halaman
):
    client.force_login(operator_lebak)

    response = client.get(reverse(halaman, args=[dokumen_beracun[jenis].pk]))

    assert response.status_code == 200
    periksa_halaman(response.content.decode(), (*TERLOLOS, PENDEK_TERLOLOS))


@pytest.mark.django_db
@pytest.mark.parametrize("halaman", ["satker-detail", "satker-profil"])
def test_satker_pages_show_the_payload_escaped(client, operator_lebak, dokumen_beracun, halaman):
    client.force_login(operator_lebak)

    response = client.get(reverse(halaman, args=["kab-lebak"]))

    assert response.status_code == 200
    html = response.content.decode()
    periksa_halaman(html)
    assert html.count(TERLOLOS[0]) >= Tupoksi.objects.filter(satker__kode="kab-lebak").count()


@pytest.mark.django_db
def test_admin_pages_show_the_payload_escaped(client, admin_ri, dokumen_beracun):
    client.force_login(admin_ri)

    for dokumen in dokumen_beracun.values():
        response = client.get(reverse("admin:dokumen_dokumen_change", args=[dokumen.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        for mentah in MENTAH:
            assert mentah.lower() not in html.lower(), f"unescaped {mentah!r}"


# -- the PDF ---------------------------------------------------------------------------------


def teks_pdf(pdf: bytes) -> str:
    """The PDF's text in content-stream order, with all whitespace removed (cells wrap)."""
    with tempfile.TemporaryDirectory() as folder:
        berkas = Path(folder) / "dokumen.pdf"
        berkas.write_bytes(pdf)
        teks = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(berkas), "-"],
            capture_output=True,
            check=True,
            text=True,
            encoding="utf-8",
        ).stdout
    return "".join(teks.split())


def isi_pdf(pdf: bytes) -> tuple[set[str], int]:
    """(every dictionary key and name value in the PDF's objects, the number of images)."""
    pembaca = PdfFileReader(io.BytesIO(pdf))
    nama: set[str] = set()
    gambar = 0

    def jelajahi(obj) -> None:
        nonlocal gambar
        if isinstance(obj, generic.IndirectObject):
            return  # every indirect object is visited from the cross-reference table
        if isinstance(obj, generic.DictionaryObject):  # streams too
            if obj.get("/Subtype") == "/Image":
                gambar += 1
            for kunci, nilai in obj.items():
                nama.add(str(kunci))
                jelajahi(nilai)
        elif isinstance(obj, generic.ArrayObject):
            for nilai in obj:
                jelajahi(nilai)
        elif isinstance(obj, generic.NameObject):
            nama.add(str(obj))

    for ref in pembaca.xrefs.explicit_refs_in_revision(0):
        jelajahi(pembaca.get_object(ref))
    return nama, gambar


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ["IKU", "RKT", "RAK"])
def test_the_pdf_prints_the_payload_as_text_and_holds_nothing_active(dokumen_beracun, jenis):
    pdf = render_pdf(dokumen_beracun[jenis]).pdf

    teks = teks_pdf(pdf)
    for payload in (PENUH, SKRIP, PENDEK):
        assert "".join(payload.split()) in teks, f"{payload!r} not printed literally"
    nama, gambar = isi_pdf(pdf)
    assert not nama & NAMA_BERBAHAYA, nama & NAMA_BERBAHAYA
    assert b"/JavaScript" not in pdf
    assert gambar == 0  # the print templates use no images: no <img> was interpreted
