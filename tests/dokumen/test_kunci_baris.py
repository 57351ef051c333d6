"""Rows keep their identity (dokumen.baris): a save updates rows in place by their key, a new
version keeps the keys, a copy to the next year gets new keys pointing at its source rows, the
editor carries the keys, and a review note follows its row."""

import copy
import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.alur import dokumen_buat_revisi
from dokumen.baris import data_baris
from dokumen.editor import PESAN_KUNCI_ASING, PESAN_KUNCI_GANDA
from dokumen.models import Dokumen, StatusDokumen
from dokumen.reviu import catatan_dokumen, catatan_tambah, pilihan_bagian
from dokumen.services import KOLOM_KEPALA, dokumen_salin, dokumen_simpan
from indikator.models import BarisIku
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt
from satker.models import Peran
from tests.dokumen.test_dokumen_ubah import PREFIX, form_data
from tests.factories import (
    IkuFactory,
    OperatorFactory,
    RakFactory,
    ReviewerFactory,
    RktFactory,
    akun_satker,
    baris_iku,
    ke_status,
    sasaran_rak,
    sasaran_rkt,
    tanpa_kunci,
)

# The models of each type, parent first, and the key of a sasaran's rows.
MODEL = {
    "IKU": (BarisIku,),
    "RKT": (SasaranRkt, IndikatorRkt),
    "RAK": (SasaranRak, BarisRak),
}
ANAK = {"RKT": "indikator", "RAK": "baris"}
FACTORY = {"IKU": IkuFactory, "RKT": RktFactory, "RAK": RakFactory}


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def simpan(dokumen: Dokumen, baris: list[dict], **kepala_baru) -> Dokumen:
    """Save `baris` as the draft's rows through the service the editor and the API use."""
    dokumen.refresh_from_db()
    kepala = {kolom: getattr(dokumen, kolom) for kolom in KOLOM_KEPALA} | kepala_baru
    return dokumen_simpan(dokumen=dokumen, kepala=kepala, baris=baris, suntingan=dokumen.suntingan)


def pk_per_kunci(model) -> dict[str, int]:
    return {str(k): pk for k, pk in model.objects.values_list("kunci", "pk")}


def daun(jenis: str, baris: list[dict]) -> list[dict]:
    anak = ANAK.get(jenis)
    return list(baris) if anak is None else [row for s in baris for row in s[anak]]


# -- the save rule ---------------------------------------------------------------------------


