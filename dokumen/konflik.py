"""A save conflict the user resolves: their change beside mine, item by item, then one merge.

When `dokumen_simpan` refuses a save because someone saved in between (KonflikSuntingan), three
states are known: the header and rows as the page was opened (`dasar`, signed into the page by
`tanda_dasar`), as stored now (`mereka`) and as posted (`saya`). dokumen.beda pairs them by key.
Every header field, sasaran and row where mereka and saya differ gets a choice, preset to the
side that changed it since `dasar` (both changed it: the user chooses); the rest follow the side
that changed them. `Konflik.gabung` builds the one state to save over the current `suntingan`:
each item as the chosen side has it — there or not, its content, its sasaran and its place. A
row kept needs its sasaran, so a sasaran one side deleted stays when a kept row is in it.
"""

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core import signing

from dokumen.baris import data_baris
from dokumen.beda import BedaBaris, JenisBeda, beda_isi
from dokumen.jenis import JenisTerdaftar
from dokumen.models import Dokumen
from dokumen.services import KOLOM_KEPALA
from kpu_kinerja.formats import tanggal_panjang

PESAN_KONFLIK = (
    "Dokumen ini baru saja diubah dan disimpan dari halaman lain (oleh orang lain, atau oleh Anda "
    "di tab lain), jadi isian Anda belum disimpan. Perubahan itu tampil di samping perubahan "
    "Anda: pilih yang dipakai untuk tiap baris, lalu simpan lagi."
)
PESAN_PILIH = "Pilih punya Anda atau punya mereka untuk setiap baris yang diubah kedua pihak."
SAYA, MEREKA = "saya", "mereka"
_GARAM = "dokumen.editor.dasar"
# Keys given to what the user added on this page (no key yet), to pair it across the round trip
# of the conflict page; dropped again before saving.
AWAL_SEMENTARA = "baru-"

Baris = list[dict[str, Any]]


def nilai_kepala(dokumen: Dokumen) -> dict[str, Any]:
    """The header of `dokumen` as JSON values (a signatory by id, a date as ISO text)."""
    return {kolom: _json(getattr(dokumen, kolom)) for kolom in KOLOM_KEPALA}


def _json(nilai: Any) -> Any:
    if isinstance(nilai, datetime.date):
        return nilai.isoformat()
    return getattr(nilai, "pk", nilai)


class _SerializerDasar:
    """JSON that gives back what it was given, decimals included (a PK's range bounds): the
    opening state is compared with the stored and the posted rows, which hold Decimals."""

    def dumps(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":"), default=self._tulis).encode("latin-1")

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode("latin-1"), object_hook=self._baca)

    @staticmethod
    def _tulis(nilai: Any) -> Any:
        if isinstance(nilai, Decimal):
            return {"__desimal__": str(nilai)}
        raise TypeError(f"Nilai {type(nilai).__name__} tidak dapat disimpan di halaman.")

    @staticmethod
    def _baca(obj: dict[str, Any]) -> Any:
        return Decimal(obj["__desimal__"]) if obj.keys() == {"__desimal__"} else obj


def tanda_dasar(dokumen: Dokumen, baris: Baris) -> str:
    """The header and rows as the page opens them, signed so the page can carry them back."""
    isi = {"pk": dokumen.pk, "suntingan": dokumen.suntingan, "kepala": nilai_kepala(dokumen)}
    return signing.dumps(
        isi | {"baris": baris}, salt=_GARAM, compress=True, serializer=_SerializerDasar
    )


def baca_dasar(teks: str | None, dokumen: Dokumen, suntingan: Any) -> dict[str, Any] | None:
    """What `tanda_dasar` signed for this document at `suntingan` (as posted), else None."""
    try:
        isi = signing.loads(teks or "", salt=_GARAM, serializer=_SerializerDasar)
    except signing.BadSignature:
        return None
    if isi.get("pk") != dokumen.pk or str(isi.get("suntingan")) != str(suntingan):
        return None
    return isi


def beri_kunci_sementara(kunci_anak: str | None, baris: Baris) -> Baris:
    """`baris` with a stand-in key on every sasaran and row added on the page (in order)."""
    nomor = {"s": 0, "b": 0}

    def kunci(item: dict[str, Any], jenis: str) -> dict[str, Any]:
        if item.get("kunci"):
            return item
        nomor[jenis] += 1
        return item | {"kunci": f"{AWAL_SEMENTARA}{jenis}{nomor[jenis]}"}

    if kunci_anak is None:
        return [kunci(b, "b") for b in baris]
    return [
        kunci(s, "s") | {kunci_anak: [kunci(b, "b") for b in s.get(kunci_anak) or []]}
        for s in baris
    ]


