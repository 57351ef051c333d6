"""The capaian engine, rule by rule: every value below is worked out by hand (DOMAIN.md §4),
then properties that must hold for any finite input (hypothesis)."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pengukuran.capaian import (
    ATURAN_BAWAAN,
    Aturan,
    Kategori,
    gabung_triwulan,
    hitung,
    hitung_triwulan,
    nilai_skala,
    periksa_kategori,
)
from perjanjian_kinerja.models import NILAI_SKALA, Agregasi, Polaritas, Skala

NAIK, TURUN, RENTANG, KUALITATIF = (
    Polaritas.NAIK,
    Polaritas.TURUN,
    Polaritas.RENTANG,
    Polaritas.KUALITATIF,
)
OPINI, PREDIKAT = NILAI_SKALA[Skala.OPINI_BPK], NILAI_SKALA[Skala.PREDIKAT]


@pytest.mark.parametrize(
    ("polaritas", "target", "realisasi", "atas", "capaian", "kategori", "penjelasan"),
    [
        # Higher is better: R ÷ T.
        (NAIK, "80", "66", None, "82.5", "Hampir tercapai", "Capaian = 66 ÷ 80 × 100 % = 82,50 %"),
        (NAIK, "12", "12", None, "100", "Tercapai", "Capaian = 12 ÷ 12 × 100 % = 100,00 %"),
        (NAIK, "25", "0", None, "0", "Belum tercapai", "Capaian = 0 ÷ 25 × 100 % = 0,00 %"),
        (NAIK, "3", "2", None, "66.6667", "Belum tercapai", "Capaian = 2 ÷ 3 × 100 % = 66,67 %"),
        (
            NAIK,
            "1234,5",
            "1.500",
            None,
            "121.5067",
            "Tercapai",
            "Capaian = 1.500 ÷ 1.234,5 × 100 % = 121,51 %",
        ),
        # Lower is better: (2 − R ÷ T); meeting the target exactly is 100 %, not 0 %.
        (
            TURUN,
            "0,2",
            "0,3",
            None,
            "50",
            "Belum tercapai",
            "Indikator menurun: (2 − 0,3 ÷ 0,2) × 100 % = 50,00 %",
        ),
        (
            TURUN,
            "10",
            "10",
            None,
            "100",
            "Tercapai",
            "Indikator menurun: (2 − 10 ÷ 10) × 100 % = 100,00 %",
        ),
        (
            TURUN,
            "10",
            "8",
            None,
            "120",
            "Tercapai",
            "Indikator menurun: (2 − 8 ÷ 10) × 100 % = 120,00 %",
        ),
        # More than twice the target: negative raw value, floored at 0 %.
        (
            TURUN,
            "10",
            "25",
            None,
            "0",
            "Belum tercapai",
            "Indikator menurun: (2 − 25 ÷ 10) × 100 % = −50,00 %, dihitung 0,00 % "
            "(capaian tidak negatif)",
        ),
        # Zero target, lower is better: R = 0 → 100 %, anything above → 0 %.
        (
            TURUN,
            "0",
            "0",
            None,
            "100",
            "Tercapai",
            "Indikator menurun dengan target 0: realisasi 0 tidak melebihi target → 100,00 %",
        ),
        (
            TURUN,
            "0",
            "2",
            None,
            "0",
            "Belum tercapai",
            "Indikator menurun dengan target 0: realisasi 2 melebihi target → 0,00 %",
        ),
        # A range: 100 % inside (bounds included), the nearer bound outside.
        (
            RENTANG,
            "20",
            "25",
            "30",
            "100",
            "Tercapai",
            "Dalam rentang 20–30: realisasi 25 → 100,00 %",
        ),
        (
            RENTANG,
            "20",
            "30",
            "30",
            "100",
            "Tercapai",
            "Dalam rentang 20–30: realisasi 30 → 100,00 %",
        ),
        (
            RENTANG,
            "20",
            "33",
            "30",
            "90",
            "Hampir tercapai",
            "Di atas rentang 20–30: (2 − 33 ÷ 30) × 100 % = 90,00 %",
        ),
        (
            RENTANG,
            "20",
            "15",
            "30",
            "75",
            "Belum tercapai",
            "Di bawah rentang 20–30: 15 ÷ 20 × 100 % = 75,00 %",
        ),
        (
            RENTANG,
            "0",
            "-1",
            "5",
            "0",
            "Belum tercapai",
            "Di bawah rentang 0–5: realisasi −1 → 0,00 %",
        ),
        # A negative result of a higher-is-better indicator is floored too.
        (
            NAIK,
            "10",
            "-2",
            None,
            "0",
            "Belum tercapai",
            "Capaian = −2 ÷ 10 × 100 % = −20,00 %, dihitung 0,00 % (capaian tidak negatif)",
        ),
    ],
)
def test_angka(polaritas, target, realisasi, atas, capaian, kategori, penjelasan):
    def angka(teks):
        return None if teks is None else D(teks.replace(".", "").replace(",", "."))

    hasil = hitung(polaritas, angka(target), angka(realisasi), target_atas=angka(atas))

    assert hasil.galat == ""
    assert hasil.nilai.quantize(D("0.0001")) == D(capaian).quantize(D("0.0001"))
    assert hasil.kategori.nama == kategori
    assert hasil.penjelasan == penjelasan


@pytest.mark.parametrize(
    ("skala", "target", "realisasi", "tercapai"),
    [
        (OPINI, "WTP", "WTP", True),
        (OPINI, "WTP", "WDP", False),
        (OPINI, "WDP", "WTP", True),  # better than promised
        (OPINI, "TW", "TMP", False),
        (PREDIKAT, "minimal B", "B", True),
        (PREDIKAT, "minimal B", "BB", True),
        (PREDIKAT, "minimal B", "AA", True),
        (PREDIKAT, "minimal B", "CC", False),
        (PREDIKAT, "Minimal BB", " bb ", True),
        (PREDIKAT, "A", "BB", False),
    ],
)
def test_kualitatif(skala, target, realisasi, tercapai):
    hasil = hitung(KUALITATIF, target, realisasi, skala=skala)

    assert hasil.nilai == (D(100) if tercapai else D(0))
    assert hasil.kategori.nama == ("Tercapai" if tercapai else "Belum tercapai")
    kata = "tercapai" if tercapai else "belum tercapai"
    assert f"realisasi {nilai_skala(realisasi)}, target {target} → {kata}" in hasil.penjelasan


def test_kualitatif_tidak_tercapai_memakai_skor_satker():
    aturan = Aturan(skor_tidak_tercapai=D(50))

    hasil = hitung(KUALITATIF, "minimal B", "C", skala=PREDIKAT, aturan=aturan)

    assert hasil.nilai == D(50)
    assert hasil.penjelasan == (
        "Kualitatif (AA > A > BB > B > CC > C > D): realisasi C, target minimal B → "
        "belum tercapai, 50,00 %"
    )


@pytest.mark.parametrize(
    ("batas", "nilai", "kategori", "akhir"),
    [
        (None, D(130), "Tercapai", "= 130,00 %"),
        (D(120), D(120), "Tercapai", "= 130,00 %; dibatasi 120,00 %"),
        (D(100), D(100), "Tercapai", "= 130,00 %; dibatasi 100,00 %"),
    ],
)
def test_batas_atas_menyimpan_nilai_mentah(batas, nilai, kategori, akhir):
    hasil = hitung(NAIK, D(100), D(130), aturan=Aturan(batas=batas))

    assert (hasil.mentah, hasil.nilai, hasil.kategori.nama) == (D(130), nilai, kategori)
    assert hasil.penjelasan.endswith(akhir)


def test_batas_tidak_menaikkan_hasil_di_bawahnya():
    hasil = hitung(NAIK, D(100), D(90), aturan=Aturan(batas=D(100)))

    assert (hasil.mentah, hasil.nilai, hasil.dibatasi) == (D(90), D(90), None)


@pytest.mark.parametrize(
    ("polaritas", "target", "realisasi", "kwargs", "pesan"),
    [
        (NAIK, D(0), D(3), {}, "Target 0 tidak dapat dipakai untuk indikator “semakin tinggi"),
        (NAIK, D(0), D(0), {}, "Target 0 tidak dapat dipakai"),
        (NAIK, D(-5), D(3), {}, "Target tidak boleh negatif."),
        (NAIK, None, D(3), {}, "Target belum diisi"),
        (NAIK, D(10), "sepuluh", {}, "harus berupa angka"),
        (NAIK, D(10), D("1e20"), {}, "paling banyak 16 digit"),
        (NAIK, D(10), D("NaN"), {}, "paling banyak 16 digit"),
        (RENTANG, D(20), D(25), {}, "Batas atas rentang target belum diisi."),
        (RENTANG, D(30), D(25), {"target_atas": D(20)}, "Batas atas rentang harus"),
        (KUALITATIF, "minimal B", "E", {"skala": PREDIKAT}, "Realisasi “E” tidak ada pada skala"),
        (KUALITATIF, "WTN", "WTP", {"skala": OPINI}, "Target “WTN” tidak ada pada skala"),
        (KUALITATIF, "WTP", "WTP", {}, "Skala indikator kualitatif belum dipilih."),
        ("MIRING", D(1), D(1), {}, "Polaritas “MIRING” tidak dikenal."),
    ],
)
def test_masukan_yang_ditolak(polaritas, target, realisasi, kwargs, pesan):
    hasil = hitung(polaritas, target, realisasi, **kwargs)

    assert (hasil.nilai, hasil.mentah, hasil.kategori) == (None, None, None)
    assert pesan in hasil.galat
    assert hasil.penjelasan == hasil.galat


@pytest.mark.parametrize("kosong", [None, ""])
def test_realisasi_kosong_bukan_nol(kosong):
    hasil = hitung(NAIK, D(10), kosong)

    assert (hasil.nilai, hasil.galat, hasil.penjelasan) == (None, "", "Realisasi belum diisi.")


# -- category bands ------------------------------------------------------------------------


def test_pita_bawaan():
    assert [
        ATURAN_BAWAAN.kategori_dari(D(n)).nama for n in ("0", "79.99", "80", "99.99", "100", "250")
    ] == [
        "Belum tercapai",
        "Belum tercapai",
        "Hampir tercapai",
        "Hampir tercapai",
        "Tercapai",
        "Tercapai",
    ]


@pytest.mark.parametrize(
    ("pita", "pesan"),
    [
        ([], "paling sedikit satu kategori"),
        (
            [Kategori("Baik", D(60), None, "green"), Kategori("Kurang", D(10), D(60), "red")],
            "harus dimulai dari 0 %",
        ),
        (
            [Kategori("Baik", D(75), None, "green"), Kategori("Kurang", D(0), D(70), "red")],
            "Ada celah antara kategori “Kurang” (sampai 70 %) dan “Baik” (mulai 75 %).",
        ),
        (
            [Kategori("Baik", D(70), None, "green"), Kategori("Kurang", D(0), D(75), "red")],
            "Kategori “Kurang” dan “Baik” tumpang tindih.",
        ),
        (
            [Kategori("Baik", D(70), D(100), "green"), Kategori("Kurang", D(0), D(70), "red")],
            "harus terbuka ke atas",
        ),
    ],
)
def test_pita_berceleh_atau_bertumpuk_ditolak(pita, pesan):
    with pytest.raises(ValueError, match=pesan.replace("(", r"\(").replace(")", r"\)")):
        periksa_kategori(pita)


def test_pita_satker_sendiri():
    aturan = Aturan(
        kategori=(
            Kategori("Kurang", D(0), D(55), "#dc3545"),
            Kategori("Cukup", D(55), D(75), "#fd7e14"),
            Kategori("Berhasil", D(75), D(100), "#0d6efd"),
            Kategori("Sangat Berhasil", D(100), None, "#198754"),
        )
    )

    assert hitung(NAIK, D(100), D(60), aturan=aturan).kategori.nama == "Cukup"
    assert hitung(NAIK, D(100), D(75), aturan=aturan).kategori.nama == "Berhasil"


@pytest.mark.parametrize("batas", [D(110), D(0)])
def test_batas_hanya_pilihan(batas):
    with pytest.raises(ValueError, match="tanpa batas, 100 % atau 120 %"):
        Aturan(batas=batas)


# -- quarters ------------------------------------------------------------------------------


def test_kumulatif_memakai_target_triwulannya():
    hasil = hitung_triwulan(
        NAIK,
        Agregasi.KUMULATIF,
        {1: D(30), 2: D(36)},
        sampai_tw=2,
        target_tahun=D(160),
        target_tw={1: D(40), 2: D(80), 3: D(120), 4: D(160)},
    )

    assert hasil.nilai == D("82.5")
    assert hasil.penjelasan == (
        "Kumulatif TW I–II: 30 + 36 = 66; target TW II 80. Capaian = 66 ÷ 80 × 100 % = 82,50 %"
    )


def test_kumulatif_tanpa_target_triwulan_memakai_target_tahun():
    hasil = hitung_triwulan(NAIK, Agregasi.KUMULATIF, {1: D(3)}, sampai_tw=1, target_tahun=D(12))

    assert hasil.nilai == D(25)
    assert hasil.penjelasan == (
        "Kumulatif TW I: 3; target tahunan 12. Capaian = 3 ÷ 12 × 100 % = 25,00 %"
    )


def test_kumulatif_dengan_triwulan_kosong_tidak_dihitung_sebagai_nol():
    hasil = hitung_triwulan(
        NAIK, Agregasi.KUMULATIF, {1: D(3), 3: D(3)}, sampai_tw=3, target_tahun=D(12)
    )

    assert hasil.nilai is None
    assert hasil.penjelasan == (
        "Realisasi TW II belum diisi: jumlah kumulatif belum dapat dihitung."
    )


def test_terakhir_memakai_triwulan_terisi_terakhir():
    hasil = hitung_triwulan(
        NAIK,
        Agregasi.TERAKHIR,
        {1: D(70), 2: D(85), 3: None},
        sampai_tw=3,
        target_tahun=D(100),
        target_tw={2: D(90)},
    )

    assert hasil.nilai.quantize(D("0.01")) == D("94.44")
    assert hasil.penjelasan == (
        "Nilai TW II 85; target TW II 90. Capaian = 85 ÷ 90 × 100 % = 94,44 %"
    )


def test_triwulan_yang_belum_berakhir_tidak_dihitung():
    # TW III has a figure (typed early) but only TW I–II have ended.
    hasil = hitung_triwulan(
        NAIK, Agregasi.TERAKHIR, {1: D(70), 2: D(80), 3: D(99)}, sampai_tw=2, target_tahun=D(100)
    )

    assert hasil.nilai == D(80)


def test_rata_rata():
    hasil = hitung_triwulan(
        TURUN,
        Agregasi.RATA_RATA,
        {1: D(4), 2: D(6), 3: D(5)},
        sampai_tw=4,
        target_tahun=D(5),
    )

    assert hasil.nilai == D(100)
    assert hasil.penjelasan == (
        "Rata-rata TW I, TW II, TW III: realisasi 5; target 5. "
        "Indikator menurun: (2 − 5 ÷ 5) × 100 % = 100,00 %"
    )


def test_kualitatif_selalu_nilai_terakhir():
    hasil = hitung_triwulan(
        KUALITATIF,
        Agregasi.KUMULATIF,  # ignored: a scale is not summed
        {1: "BB", 2: "A"},
        sampai_tw=2,
        target_tahun="minimal B",
        skala=PREDIKAT,
    )

    assert hasil.nilai == D(100)
    assert hasil.penjelasan.startswith("Nilai TW II A; target tahunan minimal B. Kualitatif")


def test_belum_ada_triwulan_terisi():
    gabungan = gabung_triwulan(Agregasi.KUMULATIF, {}, sampai_tw=2, target_tahun=D(12))

    assert (gabungan.realisasi, gabungan.keterangan) == (None, "Realisasi TW I–II belum diisi.")


# -- properties ----------------------------------------------------------------------------

angka = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15, places=4
)
positif = st.decimals(min_value=D("0.0001"), max_value=10**15, places=4)
polaritas_angka = st.sampled_from([NAIK, TURUN, RENTANG])
batas = st.sampled_from([None, D(100), D(120)])
# No deadline (a loaded CI machine is slow, not wrong) and no example database in the checkout.
sifat = settings(deadline=None, database=None)


@sifat
@given(polaritas_angka, angka, angka, angka, batas)
def test_tidak_pernah_gagal_untuk_angka_terhingga(polaritas, target, realisasi, atas, cap):
    hasil = hitung(polaritas, target, realisasi, target_atas=atas, aturan=Aturan(batas=cap))

    assert isinstance(hasil.penjelasan, str)
    assert hasil.penjelasan
    if hasil.nilai is not None:
        assert hasil.nilai >= 0
        assert cap is None or hasil.nilai <= cap
        assert hasil.kategori is not None


@sifat
@given(positif, angka, angka, batas)
def test_naik_tidak_turun_bila_realisasi_naik(target, r1, r2, cap):
    rendah, tinggi = sorted((r1, r2))
    aturan = Aturan(batas=cap)

    assert (
        hitung(NAIK, target, rendah, aturan=aturan).nilai
        <= hitung(NAIK, target, tinggi, aturan=aturan).nilai
    )


@sifat
@given(positif, angka, angka, batas)
def test_turun_tidak_naik_bila_realisasi_naik(target, r1, r2, cap):
    rendah, tinggi = sorted((r1, r2))
    aturan = Aturan(batas=cap)

    assert (
        hitung(TURUN, target, rendah, aturan=aturan).nilai
        >= hitung(TURUN, target, tinggi, aturan=aturan).nilai
    )


@sifat
@given(positif, positif, angka, angka)
def test_rentang_naik_di_bawah_dan_turun_di_atas(b1, b2, r1, r2):
    bawah, atas = sorted((b1, b2))
    rendah, tinggi = sorted((r1, r2))
    c_rendah = hitung(RENTANG, bawah, rendah, target_atas=atas).nilai
    c_tinggi = hitung(RENTANG, bawah, tinggi, target_atas=atas).nilai

    if tinggi <= atas:  # both at or below the top: higher is no worse
        assert c_rendah <= c_tinggi
    if rendah >= bawah:  # both at or above the bottom: higher is no better
        assert c_rendah >= c_tinggi


@sifat
@given(st.sampled_from([OPINI, PREDIKAT]), st.data())
def test_kualitatif_lebih_baik_tidak_pernah_lebih_rendah(skala, data):
    target = data.draw(st.sampled_from(skala))
    a, b = sorted(data.draw(st.lists(st.sampled_from(range(len(skala))), min_size=2, max_size=2)))

    # a ranks at or above b (best first): its capaian is no lower.
    assert (
        hitung(KUALITATIF, target, skala[a], skala=skala).nilai
        >= hitung(KUALITATIF, target, skala[b], skala=skala).nilai
    )
