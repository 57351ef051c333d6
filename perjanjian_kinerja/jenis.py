"""The PK's declaration in the document-type registry (dokumen.jenis), registered in ready().

Its sasaran group their indicators as the RKT's do; its programs are a second table beside
them (`TabelTambahan` "program"). The Sekretaris signs first (pihak pertama, the document's
`penandatangan`), then the Ketua, "selaku atasan" (pihak kedua).
"""

from typing import Any

from dokumen.editor_kelompok import editor_berkelompok
from dokumen.jenis import (
    BuatDari,
    JenisKolom,
    JenisTerdaftar,
    KolomExcel,
    PihakTtd,
    TabelExcel,
    TabelTambahan,
)
from dokumen.models import PihakTandaTangan
from dokumen.selectors import penandatangan_tercetak_semua
from perjanjian_kinerja.admin import ProgramPkInline, SasaranPkInline
from perjanjian_kinerja.forms import IndikatorPkForm, ProgramPkForm, SasaranPkForm
from perjanjian_kinerja.models import peringatan_indikator
from perjanjian_kinerja.pdf import baris_kop, konteks_pdf_pk
from perjanjian_kinerja.selectors import naskah_pk, pk_data, program_data, tabel_pk
from perjanjian_kinerja.serializers import (
    ProgramPkIsianSerializer,
    ProgramPkSerializer,
    SasaranPkIsianSerializer,
    SasaranPkSerializer,
)
from perjanjian_kinerja.services import (
    JENIS_RKT,
    TINGKAT_PK,
    TINGKAT_PROGRAM,
    pk_dari_rkt,
    pk_ganti,
    program_ganti,
)
from satker.models import Jabatan


