(function () {
  "use strict";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function key(row, index, type) {
    var cell = row.cells[index];
    var raw = !cell ? "" : cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    if (type === "num") { return raw === "" ? null : parseFloat(raw); }
    return raw === "" ? null : raw.toLowerCase();
  }

  each(document.querySelectorAll("table[data-sortable]"), function (table) {
    var heads = table.tHead.rows[0].cells;
    each(heads, function (th, index) {
      var type = th.getAttribute("data-sort");
      if (!type) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        each(heads, function (h) { if (h.getAttribute("data-sort")) { h.setAttribute("aria-sort", "none"); } });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a, index, type), y = key(b, index, type);
          if (x === y) { return 0; }
          if (x === null) { return 1; }
          if (y === null) { return -1; }
          return (x < y ? -1 : 1) * (ascending ? 1 : -1);
        });
        each(rows, function (r) { body.appendChild(r); });
      });
    });
  });

  each(document.querySelectorAll("[data-filter-for]"), function (form) {
    var table = document.getElementById(form.getAttribute("data-filter-for"));
    var text = form.querySelector("input");
    var select = form.querySelector("select");
    var count = form.querySelector("output");
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    function apply() {
      var query = text.value.trim().toLowerCase();
      var state = select ? select.value : "";
      var shown = 0;
      each(table.tBodies, function (body) {
        var visible = 0, group = null;
        each(body.rows, function (r) {
          if (r.className.indexOf("group") >= 0) { group = r; return; }
          var ok = (!query || r.textContent.toLowerCase().indexOf(query) >= 0) &&
            (!state || r.getAttribute("data-status") === state);
          r.hidden = !ok;
          if (ok) { visible += 1; }
        });
        if (group) { group.hidden = visible === 0; }
        shown += visible;
      });
      count.textContent = shown + " shown";
    }
    text.addEventListener("input", apply);
    if (select) { select.addEventListener("change", apply); }
    apply();
  });

  function openTarget() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
