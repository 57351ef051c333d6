// Text areas of the editor grow with their text. Browsers with CSS `field-sizing: content`
// (static/css/app.css) do it themselves; others get their height set as the text changes.
(function () {
  if (window.CSS && CSS.supports("field-sizing", "content")) return;
  const tumbuh = (el) => {
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight + 2}px`;
  };
  document.querySelectorAll(".tabel-editor textarea").forEach(tumbuh);
  document.addEventListener("input", (event) => {
    if (event.target.matches(".tabel-editor textarea")) tumbuh(event.target);
  });
})();
