// Instant title suggestions under the search box. Progressive enhancement: the search form works without it.
// Suggestions are links written with textContent, never as HTML.
(function () {
  "use strict";
  var input = document.getElementById("field-q");
  var list = document.getElementById("search-suggestions");
  if (!input || !list || !window.fetch) return;
  var timer = 0;
  var controller = null;

  function render(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.dir = "auto";
      link.textContent = item.title;
      entry.appendChild(link);
      list.appendChild(entry);
    });
    list.hidden = items.length === 0;
  }

  function suggest() {
    var query = input.value.trim();
    if (query.length < 2) return render([]);
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch("/api/v1/search/suggest?q=" + encodeURIComponent(query.slice(0, 200)), {
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
        // A cancelled or failed lookup leaves the list as it was.
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") render([]);
  });
})();
