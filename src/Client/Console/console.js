// Shared by every console page: the navigation, calls to the admin API (the browser sends the management key it was
// signed in with), and DOM helpers that only ever set text, so ids and reasons from the API are never parsed as HTML.

const pages = [
  ["index.html", "Overview"],
  ["campaigns.html", "Campaigns"],
  ["models.html", "Models"],
  ["learning.html", "Learning"],
  ["segments.html", "Segments"],
  ["quotes.html", "Recent quotes"],
  ["products.html", "Products"],
];

/** Builds the header with the page links, the Orleans dashboard and the API page. */
export function header(current) {
  const bar = el("header", {}, el("strong", {}, "OrleansPricing"));
  const nav = el("nav");
  for (const [href, title] of pages) {
    const link = el("a", { href }, title);
    if (href === current) link.setAttribute("aria-current", "page");
    nav.append(link);
  }
  nav.append(el("a", { href: "/dashboard/", target: "_blank" }, "Orleans dashboard"));
  nav.append(el("a", { href: "/api-docs/", target: "_blank" }, "API"));
  bar.append(nav);
  document.body.prepend(bar);
}

/** Calls the API; throws an Error carrying the problem details' title and detail when the answer is not 2xx. */
export async function api(path, options = {}) {
  const init = { ...options, headers: { Accept: "application/json", ...(options.headers ?? {}) } };
  if (options.json !== undefined) {
    init.method = options.method ?? "POST";
    init.body = JSON.stringify(options.json);
    init.headers["Content-Type"] = "application/json";
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = body ?? {};
    throw new Error(`${response.status} ${problem.title ?? response.statusText}${problem.detail ? ": " + problem.detail : ""}`);
  }
  return body;
}

/** Creates an element; children are nodes or text (never HTML). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "onclick") node.addEventListener("click", value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/**
 * A table: columns are [title, value(row), className?]; a value may be a node. onSelect makes rows clickable.
 * Each row carries data-key = key(row) so tests and links can find it.
 */
export function table(columns, rows, { key, onSelect, empty = "Nothing yet." } = {}) {
  const head = el("tr", {}, columns.map(([title]) => el("th", {}, title)));
  const body = rows.map((row) => {
    const tr = el("tr", { "data-key": key ? key(row) : undefined, class: onSelect ? "selectable" : undefined },
      columns.map(([, value, className]) => el("td", { class: className }, value(row) ?? "—")));
    if (onSelect) tr.addEventListener("click", () => onSelect(row, tr));
    return tr;
  });
  if (rows.length === 0) body.push(el("tr", {}, el("td", { colspan: columns.length, class: "muted" }, empty)));
  return el("table", {}, el("thead", {}, head), el("tbody", {}, body));
}

/**
 * A training run's fairness rows (conversion and mean discounts by group); leading columns name the group, keyed as
 * `key` says. One home for the learning and segments pages.
 */
export function fairnessTable(rows, leading, key, empty) {
  return table([
    ...leading,
    ["Decisions", (f) => f.decisions, "number"],
    ["Conversion", (f) => percent(f.conversionRate), "number"],
    ["Mean discount logged", (f) => percent(f.loggedMeanDiscount), "number"],
    ["Active policy", (f) => percent(f.activeMeanDiscount), "number"],
    ["Candidate policy", (f) => percent(f.candidateMeanDiscount), "number"],
    // The disparity bounds weigh only groups of at least Learning:MinFairnessGroupDecisions held-out decisions.
    ["Judged by the bounds", (f) => f.judged ? "yes" : "no: reported only"],
  ], rows, { key, empty });
}

export function card(label, value, id) {
  return el("div", { class: "card", id }, el("div", { class: "label" }, label), el("div", { class: "value" }, value));
}

export function badge(text, kind = text) {
  return el("span", { class: `badge ${kind}` }, text);
}

export const money = (value) => value === null || value === undefined ? "—"
  : Number(value).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const percent = (value, digits = 1) => value === null || value === undefined ? "—" : `${(100 * value).toFixed(digits)}%`;
export const number = (value, digits = 3) => value === null || value === undefined ? "—" : Number(value).toFixed(digits);
export const time = (value) => value ? new Date(value).toISOString().replace("T", " ").slice(0, 19) + "Z" : "—";

/** Shows what an action did (or why it failed) in the page's status line. */
export function status(message, kind = "ok") {
  const line = document.getElementById("status");
  line.textContent = message;
  line.className = kind;
}

/** Runs a page's load function, reporting a failure in the status line instead of leaving a blank page. */
export async function run(load) {
  try {
    await load();
  } catch (error) {
    status(error.message, "error");
  }
}
