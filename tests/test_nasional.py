"""The national dataset generator, run small: Banten and Aceh, 3 kab/kota each, one year.

Banten's first three are Lebak (a seed satker, kept as it is), Pandeglang and Serang; Aceh is a
new provinsi with Aceh Barat, Aceh Barat Daya and Aceh Besar.
"""

import dataclasses
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from dokumen.jenis import PihakTtd, jenis_sementara, jenis_terdaftar
from dokumen.models import Dokumen, PihakTandaTangan
from indikator.models import BarisIku
from kpu_kinerja.nasional import data_nasional_buat, rencana_wilayah
from rencana_aksi.models import ANGGARAN_MAKSIMUM, BarisRak, IndikatorRkt, SasaranRak, SasaranRkt
from satker.models import Jabatan, Peran, Satker

KECIL = {
    "provinsi": ["Banten", "Aceh"],
    "kabkota_per_provinsi": 3,
    "jumlah_tahun": 1,
    "tahun_akhir": 2026,
}
BARU = ["kab-pandeglang", "kab-serang", "kab-aceh-barat", "kab-aceh-barat-daya", "kab-aceh-besar"]
SEED = ["kab-lebak", "kota-serang", "kab-kutai-barat", "kota-banjarbaru", "kab-barito-selatan"]
ARGUMEN_KECIL = [
    "--years",
    "1",
    "--provinsi",
    "Banten",
    "--provinsi",
    "Aceh",
    "--maks-kabkota",
    "3",
]


def _dokumen_baru():
    """The planning documents generated; the measurement's PKs: test_nasional_realisasi."""
    return Dokumen.objects.filter(satker__kode__in=BARU).exclude(jenis="PK")


def _potret_seed() -> list:
    """Everything the seed satker own, to compare before and after a run."""
    potret = []
    for satker in Satker.objects.filter(kode__in=SEED).order_by("kode"):
        potret.append(Satker.objects.filter(pk=satker.pk).values().get())
        potret.append(list(satker.pejabat.order_by("pk").values()))
        potret.append(list(satker.tupoksi.order_by("pk").values()))
        for dokumen in satker.dokumen.order_by("pk"):
            potret.append(Dokumen.objects.filter(pk=dokumen.pk).values().get())
            potret.append(list(dokumen.baris_iku.order_by("pk").values()))
            potret.append(list(SasaranRkt.objects.filter(dokumen=dokumen).values()))
            potret.append(list(IndikatorRkt.objects.filter(sasaran__dokumen=dokumen).values()))
            potret.append(list(SasaranRak.objects.filter(dokumen=dokumen).values()))
            potret.append(list(BarisRak.objects.filter(sasaran__dokumen=dokumen).values()))
    return potret


def test_it_plans_38_provinsi_and_514_kabkota_with_unique_codes():
    rencana = rencana_wilayah()
    kabkota = [kk.kode for p in rencana for kk in p.kabkota]
    jumlah = {p.nama: len(p.kabkota) for p in rencana}
    assert len(rencana) == 38
    assert len(kabkota) == len(set(kabkota)) == 514
    assert (jumlah["Jawa Timur"], jumlah["Jawa Barat"], jumlah["Papua Pegunungan"]) == (38, 27, 8)
    assert set(SEED) <= set(kabkota)
    assert all(kode.startswith(("kab-", "kota-")) for kode in kabkota)
    assert {p.kode for p in rencana} >= {"prov-banten", "prov-dki-jakarta", "prov-di-yogyakarta"}


def test_it_refuses_an_unknown_provinsi():
    with pytest.raises(ValueError, match="Atlantis"):
        rencana_wilayah(["Atlantis"])


