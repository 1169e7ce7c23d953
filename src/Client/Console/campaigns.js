import { api, badge, card, el, header, money, number, percent, run, status, table, time } from "./console.js";

header("campaigns.html");
let chart;

function stateOf(campaign) {
  if (new Date(campaign.definition.end) <= new Date()) return "ended";
  return campaign.paused ? "paused" : "live";
}

async function load() {
  const campaigns = await api("/api/v1/admin/campaigns");
  const list = document.getElementById("list");
  list.replaceChildren(table([
    ["Campaign", (c) => c.definition.campaignId],
    ["State", (c) => badge(stateOf(c))],
    ["Window", (c) => `${time(c.definition.start)} → ${time(c.definition.end)}`],
    ["Budget", (c) => money(c.definition.budget), "number"],
    ["Spent", (c) => money(c.spent), "number"],
    ["Planned by now", (c) => money(c.plannedSpend), "number"],
    ["Revenue", (c) => money(c.revenue), "number"],
    ["Units", (c) => c.units, "number"],
  ], campaigns, { key: (c) => c.definition.campaignId, onSelect: (c) => show(c.definition.campaignId), empty: "No campaign defined yet." }));
  const wanted = new URLSearchParams(location.search).get("id");
  if (wanted) await show(wanted);
}

async function show(id) {
  const c = await api(`/api/v1/admin/campaigns/${encodeURIComponent(id)}`);
  history.replaceState(null, "", `?id=${encodeURIComponent(id)}`);
  for (const row of document.querySelectorAll("#list tr[data-key]")) row.classList.toggle("selected", row.dataset.key === id);
  const d = c.definition;
  document.getElementById("detail").hidden = false;
  document.getElementById("detail-title").replaceChildren(d.campaignId, " ", badge(stateOf(c)));
  document.getElementById("pause").onclick = () => act(id, "pause");
  document.getElementById("resume").onclick = () => act(id, "resume");
  document.getElementById("pause").disabled = c.paused;
  document.getElementById("resume").disabled = !c.paused;
  document.getElementById("detail-cards").replaceChildren(
    card("Budget", money(d.budget)),
    card("Spent", money(c.spent), "spent"),
    card("Planned by now", money(c.plannedSpend), "planned"),
    card("Leased to silos", money(c.leased), "leased"),
    card("Held for open quotes", money(c.reservedForOpenQuotes)),
    card("Available", money(c.available), "available"),
    card("Revenue target", d.revenueTarget === null ? "none" : money(d.revenueTarget)),
  );
  drawPacing(c);
  const treated = 1 - d.holdoutFraction;
  document.getElementById("arms").replaceChildren(table([
    ["Arm", (a) => a.arm],
    ["Share of customers", (a) => percent(a.share), "number"],
    ["Conversions", (a) => a.conversions, "number"],
    ["Revenue", (a) => money(a.revenue), "number"],
    ["Revenue per share point", (a) => a.share > 0 ? money(a.revenue / (100 * a.share)) : "—", "number"],
  ], [
    { arm: "treatment", share: treated, conversions: c.treatmentConversions, revenue: c.revenue },
    { arm: "holdout", share: d.holdoutFraction, conversions: c.holdoutConversions, revenue: c.holdoutRevenue },
  ], { key: (a) => a.arm }));
  const duals = [
    { name: "λ (discount budget)", value: c.duals.lambda },
    { name: "ν (revenue target)", value: c.duals.nu },
    ...Object.entries(c.duals.mu).map(([sku, value]) => ({ name: `μ ${sku} (unit limit)`, value })),
  ];
  document.getElementById("duals").replaceChildren(table([
    ["Price", (p) => p.name], ["Value", (p) => number(p.value, 4), "number"],
  ], duals, { key: (p) => p.name }));
  document.getElementById("leases").replaceChildren(table([
    ["Silo", ([holder]) => holder], ["Leased", ([, amount]) => money(amount), "number"],
  ], Object.entries(c.leasesByHolder), { key: ([holder]) => holder, empty: "No silo holds a lease." }));
}

/** Spend so far (the campaign's recorded history) against the even plan that finishes 5% of the window early. */
function drawPacing(c) {
  const d = c.definition;
  const start = Date.parse(d.start), end = Date.parse(d.end);
  const planEnd = start + 0.95 * (end - start);
  const history = (c.spendHistory ?? []).map((p) => ({ x: Date.parse(p.at), y: p.spent }));
  if (history.length === 0 || history[0].x > start) history.unshift({ x: start, y: 0 });
  const data = {
    datasets: [
      { label: "Planned spend", data: [{ x: start, y: 0 }, { x: planEnd, y: d.budget }, { x: end, y: d.budget }], borderDash: [6, 4], borderColor: "#8a94a8", pointRadius: 0 },
      { label: "Spent", data: history, borderColor: "#2457c5", backgroundColor: "#2457c5", stepped: true, pointRadius: 2 },
    ],
  };
  const options = {
    animation: false, maintainAspectRatio: false, parsing: true,
    scales: {
      x: { type: "linear", min: start, max: end, ticks: { callback: (v) => new Date(v).toISOString().slice(5, 16).replace("T", " ") } },
      y: { beginAtZero: true, title: { display: true, text: "discount spend" } },
    },
  };
  chart?.destroy();
  chart = new Chart(document.getElementById("pacing"), { type: "line", data, options });
}

async function act(id, action) {
  try {
    await api(`/api/v1/admin/campaigns/${encodeURIComponent(id)}/${action}`, { method: "POST" });
    status(`Campaign ${id}: ${action === "pause" ? "paused" : "resumed"}.`);
    await load();
    await show(id);
  } catch (error) {
    status(error.message, "error");
  }
}

run(load);
