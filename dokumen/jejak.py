"""The audit history of documents: what a change did, in a line a person reads, plus snapshots.

The services call `catat_perubahan` with a snapshot (`potret`) from before and after the change;
it writes one `JejakPerubahan` with an Indonesian summary such as
"Kepala: tempat_ttd 'A' → 'B'; baris: 2 diubah, 1 ditambah, 1 dihapus".

Rows are compared by position, as the editor saves them (the whole table at once): the row at
position 3 before against the row at position 3 after. For a type that groups rows under sasaran
(RKT, RAK) the sasaran are compared the same way, and their rows as one list across sasaran.
"""

from typing import Any

from dokumen.baris import data_baris
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
    """The header and rows of `dokumen` as JSON-ready data; `baris` saves reading rows again."""
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
    return {"kepala": kepala, "baris": data_baris(dokumen) if baris is None else baris}


def _nilai(nilai: Any) -> str:
    if nilai is None or nilai == "" or nilai == []:
        return "kosong"
    teks = " ".join(str(nilai).split())
    if len(teks) > PANJANG_NILAI:
        teks = teks[: PANJANG_NILAI - 1] + "…"
    return f"'{teks}'"


def _beda_kepala(sebelum: dict[str, Any], sesudah: dict[str, Any]) -> list[str]:
    kolom = list(sesudah) + [k for k in sebelum if k not in sesudah]
    return [
        f"{k} {_nilai(sebelum.get(k))} → {_nilai(sesudah.get(k))}"
        for k in kolom
        if sebelum.get(k) != sesudah.get(k)
    ]


def _hitung(sebelum: list[Any], sesudah: list[Any]) -> str:
    """'2 diubah, 1 ditambah, 1 dihapus' by position; '' when the lists are equal."""
    diubah = sum(1 for a, b in zip(sebelum, sesudah, strict=False) if a != b)
    ditambah = max(len(sesudah) - len(sebelum), 0)
    dihapus = max(len(sebelum) - len(sesudah), 0)
    bagian = [
        f"{jumlah} {kata}"
        for jumlah, kata in ((diubah, "diubah"), (ditambah, "ditambah"), (dihapus, "dihapus"))
        if jumlah
    ]
    return ", ".join(bagian)


def _pecah(jenis: str, baris: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    """(sasaran without their rows, every row in order) for a grouped type (RKT/RAK); ([], rows)
    for a flat one (IKU)."""
    terdaftar = jenis_terdaftar(jenis)
    kunci = terdaftar.kunci_anak
    if kunci is None:
        return [], list(baris)
    sasaran = [{k: v for k, v in item.items() if k != kunci} for item in baris]
    return sasaran, terdaftar.daun(baris)


def ringkasan_perubahan(jenis: str, sebelum: Potret | None, sesudah: Potret) -> str:
    """The change from `sebelum` to `sesudah` in one line; a new document counts its rows."""
    sasaran_baru, baris_baru = _pecah(jenis, sesudah["baris"])
    if sebelum is None:
        isi = f"{len(baris_baru)} baris"
        if jenis_terdaftar(jenis).berkelompok:
            isi = f"{len(sasaran_baru)} sasaran, {isi}"
        return f"Isi awal: {isi}."
    bagian = []
    kepala = _beda_kepala(sebelum["kepala"], sesudah["kepala"])
    if kepala:
        bagian.append("Kepala: " + ", ".join(kepala))
    sasaran_lama, baris_lama = _pecah(jenis, sebelum["baris"])
    if hitung := _hitung(sasaran_lama, sasaran_baru):
        bagian.append(f"sasaran: {hitung}")
    if hitung := _hitung(baris_lama, baris_baru):
        bagian.append(f"baris: {hitung}")
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