@pytest.mark.django_db
def test_it_creates_the_planned_satker_and_their_officials():
    hasil = data_nasional_buat(**KECIL)

    assert (hasil.satker["RI"], hasil.satker["PROVINSI"], hasil.satker["KABKOTA"]) == (1, 2, 6)
    assert (hasil.satker_baru["RI"], hasil.satker_baru["PROVINSI"]) == (0, 1)
    assert hasil.satker_baru["KABKOTA"] == 5
    aceh = Satker.objects.get(kode="prov-aceh")
    assert (aceh.nama, aceh.induk.kode, aceh.kota_ttd) == ("KPU Provinsi Aceh", "ri", "Banda Aceh")
    assert Satker.objects.filter(kode="prov-banten").count() == 1
    pandeglang = Satker.objects.get(kode="kab-pandeglang")
    assert (pandeglang.nama, pandeglang.induk.kode) == ("KPU Kabupaten Pandeglang", "prov-banten")
    for satker in Satker.objects.filter(kode__in=[*BARU, "prov-aceh"]):
        ketua = satker.pejabat.get(jabatan="KETUA")
        sekretaris = satker.pejabat.get(jabatan="SEKRETARIS")
        assert ketua.nip == ""
        assert len(sekretaris.nip) == 18
        assert sekretaris.nip.isdigit()
        assert satker.tupoksi.filter(jenis="FUNGSI").count() >= 2
        assert satker.tupoksi.filter(jenis="TUGAS").count() == 1


@pytest.mark.django_db
def test_it_gives_each_new_kabkota_an_iku_rkt_and_rak_with_rows():
    hasil = data_nasional_buat(**KECIL)

    assert hasil.jumlah_dokumen_baru == _dokumen_baru().count() == 15
    assert set(_dokumen_baru().values_list("jenis", flat=True)) == {"IKU", "RKT", "RAK"}
    assert len(set(_dokumen_baru().values_list("status", flat=True))) > 1
    assert hasil.baris_baru["IKU"] == BarisIku.objects.filter(dokumen__in=_dokumen_baru()).count()
    for dokumen in _dokumen_baru():
        if dokumen.jenis == "IKU":
            assert 8 <= dokumen.baris_iku.count() <= 13
        elif dokumen.jenis == "RKT":
            assert 16 <= dokumen.sasaran_rkt.count() <= 18
            assert 20 <= IndikatorRkt.objects.filter(sasaran__dokumen=dokumen).count() <= 26
        else:
            assert 17 <= dokumen.sasaran_rak.count() <= 19
            assert 21 <= BarisRak.objects.filter(sasaran__dokumen=dokumen).count() <= 27
    teks = BarisIku.objects.filter(dokumen__satker__kode="kab-pandeglang").values_list(
        "indikator", "sumber_data"
    )
    assert "Lebak" not in str(list(teks))


@pytest.mark.django_db
def test_a_type_with_two_parties_is_signed_by_both_in_order():
    """The generator reads each type's parties from the registry (dokumen.jenis)."""
    iku = jenis_terdaftar("IKU")
    pihak = (
        PihakTtd(PihakTandaTangan.PENANDATANGAN, Jabatan.SEKRETARIS, "Pihak Pertama,"),
        PihakTtd(PihakTandaTangan.PENANDATANGAN, Jabatan.KETUA, "Pihak Kedua,"),
    )
    with jenis_sementara(dataclasses.replace(iku, pihak_ttd=pihak)):
        data_nasional_buat(**KECIL)

    terbit = _dokumen_baru().filter(status="TERBIT")
    assert terbit.filter(jenis="IKU").exists()
    for dokumen in terbit:
        jabatan = list(dokumen.tanda_tangan.order_by("urutan").values_list("urutan", "jabatan"))
        if dokumen.jenis == "IKU":
            assert jabatan == [(1, Jabatan.SEKRETARIS), (2, Jabatan.KETUA)]
            assert dokumen.penandatangan.jabatan == Jabatan.SEKRETARIS
        else:
            assert len(jabatan) == 1


