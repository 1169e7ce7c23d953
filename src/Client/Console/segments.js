import { api, fairnessTable, header, money, percent, run, table } from "./console.js";

header("segments.html");

/** Per segment: quote lines, share discounted, mean discount, mean purchase probability and expected profit. */
export function bySegment(quotes) {
  const groups = new Map();
  for (const q of quotes) {
    const g = groups.get(q.segment) ?? { segment: q.segment, lines: 0, discounted: 0, discount: 0, probability: 0, profit: 0 };
    g.lines += 1;
    g.discounted += q.discount > 0 ? 1 : 0;
    g.discount += q.discount;
    g.probability += q.purchaseProbability;
    g.profit += q.expectedProfit;
    groups.set(q.segment, g);
  }
  return [...groups.values()].sort((a, b) => a.segment.localeCompare(b.segment));
}

run(async () => {
  const [quotes, learning] = await Promise.all([api("/api/v1/admin/quotes/recent?limit=500"), api("/api/v1/admin/learning")]);
  const segments = bySegment(quotes);
  document.getElementById("recent").replaceChildren(table([
    ["Segment", (g) => g.segment],
    ["Quote lines", (g) => g.lines, "number"],
    ["Discounted", (g) => percent(g.discounted / g.lines), "number"],
    ["Mean discount", (g) => percent(g.discount / g.lines), "number"],
    ["Mean P(buy)", (g) => percent(g.probability / g.lines, 2), "number"],
    ["Mean expected profit", (g) => money(g.profit / g.lines), "number"],
  ], segments, { key: (g) => g.segment, empty: "No quote yet." }));
  new Chart(document.getElementById("discounts"), {
    type: "bar",
    data: {
      labels: segments.map((g) => g.segment),
      datasets: [
        { label: "Mean discount (%)", data: segments.map((g) => 100 * g.discount / g.lines), backgroundColor: "#2457c5" },
        { label: "Discounted lines (%)", data: segments.map((g) => 100 * g.discounted / g.lines), backgroundColor: "#8fb0ef" },
      ],
    },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
  });
  const last = learning.runs.find((r) => r.status === "completed");
  const rows = last ? (await api(`/api/v1/admin/learning/runs/${encodeURIComponent(last.runId)}`)).fairness.filter((f) => f.dimension === "segment") : [];
  if (last) document.getElementById("fairness-title").textContent = `Held-out decisions of training run ${last.runId}`;
  document.getElementById("fairness").replaceChildren(fairnessTable(rows,
    [["Segment", (f) => f.group]], (f) => f.group, "No completed training run yet."));
});
