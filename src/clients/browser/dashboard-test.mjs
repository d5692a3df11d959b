// The dashboard in a real headless browser: Debian's Chromium driven by Playwright.
//
//   NEUROMOD_URL=http://127.0.0.1:8080 node dashboard-test.mjs
//
// Checks that the page loads under its Content-Security-Policy without errors; that a session's
// plots show 50 trials run through the API, live, without a reload, within LIVE_LIMIT_MS of the last
// feedback; that a 100,000-trial session (made with batches) is ready within VIEW_LIMIT_MS; and that
// an experiment's results are plotted; and that a fit's estimates, model comparison and per-trial
// traces are shown once it is done. Screenshots go to BROWSER_ARTIFACTS (default target/browser).
// Exits non-zero on the first failure.
import { chromium } from "playwright-core";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = process.env.NEUROMOD_URL || "http://127.0.0.1:8080";
const artifacts = process.env.BROWSER_ARTIFACTS || "target/browser";
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const liveLimit = Number(process.env.LIVE_LIMIT_MS || 2000);
const viewLimit = Number(process.env.VIEW_LIMIT_MS || 2000);
const bigTrials = Number(process.env.BIG_TRIALS || 100000);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function api(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  check(response.ok, method + " " + path + " answered " + response.status + ": " + text.slice(0, 300));
  return text ? JSON.parse(text) : null;
}

// A seeded generator, so every run plays the same reversal task.
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The task: the good arm pays with probability 0.8, the others 0.2; it moves every `block` trials;
// stimulation (noradrenaline-like) in windows.
function rewardOf(trial, action, arms, block, random) {
  const good = Math.floor((trial - 1) / block) % arms;
  return random() < (action === good ? 0.8 : 0.2) ? 1.0 : 0.0;
}

async function runTrials(session, arms, trials) {
  const random = generator(7);
  for (let trial = 1; trial <= trials; trial++) {
    const stimulation = trial > 20 && trial <= 30 ? 0.05 : 0;
    const decision = await api("POST", "/sessions/" + session + "/act", { stimulation });
    check(decision.trial === trial, "act answered trial " + decision.trial + ", expected " + trial);
    await api("POST", "/sessions/" + session + "/feedback", {
      trial, reward: rewardOf(trial, decision.action, arms, 25, random),
    });
  }
}

async function batches(session, arms, trials) {
  const random = generator(11);
  const perBatch = 10000;
  for (let first = 1; first <= trials; first += perBatch) {
    const steps = [];
    for (let trial = first; trial < first + perBatch && trial <= trials; trial++) {
      const good = Math.floor((trial - 1) / 500) % arms;
      const step = { rewards: Array.from({ length: arms }, (_, arm) => (random() < (arm === good ? 0.8 : 0.2) ? 1 : 0)) };
      if (Math.floor((trial - 1) / 2500) % 4 === 3) step.stimulation = 0.05;
      steps.push(step);
    }
    await api("POST", "/sessions/" + session + "/batch", { firstTrial: first, steps });
  }
}

// A subject's inline trials on a two-arm reversal task: it mostly chooses the arm that paid last.
function fitTrials(seed, trials) {
  const random = generator(seed);
  const rows = [];
  let favourite = 0;
  for (let trial = 1; trial <= trials; trial++) {
    const action = random() < 0.8 ? favourite : 1 - favourite;
    const reward = rewardOf(trial, action, 2, 20, random);
    if (reward === 0 && random() < 0.5) favourite = 1 - favourite;
    rows.push({ action, reward });
  }
  return rows;
}

// POST /fits; the fit's address, from Location.
async function startFit(request) {
  const response = await fetch(base + "/fits", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request),
  });
  const text = await response.text();
  check(response.status === 202, "POST /fits answered " + response.status + ": " + text.slice(0, 300));
  const location = response.headers.get("location");
  check(location && location.includes("/fits/"), "POST /fits gave no Location: " + location);
  return location;
}

