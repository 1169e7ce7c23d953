import { api, badge, card, fairnessTable, header, money, number, percent, run, status, table, time } from "./console.js";

header("learning.html");

// A refresh activates a new version too (the active kind learned again), but no candidate beat the active one: the
// page counts and marks the two apart.
const change = (r) => r.refreshed ? badge("refreshed", "promoted") : r.promoted ? badge("promoted") : null;

const interval = (r) => r.profitDifference === null ? "—"
  : `${number(r.profitDifference)} [${number(r.profitDifferenceLower)}, ${number(r.profitDifferenceUpper)}]`;

// While a run is running the page reloads the runs every 2 s, so its progress (its reason) and its end show as they come.
const refreshMs = 2000;
let refresh = null;
let selected = null;
let running = null;

async function load() {
  clearTimeout(refresh);
  const view = await api("/api/v1/admin/learning");
  running = view.runs.find((r) => r.status === "running")?.runId ?? null;
  document.getElementById("cancel").disabled = running === null;
  if (running !== null) refresh = setTimeout(() => run(load), refreshMs);
  const completed = view.runs.filter((r) => r.status === "completed");
  document.getElementById("cards").replaceChildren(
    card("Model pricing quotes", view.activeModel ?? "none", "active-model"),
    card("Runs shown", String(view.runs.length), "run-count"),
    card("Promotions among them", String(view.runs.filter((r) => r.promoted && !r.refreshed).length), "promotions"),
    card("Refreshes of the active kind", String(view.runs.filter((r) => r.refreshed).length), "refreshes"),
    card("Last completed run", completed[0] ? time(completed[0].finishedAt) : "none yet"),
    card("Scheduled run skipped", view.lastSkipped == null ? "none since the last run" :
      `${time(view.lastSkipped.at)}: ${view.lastSkipped.newDecisions} new decisions since ${view.lastSkipped.sinceRunId}, ${view.lastSkipped.minNewDecisions} needed`, "schedule-skip"),
  );
  document.getElementById("runs").replaceChildren(table([
    ["Run", (r) => r.runId],
    ["Status", (r) => [badge(r.status), change(r)]],
    ["Trigger", (r) => r.trigger],
    ["Started", (r) => time(r.startedAt)],
    ["Finished", (r) => time(r.finishedAt)],
    ["Decisions (train / held out)", (r) => `${r.trainingDecisions} / ${r.heldOutDecisions}`, "number"],
    ["Candidate", (r) => r.candidateModel],
    ["Profit per decision vs active [interval]", interval, "number"],
    ["Why", (r) => r.reason],
  ], view.runs, { key: (r) => r.runId, onSelect: (r) => show(r.runId), empty: "No training run yet." }));
  if (selected !== null) await show(selected);
}

