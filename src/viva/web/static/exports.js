// The export form: the chosen format is part of the address; empty choices are left out.
"use strict";
document.getElementById("export-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const form = ev.target;
  const data = new FormData(form);
  const fmt = data.get("fmt") || "markdown";
  const query = new URLSearchParams();
  for (const key of ["topic", "level", "plan"]) {
    const value = data.get(key);
    if (value) query.append(key, value);
  }
  window.location.href = `/api/exports/${encodeURIComponent(fmt)}?${query}`;
});
