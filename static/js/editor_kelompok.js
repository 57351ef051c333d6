// The grouped editor (templates/dokumen/_editor_kelompok.html; RKT, RAK: sasaran; IKU: program
// groups, whatever the table's data-nama-kelompok names a block): one <tbody> per block, its
// header row first. Without JavaScript the page saves what it shows (the Urutan and
// Hapus inputs). This adds drag and drop (SortableJS), keyboard moves (the arrow buttons,
// Alt+↑/↓ for a row, Alt+Shift+↑/↓ for a sasaran, "pindah ke sasaran…"), adding rows and sasaran
// anywhere, numbers that follow the order (a number typed by hand stays as typed), the delete
// question and the live total.
// Each row names its sasaran in a hidden …-induk (the sasaran form's index on the page): it is
// the block the row stands in, and a row changes block only when dragged or sent to another one.
(function () {
  const tabel = document.getElementById("tabel-kelompok");
  if (!tabel) return;
  const kabar = document.getElementById("kabar-editor");
  const total = {
    sasaran: document.getElementById("id_sasaran-TOTAL_FORMS"),
    baris: document.getElementById("id_baris-TOTAL_FORMS"),
  };
  const templat = {
    sasaran: document.getElementById("sasaran-kosong"),
    baris: document.getElementById("baris-kosong"),
  };
  const dialogHapus = document.getElementById("dialog-hapus");
  const dialogPindah = document.getElementById("dialog-pindah");
  const jumlah = document.getElementById("jumlah-kolom");

  const semuaBlok = () => [...tabel.tBodies];
  const barisDi = (blok) => [...blok.querySelectorAll(":scope > tr.baris-form")];
  const kepalaDi = (blok) => blok.querySelector(":scope > tr.kepala-sasaran");
  const isian = (el, nama) => el && el.querySelector(`[name$="-${nama}"]`);
  const dihapus = (el) => Boolean(isian(el, "DELETE") && isian(el, "DELETE").checked);
  const blokDihapus = (blok) => dihapus(kepalaDi(blok));
  const umumkan = (teks) => { kabar.textContent = teks; };
  const nama = tabel.dataset.namaKelompok || "sasaran";
  const Nama = nama.charAt(0).toUpperCase() + nama.slice(1);
  const isianKepala = (kepala) =>
    [...kepala.querySelectorAll(".sel-sasaran :is(input:not([type=hidden]), textarea)")];
  // A block as named in messages: its No when it has one, else its text (a program).
  const namaBlok = (kepala) => {
    const nomor = isian(kepala, "nomor");
    return nomor ? nomor.value : isianKepala(kepala).map((el) => el.value).join(" ");
  };

  // A sasaran's No is "automatic" while it is empty or the number of its place (as "3" or
  // "3."): it then follows the order. Typing another number keeps that number. Blocks and rows
  // marked for deletion (a page shown again after a refused save) hold no place.
  let denganTitik = false;
  let tempat = 0;
  semuaBlok().forEach((blok) => {
    const nomor = isian(kepalaDi(blok), "nomor");
    if (!blokDihapus(blok)) tempat += 1;
    if (!nomor) return;
    const teks = nomor.value.trim();
    if (teks === "") nomor.dataset.otomatis = "1";
    if (blokDihapus(blok)) return;
    if (teks === `${tempat}.`) denganTitik = true;
    if (teks === String(tempat) || teks === `${tempat}.`) nomor.dataset.otomatis = "1";
  });
  // A row's own No (IKU), counted within its block, is automatic while it is the number of
  // its place among the block's numbered rows. An empty one stays empty: it continues the row
  // above (the paper merges their cells), and counts no number. A new row is automatic.
  let barisBertitik = false;
  semuaBlok().forEach((blok) => {
    let ke = 0;
    barisDi(blok).forEach((tr) => {
      const nomor = isian(tr, "nomor");
      if (!nomor || nomor.value.trim() === "" || dihapus(tr) || blokDihapus(blok)) return;
      ke += 1;
      const teks = nomor.value.trim();
      if (teks === `${ke}.`) barisBertitik = true;
      if (teks === String(ke) || teks === `${ke}.`) nomor.dataset.otomatis = "1";
    });
  });
  tabel.addEventListener("input", (event) => {
    if (event.target.name && event.target.name.endsWith("-nomor")) {
      const kepala = event.target.closest("tr.kepala-sasaran");
      event.target.dataset.otomatis = kepala && event.target.value.trim() === "" ? "1" : "";
    }
    if (event.target.closest(".kolom-jumlah")) hitungJumlah();
  });

  function perbarui() {
    let nomorSasaran = 0;
    let urutanSasaran = 0;
    let urutanBaris = 0;
    semuaBlok().forEach((blok) => {
      const kepala = kepalaDi(blok);
      const hapusSasaran = blokDihapus(blok);
      const urutan = isian(kepala, "ORDER");
      if (urutan) urutan.value = ++urutanSasaran;
      if (!hapusSasaran) nomorSasaran += 1;
      const nomor = isian(kepala, "nomor");
      tanpaNomor(nomor, hapusSasaran);
      if (nomor && nomor.dataset.otomatis && !hapusSasaran) {
        nomor.value = denganTitik ? `${nomorSasaran}.` : String(nomorSasaran);
      }
      blok.classList.toggle("blok-dihapus", hapusSasaran);
      tombolHapus(kepala, hapusSasaran, "sasaran");
      let nomorBaris = 0;
      let nomorSendiri = 0;
      barisDi(blok).forEach((tr) => {
        isian(tr, "ORDER").value = ++urutanBaris;
        if (blok.dataset.sasaran !== "") isian(tr, "induk").value = blok.dataset.sasaran;
        const hapus = hapusSasaran || dihapus(tr);
        if (!hapus) nomorBaris += 1;
        const nomor = isian(tr, "nomor");
        tanpaNomor(nomor, hapus);
        if (nomor && !hapus && (nomor.dataset.otomatis || nomor.value.trim() !== "")) {
          nomorSendiri += 1;
          if (nomor.dataset.otomatis) nomor.value = barisBertitik ? `${nomorSendiri}.` : String(nomorSendiri);
        }
        tr.querySelector(".nomor-urut").textContent = hapus ? "–" : `${nomorSasaran}.${nomorBaris}`;
        tr.classList.toggle("baris-dihapus", hapus);
        tombolHapus(tr, dihapus(tr), "baris");
      });
    });
    hitungJumlah();
  }

  // What is marked for deletion shows no No (it is not saved, and holds no place): the No is
  // kept aside and comes back when the deletion is undone (an automatic one is counted again).
  function tanpaNomor(nomor, hapus) {
    if (!nomor) return;
    if (hapus && !("sebelumDihapus" in nomor.dataset)) {
      nomor.dataset.sebelumDihapus = nomor.value;
      nomor.value = "";
    } else if (!hapus && "sebelumDihapus" in nomor.dataset) {
      nomor.value = nomor.dataset.sebelumDihapus;
      delete nomor.dataset.sebelumDihapus;
    }
  }

  function tombolHapus(tr, hapus, jenis) {
    const tombol = tr && tr.querySelector(jenis === "sasaran" ? "[data-hapus-sasaran]" : "[data-hapus-baris]");
    if (!tombol) return;
    const label = hapus ? "Batal hapus" : jenis === "sasaran" ? `Hapus ${nama}` : "Hapus baris";
    tombol.setAttribute("aria-label", label);
    tombol.title = label;
    tombol.querySelector("i").className = hapus ? "bi bi-arrow-counterclockwise" : "bi bi-trash";
  }

  // The total of the column the row form totals (RAK: anggaran), typed as people write Rupiah.
  function bacaRupiah(teks) {
    const bersih = teks.replace(/^rp\.?/i, "").replace(/\s/g, "").replace(/,0{1,2}$/, "");
    return /^(\d{1,3}(\.\d{3})+|\d+)$/.test(bersih) ? Number(bersih.replace(/\./g, "")) : 0;
  }
  function hitungJumlah() {
    if (!jumlah) return;
    let semua = 0;
    tabel.querySelectorAll("tr.baris-form:not(.baris-dihapus) .kolom-jumlah input").forEach((input) => {
      semua += bacaRupiah(input.value);
    });
    jumlah.textContent = `Rp${semua.toLocaleString("id-ID")}`;
  }

  function barisBaru(blok, setelah) {
    const indeks = Number(total.baris.value);
    const wadah = document.createElement("tbody");
    wadah.innerHTML = templat.baris.innerHTML.replaceAll("__prefix__", indeks);
    const tr = wadah.firstElementChild;
    total.baris.value = indeks + 1;
    const nomor = isian(tr, "nomor");
    if (nomor) nomor.dataset.otomatis = "1";
    if (setelah) setelah.after(tr);
    else blok.appendChild(tr);
    return tr;
  }

  function sasaranBaru(setelah) {
    const indeks = Number(total.sasaran.value);
    const blok = document.createElement("tbody");
    blok.className = "blok-sasaran";
    blok.dataset.sasaran = String(indeks);
    blok.innerHTML = templat.sasaran.innerHTML.replaceAll("__prefix__", indeks);
    total.sasaran.value = indeks + 1;
    document.querySelectorAll(".kosong-editor").forEach((p) => p.remove());
    const nomor = isian(kepalaDi(blok), "nomor");
    if (nomor) nomor.dataset.otomatis = "1";
    if (setelah) setelah.after(blok);
    else tabel.insertBefore(blok, tabel.tFoot);
    barisBaru(blok);
    pasangGeser(blok);
    return blok;
  }

  // The first field to type in: a new block's text (its sasaran, its program), a row's first cell.
  function fokus(el) {
    const isi = el.tagName === "TBODY"
      ? kepalaDi(el).querySelector(".sel-sasaran textarea") || isianKepala(kepalaDi(el)).pop()
      : el.querySelector("td:not(.kolom-kendali) :is(textarea, input:not([type=hidden]):not([type=checkbox]))");
    if (isi) isi.focus();
  }

  // Moving a node drops its focus: give it back, so the keyboard stays where it was.
  function tetapFokus(el, pindah) {
    const aktif = document.activeElement;
    pindah();
    if (aktif && el.contains(aktif)) aktif.focus();
  }

  function geserBaris(tr, arah) {
    const tujuan = arah === "naik" ? tr.previousElementSibling : tr.nextElementSibling;
    if (!tujuan || !tujuan.matches("tr.baris-form")) {
      umumkan(arah === "naik" ? `Sudah baris pertama ${nama} ini.` : `Sudah baris terakhir ${nama} ini.`);
      return;
    }
    tetapFokus(tr, () => (arah === "naik" ? tujuan.before(tr) : tujuan.after(tr)));
    perbarui();
    umumkan(`Baris dipindah ke nomor ${tr.querySelector(".nomor-urut").textContent}.`);
  }

  function geserSasaran(blok, arah) {
    const tujuan = arah === "naik" ? blok.previousElementSibling : blok.nextElementSibling;
    if (!tujuan || tujuan.tagName !== "TBODY") {
      umumkan(arah === "naik" ? `Sudah ${nama} pertama.` : `Sudah ${nama} terakhir.`);
      return;
    }
    tetapFokus(blok, () => (arah === "naik" ? tujuan.before(blok) : tujuan.after(blok)));
    perbarui();
    umumkan(`${Nama} dipindah ke urutan ${semuaBlok().indexOf(blok) + 1}.`);
  }

  // Delete asks which: this row only, or its whole block with every row of it (first when the
  // row is the block's last one left). Deleting
  // marks the Hapus box (undone by the same button); it never hands rows to another sasaran.
  let yangDihapus = null;
  function tanyaHapus(tr, jenis) {
    const blok = tr.closest("tbody");
    if (jenis === "baris" && (dihapus(tr) || blokDihapus(blok))) {
      if (blokDihapus(blok)) isian(kepalaDi(blok), "DELETE").checked = false;
      isian(tr, "DELETE").checked = false;
      perbarui();
      return;
    }
    if (jenis === "sasaran" && blokDihapus(blok)) {
      isian(kepalaDi(blok), "DELETE").checked = false;
      perbarui();
      return;
    }
    yangDihapus = tr;
    const namaIni = `${nama} ${namaBlok(kepalaDi(blok))}`.trim();
    const tersisa = barisDi(blok).filter((baris) => !dihapus(baris));
    const terakhir = jenis === "baris" && tersisa.length === 1 && tersisa[0] === tr;
    const tombolBaris = dialogHapus.querySelector("[data-hapus=baris]");
    const tombolBlok = dialogHapus.querySelector("[data-hapus=sasaran]");
    // Its block's last row: the block would stand empty, so deleting it all is offered first
    // (and focused as the dialog opens).
    if (terakhir) tombolBaris.before(tombolBlok);
    else tombolBlok.before(tombolBaris);
    tombolBaris.hidden = jenis !== "baris";
    // An empty block of a type that keeps it only through its rows (IKU's program) is refused
    // on saving; an empty sasaran is saved but blocks the submission.
    const akibat = "butuhBaris" in tabel.dataset
      ? `${nama} tanpa baris tidak dapat disimpan: hapus seluruhnya, atau tambahkan baris lain sebelum menyimpan.`
      : `${nama} akan kosong dan dokumen tidak dapat diajukan sebelum diisi.`;
    let isi = `${Nama} ${namaBlok(kepalaDi(blok))} punya ${tersisa.length} baris. Menghapus ${nama} menghapus semua barisnya.`;
    if (terakhir) isi = `Ini baris terakhir ${namaIni}; ${akibat}`;
    else if (tersisa.length === 0) isi = `${Nama} ${namaBlok(kepalaDi(blok))} tidak berisi baris lagi: hanya ${nama}nya yang dihapus.`;
    dialogHapus.querySelector("#isi-hapus").textContent = isi;
    dialogHapus.showModal();
  }
  dialogHapus.addEventListener("click", (event) => {
    const tombol = event.target.closest("[data-hapus]");
    if (!tombol || !yangDihapus) return;
    const blok = yangDihapus.closest("tbody");
    if (tombol.dataset.hapus === "baris") isian(yangDihapus, "DELETE").checked = true;
    if (tombol.dataset.hapus === "sasaran") isian(kepalaDi(blok), "DELETE").checked = true;
    dialogHapus.close();
    perbarui();
    if (tombol.dataset.hapus !== "batal") umumkan("Ditandai untuk dihapus saat disimpan.");
    const kembali = yangDihapus.querySelector(tombol.dataset.hapus === "baris" ? "[data-hapus-baris]" : "[data-hapus-sasaran], [data-hapus-baris]");
    yangDihapus = null;
    if (kembali) kembali.focus();
  });

  let yangDipindah = null;
  function tanyaPindah(tr) {
    yangDipindah = tr;
    const pilihan = dialogPindah.querySelector("#pilihan-pindah");
    pilihan.replaceChildren();
    semuaBlok().forEach((blok) => {
      if (blok === tr.closest("tbody") || blokDihapus(blok) || blok.dataset.sasaran === "") return;
      const kepala = kepalaDi(blok);
      const tombol = document.createElement("button");
      tombol.type = "button";
      tombol.className = "btn btn-outline-primary btn-sm text-start";
      tombol.textContent = (isianKepala(kepala).map((el) => el.value).join(" ").trim() || `(${nama} tanpa nama)`).slice(0, 90);
      tombol.addEventListener("click", () => {
        blok.appendChild(yangDipindah);
        dialogPindah.close();
        perbarui();
        umumkan(`Baris dipindah ke ${nama} ${namaBlok(kepala)}.`);
        fokus(yangDipindah);
      });
      pilihan.appendChild(tombol);
    });
    if (!pilihan.children.length) pilihan.textContent = `Tidak ada ${nama} lain.`;
    dialogPindah.showModal();
  }
  dialogPindah.querySelector("[data-pindah=batal]").addEventListener("click", () => dialogPindah.close());

  tabel.addEventListener("click", (event) => {
    const tombol = event.target.closest("button");
    if (!tombol) return;
    const tr = tombol.closest("tr");
    const blok = tombol.closest("tbody");
    if (tombol.dataset.geser) geserBaris(tr, tombol.dataset.geser);
    else if (tombol.dataset.geserSasaran) geserSasaran(blok, tombol.dataset.geserSasaran);
    else if (tombol.dataset.tambah === "baris") { const baru = barisBaru(blok, tr); perbarui(); fokus(baru); }
    else if (tombol.dataset.tambah === "baris-awal") { const baru = barisBaru(blok, kepalaDi(blok)); perbarui(); fokus(baru); }
    else if (tombol.dataset.tambah === "sasaran") { const baru = sasaranBaru(blok); perbarui(); fokus(baru); }
    else if ("hapusBaris" in tombol.dataset) tanyaHapus(tr, "baris");
    else if ("hapusSasaran" in tombol.dataset) tanyaHapus(tr, "sasaran");
    else if ("pindahBaris" in tombol.dataset) tanyaPindah(tr);
  });

  tabel.addEventListener("keydown", (event) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    const arah = event.key === "ArrowUp" ? "naik" : "turun";
    const tr = event.target.closest("tr.baris-form");
    const blok = event.target.closest("tbody");
    if (!blok) return;
    event.preventDefault();
    if (event.shiftKey || !tr) geserSasaran(blok, arah);
    else geserBaris(tr, arah);
  });

  document.getElementById("tambah-sasaran").addEventListener("click", () => {
    const baru = sasaranBaru(null);
    perbarui();
    fokus(baru);
  });

  function pasangGeser(blok) {
    if (!window.Sortable) return;
    window.Sortable.create(blok, {
      group: "baris",
      draggable: "tr.baris-form",
      handle: ".pegangan-baris",
      animation: 150,
      forceFallback: true, // pointer events, the same in every browser (no native drag image)
      onEnd: (event) => {
        const kepala = kepalaDi(event.to);
        if (kepala && event.to.firstElementChild !== kepala) event.to.prepend(kepala);
        perbarui();
      },
    });
  }
  if (window.Sortable) {
    window.Sortable.create(tabel, {
      draggable: "tbody.blok-sasaran",
      handle: ".pegangan-sasaran",
      animation: 150,
      forceFallback: true, // pointer events, the same in every browser (no native drag image)
      onEnd: perbarui,
    });
    semuaBlok().forEach(pasangGeser);
  }

  // For static/js/tempel.js: pasted rows are added as the buttons add them.
  tabel.editorKelompok = { semuaBlok, barisDi, kepalaDi, isian, barisBaru, sasaranBaru, perbarui, umumkan };

  tabel.closest("form").classList.add("js-aktif");
  perbarui();
})();
