// "/" focuses the top bar's search box, unless one is typing somewhere already.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable)) {
      return;
    }
    var box = document.getElementById("tp-search-q");
    if (!box) {
      return;
    }
    event.preventDefault();
    if (box.offsetParent === null) {
      // The box is folded away (a laptop's width): the search page has its own.
      var link = document.getElementById("tp-search-link");
      if (link) {
        window.location.assign(link.href);
      }
      return;
    }
    box.focus();
    box.select();
  });
})();