@pytest.mark.django_db
def test_the_generated_data_satisfies_every_constraint_and_validator():
    data_nasional_buat(**KECIL)

    assert not Dokumen.objects.filter(status="TERBIT", sha256="").exists()
    assert not Dokumen.objects.filter(status="TERBIT", token_verifikasi__isnull=True).exists()
    terbit = _dokumen_baru().filter(status="TERBIT")
    assert terbit.exists()
    for dokumen in terbit:
        assert dokumen.ditandatangani_pada is not None
        assert not dokumen.berkas_pdf  # placeholders: no PDF behind the signature
        assert len(dokumen.sha256) == 64
        tanda_tangan = dokumen.tanda_tangan.get()
        assert tanda_tangan.nama == dokumen.penandatangan.nama
        assert tanda_tangan.waktu == dokumen.ditandatangani_pada
    for dokumen in _dokumen_baru().exclude(status="DRAF"):
        assert dokumen.tanggal_ttd.year == dokumen.tahun
        assert dokumen.penandatangan.satker_id == dokumen.satker_id
    baris_rak = BarisRak.objects.filter(sasaran__dokumen__in=_dokumen_baru())
    assert baris_rak.filter(anggaran__isnull=False).exists()
    assert not baris_rak.filter(anggaran__lt=0).exists()
    assert not baris_rak.filter(anggaran__gte=ANGGARAN_MAKSIMUM).exists()
    persen = IndikatorRkt.objects.filter(sasaran__dokumen__in=_dokumen_baru(), target="85%")
    assert set(persen.values_list("target_satuan", flat=True)) == {"%"}
    for jenis in ("IKU", "RKT", "RAK"):  # full_clean is slow: one document of each type
        dokumen = _dokumen_baru().filter(jenis=jenis).first()
        dokumen.full_clean()
        for baris in dokumen.baris_iku.all():
            baris.full_clean()
        for sasaran in [*dokumen.sasaran_rkt.all(), *dokumen.sasaran_rak.all()]:
            sasaran.full_clean()
            anak = (
                sasaran.indikator.all() if isinstance(sasaran, SasaranRkt) else sasaran.baris.all()
            )
            for baris in anak:
                baris.full_clean()


@pytest.mark.django_db
def test_it_leaves_the_seed_satker_and_their_documents_untouched():
    sebelum = _potret_seed()
    data_nasional_buat(**KECIL)
    assert _potret_seed() == sebelum


@pytest.mark.django_db
def test_a_second_run_creates_nothing():
    data_nasional_buat(**KECIL, buat_akun=True)
    jumlah = (Satker.objects.count(), Dokumen.objects.count(), BarisRak.objects.count())

    hasil = data_nasional_buat(**KECIL, buat_akun=True, seed=7)

    assert (Satker.objects.count(), Dokumen.objects.count(), BarisRak.objects.count()) == jumlah
    assert not hasil.ada_yang_baru
    assert hasil.dokumen_dilewati == 15
    assert hasil.akun_baru == 0


@pytest.mark.django_db
def test_a_generated_rak_renders_on_its_document_page(client, admin_ri):
    data_nasional_buat(**KECIL)
    rak = _dokumen_baru().filter(jenis="RAK").first()
    client.force_login(admin_ri)

    response = client.get(reverse("dokumen:detail", args=[rak.pk]))

    assert response.status_code == 200
    assert rak.satker.nama in response.content.decode()


@pytest.mark.django_db
def test_it_creates_an_operator_per_kabkota_and_a_reviewer_per_provinsi():
    Group.objects.get_or_create(name="Reviewer Provinsi")
    hasil = data_nasional_buat(**KECIL, buat_akun=True)

    # operator.kab-lebak and reviewer.banten exist already (conftest's demo accounts)
    assert hasil.akun_baru == 6
    operator = get_user_model().objects.get(username="operator.kab-pandeglang")
    assert (operator.profil.peran, operator.profil.satker.kode) == (Peran.OPERATOR, BARU[0])
    assert operator.check_password("demo12345")
    assert not operator.is_staff
    reviewer = get_user_model().objects.get(username="reviewer.aceh")
    assert (reviewer.profil.peran, reviewer.profil.satker.kode) == (
        "REVIEWER_PROVINSI",
        "prov-aceh",
    )
    assert list(reviewer.groups.values_list("name", flat=True)) == ["Reviewer Provinsi"]


@pytest.mark.django_db
def test_the_command_refuses_accounts_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--tanpa-akun"):
        call_command("generate_national", *ARGUMEN_KECIL, stdout=StringIO())
    assert not Satker.objects.filter(kode="prov-aceh").exists()


@pytest.mark.django_db
def test_the_command_prints_a_summary_and_says_when_nothing_is_new(settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("generate_national", *ARGUMEN_KECIL, "--tanpa-akun", stdout=out)
    assert "Satker: 1 KPU RI, 2 provinsi, 6 kabupaten/kota (baru: 0, 1, 5)." in out.getvalue()
    assert "Dokumen baru: 15 (" in out.getvalue()
    assert "Akun baru" not in out.getvalue()
    assert "detik" in out.getvalue()

    out = StringIO()
    call_command("generate_national", *ARGUMEN_KECIL, "--tanpa-akun", stdout=out)
    assert "Tidak ada yang ditambahkan" in out.getvalue()
    assert "sudah ada (dilewati): 15" in out.getvalue()
