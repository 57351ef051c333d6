// A workflow step asks before it changes anything: a form with data-konfirmasi opens the
// dialog instead of posting; "Ya" posts it with konfirmasi=1, "Batal" (or Esc) leaves it.
// Without this script (or without <dialog>), the unconfirmed post gets the server's
// confirmation page instead, so a stray click never changes the state either way.
(function () {
  "use strict";
  const dialog = document.getElementById("dialog-konfirmasi");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  const teks = dialog.querySelector("[data-teks]");
  const ya = dialog.querySelector("[data-ya]");
  const batal = dialog.querySelector("[data-batal]");
  let menunggu = null;

  document.querySelectorAll("form[data-konfirmasi]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      // Confirmed already, or incomplete (e.g. Kembalikan without its note): post, and the
      // server answers with its message next to the field before anything is asked.
      if (form.elements.konfirmasi.value === "1" || !form.checkValidity()) {
        return;
      }
      event.preventDefault();
      menunggu = form;
      teks.textContent = form.dataset.konfirmasi;
      ya.textContent = form.dataset.tombol;
      dialog.showModal();
      batal.focus();
    });
  });
  batal.addEventListener("click", function () {
    dialog.close();
  });
  dialog.addEventListener("close", function () {
    if (dialog.returnValue !== "ya") {
      menunggu = null;
    }
    dialog.returnValue = "";
  });
  ya.addEventListener("click", function () {
    const form = menunggu;
    dialog.close("ya");
    ya.disabled = true; // one post, even on a double click
    form.elements.konfirmasi.value = "1";
    form.submit();
  });
})();