@pytest.mark.django_db
class TestSimpanDiTempat:
    def test_an_iku_save_that_reorders_rows_keeps_every_row_and_its_key(self):
        iku = IkuFactory(baris=baris_iku(4))
        sebelum = data_baris(iku)
        pk = pk_per_kunci(BarisIku)
        dibalik = list(reversed(sebelum))
        dibalik[0] = dibalik[0] | {"indikator": "Indikator diubah"}

        simpan(iku, dibalik)

        sesudah = data_baris(iku)
        assert [b["kunci"] for b in sesudah] == [b["kunci"] for b in dibalik]
        assert sesudah[0]["indikator"] == "Indikator diubah"
        assert pk_per_kunci(BarisIku) == pk  # the same rows, updated in place
        urutan = dict(BarisIku.objects.filter(dokumen=iku).values_list("kunci", "urutan"))
        assert [urutan[uuid.UUID(b["kunci"])] for b in dibalik] == [1, 2, 3, 4]

    @pytest.mark.parametrize("jenis", ["RKT", "RAK"])
    def test_a_grouped_save_that_reorders_sasaran_and_moves_a_row_keeps_their_keys(self, jenis):
        dokumen = FACTORY[jenis](baris=(sasaran_rkt if jenis == "RKT" else sasaran_rak)(3, 2))
        anak = ANAK[jenis]
        model_sasaran, model_anak = MODEL[jenis]
        sebelum = data_baris(dokumen)
        pk_sasaran, pk_anak = pk_per_kunci(model_sasaran), pk_per_kunci(model_anak)
        baru = copy.deepcopy(list(reversed(sebelum)))
        # The first row of the (now last) first sasaran moves to the top of the new first one.
        pindah = baru[2][anak].pop(0)
        baru[0][anak].insert(0, pindah)

        simpan(dokumen, baru)

        sesudah = data_baris(dokumen)
        assert [s["kunci"] for s in sesudah] == [s["kunci"] for s in baru]
        assert [[b["kunci"] for b in s[anak]] for s in sesudah] == [
            [b["kunci"] for b in s[anak]] for s in baru
        ]
        assert sesudah[0][anak][0] == pindah
        assert (pk_per_kunci(model_sasaran), pk_per_kunci(model_anak)) == (pk_sasaran, pk_anak)
        dipindah = model_anak.objects.get(kunci=pindah["kunci"])
        assert str(dipindah.sasaran.kunci) == baru[0]["kunci"]
        assert dipindah.urutan == 1

    @pytest.mark.parametrize("jenis", ["IKU", "RKT", "RAK"])
    def test_a_row_not_sent_is_deleted_and_a_row_without_a_key_gets_a_new_one(self, jenis):
        dokumen = FACTORY[jenis]()
        sebelum = data_baris(dokumen)
        lama = {b["kunci"] for b in daun(jenis, sebelum)}
        baru = copy.deepcopy(sebelum)
        if jenis == "IKU":
            dihapus = baru.pop(1)
            baru.append(tanpa_kunci(dihapus) | {"indikator": "Baris baru"})
        else:
            anak = ANAK[jenis]
            dihapus = baru[0][anak].pop(1)
            baru[0][anak].append(tanpa_kunci(dihapus) | {"indikator": "Baris baru"})

        simpan(dokumen, baru)

        sesudah = daun(jenis, data_baris(dokumen))
        kunci = [b["kunci"] for b in sesudah]
        assert dihapus["kunci"] not in kunci
        assert not MODEL[jenis][-1].objects.filter(kunci=dihapus["kunci"]).exists()
        [kunci_baru] = set(kunci) - lama
        assert kunci_baru != dihapus["kunci"]
        assert next(b for b in sesudah if b["kunci"] == kunci_baru)["indikator"] == "Baris baru"

    def test_a_row_moves_out_of_a_deleted_sasaran_into_a_new_one(self):
        rak = RakFactory(baris=sasaran_rak(2, baris=2))
        sebelum = data_baris(rak)
        pindah = sebelum[0]["baris"][1]
        baru = [
            {"nomor": "9", "sasaran": "Sasaran baru", "baris": [pindah]},
            sebelum[1],
        ]

        simpan(rak, baru)

        sesudah = data_baris(rak)
        assert [s["sasaran"] for s in sesudah] == ["Sasaran baru", sebelum[1]["sasaran"]]
        assert sesudah[0]["kunci"] not in {s["kunci"] for s in sebelum}
        assert sesudah[0]["baris"] == [pindah]
        assert not SasaranRak.objects.filter(kunci=sebelum[0]["kunci"]).exists()
        assert BarisRak.objects.filter(sasaran__dokumen=rak).count() == 3

    @pytest.mark.parametrize("jenis", ["IKU", "RKT", "RAK"])
    def test_a_key_sent_twice_is_refused_and_nothing_is_written(self, jenis):
        dokumen = FACTORY[jenis]()
        sebelum = data_baris(dokumen)
        baru = copy.deepcopy(sebelum)
        if jenis == "IKU":
            baru[1]["kunci"] = baru[0]["kunci"]
        else:  # a row's key is unique across the document's sasaran
            anak = ANAK[jenis]
            baru[1][anak][0]["kunci"] = baru[0][anak][0]["kunci"]

        with pytest.raises(ValidationError, match="lebih dari satu kali"), transaction.atomic():
            simpan(dokumen, baru)

        assert data_baris(dokumen) == sebelum

    def test_a_key_that_is_no_uuid_is_refused(self):
        iku = IkuFactory()
        baris = data_baris(iku)
        baris[0]["kunci"] = "bukan-uuid"

        with pytest.raises(ValidationError, match="bukan UUID"), transaction.atomic():
            simpan(iku, baris)

    @pytest.mark.parametrize("jenis", ["IKU", "RKT", "RAK"])
    def test_an_unchanged_save_writes_no_row_anew(self, jenis):
        dokumen = FACTORY[jenis]()
        sebelum = data_baris(dokumen)

        with CaptureQueriesContext(connection) as kueri:
            simpan(dokumen, sebelum)

        assert data_baris(dokumen) == sebelum
        assert not [q["sql"] for q in kueri if q["sql"].startswith(("INSERT", "DELETE"))]


