import { api, badge, card, header, money, run, table, time } from "./console.js";

header("index.html");
run(async () => {
  const [models, campaigns, learning] = await Promise.all([
    api("/api/v1/admin/models"),
    api("/api/v1/admin/campaigns?live=true"),
    api("/api/v1/admin/learning"),
  ]);
  const lastRun = learning.runs[0];
  document.getElementById("cards").append(
    card("Model pricing quotes", models.active ?? "none", "active-model"),
    card("Shadow model", models.shadow ?? "none", "shadow-model"),
    card("Silos serving", String(models.silos.length), "silo-count"),
    card("Live campaigns", String(campaigns.length), "live-campaigns"),
    card("Discount spent (live campaigns)", money(campaigns.reduce((sum, c) => sum + c.spent, 0)), "live-spent"),
    card("Last training run", lastRun ? `${lastRun.status}${lastRun.promoted ? ", promoted" : ""}` : "none yet", "last-run"),
  );
  document.getElementById("silos").append(table([
    ["Silo", (s) => s.silo],
    ["Provider", (s) => s.provider],
    ["Active", (s) => s.activeVersion],
    ["Shadow", (s) => s.shadowVersion],
    ["Rows scored", (s) => s.rows.toLocaleString("en-US"), "number"],
    // What learning reads: a silo whose log is off or unwritable neither logs nor explores its quotes.
    ["Decision log", (s) => s.decisionLog ? badge(s.decisionLog.state) : null],
    ["Decisions logged", (s) => s.decisionLog?.decisionsWritten.toLocaleString("en-US"), "number"],
    ["Rows lost", (s) => s.decisionLog?.rowsLost.toLocaleString("en-US"), "number"],
    ["Reported", (s) => time(s.reportedAt)],
  ], models.silos, { key: (s) => s.silo }));
  document.getElementById("campaigns").append(table([
    ["Campaign", (c) => c.definition.campaignId],
    ["State", (c) => badge(c.paused ? "paused" : "live")],
    ["Budget", (c) => money(c.definition.budget), "number"],
    ["Spent", (c) => money(c.spent), "number"],
    ["Planned by now", (c) => money(c.plannedSpend), "number"],
    ["Revenue", (c) => money(c.revenue), "number"],
  ], campaigns, { key: (c) => c.definition.campaignId, onSelect: (c) => location.assign(`campaigns.html?id=${encodeURIComponent(c.definition.campaignId)}`), empty: "No live campaign." }));
});
