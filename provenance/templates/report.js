"use strict";
// The report's only script: sortable and filterable tables, the link between a claim's
// graph and its chain table, and the date control. It reads data-* attributes the
// pages carry and never loads anything.
(() => {
  const words = (text) => (text || "").split(" ").filter(Boolean);

  // --- sortable tables: a header's button sorts by that column's data-sort values ---
  const sortBy = (table, th) => {
    const index = Array.prototype.indexOf.call(th.parentElement.children, th);
    const numeric = th.dataset.type === "number";
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    const key = (row) => {
      const cell = row.cells[index];
      const value = cell.dataset.sort ?? cell.textContent.trim();
      return numeric ? Number(value) || 0 : value.toLowerCase();
    };
    const body = table.tBodies[0];
    const rows = Array.from(body.rows).sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    for (const header of th.parentElement.children) header.setAttribute("aria-sort", "none");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    body.append(...rows);
  };
  for (const table of document.querySelectorAll("table.sortable")) {
    for (const th of table.tHead.rows[0].cells) {
      const button = th.querySelector("button");
      if (button) button.addEventListener("click", () => sortBy(table, th));
    }
  }

  // --- filters: words a row's text must hold, and a kind of warning ---
  const searchable = new Map();
  for (const bar of document.querySelectorAll(".toolbar[data-filter-for]")) {
    const table = document.getElementById(bar.dataset.filterFor);
    const text = bar.querySelector(".filter-text");
    const code = bar.querySelector(".filter-code");
    const count = bar.querySelector(".filter-count");
    const apply = () => {
      const wanted = words(text.value.toLowerCase());
      const rows = Array.from(table.tBodies[0].rows);
      let shown = 0;
      for (const row of rows) {
        if (!searchable.has(row)) searchable.set(row, row.textContent.toLowerCase());
        const codes = words(row.dataset.warnings);
        const byCode = code.value === "" || (code.value === "none" ? codes.length === 0 : codes.includes(code.value));
        row.hidden = !(byCode && wanted.every((word) => searchable.get(row).includes(word)));
        if (!row.hidden) shown += 1;
      }
      count.textContent = shown === rows.length ? `${rows.length} claims` : `${shown} of ${rows.length} claims`;
    };
    text.addEventListener("input", apply);
    code.addEventListener("change", apply);
  }

  // --- drawings: scaled to fit, or at actual size to read a large one ---
  for (const button of document.querySelectorAll(".graph .zoom")) {
    button.addEventListener("click", () => {
      const actual = button.closest(".graph").classList.toggle("actual-size");
      button.setAttribute("aria-pressed", String(actual));
      button.textContent = actual ? "Fit to window" : "Actual size";
    });
  }

  // --- a claim's graph and chain table, highlighting each other ---
  const graph = document.getElementById("claim-graph");
  const chain = document.getElementById("chain-table");
  if (!graph || !chain) return;
  const rows = Array.from(chain.tBodies[0].rows);
  const rowOfNode = new Map(rows.map((row) => [row.dataset.node, row]));
  const marked = [];
  let selected = null;

  const mark = (element, name) => {
    if (element) {
      element.classList.add(name);
      marked.push([element, name]);
    }
  };
  const clear = () => {
    for (const [element, name] of marked.splice(0)) element.classList.remove(name);
    graph.classList.remove("has-selection");
    chain.classList.remove("has-selection");
    selected = null;
  };
  const select = (row, reveal) => {
    clear();
    selected = row;
    graph.classList.add("has-selection");
    chain.classList.add("has-selection");
    // Every shortest path back to an origin: each row names the sources one hop nearer
    // (data-via) and its citations of them (data-via-edges); follow them row by row.
    const seen = new Set([row]);
    const queue = [row];
    while (queue.length > 0) {
      const step = queue.shift();
      mark(document.getElementById(step.dataset.node), "on-path");
      mark(step, "on-path");
      for (const id of words(step.dataset.viaEdges)) mark(document.getElementById(id), "on-path");
      for (const id of words(step.dataset.via)) {
        const nearer = document.getElementById(`row-${id}`);
        if (nearer && !seen.has(nearer)) {
          seen.add(nearer);
          queue.push(nearer);
        }
      }
    }
    const node = document.getElementById(row.dataset.node);
    mark(node, "selected");
    mark(row, "selected");
    if (reveal === "row") row.scrollIntoView({ block: "nearest" });
    if (reveal === "node" && node) centre(node);
  };
  // Scroll the drawing's own frame, not the page, so the row clicked stays in view.
  const centre = (node) => {
    const box = node.getBoundingClientRect();
    const frame = graph.getBoundingClientRect();
    graph.scrollLeft += box.left - frame.left - (frame.width - box.width) / 2;
    graph.scrollTop += box.top - frame.top - (frame.height - box.height) / 2;
  };

  graph.addEventListener("click", (event) => {
    const node = event.target.closest("g.node");
    const row = node && rowOfNode.get(node.id);
    if (!row) {
      if (!event.target.closest("a[href], figcaption")) clear();
      return;
    }
    // A first click selects; a second click on the same source, or a click with a
    // modifier key, follows its link to the source as usual.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    if (selected === row && node.querySelector("a[href], a[*|href]")) return;
    event.preventDefault();
    if (selected === row) clear();
    else select(row, "row");
  });
  chain.addEventListener("click", (event) => {
    const row = event.target.closest("tr[data-source]");
    if (row && !event.target.closest("a, summary")) select(row, "node");
  });
  chain.addEventListener("keydown", (event) => {
    const row = event.target.closest("tr[data-source]");
    if (row && event.target === row && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(row, "node");
    }
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.row-link");
    const row = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!row) return;
    event.preventDefault();
    select(row, "node");
    row.scrollIntoView({ block: "center" });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") clear();
  });

  // --- the date control: dim what had not appeared by the chosen day ---
  const control = document.querySelector(".as-of-control");
  if (!control) return;
  const days = words(control.dataset.days);
  const range = control.querySelector("input");
  const label = control.querySelector("output");
  const edges = Array.from(graph.querySelectorAll("g.edge"));
  const show = () => {
    const day = days[Number(range.value)] ?? null;
    const later = new Set();
    let hidden = 0;
    for (const row of rows) {
      const after = day !== null && row.dataset.appeared !== "" && row.dataset.appeared > day;
      row.classList.toggle("later", after);
      document.getElementById(row.dataset.node)?.classList.toggle("later", after);
      if (after) {
        hidden += 1;
        for (const id of words(row.dataset.edges)) later.add(id);
      }
    }
    for (const edge of edges) edge.classList.toggle("later", later.has(edge.id));
    label.textContent = day === null ? "every date" : `${day}: ${rows.length - hidden} of ${rows.length} sources`;
  };
  range.addEventListener("input", show);
  show();
})();
