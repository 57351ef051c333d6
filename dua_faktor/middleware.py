"""Where the second factor is asked (after django-otp's OTPMiddleware):

- an account with an authenticator app that has not given this login's code yet (marked at
  login, `views.tandai_perlu_kode`) is sent to the code page from any page but that one,
  logging out and the static files;
- the admin needs a verified login for everyone who needs a second factor (`wajib_dua_faktor`).

Signing asks for a fresh code in its own form (dokumen.forms_tandatangan).
"""

from django.shortcuts import redirect

from dua_faktor.aturan import punya_perangkat, terverifikasi, wajib_dua_faktor
from dua_faktor.views import SESI_TERTUNDA, dengan_tujuan

BEBAS = ("/akun/dua-langkah/", "/keluar/", "/static/", "/healthz/", "/admin/logout/")


class DuaFaktorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        jalur = request.path_info
        user = request.user
        if not jalur.startswith(BEBAS) and user.is_authenticated and not terverifikasi(user):
            tertunda = request.session.get(SESI_TERTUNDA)
            if tertunda or (jalur.startswith("/admin/") and wajib_dua_faktor(user)):
                halaman = (
                    "dua_faktor:verifikasi"
                    if tertunda or punya_perangkat(user)
                    else "dua_faktor:ringkasan"
                )
                tujuan = request.get_full_path() if request.method == "GET" else "/"
                return redirect(dengan_tujuan(halaman, tujuan))
        return self.get_response(request)
