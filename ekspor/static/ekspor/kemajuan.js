// The export job page: poll the status endpoint every second and move the progress bar;
// show the download button when the job is done, the error when it failed.
(function () {
  "use strict";
  const wadah = document.getElementById("ekspor");
  if (!wadah) return;
  const bagian = (nama) => wadah.querySelector(`[data-bagian="${nama}"]`);
  const batang = bagian("batang");
  const BERAKHIR = ["SELESAI", "GAGAL"];

  function tampilkan(data) {
    batang.style.width = `${data.persen}%`;
    batang.textContent = `${data.persen}%`;
    batang.parentElement.setAttribute("aria-valuenow", data.persen);
    bagian("label").textContent = data.label;
    bagian("selesai").textContent = data.selesai;
    bagian("total").textContent = data.total;
    if (BERAKHIR.includes(data.status)) {
      batang.classList.remove("progress-bar-striped", "progress-bar-animated");
      batang.classList.add(data.status === "SELESAI" ? "bg-success" : "bg-danger");
    }
    if (data.status === "SELESAI" && data.unduh) {
      const tombol = bagian("unduh");
      tombol.href = data.unduh;
      tombol.hidden = false;
    }
    if (data.status === "GAGAL") {
      const galat = bagian("galat");
      galat.textContent = data.pesan_galat || "Ekspor gagal.";
      galat.hidden = false;
    }
  }

  async function tanya() {
    try {
      const jawaban = await fetch(wadah.dataset.urlStatus, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (jawaban.ok) {
        const data = await jawaban.json();
        tampilkan(data);
        if (BERAKHIR.includes(data.status)) return;
      }
    } catch (galat) {
      // The server may be restarting: keep asking.
    }
    setTimeout(tanya, 1000);
  }

  if (!BERAKHIR.includes(wadah.dataset.status)) setTimeout(tanya, 1000);
})();
