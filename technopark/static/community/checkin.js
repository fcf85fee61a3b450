// After each check-in, clear and refocus the ticket field so the next scan goes in.
document.addEventListener("htmx:afterSwap", () => {
  const code = document.getElementById("code");
  if (code) { code.value = ""; code.focus(); }
});