def _label_bagian(sasaran: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(kunci, "Sasaran 2, indikator 3: <indikator>"), numbered as the rows stand now."""
    return [
        (row["kunci"], f"Sasaran {s['nomor']}, indikator {urutan}: {row['indikator']}"[:300])
        for s in sasaran
        for urutan, row in enumerate(s["indikator"], start=1)
    ]


def _kekurangan_program(program: list[dict[str, Any]]) -> list[str]:
    """No program, or one without its anggaran: the lampiran would print an empty budget (the
    PK commits the year's programs and their budget as much as its targets)."""
    if not program:
        return [
            "Program dan anggaran belum diisi: tambahkan program tahun ini beserta anggarannya."
        ]
    tanpa = [p["program"] for p in program if p.get("anggaran") is None]
    if not tanpa:
        return []
    return [f"Anggaran belum diisi pada {len(tanpa)} program ({'; '.join(tanpa[:5])})."]


def _label_program(program: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(kunci, "Program 2: <program>"), for review notes, numbered as the programs stand now."""
    return [
        (row["kunci"], f"Program {urutan}: {row['program']}"[:300])
        for urutan, row in enumerate(program, start=1)
    ]


PROGRAM = TabelTambahan(
    kunci="program",
    label="Program dan anggaran",
    tingkat=TINGKAT_PROGRAM,
    baca=program_data,
    ganti=lambda dokumen, program: program_ganti(dokumen=dokumen, program=program),
    form=ProgramPkForm,
    serializer_baca=ProgramPkSerializer,
    serializer_isian=ProgramPkIsianSerializer,
    kekurangan=_kekurangan_program,
    inline_admin=ProgramPkInline,
    label_bagian=_label_program,
)

DARI_RKT = BuatDari(
    jenis=JENIS_RKT,
    label="Buat PK dari RKT",
    # Says what perjanjian_kinerja.services.ukuran_bawaan fills: keep the two in step.
    keterangan="Sasaran, indikator dan target diambil dari RKT tahun itu (program dari IKU "
    "tahun itu bila ada). Agregasi diisi menurut satuan target: hitungan (mis. 12 Laporan, "
    "3 kali) “Jumlah kumulatif”, persentase dan lainnya “Nilai triwulan terakhir”; target "
    "berupa opini BPK atau predikat (WTP, minimal B) menjadi kualitatif. Polaritas “Semakin "
    "tinggi semakin baik”, kecuali jumlah temuan, pengaduan dan sejenisnya atau lama waktu "
    "(“Semakin rendah semakin baik”). Periksa semuanya dan isi target triwulannya; anggaran "
    "program diisi sendiri.",
    buat=pk_dari_rkt,
)


def _naskah_excel(dokumen: Any) -> list[tuple[str, str]]:
    """The agreement's page as lines for the Excel's first sheet, as templates/pdf/pk.html
    prints it: the kop, the title, the satker's paragraphs and both parties (in signing
    order, Plt./Plh. before an acting official's jabatan, its trailing comma dropped)."""
    naskah = naskah_pk(dokumen.satker)
    baris = [("kop", teks) for teks in baris_kop(dokumen.satker.nama_lengkap)]
    if dokumen.satker.alamat:
        baris.append(("paragraf", dokumen.satker.alamat))
    perubahan = " PERUBAHAN" if dokumen.versi >= 2 else ""
    baris += [
        ("judul", f"PERJANJIAN KINERJA{perubahan} TAHUN {dokumen.tahun}"),
        ("paragraf", naskah.pembuka),
    ]
    for pihak in penandatangan_tercetak_semua(dokumen):
        penanda = pihak.penanda
        nama = penanda.nama if penanda else f"[{pihak.kosong}]"
        jabatan = (
            " ".join(f"{penanda.awalan_status}{penanda.sebutan_jabatan}".split()).removesuffix(",")
            if penanda
            else ""
        )
        sebutan = (
            "selanjutnya disebut pihak pertama."
            if pihak.urutan == 1
            else "selaku atasan pihak pertama, selanjutnya disebut pihak kedua."
        )
        baris.append(("paragraf", f"{pihak.urutan}. Nama: {nama}\nJabatan: {jabatan}\n{sebutan}"))
    baris += [("paragraf", naskah.janji), ("paragraf", naskah.pengawasan)]
    return baris


# The lampiran's two tables as printed (templates/pdf/_pk_sasaran.html, _pk_program.html), for
# the Excel export and import. The quarterly targets are shown only when one is filled. The
# measurement's settings (satuan, polaritas, skala, agregasi) are not on paper: an import
# leaves them to the form's defaults.
KOLOM_EXCEL_PK = TabelExcel(
    kolom=(
        KolomExcel("NO", "nomor", JenisKolom.NOMOR, sasaran=True, lebar=6),
        KolomExcel("SASARAN STRATEGIS", "sasaran", sasaran=True, lebar=32, judul_lain=("Sasaran",)),
        KolomExcel("INDIKATOR KINERJA", "indikator", lebar=40, judul_lain=("Indikator",)),
        KolomExcel("TARGET", "target", JenisKolom.TARGET, lebar=13),
        *(
            KolomExcel(
                f"TW {angka}",
                f"target_tw{tw}",
                JenisKolom.TARGET,
                lebar=9,
                kelompok="TARGET TRIWULAN",
                opsional=True,
                judul_lain=(f"Triwulan {angka}", f"Target TW {angka}"),
            )
            for tw, angka in enumerate(("I", "II", "III", "IV"), start=1)
        ),
    ),
    nama_lembar="Lampiran PK",
    tambahan=(
        (
            PROGRAM.kunci,
            TabelExcel(
                kolom=(
                    KolomExcel("NO", "", JenisKolom.URUT, lebar=6),
                    KolomExcel(
                        "PROGRAM", "program", lebar=60, kunci_kode="kode", judul_lain=("Program",)
                    ),
                    KolomExcel(
                        "ANGGARAN (Rp)",
                        "anggaran",
                        JenisKolom.RUPIAH,
                        lebar=20,
                        judul_lain=("Anggaran", "Pagu"),
                    ),
                ),
                jumlah="anggaran",
            ),
        ),
    ),
    judul=lambda dokumen: [
        f"LAMPIRAN {dokumen.judul.replace(' (PK)', '')}",
        dokumen.satker.nama.upper(),
    ],
    naskah=_naskah_excel,
    nama_lembar_naskah="Perjanjian",
)

PK = JenisTerdaftar(
    kode="PK",
    label="Perjanjian Kinerja",
    tingkat=TINGKAT_PK,
    target_wajib=True,
    baca_baris=pk_data,
    ganti_baris=lambda dokumen, sasaran: pk_ganti(dokumen=dokumen, sasaran=sasaran),
    kunci_anak="indikator",
    pihak_ttd=(
        PihakTtd(PihakTandaTangan.PIHAK_PERTAMA, Jabatan.SEKRETARIS, judul="Pihak Pertama,"),
        PihakTtd(PihakTandaTangan.PIHAK_KEDUA, Jabatan.KETUA, judul="Pihak Kedua,"),
    ),
    label_bagian=_label_bagian,
    peringatan_baris=peringatan_indikator,
    tabel=tabel_pk,
    template_tabel="perjanjian_kinerja/_tabel_pk.html",
    formset=editor_berkelompok(IndikatorPkForm, SasaranPkForm),
    serializer_baris=SasaranPkSerializer,
    serializer_isian=SasaranPkIsianSerializer,
    template_pdf="pdf/pk.html",
    konteks_pdf=konteks_pdf_pk,
    inline_admin=SasaranPkInline,
    inline_admin_baca=SasaranPkInline,
    cari_admin=("sasaran_pk__indikator__indikator", "program_pk__program"),
    tambahan=(PROGRAM,),
    kolom_excel=KOLOM_EXCEL_PK,
    buat_dari=(DARI_RKT,),
    # A PK's new version, after a budget revision, is the "PK Perubahan" (issue 13).
    label_revisi="Buat PK Perubahan",
    sebutan_revisi="Perubahan",
)
