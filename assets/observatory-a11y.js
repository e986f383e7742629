/* Accessibility the Dash components do not give themselves, repaired in the page:
 *
 * - Dash 4 dropdowns put a hidden focus proxy (<input aria-hidden tabindex=0>) in front of
 *   their real button (tabindex=-1). Screen readers and axe-core see a focusable element
 *   that is hidden from them; we make the button itself the tab stop instead.
 * - DataTable's pagination buttons are icons without a name; they get one in the page's
 *   language.
 * - Dash's own <footer> holding its config scripts would be a second "contentinfo"
 *   landmark next to the observatory's footer.
 * - Every chart becomes a named figure (its card's title) with a visually hidden table of
 *   the values it draws, so a screen reader gets the numbers, not a picture.
 *
 * Everything is idempotent and runs again after each DOM change (debounced), because Dash
 * re-renders components whenever a callback answers.
 */
(function () {
  "use strict";

  var TEXTS = {
    es: {
      "first-page": "Primera página",
      "previous-page": "Página anterior",
      "next-page": "Página siguiente",
      "last-page": "Última página",
      "current-page": "Página actual",
      data: "Datos del gráfico",
      category: "Categoría",
      from: "Desde",
      to: "Hacia",
      value: "Valor",
      place: "Lugar",
      series: "Serie",
      more: "Se muestran las primeras {n} filas.",
    },
    en: {
      "first-page": "First page",
      "previous-page": "Previous page",
      "next-page": "Next page",
      "last-page": "Last page",
      "current-page": "Current page",
      data: "Chart data",
      category: "Category",
      from: "From",
      to: "To",
      value: "Value",
      place: "Place",
      series: "Series",
      more: "The first {n} rows are shown.",
    },
  };
  var MAX_ROWS = 200; // a chart with more points is summarised by its first rows

  function lang() {
    return document.documentElement.lang === "en" ? "en" : "es";
  }

  function say(key) {
    return TEXTS[lang()][key];
  }

  function setAttr(el, name, value) {
    if (el.getAttribute(name) !== value) {
      el.setAttribute(name, value);
    }
  }

  function repairDropdowns(root) {
    root.querySelectorAll(".dash-dropdown-focus-target").forEach(function (proxy) {
      var button = proxy.nextElementSibling;
      if (!button || !button.classList.contains("dash-dropdown")) {
        return;
      }
      if (proxy.tabIndex !== -1) {
        proxy.tabIndex = -1;
      }
      if (!button.disabled && button.tabIndex !== 0) {
        button.tabIndex = 0;
      }
    });
  }

  // The open dropdown: a popover (role=dialog) with a list of options, each a <label
  // role=option> wrapping the checkbox that keyboard navigation focuses. A focusable
  // checkbox inside an option is an interactive control nested in another; the honest
  // structure is what it is: a named group of labelled checkboxes.
  function labelOfOpenDropdown() {
    var trigger = document.querySelector('button.dash-dropdown[aria-expanded="true"]');
    var label = trigger && trigger.id && document.querySelector('label[for="' + trigger.id + '"]');
    return label ? label.textContent.trim() : "";
  }

  function repairDropdownLists(root) {
    var content = root.querySelectorAll(".dash-dropdown-content");
    if (!content.length) {
      return;
    }
    var name = labelOfOpenDropdown();
    content.forEach(function (box) {
      if (name) {
        setAttr(box, "aria-label", name);
      }
      box.querySelectorAll("input.dash-dropdown-search").forEach(function (search) {
        setAttr(search, "aria-label", search.placeholder || name);
      });
      box.querySelectorAll(".dash-options-list").forEach(function (list) {
        if (!list.querySelector(".dash-options-list-option input")) {
          if (name) {
            setAttr(list, "aria-label", name);
          }
          return; // options without inputs: a real listbox of options
        }
        setAttr(list, "role", "group");
        if (name) {
          setAttr(list, "aria-label", name);
        }
        list.querySelectorAll(".dash-options-list-option").forEach(function (option) {
          setAttr(option, "role", "none");
          if (option.hasAttribute("aria-selected")) {
            option.removeAttribute("aria-selected");
          }
        });
      });
    });
  }

  function nameTableButtons(root) {
    ["first-page", "previous-page", "next-page", "last-page"].forEach(function (cls) {
      root.querySelectorAll(".previous-next-container button." + cls).forEach(function (b) {
        setAttr(b, "aria-label", say(cls));
      });
    });
    root.querySelectorAll(".previous-next-container input.current-page").forEach(function (i) {
      setAttr(i, "aria-label", say("current-page"));
    });
  }

  // The phone's "Filters" button says whether the panel it opens is open.
  function describeFilterToggle() {
    var toggle = document.getElementById("filter-toggle");
    var panel = document.getElementById("filter-collapse");
    if (toggle && panel) {
      setAttr(toggle, "aria-controls", "filter-collapse");
      setAttr(toggle, "aria-expanded", panel.classList.contains("show") ? "true" : "false");
    }
  }

  function quietDashFooter() {
    var config = document.getElementById("_dash-config");
    var footer = config && config.closest("footer");
    if (footer) {
      setAttr(footer, "role", "presentation");
    }
  }

  // ---- charts: a name and a table -------------------------------------------------------

  function formatted(v) {
    if (v === null || v === undefined || v === "") {
      return "–";
    }
    if (typeof v === "number") {
      return isFinite(v) ? new Intl.NumberFormat(lang()).format(v) : "–";
    }
    return String(v);
  }

  function at(list, i) {
    return Array.isArray(list) || ArrayBuffer.isView(list) ? list[i] : undefined;
  }

  function plainText(v) {
    // plotly texts may hold <br> and other tags: keep the words only
    var div = document.createElement("div");
    div.innerHTML = String(v).replace(/<br\s*\/?>/gi, " ");
    return div.textContent;
  }

  // One table per chart: {head: [...], rows: [[...], ...]}
  function tableOf(traces) {
    var first = traces[0];
    if (!first) {
      return null;
    }
    if (first.type === "sankey") {
      var labels = first.node.label || [];
      var link = first.link || {};
      var rows = (link.value || []).map(function (v, i) {
        return [
          plainText(labels[link.source[i]]),
          plainText(labels[link.target[i]]),
          formatted(v),
        ];
      });
      return { head: [say("from"), say("to"), say("value")], rows: rows };
    }
    if (first.type === "heatmap") {
      var xs = first.x || [];
      var out = (first.y || []).map(function (y, r) {
        return [plainText(y)].concat(
          xs.map(function (_x, c) {
            var text = at(at(first.text, r), c);
            return text !== undefined && text !== "" ? plainText(text) : formatted(at(at(first.z, r), c));
          })
        );
      });
      return { head: [say("category")].concat(xs.map(plainText)), rows: out };
    }
    var maps = traces.filter(function (t) {
      return /^(choropleth|scatter)(map|mapbox|geo)?$/.test(t.type) && (t.locations || t.lat);
    });
    if (maps.length && maps.length === traces.length) {
      var placeRows = [];
      maps.forEach(function (t) {
        var n = (t.locations || t.lat || []).length;
        for (var i = 0; i < n; i++) {
          var label = at(t.hovertext, i) || at(t.text, i) || at(t.locations, i);
          if (label === undefined || label === null || label === "") {
            continue;
          }
          var z = at(t.z, i);
          placeRows.push([plainText(label), z === undefined ? t.name || "" : formatted(z)]);
        }
      });
      return { head: [say("place"), say("value")], rows: placeRows };
    }
    // bars and lines: one row per category, one column per named trace
    var series = traces.filter(function (t) {
      return (t.type === "bar" || t.type === "scatter") && t.visible !== false;
    });
    if (!series.length) {
      return null;
    }
    var order = [];
    var cells = {};
    series.forEach(function (t, s) {
      var horizontal = t.orientation === "h";
      var cats = (horizontal ? t.y : t.x) || [];
      var vals = (horizontal ? t.x : t.y) || [];
      for (var i = 0; i < cats.length; i++) {
        var key = plainText(cats[i]);
        if (!(key in cells)) {
          cells[key] = [];
          order.push(key);
        }
        var text = at(t.text, i);
        cells[key][s] = text !== undefined && text !== "" ? plainText(text) : formatted(at(vals, i));
      }
    });
    var head = [say("category")].concat(
      series.map(function (t, s) {
        return t.name ? plainText(t.name) : say("series") + " " + (s + 1);
      })
    );
    return {
      head: head,
      rows: order.map(function (key) {
        return [key].concat(
          series.map(function (_t, s) {
            return cells[key][s] === undefined ? "–" : cells[key][s];
          })
        );
      }),
    };
  }

  function renderTable(region, caption, table) {
    var el = document.createElement("table");
    var cap = el.createCaption();
    cap.textContent = caption;
    var headRow = el.createTHead().insertRow();
    table.head.forEach(function (h) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = h;
      headRow.appendChild(th);
    });
    var body = el.createTBody();
    table.rows.slice(0, MAX_ROWS).forEach(function (cellsOfRow) {
      var tr = body.insertRow();
      cellsOfRow.forEach(function (c, i) {
        var cell = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) {
          cell.scope = "row";
        }
        cell.textContent = c;
        tr.appendChild(cell);
      });
    });
    region.replaceChildren(el);
    if (table.rows.length > MAX_ROWS) {
      var p = document.createElement("p");
      p.textContent = say("more").replace("{n}", MAX_ROWS);
      region.appendChild(p);
    }
  }

  function describeCharts(root) {
    root.querySelectorAll(".dash-graph[id]").forEach(function (graph) {
      var card = graph.closest(".card, section");
      var title = card && card.querySelector(".obs-chart-title");
      setAttr(graph, "role", "figure");
      if (title && title.id) {
        setAttr(graph, "aria-labelledby", title.id);
      }
      var gd = graph.querySelector(".js-plotly-plot");
      if (!gd || !Array.isArray(gd.data)) {
        return;
      }
      var regionId = graph.id + "-data";
      var region = document.getElementById(regionId);
      if (!region) {
        region = document.createElement("div");
        region.id = regionId;
        region.className = "visually-hidden obs-chart-data";
      }
      if (region.previousElementSibling !== graph) {
        graph.insertAdjacentElement("afterend", region);
      }
      setAttr(graph, "aria-describedby", regionId);
      var titleText = title ? title.textContent : "";
      var signature = lang() + "|" + titleText;
      if (region.__obsData === gd.data && region.__obsSignature === signature) {
        return;
      }
      region.__obsData = gd.data;
      region.__obsSignature = signature;
      var table = tableOf(gd.data);
      if (table && table.rows.length) {
        renderTable(region, say("data") + (titleText ? ": " + titleText : ""), table);
      } else {
        region.replaceChildren();
      }
    });
  }

  function repair() {
    repairDropdowns(document);
    repairDropdownLists(document);
    nameTableButtons(document);
    quietDashFooter();
    describeFilterToggle();
    describeCharts(document);
  }

  var pending = null;
  function schedule() {
    if (pending === null) {
      pending = window.setTimeout(function () {
        pending = null;
        repair();
      }, 50);
    }
  }

  // DataTable listens to Enter on the whole document (to edit cells) and swallows it, so a
  // focused pagination button only turned with Space. Enter works on every button.
  function enterTurnsTablePages(event) {
    var target = event.target;
    if (
      event.key === "Enter" &&
      target instanceof HTMLButtonElement &&
      target.closest(".previous-next-container") &&
      !target.disabled
    ) {
      event.preventDefault();
      event.stopPropagation();
      target.click();
    }
  }

  function start() {
    repair();
    document.addEventListener("keydown", enterTurnsTablePages, true);
    new MutationObserver(function (records) {
      // the dropdown proxy gets its tabindex back on every blur: fix that at once
      for (var i = 0; i < records.length; i++) {
        if (records[i].type === "attributes") {
          var el = records[i].target;
          if (el.classList && el.classList.contains("dash-dropdown-focus-target") && el.tabIndex !== -1) {
            el.tabIndex = -1;
          } else if (el.classList && el.classList.contains("dash-options-list-option")) {
            repairDropdownLists(document); // React put role/aria-selected back: at once
          }
        }
      }
      schedule();
    }).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["tabindex", "role", "aria-selected", "class"],
    });
    new MutationObserver(schedule).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["lang"],
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
