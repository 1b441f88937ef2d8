// Small enhancements only; every page works without JavaScript.
"use strict";

async function copyText(field) {
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch (e) {
    // Older browsers or no permission: select the text and use the legacy command.
    field.focus();
    field.select();
    try { return document.execCommand("copy"); } catch (e2) { return false; }
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.addEventListener("click", async () => {
      const field = document.getElementById(button.dataset.copy);
      const status = button.parentElement.querySelector(".copied");
      const ok = await copyText(field);
      if (status) {
        status.textContent = ok ? (button.dataset.done || "Quellenangabe kopiert.")
          : "Bitte den markierten Text mit Strg+C kopieren.";
      }
    });
  }

  // "/" jumps to the search box, as on many search sites (not while typing elsewhere).
  const q = document.getElementById("q");
  if (q) {
    document.addEventListener("keydown", (ev) => {
      const tag = (ev.target.tagName || "").toLowerCase();
      if (ev.key === "/" && !ev.ctrlKey && !ev.metaKey && !ev.altKey &&
          tag !== "input" && tag !== "textarea" && !ev.target.isContentEditable) {
        ev.preventDefault();
        q.focus();
        q.select();
      }
    });
  }

  const box = document.querySelector("input[role=combobox][data-suggest]");
  if (box) setupSuggest(box);
});

// Completions under the search box (WAI-ARIA combobox with a listbox): arrow keys move,
// Enter takes the marked one, Escape closes. One request once typing pauses for 150 ms,
// an older request is cancelled, and answers are kept per prefix for this page.
function setupSuggest(input) {
  const list = document.getElementById(input.getAttribute("aria-controls"));
  const status = document.getElementById("q-suggest-status");
  const url = input.dataset.suggest;
  if (!list || !url || !window.fetch) return;
  const cache = new Map();
  let timer = null, controller = null, items = [], active = -1;

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const mark = (i) => {
    active = i;
    list.querySelectorAll("[role=option]").forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", `q-suggest-${i}`);
      list.children[i].scrollIntoView({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };
  const render = (suggestions) => {
    items = suggestions;
    list.replaceChildren(...suggestions.map((sg, i) => {
      const li = document.createElement("li");
      li.id = `q-suggest-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.index = String(i);
      const text = document.createElement("span");
      text.textContent = sg.text;
      li.append(text);
      if (sg.kind === "title") {
        const label = document.createElement("span");
        label.className = "kind-label";
        label.textContent = "Eintrag";
        li.append(label);
      }
      return li;
    }));
    active = -1;
    const open = suggestions.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (status) status.textContent = open ? `${suggestions.length} Vorschläge, mit Pfeiltasten wählen.` : "";
  };
  const request = async (value) => {
    if (cache.has(value)) { render(cache.get(value)); return; }
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const resp = await fetch(`${url}?q=${encodeURIComponent(value)}`, {signal: controller.signal});
      if (!resp.ok) return;
      const data = await resp.json();
      cache.set(value, data.suggestions || []);
      if (input.value === value && document.activeElement === input) render(cache.get(value));
    } catch (e) {
      // aborted or offline: the search box works without completions
    }
  };
  const choose = (i) => {
    const sg = items[i];
    if (!sg) return;
    if (sg.url) { window.location.href = sg.url; return; }
    input.value = sg.text;
    close();
    if (input.form) input.form.submit();
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const value = input.value;
    if (value.trim().length < 2) { close(); return; }
    timer = setTimeout(() => request(value), 150);
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!items.length) return;
      ev.preventDefault();
      let next = active + (ev.key === "ArrowDown" ? 1 : -1);  // -1: back in the box, as typed
      if (next >= items.length) next = -1;
      else if (next < -1) next = items.length - 1;
      mark(next);
    } else if (ev.key === "Enter" && active >= 0) {
      ev.preventDefault();
      choose(active);
    } else if (ev.key === "Escape" && !list.hidden) {
      ev.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => { clearTimeout(timer); setTimeout(close, 100); });
  list.addEventListener("mousedown", (ev) => ev.preventDefault());  // keep the focus in the box
  list.addEventListener("click", (ev) => {
    const li = ev.target.closest("[role=option]");
    if (li) choose(Number(li.dataset.index));
  });
}
