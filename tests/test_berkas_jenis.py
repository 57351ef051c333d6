"""Every document-type app has the same set of modules (docs/architecture.md, "Document types"):
the required ones, plus only the optional ones the docs name."""

from pathlib import Path

from django.apps import apps

from dokumen.jenis import semua_jenis

# docs/architecture.md, "Document types": what every type app has, and what it may add.
WAJIB = {
    "__init__",
    "admin",  # the row inlines and row admin pages
    "apps",  # registers the type(s) from ready()
    "forms",  # the editor's row form(s)
    "jenis",  # the declaration(s) in the type registry
    "migrations",
    "models",  # the row models
    "selectors",  # rows as data (baca_baris) and the page table
    "serializers",  # the API's row serializers, read and written
    "services",  # saving rows (ganti_baris), by key through dokumen.baris
}
PILIHAN = {
    "baris",  # the editor's rows ↔ stored rows, when they differ (the RAK's quarters)
    "pdf",  # what the print page needs beyond the shared context
}


def _app_jenis() -> dict[str, Path]:
    """The apps that declare a document type, by name, with their folders."""
    hasil = {}
    for terdaftar in semua_jenis():
        config = apps.get_containing_app_config(terdaftar.model_baris[0].__module__)
        hasil[config.name] = Path(config.path)
    return hasil


def _modul(folder: Path) -> set[str]:
    berkas = {p.stem for p in folder.glob("*.py")}
    paket = {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}
    return berkas | paket


def test_every_type_app_is_found():
    assert set(_app_jenis()) == {"indikator", "rencana_aksi", "perjanjian_kinerja"}


def test_every_type_app_has_every_required_module_and_only_known_optional_ones():
    for nama, folder in _app_jenis().items():
        modul = _modul(folder)
        assert not WAJIB - modul, f"{nama} tidak punya: {sorted(WAJIB - modul)}"
        assert modul <= WAJIB | PILIHAN, (
            f"{nama} punya modul tak dikenal: {sorted(modul - WAJIB - PILIHAN)}"
        )


def test_the_architecture_document_names_the_same_modules():
    teks = (Path(__file__).resolve().parent.parent / "docs" / "architecture.md").read_text()
    for nama in (WAJIB | PILIHAN) - {"__init__", "migrations"}:
        assert f"`{nama}.py`" in teks, nama
