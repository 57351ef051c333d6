"""The audit history of documents: what a change did, in a line a person reads, plus snapshots.

The services call `catat_perubahan` with a snapshot (`potret`) from before and after the change;
it writes one `JejakPerubahan` with an Indonesian summary such as
"Kepala: tempat penandatanganan 'A' → 'B'; baris: 2 diubah, 1 ditambah, 1 dihapus".

Rows are compared by key (dokumen.beda): a reordered row counts as "dipindah", not as two rows
changed. For a type that groups rows under sasaran (RKT, RAK) the sasaran are counted apart from
their rows, which are one list across sasaran.
"""

from typing import Any

from dokumen.baris import data_baris
from dokumen.beda import BedaBaris, BedaDokumen, beda_potret
from dokumen.beda_tampil import nama_kolom, teks_nilai
from dokumen.jenis import jenis_terdaftar
from dokumen.models import Dokumen, JejakPerubahan, JenisPerubahan, StatusDokumen
from satker.akses import Pengguna

# The header as the snapshot keeps it: the fields a user edits plus the workflow's.
KOLOM_POTRET = (
    "tahun",
    "versi",
    "status",
    "label_lampiran",
    "tahun_anggaran",
    "tempat_ttd",
    "tanggal_ttd",
    "tanggal_ttd_presisi",
    "penandatangan",
    "alasan_revisi",
    "sha256",
)
PANJANG_NILAI = 40  # a value longer than this is cut in the summary (the snapshot keeps it all)
TANPA_PERUBAHAN = "Tidak ada perubahan isi."

Potret = dict[str, Any]


def potret(dokumen: Dokumen, *, baris: list[dict[str, Any]] | None = None) -> Potret:
    """The header and rows of `dokumen` as JSON-ready data; `baris` saves reading rows again.
    A table beside the rows (dokumen.jenis.TabelTambahan, the PK's programs) is under its key."""
    kepala: dict[str, Any] = {}
    for kolom in KOLOM_POTRET:
        nilai = getattr(dokumen, kolom)
        if kolom == "penandatangan":
            nilai = str(nilai) if nilai is not None else None
        elif kolom == "tanggal_ttd":
            nilai = nilai.isoformat() if nilai is not None else None
        kepala[kolom] = nilai
    if dokumen.status == StatusDokumen.TERBIT:
        # Who signed as the signature records froze it, not the official as they are now.
        kepala["tanda_tangan"] = "; ".join(
            f"{t.nama} ({t.get_pihak_display()}, sertifikat {t.nomor_seri_sertifikat or '-'})"
            for t in dokumen.tanda_tangan.all()
        )
    tambahan = {t.kunci: t.baca(dokumen) for t in dokumen.jenis_terdaftar.tambahan}
    return {"kepala": kepala, "baris": data_baris(dokumen) if baris is None else baris} | tambahan


def _nilai(kolom: str, nilai: Any) -> str:
    """A header value as a person reads it (a status by its label, a date in words), quoted
    and cut short; "kosong" unquoted."""
    if nilai is None or nilai == "" or nilai == []:
        return "kosong"
    teks = " ".join(teks_nilai(Dokumen, kolom, nilai).split())
    if len(teks) > PANJANG_NILAI:
        potong = teks[: PANJANG_NILAI - 1]
        # At a word's end where there is one, not in the middle of a name.
        teks = (potong.rsplit(" ", 1)[0] if " " in potong else potong).rstrip(" ,;(") + "…"
    return f"'{teks}'"


def _hitung(daftar: list[BedaBaris]) -> str:
    """'2 diubah, 1 ditambah, 1 dihapus, 1 dipindah'; '' when nothing differs."""
    jumlah = BedaDokumen.hitung(daftar)
    return ", ".join(
        f"{jumlah[kata]} {kata}"
        for kata in ("diubah", "ditambah", "dihapus", "dipindah")
        if jumlah[kata]
    )


def ringkasan_perubahan(jenis: str, sebelum: Potret | None, sesudah: Potret) -> str:
    """The change from `sebelum` to `sesudah` in one line; a new document counts its rows."""
    if sebelum is None:
        beda = beda_potret(jenis, {}, sesudah)
        isi = f"{len(beda.baris)} baris"
        if jenis_terdaftar(jenis).berkelompok:
            isi = f"{len(beda.sasaran)} sasaran, {isi}"
        isi += "".join(f", {len(daftar)} {kunci}" for kunci, daftar in beda.tambahan.items())
        return f"Isi awal: {isi}."
    beda = beda_potret(jenis, sebelum, sesudah)
    bagian = []
    if beda.kepala:
        kepala = (
            f"{nama_kolom(Dokumen, k)} {_nilai(k, a)} → {_nilai(k, b)}" for k, a, b in beda.kepala
        )
        bagian.append("Kepala: " + ", ".join(kepala))
    if hitung := _hitung(beda.sasaran):
        bagian.append(f"sasaran: {hitung}")
    if hitung := _hitung(beda.baris):
        bagian.append(f"baris: {hitung}")
    for kunci, daftar in beda.tambahan.items():
        if hitung := _hitung(daftar):
            bagian.append(f"{kunci}: {hitung}")
    return "; ".join(bagian) if bagian else TANPA_PERUBAHAN


def catat_perubahan(
    *,
    dokumen: Dokumen,
    user: Pengguna,
    jenis: JenisPerubahan,
    sebelum: Potret | None,
    sesudah: Potret,
    keterangan: str = "",
) -> JejakPerubahan:
    """Record one change of `dokumen` by `user`; `keterangan` goes before the computed summary
    (e.g. "Diajukan." or "Disalin dari RAK 2024.")."""
    ringkasan = ringkasan_perubahan(dokumen.jenis, sebelum, sesudah)
    if keterangan:
        ringkasan = f"{keterangan} {ringkasan}"
    return JejakPerubahan.objects.create(
        dokumen=dokumen,
        satker_id=dokumen.satker_id,
        nama_dokumen=str(dokumen),
        oleh=user,
        jenis=jenis,
        ringkasan=ringkasan,
        sebelum=sebelum,
        sesudah=sesudah,
    )
