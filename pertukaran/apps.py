from django.apps import AppConfig


class PertukaranConfig(AppConfig):
    """Documents to and from spreadsheets: the Excel export (and, later, the import)."""

    name = "pertukaran"
    verbose_name = "Pertukaran dokumen (Excel)"

    def ready(self) -> None:
        from dokumen.keluaran import FormatKeluaran, daftarkan_format
        from pertukaran.xlsx import xlsx_dokumen

        daftarkan_format(FormatKeluaran(nama="xlsx", tulis=xlsx_dokumen))