def _tulis_baris(kueri) -> list[str]:
    """The row writes of a save (its bulk UPDATEs, which SQLite splits into batches)."""
    return [
        q["sql"]
        for q in kueri
        if q["sql"].startswith(('UPDATE "indikator_', 'UPDATE "rencana_aksi_'))
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ["IKU", "RKT", "RAK"])
def test_an_in_place_save_runs_a_constant_number_of_queries(jenis):
    buat = {
        "IKU": lambda n: baris_iku(n),
        "RKT": lambda n: sasaran_rkt(n, indikator=2),
        "RAK": lambda n: sasaran_rak(n, baris=2),
    }[jenis]
    jumlah = []
    satker = OperatorFactory().profil.satker
    for n, tahun in [(3, 2030), (60, 2031)]:
        dokumen = FACTORY[jenis](satker=satker, tahun=tahun, baris=buat(n))
        baris = data_baris(dokumen)
        # Reordered, so that rows step aside before taking their places.
        baris = list(reversed(baris))
        with CaptureQueriesContext(connection) as kueri:
            simpan(dokumen, baris)
        tulis = _tulis_baris(kueri)
        if connection.vendor == "postgresql":
            # A move out of the way and the final UPDATE, per row model.
            assert len(tulis) <= 2 * len(MODEL[jenis])
        jumlah.append(len(kueri) - len(tulis))
        assert [b["kunci"] for b in data_baris(dokumen)] == [b["kunci"] for b in baris]
    assert jumlah[0] == jumlah[1]


# -- versions and copies ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ["IKU", "RKT", "RAK"])
def test_a_copy_to_the_next_year_gets_new_keys_pointing_at_the_source_rows(jenis):
    sumber = FACTORY[jenis](tahun=2024)

    salinan = dokumen_salin(sumber=sumber, tahun=2025)

    asli, baru = data_baris(sumber), data_baris(salinan)
    assert tanpa_kunci(baru) == tanpa_kunci(asli)
    pasangan = list(zip(daun(jenis, asli), daun(jenis, baru), strict=True))
    if jenis != "IKU":
        pasangan += list(zip(asli, baru, strict=True))  # the sasaran too
    for sumber_baris, salinan_baris in pasangan:
        assert salinan_baris["kunci"] != sumber_baris["kunci"]
        assert salinan_baris["asal"] == sumber_baris["kunci"]
    for model in MODEL[jenis]:
        for baris in model.objects.filter(kunci__in=[b["kunci"] for _, b in pasangan]):
            assert baris.asal.kunci != baris.kunci
            assert baris.asal.salinan.get() == baris  # the source knows its copy
    # The source is untouched.
    assert data_baris(sumber) == asli


@pytest.mark.django_db
@pytest.mark.usefixtures("pki_aktif")
@pytest.mark.parametrize("jenis", ["IKU", "RAK"])
def test_a_new_version_keeps_the_keys_and_the_source_rows(jenis):
    tahun_lalu = FACTORY[jenis](tahun=2024)
    v1 = dokumen_salin(sumber=tahun_lalu, tahun=2025)
    v1 = simpan(v1, data_baris(v1), tanggal_ttd=datetime.date(2025, 1, 10))
    v1 = ke_status(v1, StatusDokumen.TERBIT)
    operator = akun_satker(v1.satker, Peran.OPERATOR)

    v2 = dokumen_buat_revisi(dokumen=v1, user=operator, alasan="Target berubah")

    assert v2.versi == 2
    assert data_baris(v2) == data_baris(v1)  # keys and `asal` alike
    for model in MODEL[jenis]:
        jalur = "dokumen" if model in (BarisIku, SasaranRak) else "sasaran__dokumen"
        lama = dict(model.objects.filter(**{jalur: v1}).values_list("kunci", "asal_id"))
        baru = dict(model.objects.filter(**{jalur: v2}).values_list("kunci", "asal_id"))
        assert baru == lama
        assert all(asal is not None for asal in baru.values())


# -- the editor ------------------------------------------------------------------------------


def _ubah(dokumen) -> str:
    return reverse("dokumen:ubah", args=[dokumen.pk])


def _baris_form(data: dict, i: int) -> dict[str, str]:
    awal = f"{PREFIX}-{i}-"
    return {k.removeprefix(awal): v for k, v in data.items() if k.startswith(awal)}


