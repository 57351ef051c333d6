// Texts of the editor that name a year before the document's (`data-tahun` on the form) are
// marked for review, as the document page lists them after a copy to the next year: "Laporan
// Kegiatan Tahun 2024" in the 2025 RKT is usually a year someone forgot to change. Only marked,
// never changed ("Pemilu 2024" may be meant).
(function () {
  const form = document.querySelector("form[data-tahun]");
  if (!form) return;
  const tahun = Number(form.dataset.tahun);
  const pola = /(?<!\d)(20\d\d)(?!\d)/g;
  const periksa = (el) => {
    const lama = [...el.value.matchAll(pola)].map((m) => m[1]).filter((t) => Number(t) < tahun);
    el.classList.toggle("tahun-lama", lama.length > 0);
    if (lama.length) {
      el.title = `Menyebut tahun ${[...new Set(lama)].join(", ")}: periksa apakah seharusnya ${tahun}.`;
    } else if (el.title.startsWith("Menyebut tahun")) {
      el.removeAttribute("title");
    }
  };
  const isian = ".tabel-editor textarea, .tabel-editor input[type=text]";
  form.querySelectorAll(isian).forEach(periksa);
  form.addEventListener("input", (event) => {
    if (event.target.matches(isian)) periksa(event.target);
  });
})();
