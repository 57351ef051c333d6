// "Salin ke …" opens its confirmation (<details>) in place; near the bottom of the screen that
// would open out of sight and the click would seem to do nothing, so the question is brought
// into view and its "Ya" button takes the focus. Without this script the question still opens.
(function () {
  "use strict";
  document.querySelectorAll("details.konfirmasi-salin").forEach(function (rincian) {
    rincian.addEventListener("toggle", function () {
      if (!rincian.open) return;
      const form = rincian.querySelector("form");
      form.scrollIntoView({ block: "nearest", behavior: "instant" });
      form.querySelector("[data-salin-ya]").focus({ preventScroll: true });
    });
  });
})();
