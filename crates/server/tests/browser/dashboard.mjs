// The dashboard in real headless Chromium (Debian's), driven by Playwright:
//
//   node dashboard.mjs http://127.0.0.1:PORT/ OUTDIR
//
// Morocco's profile loads and shows the API's numbers, every chart draws data,
// changing a pole updates the page, a shared URL reproduces the view, back/forward
// step through the states, the compare and system views draw, an unknown state shows
// the API's error with suggestions, and screenshots show every chart drawn (coloured
// pixels inside each chart's box). Exits 1 at the first failed check; screenshots
// are left in OUTDIR. crates/cli/tests/dashboard.rs starts the server and runs this.

import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error("usage: node dashboard.mjs BASE_URL OUTDIR");
  process.exit(2);
}
const executablePath = process.env.MULTIPOLAR_CHROMIUM || "/usr/bin/chromium";
// The period is fixed so the checks do not move with the data's default period.
const PERIOD = "&from=1990&to=2019";
const TIMEOUT = 60_000;
const t0 = Date.now();

function check(ok, what) {
  if (!ok) throw new Error(`check failed: ${what}`);
  console.log(`ok   ${what}`);
}

function step(name) {
  console.log(`--   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

/** The API's answer, read by the test itself to compare with what the page shows. */
async function api(pathAndQuery) {
  const r = await fetch(new URL(pathAndQuery, base));
  check(r.ok, `GET ${pathAndQuery} answers ${r.status}`);
  return r.json();
}

/** The page's formatting of a number (two digits, a real minus sign). */
function num(v, digits = 2) {
  if (v == null) return "–";
  const s = Math.abs(v).toFixed(digits);
  return (v < 0 && Number(s) !== 0 ? "−" : "") + s;
}

/** Waits until `view` is shown and done loading; fails on an error state unless
 * `expect` is "error". */
async function settled(page, view, expect = "ready") {
  await page.waitForFunction((v) => {
    const m = document.querySelector("#main");
    return m && m.dataset.status !== "loading" && !document.querySelector(`#${v}-view`).hidden;
  }, view, { timeout: TIMEOUT });
  const status = await page.$eval("#main", (m) => m.dataset.status);
  const line = await page.$eval("#status", (s) => s.textContent);
  check(status === expect, `${view} view ${expect} (status: ${status} "${line}")`);
}

/** Every chart of a view: id, points and series drawn, box on the page. */
function charts(page, view) {
  return page.$$eval(`#${view}-view .chart`, (els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return {
      id: e.id, points: Number(e.dataset.points || 0), series: e.dataset.series || "",
      x: Math.round(r.x + scrollX), y: Math.round(r.y + scrollY), w: Math.round(r.width), h: Math.round(r.height),
    };
  }));
}

/** Everything a reader sees of the page state: to compare two loads of one URL. */
function snapshot(page) {
  return page.evaluate(() => ({
    title: document.querySelector("#profile-title")?.textContent,
    stance: document.querySelector("#stance")?.innerText,
    shifts: document.querySelectorAll("#shifts details").length,
    charts: [...document.querySelectorAll("main .chart")].filter((e) => e.offsetParent)
      .map((e) => `${e.id}:${e.dataset.points}:${e.dataset.series}`),
    inputs: ["#state", "#from", "#to"].map((s) => document.querySelector(s).value),
    poles: [...document.querySelectorAll("#pole-toggles [aria-pressed=true]")].map((b) => b.dataset.pole),
    show: document.querySelector("[data-show][aria-pressed=true]")?.dataset.show,
  }));
}

/** A full-page screenshot, and per chart of the view the pixels that are coloured
 * (not white, grey or black: the series, not axes and text), counted by decoding the
 * PNG on a blank page's canvas. */
async function screenshot(page, decoder, view, name, minColoured = 150) {
  const file = path.join(out, `${name}.png`);
  const png = await page.screenshot({ path: file, fullPage: true });
  const boxes = await charts(page, view);
  const counts = await decoder.evaluate(async ({ b64, boxes }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    return boxes.map((b) => {
      const d = g.getImageData(b.x, b.y, b.w, b.h).data;
      let coloured = 0;
      for (let i = 0; i < d.length; i += 4) {
        const hi = Math.max(d[i], d[i + 1], d[i + 2]);
        const lo = Math.min(d[i], d[i + 1], d[i + 2]);
        if (hi - lo > 60) coloured++;
      }
      return { id: b.id, coloured };
    });
  }, { b64: png.toString("base64"), boxes });
  console.log(`     ${file}: ${counts.map((c) => `${c.id} ${c.coloured}`).join(", ")}`);
  check(counts.length > 0, `${name}: the screenshot has charts`);
  for (const c of counts) check(c.coloured >= minColoured, `${name}: ${c.id} drawn (${c.coloured} coloured pixels)`);
}

