from django.apps import AppConfig


class DuaFaktorConfig(AppConfig):
    name = "dua_faktor"
    verbose_name = "Verifikasi dua langkah"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from dua_faktor.views import tandai_perlu_kode

        user_logged_in.connect(tandai_perlu_kode, dispatch_uid="dua_faktor_tandai_perlu_kode")
