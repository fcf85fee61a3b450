// Bulk actions (core/selection.py): tick this page, count what is selected, click once.
(() => {
  const boxes = (form) => document.querySelectorAll(`input[data-bulk-row][form="${form.id}"]`);
  const update = (form) => {
    const all = form.querySelector("[data-bulk-all]");
    const ticked = [...boxes(form)].filter((b) => b.checked).length;
    const n = all && all.checked ? form.dataset.bulkTotal : ticked;
    const out = form.querySelector("[data-bulk-count]");
    if (out) out.textContent = n ? form.dataset.bulkLabel.replace("__N__", n) : "";
  };
  document.addEventListener("change", (event) => {
    const el = event.target;
    const form = el.form || el.closest("form[data-bulk]");
    if (!form || !form.matches("[data-bulk]")) return;
    if (el.matches("[data-bulk-page]")) boxes(form).forEach((b) => { b.checked = el.checked; });
    if (el.matches("[data-bulk-row]") && !el.checked) {
      const all = form.querySelector("[data-bulk-all]");
      if (all) all.checked = false;
    }
    update(form);
  });
  // A second click on "Run" while the first is being sent does nothing (the server also
  // runs a confirmation's key once).
  document.addEventListener("submit", (event) => {
    const button = event.target.querySelector("button[data-once]");
    if (!button) return;
    if (button.dataset.sent) event.preventDefault();
    button.dataset.sent = "1";
  });
})();