async function show(runId) {
  selected = runId;
  const r = await api(`/api/v1/admin/learning/runs/${encodeURIComponent(runId)}`);
  for (const row of document.querySelectorAll("#runs tr[data-key]")) row.classList.toggle("selected", row.dataset.key === runId);
  document.getElementById("detail").hidden = false;
  document.getElementById("detail-title").replaceChildren(`Run ${r.runId} `, badge(r.status), change(r) ?? "");
  document.getElementById("detail-reason").textContent =
    `${r.reason ?? ""} List-price profit per decision: ${money(r.listPriceProfit)}. Profit difference: ${interval(r)}.`;
  const t = r.trial;
  document.getElementById("detail-trial").textContent = t == null ? "" :
    `Trial of ${t.shadowModel}: its quotes earned ${number(t.shadowProfitPerLine)} a line over ${t.shadowLines} lines, the active version's ` +
    `${number(t.activeProfitPerLine)} over ${t.activeLines}; difference over the lines the arm decided ${number(t.difference)} [${number(t.differenceLower)}, ${number(t.differenceUpper)}].`;
  const x = r.exploration;
  document.getElementById("detail-exploration").textContent = x == null ? "" :
    `Exploration: ${x.explored} of ${x.decisions} decisions (${percent(x.share)}) were exploration draws; by the pricing models' own ` +
    `estimates they gave up ${money(x.estimatedCost)} of expected profit, ${number(x.costPerDecision)} a decision.` +
    (x.heldOutDraws > 0 ? ` On the ${x.heldOutDraws} held-out draws, a draw: ${number(x.heldOutServingCost / x.heldOutDraws)} by the ` +
      `serving models' estimate (high: the level replaced was their own best), ${number(x.heldOutCandidateCost / x.heldOutDraws)} ` +
      `by the run's first candidate, trained on older decisions.` : "");
  // Where the run's time went (so far, while it runs): each step with the wall-clock seconds since the run began.
  const steps = r.steps ?? [];
  document.getElementById("steps").replaceChildren(table([
    ["Since the start", (s) => `${number(s.atSeconds, 1)} s`, "number"],
    ["Until the next step", (s) => {
      const next = steps[steps.indexOf(s) + 1];
      return next ? `${number(next.atSeconds - s.atSeconds, 1)} s` : "—";
    }, "number"],
    ["Step", (s) => s.step],
  ], steps, { key: (s) => String(steps.indexOf(s)), empty: r.status === "running" ? "No steps reported yet." : "Not kept: the newest 10 runs keep their steps." }));
  document.getElementById("candidates").replaceChildren(table([
    ["Role", (p) => p.role],
    ["Model", (p) => p.model],
    ["Profit (SNIPS)", (p) => number(p.selfNormalizedIps), "number"],
    ["Profit (doubly robust)", (p) => number(p.doublyRobust), "number"],
    ["Effective sample", (p) => number(p.effectiveSampleSize, 1), "number"],
    ["Agreeing decisions", (p) => p.agreeingDecisions, "number"],
    ["Mean discount", (p) => percent(p.meanDiscount), "number"],
    ["AUC", (p) => number(p.auc), "number"],
    ["Log-loss", (p) => number(p.logLoss), "number"],
  ], r.candidates, { key: (p) => p.model }));
  // Every line the same discount: the plainest alternative to personal prices, judged on the same decisions.
  document.getElementById("coupons").replaceChildren(table([
    ["Coupon", (c) => percent(c.discount)],
    ["Profit (SNIPS)", (c) => number(c.selfNormalizedIps), "number"],
    ["Profit (doubly robust)", (c) => number(c.doublyRobust), "number"],
    ["Effective sample", (c) => number(c.effectiveSampleSize, 1), "number"],
    ["Mean discount", (c) => percent(c.meanDiscount), "number"],
    ["Active policy over it [interval]", (c) => `${number(c.activeDifference)} [${number(c.activeDifferenceLower)}, ${number(c.activeDifferenceUpper)}]`, "number"],
    ["Shown better", (c) => c.shownBetter === "active" ? "the active policy" : c.shownBetter === "coupon" ? "the coupon" : "neither"],
  ], r.blanketCoupons ?? [], { key: (c) => String(c.discount), empty: "No held-out decisions judged." }));
  document.getElementById("fairness").replaceChildren(fairnessTable(r.fairness,
    [["Dimension", (f) => f.dimension], ["Group", (f) => f.group]], (f) => `${f.dimension}:${f.group}`,
    r.status === "completed" && r.heldOutDecisions > 0 ? "Not kept: the newest 10 runs keep their fairness tables." : "No fairness table: the run judged no decisions."));
}

document.getElementById("start").addEventListener("click", async () => {
  try {
    const started = await api("/api/v1/admin/learning/runs", { method: "POST" });
    status(`Training run ${started.runId} started.`);
    await load();
  } catch (error) {
    status(error.message, "error");
  }
});
document.getElementById("cancel").addEventListener("click", async () => {
  try {
    await api(`/api/v1/admin/learning/runs/${encodeURIComponent(running)}/cancel`, { method: "POST" });
    status(`Training run ${running}: cancelling; it stops at its next check and serving is unchanged.`);
    await load();
  } catch (error) {
    status(error.message, "error");
  }
});
run(load);