@pytest.mark.django_db
class TestEditor:
    def test_every_row_form_carries_its_key_and_a_new_row_none(self, client):
        rak = RakFactory(baris=sasaran_rak(2, baris=2))
        client.force_login(akun_satker(rak.satker, Peran.OPERATOR))

        html = client.get(_ubah(rak)).content.decode()

        for s in data_baris(rak):
            assert f'value="{s["kunci"]}"' in html
            for b in s["baris"]:
                assert f'value="{b["kunci"]}"' in html
        for awal in ("baris", "sasaran"):
            template = html[html.index(f'<template id="{awal}-kosong">') :]
            kunci = f'name="{awal}-__prefix__-kunci"'
            assert kunci in template
            assert "value=" not in template.split(kunci)[1].split(">")[0]

    def test_moving_a_row_in_the_editor_keeps_its_key_and_moves_it_to_the_other_sasaran(
        self, client
    ):
        rak = RakFactory(baris=sasaran_rak(2, baris=2))
        client.force_login(akun_satker(rak.satker, Peran.OPERATOR))
        sebelum = data_baris(rak)
        data = form_data(rak)
        # Rows: S1 r1, S1 r2, S2 r1, S2 r2. Move S1's second row to the end of S2.
        data[f"{PREFIX}-1-ORDER"] = "9"
        data[f"{PREFIX}-1-induk"] = "1"

        response = client.post(_ubah(rak), data)

        assert response.status_code == 302
        sesudah = data_baris(rak)
        assert [s["kunci"] for s in sesudah] == [s["kunci"] for s in sebelum]
        assert [b["kunci"] for b in sesudah[1]["baris"]] == [
            *(b["kunci"] for b in sebelum[1]["baris"]),
            sebelum[0]["baris"][1]["kunci"],
        ]
        assert BarisRak.objects.get(kunci=sebelum[0]["baris"][1]["kunci"]).sasaran.kunci == (
            uuid.UUID(sebelum[1]["kunci"])
        )

    def test_a_row_added_in_the_editor_gets_a_new_key_and_a_deleted_row_goes(self, client):
        iku = IkuFactory(baris=baris_iku(3))
        client.force_login(akun_satker(iku.satker, Peran.OPERATOR))
        sebelum = [b["kunci"] for b in data_baris(iku)]
        data = form_data(iku)
        data[f"{PREFIX}-0-DELETE"] = "on"
        data[f"{PREFIX}-TOTAL_FORMS"] = "4"
        # In the IKU's one program group (the editor groups its rows: `induk`, the block).
        data |= {
            f"{PREFIX}-3-ORDER": "4",
            f"{PREFIX}-3-induk": "0",
            f"{PREFIX}-3-indikator": "Indikator baru",
        }

        assert client.post(_ubah(iku), data).status_code == 302

        sesudah = data_baris(iku)
        assert [b["kunci"] for b in sesudah[:2]] == sebelum[1:]
        assert sesudah[2]["indikator"] == "Indikator baru"
        assert sesudah[2]["kunci"] not in sebelum

    @pytest.mark.parametrize(
        ("ubah", "pesan"),
        [
            (lambda data, rak: {f"{PREFIX}-2-kunci": str(uuid.uuid4())}, PESAN_KUNCI_ASING),
            (lambda data, rak: {f"{PREFIX}-2-kunci": data[f"{PREFIX}-0-kunci"]}, PESAN_KUNCI_GANDA),
            (lambda data, rak: {f"{PREFIX}-2-kunci": "bukan-kunci"}, PESAN_KUNCI_ASING),
            (
                lambda data, rak: {"sasaran-1-kunci": data_baris(RakFactory())[0]["kunci"]},
                PESAN_KUNCI_ASING,
            ),
            (
                lambda data, rak: {"sasaran-1-kunci": data["sasaran-0-kunci"]},
                PESAN_KUNCI_GANDA,
            ),
        ],
        ids=["asing", "ganda", "bukan-uuid", "sasaran-dokumen-lain", "sasaran-ganda"],
    )
    def test_a_bad_key_is_a_message_on_its_row_and_nothing_is_written(self, client, ubah, pesan):
        rak = RakFactory(baris=sasaran_rak(2, baris=2))
        client.force_login(akun_satker(rak.satker, Peran.OPERATOR))
        sebelum = (data_baris(rak), rak.suntingan)
        data = form_data(rak)
        data[f"{PREFIX}-2-pelaksana"] = "Isian yang tidak boleh hilang"
        data |= ubah(data, rak)

        response = client.post(_ubah(rak), data)

        assert response.status_code == 200
        html = response.content.decode()
        assert pesan in html
        assert "Isian yang tidak boleh hilang" in html
        rak.refresh_from_db()
        assert (data_baris(rak), rak.suntingan) == sebelum

    def test_a_key_of_a_row_deleted_by_someone_else_is_explained(self, client):
        iku = IkuFactory(baris=baris_iku(3))
        client.force_login(akun_satker(iku.satker, Peran.OPERATOR))
        data = form_data(iku)
        BarisIku.objects.filter(kunci=_baris_form(data, 1)["kunci"]).delete()

        html = client.post(_ubah(iku), data).content.decode()

        assert PESAN_KUNCI_ASING in html


