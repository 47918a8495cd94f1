// Similar content while a title is typed (similar ideas on the idea form, similar questions on the ask form).
// Progressive enhancement: without this script the page lists similar items after each save; with it, the
// list follows the title as it is typed (debounced) and its live region announces the change. A page marks
// the region with data-similar-source (the API to ask, answering {items: [{id, title, url}]}) and
// data-similar-input (the title field's id); data-exclude leaves out one id (the item being edited) and
// data-none is the text when nothing matches. Results are written with textContent, never as HTML.
(function () {
  "use strict";
  if (!window.fetch) return;

  function follow(region) {
    var title = document.getElementById(region.getAttribute("data-similar-input") || "");
    if (!title) return;
    var source = region.getAttribute("data-similar-source");
    var exclude = region.getAttribute("data-exclude") || "";
    var noneText = region.getAttribute("data-none") || "";
    var timer = 0;
    var lastQuery = title.value.trim();
    var controller = null;

    function render(items) {
      region.textContent = "";
      var shown = items.filter(function (item) {
        return String(item.id) !== exclude;
      });
      if (shown.length === 0) {
        var none = document.createElement("p");
        none.className = "muted";
        none.textContent = noneText;
        region.appendChild(none);
        return;
      }
      var list = document.createElement("ul");
      shown.forEach(function (item) {
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
      if (query.length < 3) {
        render([]);
        return;
      }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(source + "?title=" + encodeURIComponent(query.slice(0, 200)), {
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
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-similar-source]"), follow);
})();