async function waitFor(page, selector, limit) {
  const started = Date.now();
  await page.waitForSelector(selector, { state: "attached", timeout: limit });
  return Date.now() - started;
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "neuromod-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1500, height: 1250 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"],
  });
  const problems = [];
  const results = {};
  try {
    const page = browser.pages()[0] || (await browser.newPage());
    page.on("pageerror", (error) => problems.push("page error: " + error.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push("console error: " + message.text());
    });

    // A live session: the page is open before its trials run.
    const session = await api("POST", "/sessions", {
      agent: "neuromodulated", arms: 3, seed: 17, labels: { subject: "m17", rig: "box3" },
    });
    const response = await page.goto(base + "/#session=" + session.id);
    const policy = response.headers()["content-security-policy"] || "";
    check(policy.includes("default-src 'none'") && policy.includes("script-src 'self'"),
      "the dashboard has no strict Content-Security-Policy: '" + policy + "'");
    await waitFor(page, "#session-view[data-ready='true']", 30000);
    check((await page.locator("#session-plots canvas").count()) >= 8, "the session's plots have no canvases");

    await runTrials(session.id, 3, 50);
    results.liveMillis = await waitFor(page, "#session-view[data-last-event='50:closed']", liveLimit);
    check((await page.getAttribute("#session-view", "data-trials")) === "50", "the plots do not show 50 trials");
    check((await page.locator("#sessions li[data-session='" + session.id + "']").count()) === 1,
      "the session is not listed");
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, "dashboard.png"), fullPage: true });

    // The label filter lists only matching sessions.
    const other = await api("POST", "/sessions", { agent: "boltzmann", arms: 2, labels: { subject: "m18" } });
    await page.fill("#label-filter", "subject:m17");
    await page.click("#session-filter button");
    await page.waitForFunction((ids) => {
      const items = [...document.querySelectorAll("#sessions li")];
      return items.some((li) => li.dataset.session === ids[0]) && !items.some((li) => li.dataset.session === ids[1])
        && items.every((li) => li.textContent.includes("subject:m17"));
    }, [session.id, other.id], { timeout: 10000 });

    // A long session, made fast with batches, then opened in a fresh page load.
    const big = await api("POST", "/sessions", {
      agent: "neuromodulated", arms: 2, seed: 5, labels: { subject: "long-run" },
    });
    const madeAt = Date.now();
    await batches(big.id, 2, bigTrials);
    results.batchSeconds = (Date.now() - madeAt) / 1000;
    const loading = Date.now();
    await page.goto(base + "/?view=long#session=" + big.id);
    await page.waitForSelector("#session-view[data-ready='true'][data-trials='" + bigTrials + "']",
      { state: "attached", timeout: viewLimit });
    results.longViewMillis = Date.now() - loading;
    check((await page.locator("#session-plots canvas").count()) >= 8, "the long session's plots have no canvases");
    results.longViewPoints = Number(await page.getAttribute("#session-view", "data-points"));
    check(results.longViewPoints <= 4000, "the long session was not decimated: " + results.longViewPoints + " points");
    await page.screenshot({ path: join(artifacts, "dashboard-long.png"), fullPage: true });

    // An experiment's results, run from the page.
    await page.goto(base + "/?view=experiment#experiment");
    await page.fill("#experiment-json", JSON.stringify({
      environment: "paper-bandit", seeds: 4, seed: 1,
      agents: [{ label: "nm", agent: "neuromodulated", parameters: {} }, { label: "boltzmann", agent: "boltzmann", parameters: {} }],
    }));
    await page.click("#experiment-form button[type='submit']");
    await waitFor(page, "#experiment-view[data-ready='true'][data-agents='2']", 120000);
    check((await page.locator("#experiment-plots canvas").count()) >= 3, "the experiment's plots have no canvases");
    await page.screenshot({ path: join(artifacts, "experiment.png"), fullPage: true });

    // A small boltzmann fit of two subjects' inline trials, opened by its address from the page.
    const boltzmannFree = { learningRate: { minimum: 0.01, maximum: 0.99 }, temperature: { minimum: 0.01, maximum: 5 } };
    const fitSubjects = [
      { label: "s1", arms: 2, trials: fitTrials(21, 40) },
      { label: "s2", arms: 2, trials: fitTrials(22, 40) },
    ];
    const fitAddress = await startFit({ agent: "boltzmann", free: boltzmannFree, starts: 3, seed: 3, subjects: fitSubjects });
    const fitStarted = Date.now();
    await page.goto(base + "/?view=fit#fit");
    await page.fill("#fit-id", new URL(fitAddress, base).href);
    await page.click("#fit-form button[type='submit']");
    await waitFor(page, "#fit-view[data-ready='true']", 120000);
    check((await page.getAttribute("#fit-view", "data-status")) === "done",
      "the fit ended " + (await page.getAttribute("#fit-view", "data-status")) + ": " + (await page.textContent("#fit-status")));
    results.fitMillis = Date.now() - fitStarted;
    check((await page.getAttribute("#fit-view", "data-subjects")) === "2", "the fit view shows no two subjects");
    check((await page.getAttribute("#fit-view", "data-estimates")) === "4", "the fit view shows no four estimates");
    check((await page.locator("#fit-table tbody tr").count()) === 2, "the estimates table has no row per subject");
    const estimateCell = await page.textContent("#fit-table tbody tr:first-child td:nth-child(4)");
    check(/^-?\d+\.\d+ ± /.test(estimateCell), "the estimates table shows no estimate ± standard error: " + estimateCell);
    check(await page.locator("#fit-comparison").isHidden(), "a fit of one model shows a model comparison");
    await waitFor(page, "#fit-view[data-trace='s1'][data-trials='40']", 30000);
    check((await page.locator("#fit-plots canvas").count()) >= 4, "the fit's trace plots have no canvases");
    check((await page.getAttribute("#fit-view", "data-plots")) === "4", "the fit view has no four trace plots");
    await page.screenshot({ path: join(artifacts, "fit.png"), fullPage: true });
    await page.selectOption("#fit-subject", "1");
    await waitFor(page, "#fit-view[data-trace='s2'][data-trials='40']", 30000);

    // Two models compared on the same subjects, opened by the fragment #fit=<id>.
    const comparedAddress = await startFit({
      models: [
        { label: "softmax", agent: "boltzmann", free: boltzmannFree },
        { label: "greedy", agent: "epsilon-greedy",
          free: { epsilon: { minimum: 0.01, maximum: 0.99 }, learningRate: { minimum: 0.01, maximum: 0.99 } } },
      ],
      starts: 2, seed: 4, subjects: fitSubjects,
    });
    const comparedId = comparedAddress.substring(comparedAddress.lastIndexOf("/") + 1);
    await page.goto(base + "/?view=compared#fit=" + comparedId);
    await waitFor(page, "#fit-view[data-ready='true'][data-status='done']", 120000);
    check((await page.getAttribute("#fit-view", "data-subjects")) === "4", "the comparison shows no four subject fits");
    check((await page.getAttribute("#fit-view", "data-models")) === "2", "the comparison table has no two models");
    check((await page.locator("#fit-comparison tbody tr").count()) === 2, "the comparison table has no row per model");
    await waitFor(page, "#fit-view[data-trace='s1'][data-trials='40']", 30000);
    await page.screenshot({ path: join(artifacts, "fit-comparison.png"), fullPage: true });

    check(problems.length === 0, "the page reported problems:\n" + problems.join("\n"));
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  writeFileSync(join(artifacts, "timings.json"), JSON.stringify(results, null, 2) + "\n");
  console.log("dashboard-test: passed " + JSON.stringify(results));
}

main().catch((error) => {
  console.error("dashboard-test: FAILED: " + error.message);
  process.exit(1);
});