@dataclass
class Pilihan:
    """One item where their state and mine differ, and which one the user keeps."""

    nama: str  # the radio's name
    jenis: str  # "kepala", "sasaran" or "baris"
    label: str
    kolom: list[tuple[str, str, str, bool]]  # (label, theirs, mine, differs), for the page
    ubah_mereka: str  # what they did since the page was opened ("" nothing, or unknown)
    ubah_saya: str
    bawaan: str | None  # preset choice; None: both changed it, the user must choose
    ada_mereka: bool = True  # the item is in their state
    ada_saya: bool = True
    dipilih: str | None = None
    salah: bool = False


def _apa(beda: BedaBaris | None) -> str:
    """What a side did to an item since the page was opened, in words."""
    if beda is None:
        return ""
    if beda.jenis == JenisBeda.SAMA:
        return "dipindah" if beda.pindah else ""
    return beda.jenis.value


def _bawaan(ubah_mereka: str, ubah_saya: str, dasar_dikenal: bool) -> str | None:
    if not dasar_dikenal:
        return None
    if ubah_mereka and not ubah_saya:
        return MEREKA
    if ubah_saya and not ubah_mereka:
        return SAYA
    return None if ubah_mereka else SAYA


class Konflik:
    """Their state (stored now, at `suntingan`) beside mine, with the user's choices."""

    def __init__(
        self,
        *,
        terdaftar: JenisTerdaftar,
        sekarang: Dokumen,
        dasar: dict[str, Any] | None,
        kepala_saya: Mapping[str, Any],
        baris_saya: Baris,
        label_kolom: Mapping[str, Mapping[str, forms.Field]],
        pilihan_dikirim: Mapping[str, str] | None = None,
    ):
        self.terdaftar = terdaftar
        self.anak = terdaftar.kunci_anak
        self.sekarang = sekarang
        self.suntingan = sekarang.suntingan
        self.kepala_saya = kepala_saya
        self.saya = beri_kunci_sementara(self.anak, baris_saya)
        self.mereka = data_baris(sekarang)
        # "sasaran"/"baris" → the editor's fields, in column order. A flat type's rows show
        # the fields of the block the editor puts them in (IKU: program) before their own.
        self.field = (
            label_kolom
            if self.anak
            else {"baris": {**label_kolom.get("sasaran", {}), **label_kolom["baris"]}}
        )
        self._induk_m, self._induk_s = self._induk(self.mereka), self._induk(self.saya)
        self._sasaran = {x["kunci"]: x for x in (*self.mereka, *self.saya)} if self.anak else {}
        lama = (dasar or {}).get("baris")
        self._oleh_m = beda_isi(self.anak, lama, self.mereka) if lama is not None else None
        self._oleh_s = beda_isi(self.anak, lama, self.saya) if lama is not None else None
        self.pilihan = self._kepala(dasar) + self._baris(lama is not None)
        for p in self.pilihan:
            dikirim = (pilihan_dikirim or {}).get(p.nama)
            p.dipilih = dikirim if dikirim in (SAYA, MEREKA) else p.bawaan

    # -- what differs ---------------------------------------------------------------------

    def _kepala(self, dasar: dict[str, Any] | None) -> list[Pilihan]:
        mereka = nilai_kepala(self.sekarang)
        saya = {k: _json(self.kepala_saya[k]) for k in KOLOM_KEPALA}
        lama = (dasar or {}).get("kepala") or {}
        hasil = []
        for kolom in KOLOM_KEPALA:
            if mereka[kolom] == saya[kolom]:
                continue
            ubah_m = "diubah" if dasar and lama.get(kolom) != mereka[kolom] else ""
            ubah_s = "diubah" if dasar and lama.get(kolom) != saya[kolom] else ""
            field = Dokumen._meta.get_field(kolom)
            label = str(field.verbose_name).capitalize()
            teks_m = _teks_kepala(field, getattr(self.sekarang, kolom))
            teks_s = _teks_kepala(field, self.kepala_saya[kolom])
            hasil.append(
                Pilihan(
                    nama=f"pilih-kepala-{kolom}",
                    jenis="kepala",
                    label=label,
                    kolom=[(label, teks_m, teks_s, True)],
                    ubah_mereka=ubah_m,
                    ubah_saya=ubah_s,
                    bawaan=_bawaan(ubah_m, ubah_s, dasar is not None),
                )
            )
        return hasil

    def _baris(self, dasar_dikenal: bool) -> list[Pilihan]:
        antara = beda_isi(self.anak, self.mereka, self.saya)
        induk_m, induk_s = self._induk_m, self._induk_s
        hasil = []
        for jenis in ("sasaran", "baris") if self.anak else ("baris",):
            per_kunci_m = {b.kunci: b for b in (self._oleh_m or {}).get(jenis, [])}
            per_kunci_s = {b.kunci: b for b in (self._oleh_s or {}).get(jenis, [])}
            for beda in antara[jenis]:
                pindah_induk = jenis == "baris" and induk_m.get(beda.kunci) != induk_s.get(
                    beda.kunci
                )
                if beda.jenis == JenisBeda.SAMA and not pindah_induk:
                    continue
                ubah_m = _apa(per_kunci_m.get(beda.kunci))
                ubah_s = _apa(per_kunci_s.get(beda.kunci))
                hasil.append(
                    Pilihan(
                        nama=f"pilih-{beda.kunci}",
                        jenis=jenis,
                        label=self._label(jenis, beda),
                        kolom=self._kolom(jenis, beda, pindah_induk),
                        ubah_mereka=ubah_m,
                        ubah_saya=ubah_s,
                        bawaan=_bawaan(ubah_m, ubah_s, dasar_dikenal),
                        ada_mereka=beda.sebelum is not None,
                        ada_saya=beda.sesudah is not None,
                    )
                )
        return hasil

    def _induk(self, baris: Baris) -> dict[str, str]:
        """Each row's sasaran key (a flat type: none)."""
        if self.anak is None:
            return {}
        return {b["kunci"]: s["kunci"] for s in baris for b in s.get(self.anak) or []}

    def _label(self, jenis: str, beda: BedaBaris) -> str:
        item = beda.sesudah or beda.sebelum or {}
        if jenis == "sasaran":
            return f"Sasaran {item.get('nomor') or ''}: {item.get('sasaran', '')}"[:160]
        # Named by its first long text that is filled in (a RAK row: indikator, else kegiatan).
        panjang = [n for n, f in self.field.get("baris", {}).items() if _teks_panjang(f)]
        teks = next((str(item[n]) for n in panjang if item.get(n)), "")
        if self.anak is None:
            return f"Baris: {teks}"[:160]
        induk = self._induk_s.get(beda.kunci) or self._induk_m.get(beda.kunci)
        return f"{self._nama_sasaran(induk)} · Baris: {teks}"[:160]

    def _nama_sasaran(self, kunci: str | None) -> str:
        sasaran = self._sasaran.get(kunci) if kunci else None
        return f"Sasaran {sasaran.get('nomor') or ''}".strip() if sasaran else "(tidak ada)"

    def _kolom(
        self, jenis: str, beda: BedaBaris, pindah_induk: bool
    ) -> list[tuple[str, str, str, bool]]:
        """(label, theirs, mine, differs) of every content column either side has."""
        tampil_m, tampil_s = self._tampil(jenis, beda.sebelum), self._tampil(jenis, beda.sesudah)
        hasil = []
        for nama, field in self.field.get(jenis, {}).items():
            if nama not in tampil_m and nama not in tampil_s:
                continue
            m, s = _teks(field, tampil_m.get(nama)), _teks(field, tampil_s.get(nama))
            hasil.append((str(field.label), m, s, m != s))
        if pindah_induk:
            hasil.append(
                (
                    "Sasaran",
                    self._nama_sasaran(self._induk_m.get(beda.kunci)),
                    self._nama_sasaran(self._induk_s.get(beda.kunci)),
                    True,
                )
            )
        return hasil

    def _tampil(self, jenis: str, item: dict | None) -> dict[str, Any]:
        """An item as the editor's fields show it (e.g. a RAK's quarters as four ticks)."""
        if item is None:
            return {}
        if jenis == "sasaran":
            return {k: v for k, v in item.items() if k != self.anak}
        if self.anak is None:
            return dict(item)  # stored as the fields above name it (any grouping is the editor's)
        return self.terdaftar.ke_form([{"nomor": "", "sasaran": "", self.anak: [item]}])[0][
            self.anak
        ][0]

    # -- the choices and the merge ----------------------------------------------------------

    @property
    def lengkap(self) -> bool:
        """Every item has a choice; marks those without one."""
        for p in self.pilihan:
            p.salah = p.dipilih is None
        return not any(p.salah for p in self.pilihan)

    def gabung(self) -> tuple[dict[str, Any], Baris]:
        """The header and rows to save: each item as the side chosen for it has it."""
        dipilih = {p.nama: p.dipilih or SAYA for p in self.pilihan}
        kepala = {
            kolom: getattr(self.sekarang, kolom)
            if dipilih.get(f"pilih-kepala-{kolom}") == MEREKA
            else self.kepala_saya[kolom]
            for kolom in KOLOM_KEPALA
        }
        return kepala, _tanpa_kunci_sementara(self.anak, self._gabung_baris(dipilih))

    def _hanya_mereka(self) -> set[str]:
        """Keys of the items they changed (or moved) since the page was opened and I did not."""
        if self._oleh_m is None or self._oleh_s is None:
            return set()
        saya = {b.kunci for daftar in self._oleh_s.values() for b in daftar if b.berubah}
        mereka = {b.kunci for daftar in self._oleh_m.values() for b in daftar if b.berubah}
        return mereka - saya

    def _gabung_baris(self, pilih: dict[str, str]) -> Baris:
        hanya_mereka = self._hanya_mereka()

        def sisi(kunci: str) -> str:
            return pilih.get(f"pilih-{kunci}") or (MEREKA if kunci in hanya_mereka else SAYA)

        if self.anak is None:
            m = {b["kunci"]: b for b in self.mereka}
            s = {b["kunci"]: b for b in self.saya}
            urutan = _susun(list(s), list(m), sisi)
            return [(m if sisi(k) == MEREKA else s)[k] for k in urutan]
        anak = self.anak
        baris_m = {b["kunci"]: b for x in self.mereka for b in x.get(anak) or []}
        baris_s = {b["kunci"]: b for x in self.saya for b in x.get(anak) or []}
        induk_m, induk_s = self._induk_m, self._induk_s
        urutan_baris = _susun(list(baris_s), list(baris_m), sisi)
        induk = {k: (induk_m if sisi(k) == MEREKA else induk_s)[k] for k in urutan_baris}
        sasaran_m = {x["kunci"]: x for x in self.mereka}
        sasaran_s = {x["kunci"]: x for x in self.saya}
        perlu = set(induk.values())

        def sisi_sasaran(kunci: str) -> str:
            dipilih = sisi(kunci)
            ada = sasaran_m if dipilih == MEREKA else sasaran_s
            if kunci in perlu and kunci not in ada:  # a kept row's sasaran stays
                return SAYA if dipilih == MEREKA else MEREKA
            return dipilih

        urutan_sasaran = _susun(list(sasaran_s), list(sasaran_m), sisi_sasaran)
        hasil = []
        for kunci in urutan_sasaran:
            asal = sasaran_m if sisi_sasaran(kunci) == MEREKA else sasaran_s
            isi = {k: v for k, v in asal[kunci].items() if k != anak}
            anggota = [
                (baris_m if sisi(k) == MEREKA else baris_s)[k]
                for k in urutan_baris
                if induk[k] == kunci
            ]
            hasil.append(isi | {anak: anggota})
        return hasil


