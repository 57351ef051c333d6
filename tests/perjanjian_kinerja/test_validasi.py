"""The rules a PK indicator's targets must fit (`masalah_indikator`), the same in the editor's
form, the API's row serializer and the model: each refusal with its Indonesian message on its
field, and what is accepted."""

from decimal import Decimal

import pytest

from perjanjian_kinerja.forms import IndikatorPkForm, ProgramPkForm
from perjanjian_kinerja.models import IndikatorPk, masalah_indikator, nilai_skala
from perjanjian_kinerja.serializers import IndikatorPkIsianSerializer, ProgramPkIsianSerializer


def _indikator(**isi) -> dict:
    return {"indikator": "Jumlah laporan", "target": "12 Laporan"} | isi


def _tw(*teks: str | None) -> dict:
    """The quarters' targets in order, TW I first; None leaves a quarter out."""
    return {f"target_tw{tw}": t for tw, t in enumerate(teks, start=1) if t is not None}


DITERIMA = [
    pytest.param({}, id="tanpa-triwulan"),
    pytest.param(
        {"agregasi": "KUMULATIF", **_tw("3", "6", "9", "12 Laporan")}, id="kumulatif-3-6-9-12"
    ),
    pytest.param(
        {"target": "100%", "agregasi": "TERAKHIR", **_tw("25%", "50%", "75%", "100%")},
        id="naik-terakhir",
    ),
    pytest.param(
        {
            "target": "2%",
            "polaritas": "TURUN",
            "agregasi": "TERAKHIR",
            **_tw("5%", None, None, "2%"),
        },
        id="turun-terakhir",
    ),
    pytest.param(
        {"target": "90%", "agregasi": "RATA_RATA", **_tw("85", "90", "90", "95")}, id="rata-rata"
    ),
    pytest.param(
        {
            "target": "85%",
            "polaritas": "RENTANG",
            "batas_bawah": Decimal(80),
            "batas_atas": Decimal(90),
            **_tw(None, "82"),
        },
        id="rentang",
    ),
    pytest.param(
        {
            "target": "WTP",
            "polaritas": "KUALITATIF",
            "skala": "OPINI_BPK",
            **_tw(None, None, None, "WTP"),
        },
        id="opini-bpk",
    ),
    pytest.param(
        {"target": "minimal B", "polaritas": "KUALITATIF", "skala": "PREDIKAT"},
        id="predikat-minimal",
    ),
]

