"""dokumen.beda: two states of a document compared row by row, by key."""

from dokumen.beda import BedaDokumen, JenisBeda, beda_daftar, beda_isi, beda_potret


def _b(kunci, **isi):
    return {"kunci": kunci, "asal": None, **isi}


def _ringkas(daftar):
    return [(b.jenis.value, b.kunci, b.pindah) for b in daftar]


class TestBedaDaftar:
    def test_a_reordered_row_is_moved_not_changed(self):
        sebelum = [_b("a", teks="A"), _b("b", teks="B"), _b("c", teks="C")]
        sesudah = [_b("c", teks="C"), _b("a", teks="A"), _b("b", teks="B")]

        beda = beda_daftar(sebelum, sesudah)

        assert _ringkas(beda) == [("sama", "c", True), ("sama", "a", False), ("sama", "b", False)]
        assert BedaDokumen.hitung(beda) == {"dipindah": 1}

    def test_added_changed_and_removed_rows_with_their_columns(self):
        sebelum = [_b("a", teks="A", target="1"), _b("b", teks="B"), _b("c", teks="C")]
        sesudah = [_b("a", teks="A", target="2"), _b("c", teks="C"), _b("d", teks="D")]

        beda = beda_daftar(sebelum, sesudah)

        # The removed row stands where it stood: after the row that preceded it.
        assert _ringkas(beda) == [
            ("diubah", "a", False),
            ("dihapus", "b", False),
            ("sama", "c", False),
            ("ditambah", "d", False),
        ]
        assert beda[0].kolom == ("target",)
        assert (beda[1].sebelum, beda[1].sesudah) == (sebelum[1], None)
        assert BedaDokumen.hitung(beda) == {"diubah": 1, "dihapus": 1, "ditambah": 1}

    def test_removing_the_first_rows_keeps_them_first(self):
        beda = beda_daftar([_b("a"), _b("b"), _b("c")], [_b("c")])
        assert _ringkas(beda) == [
            ("dihapus", "a", False),
            ("dihapus", "b", False),
            ("sama", "c", False),
        ]

    def test_identity_and_lineage_are_not_content(self):
        beda = beda_daftar([_b("a", teks="A")], [{"kunci": "a", "asal": "x", "teks": "A"}])
        assert _ringkas(beda) == [("sama", "a", False)]

    def test_a_snapshot_without_keys_pairs_by_position(self):
        sebelum = [{"teks": "A"}, {"teks": "B"}]
        sesudah = [_b("k1", teks="A"), _b("k2", teks="B2"), _b("k3", teks="C")]

        beda = beda_daftar(sebelum, sesudah)

        assert [b.jenis for b in beda] == [JenisBeda.SAMA, JenisBeda.DIUBAH, JenisBeda.DITAMBAH]


class TestBedaBerkelompok:
    def test_a_row_moved_to_another_sasaran_is_a_move(self):
        sebelum = [
            _b("s1", nomor="1", sasaran="S1", baris=[_b("r1", teks="x"), _b("r2", teks="y")]),
            _b("s2", nomor="2", sasaran="S2", baris=[_b("r3", teks="z")]),
        ]
        sesudah = [
            _b("s1", nomor="1", sasaran="S1", baris=[_b("r1", teks="x")]),
            _b("s2", nomor="2", sasaran="S2", baris=[_b("r2", teks="y"), _b("r3", teks="z")]),
        ]

        beda = beda_isi("baris", sebelum, sesudah)

        assert _ringkas(beda["sasaran"]) == [("sama", "s1", False), ("sama", "s2", False)]
        assert _ringkas(beda["baris"]) == [
            ("sama", "r1", False),
            ("sama", "r2", True),
            ("sama", "r3", False),
        ]

    def test_a_sasaran_text_change_is_not_a_change_of_its_rows(self):
        sebelum = [_b("s1", nomor="1", sasaran="Lama", baris=[_b("r1", teks="x")])]
        sesudah = [_b("s1", nomor="1", sasaran="Baru", baris=[_b("r1", teks="x")])]

        beda = beda_isi("baris", sebelum, sesudah)

        assert [(b.jenis.value, b.kolom) for b in beda["sasaran"]] == [("diubah", ("sasaran",))]
        assert _ringkas(beda["baris"]) == [("sama", "r1", False)]


def test_beda_potret_compares_the_header_and_says_whether_anything_changed():
    baris = [_b("a", indikator="X")]
    sebelum = {"kepala": {"tempat_ttd": "A", "tahun": 2025}, "baris": baris}
    sesudah = {"kepala": {"tempat_ttd": "B", "tahun": 2025}, "baris": baris}

    beda = beda_potret("IKU", sebelum, sesudah)

    assert beda.kepala == [("tempat_ttd", "A", "B")]
    assert beda.ada_perubahan
    assert not beda_potret("IKU", sebelum, sebelum).ada_perubahan
