// The conflict panel (templates/dokumen/_konflik.html): the side chosen for an item is marked as
// the choice changes, not only as the server rendered it.
(function () {
  const panel = document.getElementById("konflik");
  if (!panel) return;
  panel.addEventListener("change", (event) => {
    if (event.target.type !== "radio") return;
    const tr = event.target.closest("tr");
    tr.querySelectorAll("td").forEach((td) => {
      td.classList.toggle("sisi-dipilih", td.contains(event.target));
    });
    tr.classList.remove("table-danger");
  });
})();