DITOLAK = [
    pytest.param(
        {"agregasi": "KUMULATIF", **_tw("6", "3", None, "12")},
        "target_tw2",
        "Target kumulatif tidak boleh turun dari triwulan ke triwulan.",
        id="kumulatif-turun",
    ),
    pytest.param(
        {"agregasi": "KUMULATIF", **_tw("3", "6", "9", "10")},
        "target_tw4",
        "Target kumulatif TW IV harus sama dengan target tahunan.",
        id="kumulatif-tw4-beda",
    ),
    pytest.param(
        {"agregasi": "KUMULATIF", **_tw("3", "6")},
        "target_tw4",
        "Target kumulatif TW IV wajib diisi (sama dengan target tahunan).",
        id="kumulatif-tanpa-tw4",
    ),
    pytest.param(
        {"target": "100%", **_tw("50%", "40%")},
        "target_tw2",
        "Untuk indikator semakin tinggi semakin baik, target triwulan tidak boleh turun.",
        id="naik-turun",
    ),
    pytest.param(
        {"target": "2%", "polaritas": "TURUN", **_tw("2%", "3%")},
        "target_tw2",
        "Untuk indikator semakin rendah semakin baik, target triwulan tidak boleh naik.",
        id="turun-naik",
    ),
    pytest.param(
        {"target": "100%", **_tw(None, None, None, "90%")},
        "target_tw4",
        "Target TW IV harus sama dengan target tahunan.",
        id="terakhir-tw4-beda",
    ),
    pytest.param(
        {"target": "90%", "agregasi": "RATA_RATA", **_tw("90", "90")},
        "target_tw3",
        "Untuk rata-rata, isi target keempat triwulan.",
        id="rata-rata-kurang",
    ),
    pytest.param(
        {"target": "90%", "agregasi": "RATA_RATA", **_tw("80", "80", "80", "80")},
        "target_tw4",
        "Rata-rata target keempat triwulan harus sama dengan target tahunan.",
        id="rata-rata-beda",
    ),
    pytest.param(
        _tw("tiga"),
        "target_tw1",
        "Target triwulan harus berupa angka, mis. 25% atau 3.",
        id="triwulan-bukan-angka",
    ),
    pytest.param(
        {"polaritas": "RENTANG", "batas_bawah": Decimal(80)},
        "batas_atas",
        "Isi batas bawah dan batas atas rentang.",
        id="rentang-tanpa-atas",
    ),
    pytest.param(
        {"polaritas": "RENTANG"},
        "batas_bawah",
        "Isi batas bawah dan batas atas rentang.",
        id="rentang-tanpa-batas",
    ),
    pytest.param(
        {"polaritas": "RENTANG", "batas_bawah": Decimal(90), "batas_atas": Decimal(80)},
        "batas_atas",
        "Batas atas tidak boleh lebih kecil dari batas bawah.",
        id="rentang-terbalik",
    ),
    pytest.param(
        {
            "polaritas": "RENTANG",
            "batas_bawah": Decimal(80),
            "batas_atas": Decimal(90),
            **_tw("95"),
        },
        "target_tw1",
        "Target triwulan harus di dalam rentang.",
        id="rentang-triwulan-di-luar",
    ),
    pytest.param(
        {"batas_bawah": Decimal(1)},
        "batas_bawah",
        "Batas bawah dan atas hanya untuk indikator dalam rentang.",
        id="batas-bukan-rentang",
    ),
    pytest.param(
        {"target": "WTP", "polaritas": "KUALITATIF"},
        "skala",
        "Pilih skala indikator kualitatif.",
        id="kualitatif-tanpa-skala",
    ),
    pytest.param(
        {"target": "Baik", "polaritas": "KUALITATIF", "skala": "OPINI_BPK"},
        "target",
        "Target kualitatif harus salah satu nilai skala: WTP, WDP, TW, TMP.",
        id="kualitatif-bukan-nilai-skala",
    ),
    pytest.param(
        {"target": "minimal E", "polaritas": "KUALITATIF", "skala": "PREDIKAT"},
        "target",
        "Target kualitatif harus salah satu nilai skala: AA, A, BB, B, CC, C, D.",
        id="predikat-bukan-nilai-skala",
    ),
    pytest.param(
        {"target": "WTP", "polaritas": "KUALITATIF", "skala": "OPINI_BPK", "agregasi": "KUMULATIF"},
        "agregasi",
        "Indikator kualitatif hanya dapat memakai nilai triwulan terakhir.",
        id="kualitatif-kumulatif",
    ),
    pytest.param(
        {
            "target": "WTP",
            "polaritas": "KUALITATIF",
            "skala": "OPINI_BPK",
            **_tw(None, None, None, "WDP"),
        },
        "target_tw4",
        "Target TW IV harus sama dengan target tahunan.",
        id="kualitatif-tw4-beda",
    ),
    pytest.param(
        {"skala": "PREDIKAT"},
        "skala",
        "Skala hanya untuk indikator kualitatif.",
        id="skala-bukan-kualitatif",
    ),
]


def _form(isi: dict) -> dict:
    teks = {k: str(v) for k, v in _indikator(**isi).items()}
    return {"polaritas": "NAIK", "agregasi": "TERAKHIR"} | teks


def _galat_aturan(isi: dict) -> dict[str, list[str]]:
    return {kolom: [pesan] for kolom, pesan in masalah_indikator(_indikator(**isi)).items()}


def _galat_form(isi: dict) -> dict[str, list[str]]:
    form = IndikatorPkForm(data=_form(isi))
    form.is_valid()
    return dict(form.errors)


def _galat_api(isi: dict) -> dict[str, list[str]]:
    isian = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in _indikator(**isi).items()}
    serializer = IndikatorPkIsianSerializer(data=isian)
    serializer.is_valid()
    return dict(serializer.errors)


# The one rule, as each place that applies it answers: by field, with the same message.
LAPISAN = [
    pytest.param(_galat_aturan, id="aturan"),
    pytest.param(_galat_form, id="form-editor"),
    pytest.param(_galat_api, id="api"),
]


@pytest.mark.parametrize("galat", LAPISAN)
@pytest.mark.parametrize("isi", DITERIMA)
def test_it_accepts_targets_that_fit(galat, isi):
    assert galat(isi) == {}


