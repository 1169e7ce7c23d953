import { api, header, money, percent, run, table, time } from "./console.js";

header("products.html");
const pageSize = 50;
const cursors = [null]; // the `after` of each page seen so far; the last is the page shown
let next = null;

async function load() {
  const after = cursors[cursors.length - 1];
  const page = await api(`/api/v1/products?limit=${pageSize}${after ? `&after=${encodeURIComponent(after)}` : ""}`);
  next = page.next;
  document.getElementById("products").replaceChildren(table([
    ["SKU", (p) => p.sku],
    ["Category", (p) => p.category],
    ["List price", (p) => money(p.listPrice), "number"],
    ["Unit cost", (p) => money(p.unitCost), "number"],
    ["Floor price", (p) => money(p.floorPrice), "number"],
    ["Max discount", (p) => percent(p.maxDiscount, 0), "number"],
    ["On hand", (p) => p.inventory, "number"],
    ["Reserved", (p) => p.reserved, "number"],
    ["Available", (p) => p.available, "number"],
    ["Sold", (p) => p.unitsSold, "number"],
    ["Demand per day", (p) => p.demandPerDay.toFixed(2), "number"],
    ["Updated", (p) => time(p.updatedAt)],
  ], page.items, { key: (p) => p.sku, empty: "No product defined yet." }));
  document.getElementById("previous").disabled = cursors.length === 1;
  document.getElementById("next").disabled = next === null;
  document.getElementById("page-label").textContent = `Page ${cursors.length}`;
}

document.getElementById("next").addEventListener("click", () => { cursors.push(next); run(load); });
document.getElementById("previous").addEventListener("click", () => { cursors.pop(); run(load); });
run(load);
