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

  // --- drawings: shown at their own size, zoomed with the buttons, Ctrl + wheel or the
  // keys + - 0, and moved by scrolling or dragging ---
  const ZOOM_STEP = 1.25;
  const views = new Map();
  for (const figure of document.querySelectorAll("figure.graph")) {
    const view = figure.querySelector(".graph-view");
    const svg = view && view.querySelector("svg");
    if (!svg) continue;
    const width = svg.width.baseVal.value;
    const height = svg.height.baseVal.value;
    const level = figure.querySelector(".zoom-level");
    let zoom = 1;
    // Where the drawing starts inside the frame's scrolled content.
    const offset = () => {
      const area = view.getBoundingClientRect();
      const box = svg.getBoundingClientRect();
      return [box.left - area.left + view.scrollLeft, box.top - area.top + view.scrollTop];
    };
    const zoomTo = (next, focusX = view.clientWidth / 2, focusY = view.clientHeight / 2) => {
      // Keep the point of the drawing under the focus where it is.
      const [left, top] = offset();
      const x = (view.scrollLeft + focusX - left) / zoom;
      const y = (view.scrollTop + focusY - top) / zoom;
      zoom = Math.min(4, Math.max(0.05, next));
      svg.style.width = `${width * zoom}px`;
      svg.style.height = `${height * zoom}px`;
      const [newLeft, newTop] = offset();
      view.scrollLeft = x * zoom + newLeft - focusX;
      view.scrollTop = y * zoom + newTop - focusY;
      level.textContent = `${Math.round(zoom * 100)}%`;
    };
    const fit = () => {
      const room = parseFloat(getComputedStyle(view).maxHeight) || view.clientHeight;
      zoomTo(Math.min(1, view.clientWidth / width, room / height));
    };
    figure.querySelector(".zoom-in").addEventListener("click", () => zoomTo(zoom * ZOOM_STEP));
    figure.querySelector(".zoom-out").addEventListener("click", () => zoomTo(zoom / ZOOM_STEP));
    figure.querySelector(".zoom-fit").addEventListener("click", fit);
    figure.querySelector(".zoom-actual").addEventListener("click", () => zoomTo(1));
    view.addEventListener("keydown", (event) => {
      const steps = { "+": ZOOM_STEP, "=": ZOOM_STEP, "-": 1 / ZOOM_STEP };
      if (event.key in steps) zoomTo(zoom * steps[event.key]);
      else if (event.key === "0") zoomTo(1);
      else return;
      event.preventDefault();
    });
    view.addEventListener("wheel", (event) => {
      if (!event.ctrlKey && !event.metaKey) return;  // a plain wheel scrolls, as anywhere
      event.preventDefault();
      const frame = view.getBoundingClientRect();
      zoomTo(zoom * Math.exp(-event.deltaY / 400), event.clientX - frame.left, event.clientY - frame.top);
    }, { passive: false });
    // Dragging with the mouse moves the drawing; a drag is not a click, so it neither
    // selects a source nor follows its link. (Touch screens scroll the frame natively.)
    let drag = null;
    let dragged = false;
    view.addEventListener("pointerdown", (event) => {
      if (event.pointerType !== "mouse" || event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, left: view.scrollLeft, top: view.scrollTop };
      dragged = false;
    });
    view.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!dragged && Math.hypot(dx, dy) < 5) return;
      if (!dragged) {
        dragged = true;
        view.setPointerCapture(event.pointerId);
        view.classList.add("panning");
      }
      view.scrollLeft = drag.left - dx;
      view.scrollTop = drag.top - dy;
    });
    const release = () => {
      drag = null;
      view.classList.remove("panning");
    };
    view.addEventListener("pointerup", release);
    view.addEventListener("pointercancel", release);
    // A source's link would otherwise start the browser's own drag and drop.
    view.addEventListener("dragstart", (event) => event.preventDefault());
    view.addEventListener("click", (event) => {
      if (!dragged) return;
      dragged = false;
      event.preventDefault();
      event.stopPropagation();
    }, true);
    // A drawing wider than its frame opens on its middle, where its title starts.
    view.scrollLeft = (view.scrollWidth - view.clientWidth) / 2;
    views.set(figure, view);
  }

  // --- a case page's graphs, showing one claim: the rest fades ---
  const claimFilter = document.querySelector(".claim-filter");
  if (claimFilter) {
    const select = claimFilter.querySelector("select");
    const open = claimFilter.querySelector(".filter-page");
    const statement = claimFilter.querySelector(".filter-statement");
    const marked = [];
    select.addEventListener("change", () => {
      for (const element of marked.splice(0)) element.classList.remove("in-claim");
      const option = select.selectedOptions[0];
      const chosen = select.value !== "";
      for (const view of views.values()) view.classList.toggle("filtering", chosen);
      open.hidden = !chosen;
      statement.textContent = chosen ? option.title : "";
      if (!chosen) return;
      open.href = option.dataset.href;
      for (const id of [...words(option.dataset.nodes), ...words(option.dataset.edges)]) {
        const element = document.getElementById(id);
        if (element) {
          element.classList.add("in-claim");
          marked.push(element);
        }
      }
    });
  }

  // --- a claim's graph and chain table, highlighting each other ---
  const graph = document.getElementById("claim-graph");
  const chain = document.getElementById("chain-table");
  if (!graph || !chain) return;
  const frame = views.get(graph) || graph;
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
    const area = frame.getBoundingClientRect();
    frame.scrollLeft += box.left - area.left - (area.width - box.width) / 2;
    frame.scrollTop += box.top - area.top - (area.height - box.height) / 2;
  };

  // A drawing larger than its frame opens on where the story starts: the first source.
  const first = rows.length > 0 && document.getElementById(rows[0].dataset.node);
  if (first) centre(first);

  graph.addEventListener("click", (event) => {
    const node = event.target.closest("g.node");
    const row = node && rowOfNode.get(node.id);
    if (!row) {
      if (!event.target.closest("a[href], figcaption, .graph-key")) clear();
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
  const edges = Array.from(frame.querySelectorAll("g.edge"));
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
