"""The site's URLs with the evidence pages at "pengukuran/", until the lead routes them in
kpu_kinerja/urls.py (then this module and the tests' `urls` marks can go)."""

from django.urls import include, path

from kpu_kinerja.urls import handler500
from kpu_kinerja.urls import urlpatterns as akar

__all__ = ["handler500", "urlpatterns"]

urlpatterns = [path("pengukuran/", include("pengukuran.urls_bukti")), *akar]