# -- review notes ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestCatatanMengikutiBaris:
    def test_a_note_follows_its_row_through_a_reordering_save(self, client):
        rak = RakFactory(baris=sasaran_rak(2, baris=2))
        reviewer = ReviewerFactory(satker=rak.satker.induk)
        kunci, label = pilihan_bagian(rak)[3]
        assert label == "Sasaran 2, baris 2: Kegiatan uji 2.2"
        catatan = catatan_tambah(dokumen=rak, user=reviewer, isi="Cek", kunci_bagian=kunci)
        baris = list(reversed(data_baris(rak)))  # sasaran 2 first
        baris[0]["baris"].reverse()  # its second row first

        simpan(rak, baris)

        [tampil] = catatan_dokumen(rak)
        assert tampil.pk == catatan.pk
        assert (tampil.bagian_tampil, tampil.bagian_terhapus) == (
            "Sasaran 2, baris 1: Kegiatan uji 2.2",
            False,
        )
        client.force_login(akun_satker(rak.satker, Peran.OPERATOR))
        html = client.get(reverse("dokumen:detail", args=[rak.pk])).content.decode()
        assert "Sasaran 2, baris 1: Kegiatan uji 2.2" in html

    def test_a_note_on_a_deleted_row_shows_the_label_it_kept_marked_as_removed(self, client):
        iku = IkuFactory(baris=baris_iku(3))
        reviewer = ReviewerFactory(satker=iku.satker.induk)
        kunci, label = pilihan_bagian(iku)[1]
        catatan_tambah(dokumen=iku, user=reviewer, isi="Hapus saja", kunci_bagian=kunci)
        simpan(iku, [b for b in data_baris(iku) if b["kunci"] != kunci])

        [tampil] = catatan_dokumen(iku)

        assert (tampil.bagian_tampil, tampil.bagian_terhapus) == (label, True)
        client.force_login(reviewer)
        html = client.get(reverse("dokumen:detail", args=[iku.pk])).content.decode()
        assert "baris sudah dihapus" in html

    def test_the_reviewer_picks_a_row_by_its_key_on_the_page(self, client):
        rkt = RktFactory()
        reviewer = ReviewerFactory(satker=rkt.satker.induk)
        client.force_login(reviewer)
        kunci, label = pilihan_bagian(rkt)[2]

        html = client.get(reverse("dokumen:detail", args=[rkt.pk])).content.decode()
        assert f'<option value="{kunci}">' in html
        response = client.post(
            reverse("dokumen:catatan-baru", args=[rkt.pk]),
            {"kunci_bagian": kunci, "isi": "Target terlalu rendah"},
        )

        assert response.status_code == 302
        catatan = rkt.catatan_reviu.get()
        assert (str(catatan.kunci_bagian), catatan.bagian) == (kunci, label)

    def test_a_key_that_is_not_a_row_is_refused_on_the_page(self, client):
        rkt = RktFactory()
        client.force_login(ReviewerFactory(satker=rkt.satker.induk))

        for kunci in (str(uuid.uuid4()), "bukan-uuid"):
            client.post(
                reverse("dokumen:catatan-baru", args=[rkt.pk]), {"kunci_bagian": kunci, "isi": "x"}
            )

        assert not rkt.catatan_reviu.exists()

    def test_notes_read_the_rows_once_however_many_notes(self, django_assert_max_num_queries):
        iku = IkuFactory(baris=baris_iku(4))
        reviewer = ReviewerFactory(satker=iku.satker.induk)
        for kunci, _ in pilihan_bagian(iku):
            catatan_tambah(dokumen=iku, user=reviewer, isi="Cek", kunci_bagian=kunci)

        with django_assert_max_num_queries(2):  # the notes, the rows
            catatan = catatan_dokumen(iku)

        assert [c.bagian_tampil for c in catatan] == [label for _, label in pilihan_bagian(iku)]
