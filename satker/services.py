"""Writes of satker data. Each validates (`full_clean`) before it saves."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q

from satker.models import JejakProfil, JenisTupoksi, Pejabat, Satker, Tupoksi


def satker_buat(
    *,
    kode: str,
    nama: str,
    nama_lengkap: str,
    tingkat: str,
    kota_ttd: str,
    induk: Satker | None = None,
    alamat: str = "",
    gaya_penomoran: str = "ANGKA",
) -> Satker:
    satker = Satker(
        kode=kode,
        nama=nama,
        nama_lengkap=nama_lengkap,
        tingkat=tingkat,
        induk=induk,
        kota_ttd=kota_ttd,
        alamat=alamat,
        gaya_penomoran=gaya_penomoran,
    )
    satker.full_clean()
    satker.save()
    return satker


@transaction.atomic
def tupoksi_ganti(*, satker: Satker, jenis: JenisTupoksi, daftar: list[str]) -> list[Tupoksi]:
    """Replace the satker's items of one kind with `daftar`, in that order."""
    satker.tupoksi.filter(jenis=jenis).delete()
    butir = [
        Tupoksi(satker=satker, jenis=jenis, urutan=urutan, teks=teks.strip())
        for urutan, teks in enumerate(daftar, start=1)
    ]
    for item in butir:
        item.full_clean(exclude={"satker"}, validate_constraints=False)
    return Tupoksi.objects.bulk_create(butir)


def pejabat_buat(
    *,
    satker: Satker,
    nama: str,
    jabatan: str,
    sebutan_jabatan: str,
    nip: str = "",
    status: str = "DEFINITIF",
) -> Pejabat:
    pejabat = Pejabat(
        satker=satker,
        nama=nama,
        jabatan=jabatan,
        sebutan_jabatan=sebutan_jabatan,
        nip=nip,
        status=status,
    )
    pejabat.full_clean()
    pejabat.save()
    return pejabat


def _nama_dokumen(dokumen) -> str:
    """ "RAK 2024", or "RAK 2024 versi 2": how the refusals below name a document."""
    return f"{dokumen.jenis} {dokumen.tahun}" + (
        f" versi {dokumen.versi}" if dokumen.versi > 1 else ""
    )


def pejabat_pastikan_boleh_dihapus(*, pejabat: Pejabat) -> None:
    """Raise a ValidationError while `pejabat` signs any document, as its chosen signatory or
    as any party of a signed one (both links are PROTECT; the second party has no chooser)."""
    Dokumen = pejabat.dokumen_ditandatangani.model  # noqa: N806 (satker does not import dokumen)
    dokumen = list(
        Dokumen.objects.filter(Q(penandatangan=pejabat) | Q(tanda_tangan__pejabat=pejabat))
        .distinct()
        .order_by("tahun", "jenis", "versi")
    )
    if not dokumen:
        return
    daftar = ", ".join(_nama_dokumen(d) for d in dokumen)
    raise ValidationError(
        f"{pejabat.nama} tidak dapat dihapus karena menandatangani dokumen {daftar}. "
        "Ganti penandatangan dokumen tersebut lebih dahulu.",
        code="pejabat_menandatangani",
    )


# What a signature names: once an official has signed a published document these stay as
# signed. A new person (or a new jabatan) is a new official.
KOLOM_IDENTITAS = ("nama", "nip", "jabatan", "status", "sebutan_jabatan")


def pejabat_pastikan_boleh_diubah(*, pejabat: Pejabat, kunci: bool = True) -> None:
    """Raise a ValidationError when `pejabat`'s unsaved changes rewrite the identity of an
    official printed in a signed PDF: one who signed, or a later party whose block the first
    signature already printed (their term dates may still change).

    With `kunci` (the save's own check, inside its transaction) the official stays locked until
    the save commits: signing locks the official too, so a rename cannot slip in between this
    check and a signature being recorded. A form's early check passes `kunci=False`.
    """
    if pejabat.pk is None:
        return
    lama = Pejabat.objects.filter(pk=pejabat.pk)
    lama = (lama.select_for_update() if kunci else lama).first()
    if lama is None:
        return
    berubah = [k for k in KOLOM_IDENTITAS if getattr(lama, k) != getattr(pejabat, k)]
    if not berubah:
        return
    # The reverse relation of dokumen.TandaTangan: satker does not import dokumen.
    ditandatangani = sorted(
        {_nama_dokumen(t.dokumen) for t in lama.tanda_tangan.select_related("dokumen")}
    )
    if not ditandatangani:
        return
    label = ", ".join(Pejabat._meta.get_field(k).verbose_name for k in berubah)
    raise ValidationError(
        f"{lama.nama} tercantum sebagai penanda tangan pada PDF bertanda tangan "
        f"({', '.join(ditandatangani)}), "
        f"sehingga {label} tidak dapat diubah. Untuk pejabat pengganti, tambahkan pejabat baru.",
        code="pejabat_sudah_menandatangani",
    )


