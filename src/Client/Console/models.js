import { api, badge, card, el, header, number, run, status, table, time } from "./console.js";

header("models.html");

async function load() {
  render(await api("/api/v1/admin/models"));
}

function render(view) {
  document.getElementById("cards").replaceChildren(
    card("Active (prices quotes)", view.active ?? "none", "active"),
    card("Previous (roll back to)", view.previous ?? "none", "previous"),
    card("Shadow (on trial)", view.shadow ?? "none", "shadow"),
  );
  document.getElementById("rollback").disabled = !view.previous;
  document.getElementById("clear-shadow").disabled = !view.shadow;
  const roles = (v) => [
    v.version === view.active ? badge("active") : null,
    v.version === view.previous ? badge("previous") : null,
    v.version === view.shadow ? badge("shadow") : null,
  ];
  const versions = [...view.versions].sort((a, b) => Date.parse(b.uploadedAt) - Date.parse(a.uploadedAt));
  document.getElementById("versions").replaceChildren(table([
    ["Version", (v) => v.version],
    ["Role", (v) => el("span", {}, roles(v))],
    ["Learner", (v) => v.learner],
    ["Model id", (v) => v.modelId],
    ["Size", (v) => `${(v.bytes / 1024).toFixed(1)} KiB`, "number"],
    ["SHA-256", (v) => v.sha256.slice(0, 12)],
    ["Uploaded", (v) => time(v.uploadedAt)],
    ["", (v) => el("span", {},
      el("button", { class: "activate", disabled: v.version === view.active, onclick: () => change(`/api/v1/admin/models/${encodeURIComponent(v.version)}/activate`, { method: "POST" }, `${v.version} is active.`) }, "Activate"),
      " ",
      el("button", { class: "set-shadow", disabled: v.version === view.shadow || v.version === view.active, onclick: () => change("/api/v1/admin/models/shadow", { method: "PUT", json: { version: v.version } }, `${v.version} is the shadow.`) }, "Shadow"))],
  ], versions, { key: (v) => v.version }));
  document.getElementById("silos").replaceChildren(table([
    ["Silo", (s) => s.silo],
    ["Provider", (s) => el("span", {}, s.provider ?? "—", s.providerFallback
      ? el("div", { class: "muted", title: s.providerFallback }, `fallback: ${s.providerFallback.slice(0, 60)}…`) : null)],
    ["Active", (s) => s.activeVersion],
    ["Shadow", (s) => s.shadowVersion],
    ["Batches", (s) => s.batches.toLocaleString("en-US"), "number"],
    ["Rows", (s) => s.rows.toLocaleString("en-US"), "number"],
    ["Rows per batch", (s) => number(s.meanBatchRows, 1), "number"],
    ["Shed", (s) => s.shed, "number"],
    ["Past deadline", (s) => s.deadlineExceeded, "number"],
    ["Shadow difference", (s) => number(s.shadowMeanAbsoluteDifference, 4), "number"],
    ["Last load error", (s) => s.lastLoadError],
    ["Reported", (s) => time(s.reportedAt)],
  ], view.silos, { key: (s) => s.silo, empty: "No silo has reported yet." }));
}

async function change(path, options, done) {
  try {
    render(await api(path, options));
    status(done);
  } catch (error) {
    status(error.message, "error");
  }
}

document.getElementById("rollback").addEventListener("click", () =>
  change("/api/v1/admin/models/rollback", { method: "POST" }, "Rolled back to the previous version."));
document.getElementById("clear-shadow").addEventListener("click", () =>
  change("/api/v1/admin/models/shadow", { method: "PUT", json: { version: null } }, "The shadow is stopped: no more scoring or trial quotes."));
run(load);
