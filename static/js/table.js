// Progressive enhancement for tables marked data-sortable: a button in each
// column header sorts by that column, and a search box above the table
// hides the rows that do not match. Without JavaScript the table is
// complete as it is. Loaded as a file, so a strict Content-Security-Policy
// (script-src 'self') allows it.
(function () {
  "use strict";

  function value(row, i, type) {
    var cell = row.cells[i];
    var v = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    if (type === "number") {
      var n = parseFloat(v);
      return isNaN(n) ? -Infinity : n;
    }
    return v.toLocaleLowerCase();
  }

  function format(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/%[sd]/g, function () { return String(args.shift()); });
  }

  function enhance(table, n) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) return;
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var sortLabel = table.getAttribute("data-sort-label") || "Sort by %s";

    heads.forEach(function (th, i) {
      var name = th.textContent.trim();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = name;
      button.setAttribute("aria-label", format(sortLabel, name));
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var type = th.getAttribute("data-type") || "text";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = value(a, i, type), y = value(b, i, type);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });

    var total = body.rows.length;
    var box = document.createElement("div");
    box.className = "table-filter";
    box.setAttribute("data-enhancement", "");
    var label = document.createElement("label");
    label.htmlFor = "table-filter-" + n;
    label.textContent = table.getAttribute("data-filter-label") || "Filter";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "table-filter-" + n;
    input.autocomplete = "off";
    var count = document.createElement("p");
    count.className = "table-filter-count";
    count.setAttribute("aria-live", "polite");
    var countLabel = table.getAttribute("data-filter-count") || "%d of %d";
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(count);
    input.addEventListener("input", function () {
      var words = input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var text = row.textContent.toLocaleLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !match;
        if (match) shown++;
      });
      count.textContent = words.length ? format(countLabel, shown, total) : "";
    });
    var anchor = table.closest(".table-wrap") || table;
    anchor.parentNode.insertBefore(box, anchor);
  }

  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), enhance);
})();
