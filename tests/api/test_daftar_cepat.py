"""The list's direct representation gives exactly what the declared serializer gives."""

import pytest

from dokumen.models import Dokumen
from dokumen.serializers import DokumenDaftarSerializer, DokumenRingkasSerializer
from satker.models import Satker


@pytest.mark.django_db
def test_it_matches_the_declared_fields_for_every_kind_of_satker(settings):
    ri = Satker.objects.get(kode="ri")
    Dokumen.objects.create(satker=ri, jenis="IKU", tahun=2024)  # a satker without a provinsi
    provinsi = Satker.objects.get(kode="prov-banten")
    Dokumen.objects.create(satker=provinsi, jenis="IKU", tahun=2024)
    dokumen = list(Dokumen.objects.select_related("satker__induk"))
    assert {d.satker.tingkat for d in dokumen} == {"RI", "PROVINSI", "KABKOTA"}

    cepat = DokumenDaftarSerializer(dokumen, many=True).data
    deklarasi = DokumenRingkasSerializer(dokumen, many=True).data
    assert cepat == deklarasi
    assert {d["provinsi"] for d in cepat} >= {None, "prov-banten"}


@pytest.mark.django_db
def test_the_list_endpoint_uses_it(client, admin_ri):
    client.force_login(admin_ri)
    halaman = client.get("/api/v1/dokumen/").json()
    pertama = Dokumen.objects.select_related("satker__induk").get(pk=halaman["results"][0]["id"])
    assert halaman["results"][0] == DokumenRingkasSerializer(pertama).data
