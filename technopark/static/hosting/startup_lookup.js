// The new-contract form's startup: a text field (looked up on the server by name or
// reference); while typing, the site's matching startups are offered through the field's
// <datalist>, which browsers and screen readers present as a native list of suggestions.
(() => {
  const input = document.querySelector("input[data-lookup]");
  if (!input) return;
  const list = document.getElementById(input.getAttribute("list"));
  let timer = null;
  let asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2 || text === asked || /\)$/.test(text)) return;
    timer = setTimeout(async () => {
      asked = text;
      const url = `${input.dataset.lookup}?q=${encodeURIComponent(text)}`;
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const { results } = await response.json();
      list.replaceChildren(
        ...results.map((row) => {
          const option = document.createElement("option");
          option.value = row.label;
          return option;
        }),
      );
    }, 200);
  });
})();