@transaction.atomic
def pejabat_simpan(*, pejabat: Pejabat) -> Pejabat:
    """Save a new or changed official whose fields are already set."""
    pejabat_pastikan_boleh_diubah(pejabat=pejabat)
    pejabat.full_clean()
    pejabat.save()
    return pejabat


def pejabat_hapus(*, pejabat: Pejabat) -> None:
    """Delete an official; refused with a ValidationError while they sign a document."""
    pejabat_pastikan_boleh_dihapus(pejabat=pejabat)
    try:
        pejabat.delete()
    except ProtectedError:
        # A document chose this official after the check above.
        pejabat_pastikan_boleh_dihapus(pejabat=pejabat)
        raise


def potret_profil(satker: Satker) -> dict[str, Any]:
    """The satker's tupoksi lists and officials as JSON-ready data, for the audit history."""
    tupoksi = {jenis.value: [] for jenis in JenisTupoksi}
    for butir in satker.tupoksi.order_by("jenis", "urutan"):
        tupoksi[butir.jenis].append(butir.teks)
    pejabat = [
        {
            "id": p.pk,
            **{k: getattr(p, k) for k in KOLOM_IDENTITAS},
            "mulai_menjabat": p.mulai_menjabat,
            "selesai_menjabat": p.selesai_menjabat,
        }
        for p in satker.pejabat.order_by("pk")
    ]
    return {"tupoksi": tupoksi, "pejabat": pejabat}


def ringkasan_profil(sebelum: dict[str, Any], sesudah: dict[str, Any]) -> str:
    """The change in one line, e.g. "Tugas diubah; pejabat: 'A' diubah (nama), 'B' ditambah"."""
    bagian = [
        f"{JenisTupoksi(jenis).label} diubah"
        for jenis, daftar in sesudah["tupoksi"].items()
        if sebelum["tupoksi"].get(jenis) != daftar
    ]
    lama = {p["id"]: p for p in sebelum["pejabat"]}
    baru = {p["id"]: p for p in sesudah["pejabat"]}
    pejabat = [f"'{p['nama']}' ditambah" for i, p in baru.items() if i not in lama]
    for i, p in baru.items():
        if i in lama and lama[i] != p:
            kolom = ", ".join(k for k in p if k != "id" and p[k] != lama[i].get(k))
            pejabat.append(f"'{p['nama']}' diubah ({kolom})")
    pejabat += [f"'{p['nama']}' dihapus" for i, p in lama.items() if i not in baru]
    if pejabat:
        bagian.append("pejabat: " + ", ".join(pejabat))
    return "; ".join(bagian) + "." if bagian else "Tidak ada perubahan isi."


def catat_perubahan_profil(
    *, satker: Satker, oleh, sebelum: dict[str, Any], keterangan: str = ""
) -> JejakProfil | None:
    """Record the profile's change since `sebelum`; nothing when nothing changed."""
    sesudah = potret_profil(satker)
    if sesudah == sebelum:
        return None
    ringkasan = ringkasan_profil(sebelum, sesudah)
    return JejakProfil.objects.create(
        satker=satker,
        oleh=oleh,
        ringkasan=f"{keterangan} {ringkasan}".strip(),
        sebelum=sebelum,
        sesudah=sesudah,
    )


@transaction.atomic
def satker_profil_simpan(
    *,
    satker: Satker,
    oleh,
    tupoksi: Mapping[JenisTupoksi, list[str]],
    pejabat_disimpan: Iterable[Pejabat] = (),
    pejabat_dihapus: Iterable[Pejabat] = (),
    keterangan: str = "",
) -> None:
    """Replace the satker's tupoksi lists and save, add or delete its officials, all or nothing,
    and record the change in the profile's audit history (`keterangan` before its summary).

    Only the kinds present in `tupoksi` are replaced. Any ValidationError rolls everything back.
    """
    sebelum = potret_profil(satker)
    for jenis, daftar in tupoksi.items():
        tupoksi_ganti(satker=satker, jenis=jenis, daftar=daftar)
    for pejabat in pejabat_dihapus:
        if pejabat.satker_id != satker.pk:
            raise ValueError("Pejabat bukan milik satker ini.")
        pejabat_hapus(pejabat=pejabat)
    for pejabat in pejabat_disimpan:
        if pejabat.pk is not None and pejabat.satker_id != satker.pk:
            raise ValueError("Pejabat bukan milik satker ini.")
        pejabat.satker = satker
        pejabat_simpan(pejabat=pejabat)
    catat_perubahan_profil(satker=satker, oleh=oleh, sebelum=sebelum, keterangan=keterangan)