@pytest.mark.parametrize("galat", LAPISAN)
@pytest.mark.parametrize(("isi", "kolom", "pesan"), DITOLAK)
def test_it_refuses_targets_that_do_not_fit_with_the_message_beside_the_field(
    galat, isi, kolom, pesan
):
    assert galat(isi)[kolom] == [pesan]


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [("80,5", Decimal("80.5")), ("80.5", Decimal("80.5")), ("85%", Decimal(85)), ("", None)],
)
def test_the_editor_form_reads_a_bound_as_the_targets_are_read(teks, nilai):
    form = IndikatorPkForm(
        data=_form({"polaritas": "RENTANG", "batas_bawah": teks or "", "batas_atas": "90"})
    )
    if nilai is None:
        assert form.errors["batas_bawah"] == ["Isi batas bawah dan batas atas rentang."]
    else:
        assert form.is_valid(), form.errors
        assert form.cleaned_data["batas_bawah"] == nilai


def test_the_editor_form_refuses_a_bound_that_is_not_a_number():
    form = IndikatorPkForm(
        data=_form({"polaritas": "RENTANG", "batas_bawah": "delapan", "batas_atas": "90"})
    )
    assert form.errors["batas_bawah"] == ["Tulis batas sebagai angka, mis. 80 atau 87,5."]


def test_the_editor_shows_a_stored_bound_as_written_in_indonesian():
    assert IndikatorPkForm().fields["batas_bawah"].prepare_value(Decimal("80.5000")) == "80,5"


def test_the_api_refuses_an_unknown_polarity():
    serializer = IndikatorPkIsianSerializer(data=_indikator(polaritas="NAIK_TURUN"))

    assert not serializer.is_valid()
    assert serializer.errors["polaritas"] == ["Pilihan “NAIK_TURUN” tidak dikenal."]


def test_the_api_refuses_an_unknown_field_of_an_indicator():
    serializer = IndikatorPkIsianSerializer(data=_indikator(warna="merah"))

    assert not serializer.is_valid()
    assert serializer.errors == {
        "warna": ["Kolom tidak dikenal; periksa ejaannya atau hapus dari isian."]
    }


def test_the_model_refuses_the_same_on_full_clean():
    indikator = IndikatorPk(indikator="x", target="12", agregasi="KUMULATIF", target_tw4="10")

    with pytest.raises(Exception) as galat:  # noqa: PT011 — Django's ValidationError, by field
        indikator.clean()
    assert galat.value.message_dict["target_tw4"] == [
        "Target kumulatif TW IV harus sama dengan target tahunan."
    ]


@pytest.mark.parametrize(
    ("teks", "skala", "nilai"),
    [
        ("WTP", "OPINI_BPK", "WTP"),
        ("wdp", "OPINI_BPK", "WDP"),
        ("minimal B", "PREDIKAT", "B"),
        ("Minimal  BB", "PREDIKAT", "BB"),
        ("B", "OPINI_BPK", None),
        ("baik", "PREDIKAT", None),
    ],
)
def test_a_qualitative_target_names_a_value_of_its_scale(teks, skala, nilai):
    assert nilai_skala(teks, skala) == nilai


@pytest.mark.parametrize(
    ("anggaran", "nilai"),
    [("8.170.412.000", 8_170_412_000), ("Rp8.170.412.000", 8_170_412_000), ("", None)],
)
def test_a_program_reads_its_anggaran_as_written(anggaran, nilai):
    form = ProgramPkForm(data={"program": "Program Dukungan Manajemen", "anggaran": anggaran})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["anggaran"] == nilai


@pytest.mark.parametrize(
    ("anggaran", "pesan"),
    [
        ("delapan juta", "Tulis anggaran sebagai angka rupiah, mis. 8.170.412.000."),
        ("-5.000", "Anggaran tidak boleh negatif."),
    ],
)
def test_a_program_refuses_an_anggaran_that_is_not_a_number_or_negative(anggaran, pesan):
    form = ProgramPkForm(data={"program": "Program Dukungan Manajemen", "anggaran": anggaran})
    serializer = ProgramPkIsianSerializer(data={"program": "P", "anggaran": anggaran})

    assert not form.is_valid()
    assert form.errors["anggaran"] == [pesan]
    assert not serializer.is_valid()
    assert serializer.errors["anggaran"] == [pesan]


def test_a_program_needs_its_name():
    form = ProgramPkForm(data={"program": "", "kode": "076.01.WA"})

    assert not form.is_valid()
    assert form.errors["program"] == ["Program wajib diisi."]


def test_a_qualitative_target_gets_no_no_number_warning_a_numeric_one_does():
    kualitatif = IndikatorPkForm(
        data=_form({"target": "WTP", "polaritas": "KUALITATIF", "skala": "OPINI_BPK"})
    )
    angka = IndikatorPkForm(data=_form({"target": "WTP"}))

    assert kualitatif.is_valid()
    assert kualitatif.peringatan_target == ""
    assert angka.peringatan_target.startswith("Tidak ada angka yang terbaca dari target ini")
