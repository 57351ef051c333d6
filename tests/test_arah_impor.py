"""Imports run one way (docs/architecture.md, "Layers"): a module imports only from its own layer
and the layers below it, never from one above.

Every .py file of the project package and of the apps is parsed with `ast`; every import counts,
at module level or inside a function, absolute or relative. There is no list of tolerated
violations: the test passes because there are none. A module or app that no layer names fails
the test, so a new one is placed on purpose.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

AKAR = Path(__file__).resolve().parent.parent
PROYEK = "kpu_kinerja"

# Bottom first. An app is named by its package (all its modules); the project package module by
# module, because it holds both what apps import and what imports the apps.
LAPISAN: list[tuple[str, set[str]]] = [
    (
        # Imported by the apps, import none: environment, client address, JSON parser,
        # Indonesian formatting, request ids and log context, the 500 page, the health check,
        # and the Celery app the tasks register on (it finds them at run time, as
        # INSTALLED_APPS does, without importing any).
        "dasar proyek",
        {
            f"{PROYEK}.env",
            f"{PROYEK}.klien",
            f"{PROYEK}.parsers",
            f"{PROYEK}.api_galat",  # the API's errors and their handler
            f"{PROYEK}.formats",
            f"{PROYEK}.middleware",
            f"{PROYEK}.galat",
            f"{PROYEK}.views",
            f"{PROYEK}.celery",
            f"{PROYEK}.checks",  # system checks of the settings (SITE_URL, EMAIL_URL)
            f"{PROYEK}.sementara",  # uploads kept between preview and confirmation
            f"{PROYEK}.surel",  # sending email (password reset; later invitations, notices)
            PROYEK,  # its empty __init__.py
        },
    ),
    # admin_akses builds the admin's access rule on satker.akses and every app's admin uses it,
    # so it belongs to satker's layer although it lives in the project package.
    ("satker", {"satker", f"{PROYEK}.admin_akses"}),
    # The second factor of the accounts: read by signing (dokumen) and the admin.
    ("dua faktor", {"dua_faktor"}),
    # People and accounts: invitations, roles, deactivation (issue 16), on satker and 2FA.
    ("akun", {"akun"}),
    # The document record, its workflow and the type registry (dokumen.jenis): shared code that
    # asks the registry and names no type.
    ("dokumen", {"dokumen"}),
    # The document types, each declaring itself to the registry from its AppConfig.ready(); they
    # build on dokumen and never import one another.
    ("jenis dokumen", {"indikator", "rencana_aksi", "perjanjian_kinerja"}),
    # The measurement reads the PK's choices (polarity, scale, aggregation) and its rows.
    ("pengukuran", {"pengukuran"}),
    # Documents to and from spreadsheets: reads every type through the registry (and, later,
    # the measurement's tables).
    ("pertukaran", {"pertukaran"}),
    ("ekspor", {"ekspor"}),
    # Notifications: listens to the workflows' signals (dokumen.sinyal, pengukuran.sinyal) and
    # reads the satker, documents and reporting windows it tells about.
    ("notifikasi", {"notifikasi"}),
    (
        # Wiring that may import every app: settings, URLs, servers, the app config and the
        # commands spanning all apps (backup/restore, the national data generator).
        "proyek atas",
        {
            f"{PROYEK}.settings",
            f"{PROYEK}.urls",
            f"{PROYEK}.api_urls",
            f"{PROYEK}.wsgi",
            f"{PROYEK}.asgi",
            f"{PROYEK}.apps",
            f"{PROYEK}.cadangan",
            f"{PROYEK}.management",
            f"{PROYEK}.nasional",
        },
    ),
]
NOMOR_LAPISAN = {nama: nomor for nomor, (nama, _) in enumerate(LAPISAN)}


def lapisan(modul: str) -> str | None:
    """The layer naming `modul` (the longest name that is it or a package above it), or None.

    The project package's own name matches only its __init__, so a new module in it is unnamed.
    """
    cocok = [
        nama_modul
        for _, isi in LAPISAN
        for nama_modul in isi
        if modul == nama_modul or (modul.startswith(f"{nama_modul}.") and nama_modul != PROYEK)
    ]
    if not cocok:
        return None
    terpanjang = max(cocok, key=len)
    return next(nama for nama, isi in LAPISAN if terpanjang in isi)


def nama_modul(berkas: Path) -> str:
    bagian = berkas.relative_to(AKAR).with_suffix("").parts
    return ".".join(bagian[:-1] if bagian[-1] == "__init__" else bagian)


def impor(sumber: str, modul: str, paket: bool, ada: set[str]) -> set[str]:
    """Every module `sumber` imports, at any depth, relative imports made absolute.

    `from a import b` counts as `a.b` when that is a module of `ada`, else as `a`.
    """
    induk = modul if paket else modul.rpartition(".")[0]
    hasil = set()
    for simpul in ast.walk(ast.parse(sumber)):
        if isinstance(simpul, ast.Import):
            hasil.update(alias.name for alias in simpul.names)
        elif isinstance(simpul, ast.ImportFrom):
            if simpul.level:
                dasar = induk.split(".")
                dasar = dasar[: len(dasar) - simpul.level + 1]
                asal = ".".join([*dasar, simpul.module] if simpul.module else dasar)
            else:
                asal = simpul.module or ""
            for alias in simpul.names:
                hasil.add(f"{asal}.{alias.name}" if f"{asal}.{alias.name}" in ada else asal)
    return hasil


def paket_lokal() -> set[str]:
    """The project package and every installed app that lives in this repository."""
    lokal = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == AKAR
    }
    return lokal | {PROYEK}


def berkas_python() -> dict[str, Path]:
    return {
        nama_modul(berkas): berkas
        for paket in sorted(paket_lokal())
        for berkas in sorted((AKAR / paket).rglob("*.py"))
    }


def test_it_names_a_layer_for_every_app_and_project_module():
    tanpa_lapisan = sorted(modul for modul in berkas_python() if lapisan(modul) is None)
    assert not tanpa_lapisan, "Tanpa lapisan (tambahkan ke LAPISAN): " + ", ".join(tanpa_lapisan)


def test_it_finds_no_import_from_a_layer_above():
    semua = berkas_python()
    lokal = paket_lokal()
    ke_atas = []
    for modul, berkas in semua.items():
        asal = lapisan(modul)
        if asal is None:
            continue  # reported by the test above
        paket = berkas.name == "__init__.py"
        for tujuan in sorted(impor(berkas.read_text(), modul, paket, set(semua))):
            if tujuan.split(".")[0] not in lokal:
                continue
            ke = lapisan(tujuan)
            if ke is None or NOMOR_LAPISAN[ke] > NOMOR_LAPISAN[asal]:
                ke_atas.append(f"{modul} ({asal}) → {tujuan} ({ke})")
    assert not ke_atas, "Impor dari lapisan di atas:\n" + "\n".join(ke_atas)


@pytest.mark.parametrize(
    ("sumber", "diharapkan"),
    [
        ("def f():\n    from dokumen.models import Dokumen\n", {"dokumen.models"}),
        ("from . import akses\n", {"satker.akses"}),
        ("from .akses import profil_pengguna\n", {"satker.akses"}),
        ("import indikator.models as m\n", {"indikator.models"}),
        ("from kpu_kinerja import formats\n", {"kpu_kinerja.formats"}),
    ],
)
def test_it_reads_imports_inside_functions_and_relative_ones(sumber, diharapkan):
    ada = set(berkas_python())
    assert impor(sumber, "satker.services", paket=False, ada=ada) == diharapkan


def test_no_document_type_imports_another():
    """The types share their layer but not their code: what they share lives in dokumen."""
    jenis = next(isi for nama, isi in LAPISAN if nama == "jenis dokumen")
    semua = berkas_python()
    silang = [
        f"{modul} → {tujuan}"
        for modul, berkas in semua.items()
        if (app := modul.split(".")[0]) in jenis
        for tujuan in sorted(
            impor(berkas.read_text(), modul, berkas.name == "__init__.py", set(semua))
        )
        if tujuan.split(".")[0] in jenis - {app}
    ]
    assert not silang, "Jenis dokumen saling mengimpor:\n" + "\n".join(silang)
