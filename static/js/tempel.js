// Rows pasted from Word, Excel or LibreOffice into the grouped editor
// (templates/pertukaran/_tempel.html): the clipboard's HTML (else its text) goes to the server,
// which reads it as an import reads a file (pertukaran.tempel) and answers the editor's blocks,
// each header and row with its warnings. They are added as the editor's buttons add rows
// (static/js/editor_kelompok.js: tabel.editorKelompok), blank new rows they land on are
// replaced, and nothing is saved until Simpan.
// Pasting a table straight into a cell reads it from that cell's column on and adds its rows
// below that row, in its block; a single cell or a plain text pastes into the cell as usual.
(function () {
  const tabel = document.getElementById("tabel-kelompok");
  const tombol = document.getElementById("tombol-tempel");
  if (!tabel || !tombol || !tabel.editorKelompok) return;
  const ed = tabel.editorKelompok;
  const form = tabel.closest("form");
  const dialog = document.getElementById("dialog-tempel");
  const kotak = document.getElementById("kotak-tempel");
  const galat = document.getElementById("galat-tempel");
  const hasil = document.getElementById("hasil-tempel");
  const BATAS = 1000000; // characters, pertukaran.tempel.UKURAN_MAKS
  const PESAN_STATUS = {
    403: "Anda tidak berhak mengubah dokumen ini.",
    404: "Dokumen tidak ditemukan.",
    413: "Yang ditempel terlalu besar (lebih dari 1 MB): tempel sebagian baris saja.",
  };

  // More than one cell: one copied cell (Excel copies even that as a table) pastes as usual.
  const berisiTabel = (klip) =>
    klip.teks.includes("\t") ||
    (/<table/i.test(klip.html) &&
      new DOMParser().parseFromString(klip.html, "text/html").querySelectorAll("td, th").length > 1);
  const bacaKlip = (data) => ({ html: data.getData("text/html") || "", teks: data.getData("text/plain") || "" });
  const isianIsi = (tr) =>
    [...tr.querySelectorAll("td:not(.kolom-kendali):not(.kolom-aksi) :is(input:not([type=hidden]), textarea)")];
  // A row added on this page and never filled: a paste landing on it takes its place.
  const barisKosong = (tr) =>
    !(ed.isian(tr, "kunci") && ed.isian(tr, "kunci").value) &&
    isianIsi(tr).every((el) => (el.type === "checkbox" ? !el.checked : el.value.trim() === ""));
  const kepalaKosong = (blok) =>
    [...ed.kepalaDi(blok).querySelectorAll(".sel-sasaran :is(input:not([type=hidden]), textarea)")]
      .every((el) => el.value.trim() === "");
  const blokKosong = (blok) =>
    blok.dataset.sasaran !== "" && !(ed.isian(ed.kepalaDi(blok), "kunci") && ed.isian(ed.kepalaDi(blok), "kunci").value) &&
    kepalaKosong(blok) && ed.barisDi(blok).every(barisKosong);

  async function kirim(klip, mulai, lanjut) {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    const catatan = [];
    // Word's HTML is many times its text: past the limit the text alone is read.
    const htmlMuat = klip.html.length <= BATAS;
    const teksMuat = klip.teks.length <= BATAS;
    if (!htmlMuat && teksMuat) {
      catatan.push("Format tabel dari Word/Excel terlalu besar: dibaca dari teksnya saja (sel bergaris banyak bisa terpecah).");
    } else {
      data.append("html", klip.html);
    }
    if (teksMuat || !htmlMuat) data.append("teks", klip.teks);
    data.append("mulai", mulai || "");
    if (lanjut) data.append("lanjut", "1");
    let respons;
    try {
      respons = await fetch(tombol.dataset.url, { method: "POST", body: data, credentials: "same-origin" });
    } catch (e) {
      throw new Error("Tidak tersambung ke server: periksa jaringan, lalu tempel lagi.");
    }
    let isi = null;
    try { isi = await respons.json(); } catch (e) { isi = null; }
    if (!respons.ok || !isi) {
      throw new Error((isi && isi.galat) || PESAN_STATUS[respons.status] || "Baris yang ditempel tidak dapat dibaca; coba lagi.");
    }
    isi.peringatan = catatan.concat(isi.peringatan);
    return isi;
  }

  function isi(el, data) {
    Object.entries(data).forEach(([nama, nilai]) => {
      const input = ed.isian(el, nama);
      if (!input || input.type === "hidden") return;
      if (input.type === "checkbox") input.checked = Boolean(nilai);
      else {
        input.value = nilai;
        // The editor's own listeners: a No typed stays as typed, a text area grows to fit.
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  }

  // A warning stands in the cell of the field it concerns (a row's: `kolom`), else in the
  // row's first cell.
  function tandai(tr, sel, peringatan) {
    tr.querySelectorAll(".peringatan-tempel").forEach((el) => el.remove());
    if (!peringatan.length) return;
    tr.classList.add("table-warning");
    peringatan.forEach((item) => {
      const isiannya = item.kolom && ed.isian(tr, item.kolom);
      const sendiri = isiannya && isiannya.type !== "checkbox" && isiannya.closest("td");
      const wadah = sendiri || tr.querySelector(sel);
      const div = document.createElement("div");
      div.className = "form-text text-warning-emphasis peringatan-tempel";
      const ikon = document.createElement("i");
      ikon.className = "bi bi-exclamation-triangle";
      ikon.setAttribute("aria-hidden", "true");
      div.append(ikon, ` ${item.pesan}`);
      wadah.appendChild(div);
    });
  }

  // `tujuan`: the block pasted into and the row the paste landed on (none: its end), and
  // whether rows above any sasaran join it (`gabung`); new blocks follow it. Blank rows added
  // on this page where the rows go (the one pasted into, a new block's first) are filled
  // first: a form left out of the page would not read as unchanged (its defaults missing).
  // What the last paste added (new blocks and rows) and filled (blank ones), to undo it.
  let terakhir = null;
  function terapkan(jawaban, tujuan) {
    const baru = [];
    terakhir = { blok: [], baris: [], diisi: [] };
    let sebelum = tujuan.blok;
    jawaban.blok.forEach((item, posisi) => {
      const tanpaKepala = Object.values(item.kepala).every((v) => !v);
      let blok;
      let setelah = null;
      let cadangan = [];
      if (posisi === 0 && tujuan.blok && ((tanpaKepala && tujuan.gabung) || blokKosong(tujuan.blok))) {
        blok = tujuan.blok;
        setelah = tujuan.setelah;
        if (blokKosong(blok)) terakhir.diisi.push(ed.kepalaDi(blok));
        cadangan = blokKosong(blok) ? ed.barisDi(blok) : [setelah].filter((tr) => tr && tr.matches(".baris-form") && barisKosong(tr));
        terakhir.diisi.push(...cadangan);
      } else {
        blok = ed.sasaranBaru(sebelum);
        terakhir.blok.push(blok);
        cadangan = ed.barisDi(blok);
      }
      if (!tanpaKepala) isi(ed.kepalaDi(blok), item.kepala);
      tandai(ed.kepalaDi(blok), ".sel-sasaran", item.peringatan);
      item.baris.forEach((row) => {
        let tr = cadangan.shift();
        if (!tr) {
          tr = ed.barisBaru(blok, setelah || ed.barisDi(blok).pop() || ed.kepalaDi(blok));
          terakhir.baris.push(tr);
        }
        isi(tr, row.isian);
        tandai(tr, "td:not(.kolom-kendali)", row.peringatan);
        baru.push(tr);
        setelah = tr;
      });
      sebelum = blok;
    });
    ed.perbarui();
    return baru;
  }

  // Undo: what was added is marked deleted (so it is not saved) and hidden; what was blank is
  // blank again.
  function kosongkan(tr) {
    tr.querySelectorAll(".peringatan-tempel").forEach((el) => el.remove());
    tr.classList.remove("table-warning");
    tr.querySelectorAll("td:not(.kolom-kendali):not(.kolom-aksi) :is(input:not([type=hidden]), textarea)").forEach((el) => {
      if (el.type === "checkbox") el.checked = false;
      else {
        el.value = "";
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    const nomor = ed.isian(tr, "nomor");
    if (nomor) nomor.dataset.otomatis = "1";
  }
  function batalkan() {
    if (!terakhir) return;
    [...terakhir.blok.map(ed.kepalaDi), ...terakhir.baris].forEach((tr) => {
      ed.isian(tr, "DELETE").checked = true;
    });
    terakhir.blok.forEach((blok) => { blok.hidden = true; });
    terakhir.baris.forEach((tr) => { tr.hidden = true; });
    terakhir.diisi.forEach(kosongkan);
    terakhir = null;
    ed.perbarui();
    hasil.hidden = true;
    ed.umumkan("Tempel dibatalkan: baris yang ditempel dihapus dari editor.");
  }

  function jenisHasil(jenis) {
    hasil.className = `alert alert-${jenis} m-2 mb-0`;
    hasil.hidden = false;
  }

  function tampilkan(jawaban, baru) {
    const ringkasan = document.getElementById("ringkasan-tempel");
    const daftar = document.getElementById("peringatan-tempel");
    const perBaris = baru.filter((tr) => tr.querySelector(".peringatan-tempel")).length;
    let teks = `${jawaban.jumlah_baris} baris ditempel dari Word/Excel. Periksa barisnya, lalu klik Simpan: belum ada yang tersimpan.`;
    if (perBaris) teks += ` ${perBaris} baris bertanda kuning punya peringatan.`;
    ringkasan.textContent = teks;
    daftar.replaceChildren(...jawaban.peringatan.map((p) => {
      const li = document.createElement("li");
      li.textContent = p;
      return li;
    }));
    jenisHasil(perBaris || jawaban.peringatan.length ? "warning" : "info");
    document.getElementById("batalkan-tempel").hidden = false;
    ed.umumkan(teks);
    if (baru.length) {
      baru[0].scrollIntoView({ block: "center" });
      const pertama = isianIsi(baru[0]).find((el) => el.type !== "checkbox");
      if (pertama) pertama.focus({ preventScroll: true });
    }
  }

  async function baca(klip, mulai, lanjut) {
    const jawaban = await kirim(klip, mulai, lanjut);
    if (!jawaban.jumlah_baris) {
      throw new Error(jawaban.peringatan.concat(["Tidak ada baris yang terbaca dari yang ditempel."]).join(" "));
    }
    return jawaban;
  }

  // The box: rows go after the last block (into it when it is still blank).
  function tujuanAkhir() {
    const blok = ed.semuaBlok().filter((b) => b.dataset.sasaran !== "").pop() || null;
    return { blok, setelah: null, gabung: Boolean(blok && blokKosong(blok)) };
  }
  async function dariKotak(klip) {
    galat.textContent = "";
    kotak.disabled = true;
    try {
      const jawaban = await baca(klip, "", false);
      kotak.value = "";
      dialog.close(); // first: closing gives the focus back to the button
      tampilkan(jawaban, terapkan(jawaban, tujuanAkhir()));
    } catch (e) {
      galat.textContent = e.message;
    } finally {
      kotak.disabled = false;
    }
  }
  tombol.addEventListener("click", () => {
    galat.textContent = "";
    dialog.showModal();
    kotak.focus();
  });
  kotak.addEventListener("paste", (event) => {
    event.preventDefault();
    dariKotak(bacaKlip(event.clipboardData));
  });
  document.getElementById("baca-tempel").addEventListener("click", () => {
    if (kotak.value.trim()) dariKotak({ html: "", teks: kotak.value });
    else galat.textContent = "Kotak masih kosong: tempel baris yang disalin dari Word atau Excel.";
  });
  document.getElementById("batal-tempel").addEventListener("click", () => dialog.close());
  document.getElementById("batalkan-tempel").addEventListener("click", batalkan);
  document.getElementById("tutup-hasil-tempel").addEventListener("click", () => { hasil.hidden = true; });

  // Straight into a cell: read from that cell's column on, rows below that row.
  tabel.addEventListener("paste", (event) => {
    const sel = event.target.closest("input, textarea");
    const tr = event.target.closest("tr.baris-form, tr.kepala-sasaran");
    if (!sel || !tr || !event.clipboardData) return;
    const blok = tr.closest("tbody");
    if (blok.dataset.sasaran === "") return; // rows naming no block (a refused save's)
    const klip = bacaKlip(event.clipboardData);
    if (!berisiTabel(klip)) return;
    event.preventDefault();
    const mulai = sel.name.split("-").pop();
    const tujuan = { blok, setelah: tr.matches(".baris-form") ? tr : ed.kepalaDi(blok), gabung: true };
    baca(klip, mulai, true).then((jawaban) => tampilkan(jawaban, terapkan(jawaban, tujuan))).catch((e) => {
      document.getElementById("ringkasan-tempel").textContent = e.message;
      document.getElementById("peringatan-tempel").replaceChildren();
      document.getElementById("batalkan-tempel").hidden = true;
      jenisHasil("danger");
    });
  });
})();
