from django.apps import AppConfig


class KpuKinerjaConfig(AppConfig):
    """The project package as an app, for the commands that span every app (backup, restore,
    generate_national): the top layer of docs/architecture.md, which may import all the others."""

    name = "kpu_kinerja"
    verbose_name = "SAKIP KPU"

    def ready(self) -> None:
        from django.core import checks

        from kpu_kinerja.checks import periksa_site_url, periksa_surel

        checks.register(periksa_site_url)
        checks.register(periksa_surel)
