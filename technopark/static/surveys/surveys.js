// Repeatable rows of the declaration form: remove a row without inline handlers (CSP).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-remove-row]");
  if (!button) return;
  event.preventDefault();
  var row = button.closest(".tp-row");
  if (row) row.remove();
});
