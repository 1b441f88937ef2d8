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
});
