// Row editing for the flat document editor (IKU): add, move (buttons, Alt+↑/↓, drag and drop
// by the handle with SortableJS) and mark rows for deletion. The grouped editor (RKT, RAK) is
// static/js/editor_kelompok.js. Without JavaScript the form still works: the "Urutan" and
// "Hapus" fields are plain inputs.
// Each row carries its row's key in hidden inputs (…-kunci, …-kunci_sasaran) that move with it;
// a new row is cloned from the empty form's <template>, whose keys are empty, so it never
// copies another row's key and the server gives it a new one.
(function () {
  const tabel = document.querySelector("[data-formset]");
  if (!tabel) return;
  const prefix = tabel.dataset.formset;
  const tbody = tabel.querySelector("tbody");
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const template = document.getElementById("baris-kosong");

  function renumber() {
    tbody.querySelectorAll("tr.baris-form").forEach((tr, i) => {
      const order = tr.querySelector(`input[name$="-ORDER"]`);
      if (order) order.value = i + 1;
      const label = tr.querySelector(".nomor-urut");
      if (label) label.textContent = i + 1;
    });
  }

  document.getElementById("tambah-baris").addEventListener("click", () => {
    const index = Number(total.value);
    const html = template.innerHTML.replaceAll("__prefix__", index);
    tbody.insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
    renumber();
    const baru = tbody.lastElementChild.querySelector("textarea, input:not([type=hidden])");
    if (baru) baru.focus();
  });

  tbody.addEventListener("click", (event) => {
    const tombol = event.target.closest("[data-geser]");
    if (!tombol) return;
    const tr = tombol.closest("tr");
    if (tombol.dataset.geser === "naik" && tr.previousElementSibling) {
      tr.parentNode.insertBefore(tr, tr.previousElementSibling);
    } else if (tombol.dataset.geser === "turun" && tr.nextElementSibling) {
      tr.parentNode.insertBefore(tr.nextElementSibling, tr);
    }
    renumber();
  });

  tbody.addEventListener("keydown", (event) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    const tr = event.target.closest("tr.baris-form");
    const tujuan = event.key === "ArrowUp" ? tr.previousElementSibling : tr.nextElementSibling;
    if (!tujuan) return;
    event.preventDefault();
    const aktif = document.activeElement;
    if (event.key === "ArrowUp") tujuan.before(tr);
    else tujuan.after(tr);
    aktif.focus();
    renumber();
  });

  if (window.Sortable) {
    window.Sortable.create(tbody, {
      draggable: "tr.baris-form",
      handle: ".pegangan-baris",
      animation: 150,
      forceFallback: true, // pointer events, the same in every browser (no native drag image)
      onEnd: renumber,
    });
  }

  tbody.addEventListener("change", (event) => {
    if (event.target.name && event.target.name.endsWith("-DELETE")) {
      event.target.closest("tr").classList.toggle("baris-dihapus", event.target.checked);
    }
  });
  tbody.querySelectorAll(`input[name$="-DELETE"]:checked`).forEach((cb) =>
    cb.closest("tr").classList.add("baris-dihapus"));
  tabel.classList.add("js-aktif");
})();
