"""generate_national's measurement: a published PK per generated Kab/Kota and the ended
quarters' reports in mixed states (late drafts included), valid, idempotent, readable by the
pages."""

import datetime

import pytest
from django.urls import reverse

from dokumen.models import Dokumen
from kpu_kinerja.nasional import data_nasional_buat
from kpu_kinerja.nasional import realisasi as modul
from pengukuran.jendela import StatusTw, status_tw_satker
from pengukuran.models import JendelaPelaporan, LaporanTriwulan, Realisasi
from perjanjian_kinerja.models import IndikatorPk
from satker.models import Satker

pytestmark = pytest.mark.django_db
BARU = ["kab-pandeglang", "kab-serang", "kab-aceh-barat", "kab-aceh-barat-daya", "kab-aceh-besar"]
KECIL = {"provinsi": ["Banten", "Aceh"], "kabkota_per_provinsi": 3, "jumlah_tahun": 1}
HARI = datetime.date(2026, 8, 20)  # TW I and II have ended


@pytest.fixture
def hasil(monkeypatch, admin_ri):
    monkeypatch.setattr(modul, "hari_ini", lambda: HARI)
    return data_nasional_buat(**KECIL, tahun_akhir=2026)


def test_each_generated_kabkota_gets_a_published_pk_with_indicators(hasil):
    pk = Dokumen.objects.filter(satker__kode__in=BARU, jenis="PK", tahun=2026)

    assert hasil.realisasi.pk_baru == pk.filter(status="TERBIT").count() == 5
    for dokumen in pk:
        assert dokumen.tanda_tangan.count() == 2  # Sekretaris and Ketua, placeholders
        assert IndikatorPk.objects.filter(sasaran__dokumen=dokumen).count() >= 5
    assert not Dokumen.objects.filter(satker__kode="kab-lebak", jenis="PK", tahun=2026).exists()


def test_only_ended_quarters_are_reported_in_mixed_states_some_late(hasil):
    laporan = LaporanTriwulan.objects.filter(satker__kode__in=BARU, tahun=2026)

    assert set(laporan.values_list("tw", flat=True)) <= {1, 2}
    assert sum(hasil.realisasi.laporan_baru.values()) == laporan.count()
    assert hasil.realisasi.realisasi_baru == Realisasi.objects.filter(laporan__in=laporan).count()
    assert set(JendelaPelaporan.objects.filter(tahun=2026).values_list("tw", flat=True)) == {1, 2}
    status = status_tw_satker(Satker.objects.filter(kode__in=BARU), 2026, hari=HARI)
    sel = [s for per_tw in status.values() for tw, s in per_tw.items() if tw <= 2]
    assert len(set(sel)) >= 3
    assert StatusTw.TERLAMBAT in sel
    assert StatusTw.DRAF not in sel  # an ended quarter's draft is past its window


def test_the_figures_satisfy_the_models_rules(hasil):
    realisasi = Realisasi.objects.filter(laporan__satker__kode__in=BARU)

    assert realisasi.exists()
    for r in realisasi.select_related("laporan", "indikator"):
        r.full_clean(validate_unique=False)
    assert realisasi.filter(pembilang__isnull=False).exists()


def test_a_second_run_adds_nothing(hasil, monkeypatch):
    kedua = data_nasional_buat(**KECIL, tahun_akhir=2026)

    assert kedua.realisasi.pk_baru == 0
    assert sum(kedua.realisasi.laporan_baru.values()) == 0


def test_the_pages_read_the_generated_measurement(hasil, client, admin_ri):
    client.force_login(admin_ri)
    satker = Satker.objects.get(kode="kab-pandeglang")

    tahun = client.get(reverse("pengukuran:tahun", args=[satker.kode, 2026]))
    rekap = client.get(reverse("pengukuran:rekap", args=["prov-banten", 2026]))

    assert tahun.status_code == rekap.status_code == 200
    assert 'id="tabel-pengukuran"' in tahun.content.decode()
    assert 'data-satker="kab-pandeglang"' in rekap.content.decode()
