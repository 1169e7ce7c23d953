import { api, header, money, percent, run, table, time } from "./console.js";

header("quotes.html");

async function load() {
  const limit = document.getElementById("limit").value;
  const quotes = await api(`/api/v1/admin/quotes/recent?limit=${limit}`);
  document.getElementById("quotes").replaceChildren(table([
    ["At", (q) => time(q.at)],
    ["Customer", (q) => q.customerId],
    ["SKU", (q) => q.sku],
    ["List", (q) => money(q.listPrice), "number"],
    ["Quoted", (q) => money(q.price), "number"],
    ["Discount", (q) => percent(q.discount, 0), "number"],
    ["P(buy)", (q) => percent(q.purchaseProbability, 2), "number"],
    ["Expected profit", (q) => money(q.expectedProfit), "number"],
    ["Segment", (q) => q.segment],
    ["Campaign", (q) => q.campaign],
    ["Model", (q) => q.model],
    ["Reasons", (q) => q.reasons.join(", ")],
  ], quotes, { key: (q) => `${q.customerId}/${q.sku}/${q.at}`, empty: "No quote reported yet." }));
}

document.getElementById("refresh").addEventListener("click", () => run(load));
document.getElementById("limit").addEventListener("change", () => run(load));
run(load);
