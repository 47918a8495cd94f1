// Similar questions while the title is typed, on the ask form. Progressive enhancement: without this script
// the list follows the title after each submit; with it, after each pause in typing. Results are written with
// textContent, never as HTML.
(function () {
  "use strict";
  var region = document.getElementById("similar-questions");
  var title = document.getElementById("field-title");
  if (!region || !title || !window.fetch) return;
  var noneText = region.getAttribute("data-none") || "";
  var timer = 0;
  var lastQuery = title.value.trim();
  var controller = null;

  function render(items) {
    region.textContent = "";
    if (items.length === 0) {
      var none = document.createElement("p");
      none.className = "muted";
      none.textContent = noneText;
      region.appendChild(none);
      return;
    }
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.dir = "auto";
      link.textContent = item.title;
      entry.appendChild(link);
      list.appendChild(entry);
    });
    region.appendChild(list);
  }

  function search() {
    var query = title.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    if (query.length < 3) return render([]);
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch("/api/v1/questions/similar?title=" + encodeURIComponent(query.slice(0, 200)), {
      headers: { accept: "application/json" },
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        return response.ok ? response.json() : { items: [] };
      })
      .then(function (body) {
        render(Array.isArray(body.items) ? body.items : []);
      })
      .catch(function () {
        // A cancelled or failed lookup leaves the list as it was; the form works without it.
      });
  }

  title.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 350);
  });
})();
