// The Merkliste: record ids kept in this browser (localStorage), in the order the user chose.
// Pages work without it: the list page is rendered by the server from ?ids=…, and this script
// only adds marking, reordering and keeping the list.
"use strict";

(() => {
  const KEY = "ratsarchiv-merkliste";

  function load() {
    try {
      const value = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(value) ? value.filter((x) => typeof x === "string" && x) : [];
    } catch (e) {
      return [];
    }
  }

  function save(ids) {
    try {
      localStorage.setItem(KEY, JSON.stringify(ids));
    } catch (e) {
      // storage full or forbidden (private mode): the page still shows the list
    }
    showCount(ids);
  }

  function showCount(ids) {
    for (const el of document.querySelectorAll(".mcount")) {
      el.textContent = ids.length ? String(ids.length) : "";
      el.hidden = !ids.length;
    }
  }

  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const idsParam = (ids) => ids.map((i) => encodeURIComponent(i).replace(/%2F/g, "/")).join(",");
  const listPath = (ids) => (ids.length ? "/merkliste?ids=" + idsParam(ids) : "/merkliste");

  function urlIds() {
    const out = [];
    for (const raw of new URLSearchParams(location.search).getAll("ids")) {
      for (const part of raw.split(",")) {
        const id = part.trim();
        if (id && !out.includes(id)) out.push(id);
      }
    }
    return out;
  }

  // "Merken" buttons on result lists and record pages
  function initMarks() {
    const buttons = [...document.querySelectorAll("button[data-mark]")];
    const paint = () => {
      const ids = load();
      for (const b of buttons) {
        const on = ids.includes(b.dataset.mark);
        b.setAttribute("aria-pressed", on ? "true" : "false");
        b.textContent = on ? "✓ Gemerkt" : "Merken";
        b.title = on ? "Aus der Merkliste entfernen" : "Zur Merkliste hinzufügen";
      }
    };
    for (const b of buttons) {
      b.hidden = false;
      b.addEventListener("click", () => {
        const ids = load();
        const id = b.dataset.mark;
        save(ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]);
        paint();
      });
    }
    window.addEventListener("storage", (ev) => {
      if (ev.key === KEY) { paint(); showCount(load()); }
    });
    paint();
  }

  // the list page
  function initList() {
    const root = document.getElementById("merkliste");
    if (!root) return;
    const requested = urlIds();
    const stored = load();
    if (!requested.length) {
      // the stored list, rendered by the server; replace() keeps "back" working
      if (stored.length) location.replace(listPath(stored));
      return;
    }
    const mine = same(requested, stored);
    const list = root.querySelector(".mlist");
    const status = root.querySelector(".m-status");
    const shown = list ? [...list.querySelectorAll(".mitem")].map((li) => li.dataset.id) : [];
    // ids the archive no longer has are named on the page once, then dropped from the stored list
    if (mine && !same(shown, stored)) save(shown);
    if (!mine) {
      const note = root.querySelector(".shared-note");
      note.hidden = false;
      note.querySelector(".m-adopt").addEventListener("click", () => {
        const merged = [...load()];
        for (const id of shown) if (!merged.includes(id)) merged.push(id);
        save(merged);
        location.replace(listPath(merged));
      });
    }
    if (!list) return;
    for (const t of root.querySelectorAll(".mitem-tools")) t.hidden = false;

    function refresh(message) {
      const items = [...list.querySelectorAll(".mitem")];
      const ids = items.map((li) => li.dataset.id);
      root.querySelector("#m-txt").value = items.map((li, n) => `${n + 1}. ${li.dataset.text}\n`).join("");
      root.querySelector("#m-md").value = items.map((li, n) => `${n + 1}. ${li.dataset.md}\n`).join("");
      root.querySelector("#m-csv").value = root.dataset.csvHead + "\r\n" + items.map((li) => li.dataset.csv).join("");
      for (const a of root.querySelectorAll("a.m-download")) {
        a.href = `/merkliste/download?ids=${idsParam(ids)}&format=${a.dataset.format}`;
      }
      history.replaceState(null, "", listPath(ids));
      root.querySelector("#m-share").value = location.origin + listPath(ids);
      if (mine) save(ids);
      const empty = !ids.length;
      root.querySelector(".m-empty").hidden = !empty;
      for (const el of root.querySelectorAll(".m-out, .m-share, .mlist")) el.hidden = empty;
      if (status && message) status.textContent = message;
    }

    list.addEventListener("click", (ev) => {
      const b = ev.target.closest("button");
      const li = b && b.closest(".mitem");
      if (!li) return;
      const title = li.querySelector("h2").textContent;
      if (b.classList.contains("m-up") && li.previousElementSibling) {
        list.insertBefore(li, li.previousElementSibling);
        b.focus();
        refresh(`„${title}“ steht jetzt an Stelle ${[...list.children].indexOf(li) + 1}.`);
      } else if (b.classList.contains("m-down") && li.nextElementSibling) {
        list.insertBefore(li.nextElementSibling, li);
        b.focus();
        refresh(`„${title}“ steht jetzt an Stelle ${[...list.children].indexOf(li) + 1}.`);
      } else if (b.classList.contains("m-remove")) {
        const next = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        if (next) next.querySelector(".m-remove").focus();
        refresh(`„${title}“ wurde entfernt.`);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    showCount(load());
    initMarks();
    initList();
  });
})();