fs.mkdirSync(out, { recursive: true });
const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(out, "chromium-")), {
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 900 },
  deviceScaleFactor: 1,
});
const problems = [];
function watch(page) {
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  return page;
}

try {
  const page = watch(await context.newPage());
  const decoder = await context.newPage();

  step("Morocco's profile");
  // The profile the page was answered: what it must show.
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/profile");
  await page.goto(new URL(`?state=MAR${PERIOD}`, base).href);
  const asked = new URL((await answer).url()).searchParams;
  check(asked.get("state") === "MAR" && asked.get("poles") === "USA,EU,CHN,RUS" && asked.get("from") === "1990"
    && asked.get("to") === "2019", `the page asked for ${asked}`);
  const mar = (await (await answer).json()).profile;
  await settled(page, "profile");
  const title = await page.textContent("#profile-title");
  check(title === "Morocco (MAR) between USA, EU, CHN, RUS · 1990–2019", `title "${title}"`);
  const drawn = await charts(page, "profile");
  const ids = drawn.map((c) => c.id);
  for (const c of mar.channels) {
    if (c.channel !== "ideal") check(ids.includes(`chart-${c.channel}`), `a chart for ${c.channel}`);
    if (c.leading.length) check(ids.includes(`chart-partners-${c.channel}`), `a partner chart for ${c.channel}`);
  }
  for (const id of ["chart-ideal", "chart-hedging"]) check(ids.includes(id), `a chart ${id}`);
  for (const c of drawn) check(c.points > 0 && c.w > 100 && c.h > 100, `${c.id} drew ${c.points} points`);
  // The charts draw the API's series: every value of a channel, one line per pole.
  for (const c of mar.channels.filter((c) => c.channel !== "ideal")) {
    const want = c.values.flat().filter((v) => v != null).length;
    const got = drawn.find((d) => d.id === `chart-${c.channel}`);
    if (want) check(got.points === want && got.series === "USA,EU,CHN,RUS", `chart-${c.channel}: ${got.points} = ${want} values`);
  }
  const ideal = mar.channels.find((c) => c.channel === "ideal");
  check(drawn.find((d) => d.id === "chart-ideal").points
    === [ideal.own, ...ideal.values].flat().filter((v) => v != null).length, "chart-ideal draws θ of MAR and the poles");
  // The stance table holds the API's recent values.
  const stance = await page.$$eval("#stance tbody tr", (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  check(stance.length === mar.recent.length, `stance: ${stance.length} channels`);
  mar.recent.forEach((r, i) => {
    check(JSON.stringify(stance[i].slice(2, 2 + r.values.length)) === JSON.stringify(r.values.map((v) => num(v))),
      `stance ${r.channel}: ${stance[i].slice(2, 6).join(" ")}`);
    check(stance[i].includes(r.stance), `stance ${r.channel}: "${r.stance}"`);
  });
  const coverage = await page.textContent(".coverage");
  for (const c of mar.coverage) check(coverage.includes(`to ${c.to} (${c.source})`), `coverage of ${c.channel} to ${c.to}`);
  check(await page.locator("#shifts details").count() === mar.shifts.length, `${mar.shifts.length} shifts listed`);
  await screenshot(page, decoder, "profile", "profile-MAR");

  step("a shift opened to its roll calls");
  const shift = mar.shifts.find((s) => s.channel === "un_agreement" && s.pole === "USA");
  check(shift, "the API has a UN agreement shift towards the USA");
  const det = page.locator(`#shifts details[data-channel=un_agreement][data-pole=USA][data-year="${shift.year}"]`).first();
  await det.locator("summary").click();
  const votes = shift.drivers.filter((d) => d.kind === "votes");
  check(await det.locator("table.drivers tbody tr").count() === votes.length, `${votes.length} resolutions behind the shift`);
  await det.locator(".rc-button").click();
  const align = await api(`api/v1/align?countries=MAR,USA&from=${shift.year}&to=${shift.year}&by=year&explain=true`);
  await det.locator(".rc tbody tr").first().waitFor({ timeout: TIMEOUT });
  check(await det.locator(".rc tbody tr").count() === align.rows.length, `${align.rows.length} roll calls where MAR and USA differed in ${shift.year}`);
  const group = page.locator("#shifts details[data-channel=un_agreement][data-pole=EU]").first();
  if (await group.count()) {
    await group.locator("summary").click();
    check(await group.locator(".rc-member option").count() > 1, "a group pole offers its members for the roll calls");
  }

  step("changing a pole");
  await page.click("#pole-toggles [data-pole=IND]");
  await settled(page, "profile");
  check(new URL(page.url()).searchParams.get("poles") === "USA,EU,CHN,RUS,IND", `URL ${page.url()}`);
  check((await page.textContent("#profile-title")).includes("between USA, EU, CHN, RUS, IND"), "title names IND");
  check((await page.$$eval("#stance thead th", (t) => t.map((x) => x.textContent))).includes("IND"), "stance has an IND column");
  const withInd = await charts(page, "profile");
  check(withInd.find((c) => c.id === "chart-un_kappa").series === "USA,EU,CHN,RUS,IND", "UN κ chart has an IND line");
  for (const c of withInd) check(c.points > 0, `${c.id} drew ${c.points} points`);
  await page.click("[data-show=lean]");
  await settled(page, "profile");
  check(new URL(page.url()).searchParams.get("show") === "lean", "lean view in the URL");

  step("the shared URL in a new page");
  const shared = page.url();
  const before = await snapshot(page);
  const other = watch(await context.newPage());
  await other.goto(shared);
  await settled(other, "profile");
  const after = await snapshot(other);
  check(JSON.stringify(after) === JSON.stringify(before), `the shared URL reproduces the view (${after.charts.length} charts)`);
  await other.close();

  step("back and forward");
  await page.goBack();
  await settled(page, "profile");
  check(new URL(page.url()).searchParams.get("show") === null, "back: measure view again");
  await page.goBack();
  await settled(page, "profile");
  check((await page.textContent("#profile-title")).includes("between USA, EU, CHN, RUS ·"), "back: the default poles again");
  await page.goForward();
  await settled(page, "profile");
  check((await page.textContent("#profile-title")).includes("IND"), "forward: IND again");
  await page.goBack();
  await settled(page, "profile");

  step("comparing MAR, DZA and EGY");
  await page.click("nav [data-view=compare]");
  await page.fill("#compare-states", "MAR,DZA,EGY");
  await page.click("#compare-form button[type=submit]");
  await settled(page, "compare");
  let cmp = (await charts(page, "compare"))[0];
  check(cmp.series === "MAR,DZA,EGY" && cmp.points > 30, `compare chart: ${cmp.series}, ${cmp.points} points`);
  check(await page.locator("#compare-table tbody tr").count() === 3, "compare table: three states");
  await page.selectOption("#compare-pole", "CHN");
  await settled(page, "compare");
  check((await page.textContent("#compare-view h3")).includes("CHN"), "compare: pole CHN");
  const url = new URL(page.url()).searchParams;
  check(url.get("view") === "compare" && url.get("compare") === "MAR,DZA,EGY" && url.get("pole") === "CHN", `URL ${page.url()}`);
  await screenshot(page, decoder, "compare", "compare");

  step("the system in 1975");
  await page.click("nav [data-view=system]");
  await page.fill("#system-year", "1975");
  await page.click("#system-form button[type=submit]");
  await settled(page, "system");
  const sys = await api("api/v1/system?year=1975");
  check(await page.locator("#blocs tbody tr").count() === sys.rows.length, `${sys.rows.length} blocs`);
  const sysCharts = await charts(page, "system");
  check(sysCharts.find((c) => c.id === "chart-blocs").points === sys.rows.length, "a bar per bloc");
  const pol = await api("api/v1/polarity?from=1816&to=2022");
  check(sysCharts.find((c) => c.id === "chart-polarity").points === pol.rows.length * 2, `polarity: ${pol.rows.length} years of CON and poles`);
  check((await page.textContent("#system-summary")).startsWith("1975:"), "system summary of 1975");
  await screenshot(page, decoder, "system", "system-1975");
  await page.click("#year-next");
  await settled(page, "system");
  check((await page.textContent("#system-summary")).startsWith("1976:"), "next year: 1976");

  check(problems.length === 0, `no page or console errors${problems.length ? `: ${problems.join("; ")}` : ""}`);

  step("an unknown state");
  await page.goto(new URL("?state=XXQ", base).href);
  await settled(page, "profile", "error");
  const err = await page.textContent("#profile-view .error");
  check(err.includes('unknown country "XXQ"'), `error shown: ${err}`);
  check(await page.locator("#profile-view .error .suggestion").count() > 0, "suggestions shown");

  console.log(`passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await context.close();
} catch (e) {
  console.error(e.stack || String(e));
  if (problems.length) console.error(problems.join("\n"));
  await context.close();
  process.exit(1);
}
