"""Saving a PK's rows and programs, and what the generic places do with them: the checklist
before submission, a new version, a copy to the next year, the audit history."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dokumen.alur import dokumen_buat_revisi
from dokumen.baris import data_baris, data_tambahan
from dokumen.beda_tampil import beda_tampil
from dokumen.jejak import potret
from dokumen.jenis import jenis_terdaftar
from dokumen.models import Dokumen, JejakPerubahan, JenisPerubahan, StatusDokumen
from dokumen.perubahan import perubahan_sejak_pengajuan
from dokumen.selectors import kekurangan_dokumen, pihak_terisi
from dokumen.services import (
    KOLOM_KEPALA,
    KonflikSuntingan,
    dokumen_salin,
    dokumen_simpan,
    dokumen_simpan_tambahan,
)
from perjanjian_kinerja.models import JANJI_BAWAAN, PEMBUKA_BAWAAN, IndikatorPk, NaskahPk, ProgramPk
from perjanjian_kinerja.selectors import naskah_pk
from satker.models import Jabatan
from tests.factories import (
    OperatorFactory,
    PejabatFactory,
    PkFactory,
    ke_status,
    pejabat_satker,
    program_pk,
    sasaran_pk,
    terbitkan,
)

pytestmark = pytest.mark.django_db


def _kepala(dokumen: Dokumen) -> dict:
    return {kolom: getattr(dokumen, kolom) for kolom in KOLOM_KEPALA}


def test_it_saves_indicators_with_their_measurement_and_reads_each_quarter_as_a_number():
    pk = PkFactory()

    indikator = IndikatorPk.objects.filter(sasaran__dokumen=pk).order_by(
        "sasaran__urutan", "urutan"
    )
    pertama = indikator.first()
    assert (pertama.polaritas, pertama.agregasi, pertama.satuan) == ("NAIK", "KUMULATIF", "Laporan")
    assert pertama.target_triwulan == ["3", "6", "9", "12"]
    assert [pertama.target_tw1_nilai, pertama.target_tw4_nilai] == [Decimal(3), Decimal(12)]
    assert pertama.target_nilai == Decimal(12)
    assert indikator.count() == 4
    assert list(ProgramPk.objects.filter(dokumen=pk).values_list("program", "anggaran")) == [
        ("Program uji 1", 1_000_000_000),
        ("Program uji 2", 2_000_000_000),
    ]


def test_a_save_of_the_rows_keeps_the_indicator_and_program_keys_and_the_rkt_origin():
    pk = PkFactory()
    rkt_kunci = str(uuid.uuid4())
    baris = data_baris(pk)
    baris[0]["indikator"][0] |= {"asal_rkt": rkt_kunci, "target_tw2": "6 Laporan"}
    program = data_tambahan(pk)["program"]
    program[0]["anggaran"] = 8_170_412_000

    dokumen_simpan(
        dokumen=pk,
        kepala=_kepala(pk),
        baris=baris,
        suntingan=pk.suntingan,
        tambahan={"program": program[::-1]},
    )

    sesudah = data_baris(pk)
    assert sesudah[0]["indikator"][0]["kunci"] == baris[0]["indikator"][0]["kunci"]
    assert sesudah[0]["indikator"][0]["asal_rkt"] == rkt_kunci
    assert sesudah[0]["indikator"][0]["target_tw2"] == "6 Laporan"
    assert [p["kunci"] for p in data_tambahan(pk)["program"]] == [p["kunci"] for p in program[::-1]]
    assert data_tambahan(pk)["program"][1]["anggaran"] == 8_170_412_000


def test_a_save_refused_by_the_indicator_rules_writes_nothing():
    pk = PkFactory()
    sebelum = data_baris(pk)
    baris = data_baris(pk)
    baris[0]["indikator"][0]["target_tw4"] = "10"  # cumulative, the year's target is 12

    with pytest.raises(ValidationError):
        dokumen_simpan(dokumen=pk, kepala=_kepala(pk), baris=baris, suntingan=pk.suntingan)

    pk.refresh_from_db()
    assert data_baris(pk) == sebelum


def test_a_negative_anggaran_is_refused_by_the_database():
    pk = PkFactory()

    with pytest.raises(Exception):  # noqa: B017, PT011 — IntegrityError from the check constraint
        dokumen_simpan_tambahan(
            dokumen=pk,
            kunci="program",
            baris=[{"program": "Program uji", "anggaran": -1}],
            suntingan=pk.suntingan,
        )


def test_the_programs_page_save_is_refused_after_another_save():
    pk = PkFactory()
    lama = pk.suntingan
    dokumen_simpan(dokumen=pk, kepala=_kepala(pk), baris=data_baris(pk), suntingan=lama)

    with pytest.raises(KonflikSuntingan):
        dokumen_simpan_tambahan(dokumen=pk, kunci="program", baris=[], suntingan=lama)
    assert ProgramPk.objects.filter(dokumen=pk).count() == 2


class TestKekurangan:
    def test_a_pk_without_any_indicator_cannot_be_submitted(self):
        pk = PkFactory(baris=[], tambahan={})

        assert "Dokumen belum berisi baris." in kekurangan_dokumen(pk)

    def test_an_indicator_without_a_target_is_named(self):
        baris = sasaran_pk(1, indikator=2)
        baris[0]["indikator"][1]["target"] = ""
        pk = PkFactory(baris=baris)

        assert (
            "Target belum diisi pada 1 indikator (Sasaran 1, indikator 2)."
            in kekurangan_dokumen(pk)
        )

    def test_a_program_without_anggaran_is_named(self):
        program = program_pk(2)
        program[1]["anggaran"] = None
        pk = PkFactory(tambahan={"program": program})

        assert kekurangan_dokumen(pk) == ["Anggaran belum diisi pada 1 program (Program uji 2)."]

    def test_a_pk_without_programs_cannot_be_submitted(self):
        pk = PkFactory(tambahan={"program": []})

        assert kekurangan_dokumen(pk) == [
            "Program dan anggaran belum diisi: tambahkan program tahun ini beserta anggarannya."
        ]

    def test_a_complete_pk_lacks_nothing_and_is_signed_by_the_sekretaris_then_the_ketua(self):
        pk = PkFactory()

        assert kekurangan_dokumen(pk) == []
        jabatan = [p.pejabat.jabatan for p in pihak_terisi(pk)]
        assert jabatan == [Jabatan.SEKRETARIS, Jabatan.KETUA]


def test_a_party_of_another_satker_is_refused():
    pk = PkFactory()
    lain = PejabatFactory(jabatan=Jabatan.SEKRETARIS)

    with pytest.raises(ValidationError) as galat:
        dokumen_simpan(
            dokumen=pk,
            kepala=_kepala(pk) | {"penandatangan": lain},
            baris=data_baris(pk),
            suntingan=pk.suntingan,
        )
    assert galat.value.message_dict["penandatangan"] == [
        "Penandatangan harus pejabat satker pemilik dokumen."
    ]
    pk.refresh_from_db()
    assert pk.penandatangan == pejabat_satker(pk.satker, Jabatan.SEKRETARIS)


def test_a_copy_to_the_next_year_copies_the_programs_under_new_keys_pointing_back():
    pk = PkFactory(tahun=2024)
    oleh = OperatorFactory(satker=pk.satker)

    salinan = dokumen_salin(sumber=pk, tahun=2025, oleh=oleh)

    asli = {p.pk: p for p in ProgramPk.objects.filter(dokumen=pk)}
    baru = list(ProgramPk.objects.filter(dokumen=salinan).order_by("urutan"))
    assert [(p.program, p.anggaran) for p in baru] == [
        (a.program, a.anggaran) for a in sorted(asli.values(), key=lambda a: a.urutan)
    ]
    assert all(p.asal_id in asli and p.kunci != asli[p.asal_id].kunci for p in baru)
    salin_indikator = IndikatorPk.objects.filter(sasaran__dokumen=salinan)
    assert salin_indikator.count() == 4
    assert all(i.asal_id is not None for i in salin_indikator)
    jejak = JejakPerubahan.objects.get(dokumen=salinan)
    assert jejak.ringkasan == "Disalin dari PK 2024. Isi awal: 2 sasaran, 4 baris, 2 program."


def test_a_new_version_keeps_the_programs_and_their_keys(pki_aktif):
    pk = ke_status(PkFactory(), StatusDokumen.DISETUJUI)
    pk = terbitkan(pk)
    oleh = OperatorFactory(satker=pk.satker)

    revisi = dokumen_buat_revisi(dokumen=pk, user=oleh, alasan="Revisi anggaran (DIPA).")

    assert data_tambahan(revisi) == data_tambahan(pk)
    assert revisi.versi == 2
    assert revisi.status == StatusDokumen.DRAF


def test_the_audit_history_shows_a_program_change():
    pk = PkFactory()
    oleh = OperatorFactory(satker=pk.satker)
    program = data_tambahan(pk)["program"]
    program[0]["anggaran"] = 5_000_000

    dokumen_simpan_tambahan(
        dokumen=pk, kunci="program", baris=program, suntingan=pk.suntingan, oleh=oleh
    )

    jejak = JejakPerubahan.objects.filter(dokumen=pk).first()
    assert jejak.jenis == JenisPerubahan.SIMPAN
    assert jejak.ringkasan == "Program dan anggaran. program: 1 diubah"
    assert jejak.sebelum["program"][0]["anggaran"] == 1_000_000_000
    assert jejak.sesudah["program"][0]["anggaran"] == 5_000_000
    assert potret(pk)["program"] == jejak.sesudah["program"]


def test_the_paragraphs_are_the_satkers_own_else_the_default():
    pk = PkFactory()
    assert naskah_pk(pk.satker).pembuka == PEMBUKA_BAWAAN
    assert naskah_pk(pk.satker).pk is None

    NaskahPk.objects.create(satker=pk.satker, janji="Kami berjanji.")

    naskah = naskah_pk(pk.satker)
    assert (naskah.pembuka, naskah.janji) == (PEMBUKA_BAWAAN, "Kami berjanji.")
    assert JANJI_BAWAAN.startswith("Pihak pertama berjanji akan mewujudkan target kinerja")


def test_the_audit_entry_and_the_changes_page_show_the_program_change(pki_aktif):
    pk = terbitkan(ke_status(PkFactory(), StatusDokumen.DISETUJUI))
    oleh = OperatorFactory(satker=pk.satker)
    revisi = dokumen_buat_revisi(dokumen=pk, user=oleh, alasan="Revisi DIPA.")
    program = data_tambahan(revisi)["program"]
    program[1]["anggaran"] = 2_500_000_000
    dokumen_simpan_tambahan(
        dokumen=revisi, kunci="program", baris=program, suntingan=revisi.suntingan, oleh=oleh
    )
    jejak = JejakPerubahan.objects.filter(dokumen=revisi).first()

    tampil = beda_tampil("PK", jejak.sebelum, jejak.sesudah)
    perubahan = perubahan_sejak_pengajuan(revisi)

    [(label, baris)] = tampil.tambahan
    assert label == "Program dan anggaran"
    assert [(b.jenis, [(s.label, s.sebelum, s.sesudah) for s in b.sel]) for b in baris] == [
        ("diubah", [("Anggaran (Rp)", "2.000.000.000", "2.500.000.000")])
    ]
    [kelompok] = perubahan.kelompok
    assert kelompok.judul == "Program dan anggaran"
    assert [b.label for b in kelompok.baris] == ["Program uji 2 076.01.U2"]


def test_a_reviewer_picks_an_indicator_by_its_label_as_the_rows_stand():
    pk = PkFactory()

    label = jenis_terdaftar("PK").label_bagian(data_baris(pk))

    assert [teks for _, teks in label] == [
        "Sasaran 1, indikator 1: Jumlah laporan uji 1.1",
        "Sasaran 1, indikator 2: Persentase indikator uji 1.2",
        "Sasaran 2, indikator 1: Jumlah laporan uji 2.1",
        "Sasaran 2, indikator 2: Persentase indikator uji 2.2",
    ]
    assert [kunci for kunci, _ in label] == [
        i["kunci"] for s in data_baris(pk) for i in s["indikator"]
    ]