def _teks_kepala(field, nilai: Any) -> str:
    """A header value as the form shows it: a choice by its label, a date as 26 Januari 2024."""
    if nilai is None or nilai == "":
        return "(kosong)"
    if field.choices:
        return str(dict(field.flatchoices).get(nilai, nilai))
    if isinstance(nilai, datetime.date):
        return tanggal_panjang(nilai)
    return str(nilai)


def _teks_panjang(field: forms.Field) -> bool:
    return isinstance(field, forms.CharField) and (field.max_length or 0) > 200


def _teks(field: forms.Field, nilai: Any) -> str:
    if isinstance(nilai, bool):
        return "✓" if nilai else "–"
    if nilai is None or nilai == "" or nilai == []:
        return "(kosong)"
    tampil = field.prepare_value(nilai)
    return str(tampil)


def _susun(saya: list[str], mereka: list[str], sisi) -> list[str]:
    """One order of the items kept: mine's kept in my order, then each of theirs kept placed
    after the nearest item before it in their order that is already placed."""
    hasil = [k for k in saya if sisi(k) == SAYA]
    for i, kunci in enumerate(mereka):
        if sisi(kunci) != MEREKA:
            continue
        tempat = 0
        for sebelumnya in reversed(mereka[:i]):
            if sebelumnya in hasil:
                tempat = hasil.index(sebelumnya) + 1
                break
        hasil.insert(tempat, kunci)
    return hasil


def _tanpa_kunci_sementara(anak: str | None, baris: Baris) -> Baris:
    def bersih(item: dict[str, Any]) -> dict[str, Any]:
        if str(item.get("kunci", "")).startswith(AWAL_SEMENTARA):
            return {k: v for k, v in item.items() if k != "kunci"}
        return item

    if anak is None:
        return [bersih(b) for b in baris]
    return [bersih(s) | {anak: [bersih(b) for b in s.get(anak) or []]} for s in baris]
