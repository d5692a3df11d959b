// The live view of neuromod-agents: sessions, per-session plots that follow the event stream, and
// experiment results. Read-only; every chart is drawn by uPlot. The page exposes what it plots as
// data attributes of its sections (data-ready, data-trials, data-last-event) for tests and tools.
"use strict";

(function () {
  const PLOT_POINTS = 2000;
  const REDRAW_MILLIS = 100;
  const PALETTE = ["#2f6db5", "#d0582a", "#2a9d5c", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d", "#b7950b"];
  const SERIES = ["action", "reward", "stimulation", "actionProbability", "predictionError", "logLikelihood",
    "learningRate", "temperature", "expectedUncertainty", "unexpectedUncertainty"];

  const $ = (id) => document.getElementById(id);

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function getJson(url, options) {
    const response = await fetch(url, Object.assign({ headers: { Accept: "application/json" } }, options));
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((body && (body.detail || body.title)) || response.status + " " + response.statusText);
    }
    return body;
  }

  // ---- Sessions list: newest first, filtered by labels written name:value ----

  const SESSION_PAGE = 50;

  function labelQuery() {
    const words = $("label-filter").value.trim().split(/[\s,]+/).filter((w) => w.length > 0);
    return words.map((w) => "label=" + encodeURIComponent(w)).join("&");
  }

  async function loadSessions() {
    const filter = labelQuery();
    const base = "/sessions?" + (filter ? filter + "&" : "");
    try {
      const head = await getJson(base + "offset=0&limit=1");
      const offset = Math.max(0, head.total - SESSION_PAGE);
      const page = head.total > 1 ? await getJson(base + "offset=" + offset + "&limit=" + SESSION_PAGE) : head;
      const list = $("sessions");
      list.replaceChildren();
      page.items.slice().reverse().forEach((session) => list.appendChild(sessionItem(session)));
      $("sessions-status").textContent = head.total + " session" + (head.total === 1 ? "" : "s")
        + (head.total > SESSION_PAGE ? ", the newest " + SESSION_PAGE + " shown" : "");
    } catch (error) {
      $("sessions-status").textContent = "Sessions could not be listed: " + error.message;
    }
  }

  function labelText(labels) {
    return Object.entries(labels || {}).map(([k, v]) => k + ":" + v).join(" ");
  }

  function sessionItem(session) {
    const item = element("li");
    item.dataset.session = session.id;
    if (current && current.id === session.id) item.classList.add("selected");
    item.appendChild(element("div", "id", session.id));
    item.appendChild(element("div", "meta", session.agent + ", " + session.arms + " arms, " + session.trials
      + " trials" + (labelText(session.labels) ? ", " + labelText(session.labels) : "")));
    item.appendChild(element("div", "meta", "created " + session.createdAt));
    item.addEventListener("click", () => { location.hash = "session=" + session.id; });
    return item;
  }

  // ---- One session: columns of plot data, extended by stream events ----

  let current = null;

  function emptyColumns(arms) {
    const columns = { trial: [], values: [] };
    SERIES.forEach((name) => { columns[name] = []; });
    for (let arm = 0; arm < arms; arm++) columns.values.push([]);
    return columns;
  }

  function numberOrNull(value) {
    return typeof value === "number" && isFinite(value) ? value : null;
  }

  // A trial record of the event stream as one row of the columns (the plot endpoint's series).
  function rowOf(record) {
    const signals = record.signals || {};
    return {
      trial: record.trial,
      action: record.action,
      reward: numberOrNull(record.reward),
      stimulation: record.stimulation,
      actionProbability: numberOrNull(record.actionProbability),
      predictionError: numberOrNull(record.predictionError),
      logLikelihood: numberOrNull(record.logLikelihood),
      learningRate: numberOrNull(signals.learningRate),
      temperature: numberOrNull(signals.temperature),
      expectedUncertainty: numberOrNull(signals.expectedUncertainty),
      unexpectedUncertainty: numberOrNull(signals.unexpectedUncertainty),
      values: (signals.values || []).map(numberOrNull),
    };
  }

  function putRow(columns, row) {
    const last = columns.trial.length - 1;
    let at = columns.trial.length;
    if (last >= 0 && columns.trial[last] === row.trial) {
      at = last; // the open trial, now closed
    } else if (last >= 0 && columns.trial[last] > row.trial) {
      return;
    }
    columns.trial[at] = row.trial;
    SERIES.forEach((name) => { columns[name][at] = row[name]; });
    columns.values.forEach((series, arm) => { series[at] = arm < row.values.length ? row.values[arm] : null; });
  }

  // Stimulation windows as shaded bands behind every plot of the session.
  function stimulationBands(columns) {
    const bands = [];
    let start = null;
    for (let i = 0; i < columns.trial.length; i++) {
      const on = columns.stimulation[i] > 0;
      if (on && start === null) start = columns.trial[i];
      if (!on && start !== null) { bands.push([start, columns.trial[i]]); start = null; }
    }
    if (start !== null) bands.push([start, columns.trial[columns.trial.length - 1] + 1]);
    return bands;
  }

  function shadingPlugin(view) {
    return {
      hooks: {
        drawClear: (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.fillStyle = getComputedStyle(document.documentElement).getPropertyValue("--stimulation") || "rgba(230,140,20,0.16)";
          view.bands.forEach(([from, to]) => {
            const left = u.valToPos(from - 0.5, "x", true);
            const right = u.valToPos(to - 0.5, "x", true);
            ctx.fillRect(left, u.bbox.top, Math.max(1, right - left), u.bbox.height);
          });
          ctx.restore();
        },
      },
    };
  }

  function line(label, color, extra) {
    return Object.assign({ label: label, stroke: color, width: 1.5, spanGaps: false, points: { show: false } }, extra);
  }

  function dots(label, color) {
    return { label: label, stroke: color, fill: color, paths: () => null, points: { show: true, size: 5, fill: color } };
  }

  // The plots of a session: each a title, its series and how to take them from the columns.
  function plotSpecs(arms) {
    const armSeries = [];
    for (let arm = 0; arm < arms; arm++) armSeries.push(line("value " + arm, PALETTE[arm % PALETTE.length]));
    return [
      {
        key: "raster", title: "Choices and rewards (trial × arm)",
        series: [dots("rewarded", "#2a9d5c"), dots("not rewarded", "#c0392b"), dots("open / no response", "#9aa5b1")],
        axisY: { label: "arm", splits: () => Array.from({ length: arms }, (_, arm) => arm) },
        data: (c) => [
          c.action.map((a, i) => (c.reward[i] !== null && c.reward[i] > 0 ? a : null)),
          c.action.map((a, i) => (c.reward[i] !== null && c.reward[i] <= 0 ? a : null)),
          c.action.map((a, i) => (c.reward[i] === null ? a : null)),
        ],
        range: [-0.5, arms - 0.5],
      },
      {
        key: "probability",
        title: "Probability of the choice (shadow mode: the model's, of the subject's choice)",
        series: [line("P(action)", PALETTE[0])], data: (c) => [c.actionProbability], range: [0, 1],
      },
      { key: "learningRate", title: "Learning rate (ACh)", series: [line("learning rate", PALETTE[2])], data: (c) => [c.learningRate] },
      { key: "temperature", title: "Temperature (NA)", series: [line("temperature", PALETTE[1])], data: (c) => [c.temperature] },
      {
        key: "uncertainty", title: "Expected and unexpected uncertainty",
        series: [line("expected", PALETTE[3]), line("unexpected", PALETTE[4])],
        data: (c) => [c.expectedUncertainty, c.unexpectedUncertainty],
      },
      { key: "predictionError", title: "Prediction error (DA)", series: [line("prediction error", PALETTE[5])], data: (c) => [c.predictionError] },
      { key: "values", title: "Values per arm", series: armSeries, data: (c) => c.values },
      { key: "logLikelihood", title: "Running log-likelihood", series: [line("log-likelihood", PALETTE[6])], data: (c) => [c.logLikelihood] },
    ];
  }

  function plotWidth(container) {
    const width = container.clientWidth || 600;
    return Math.max(360, Math.floor(width) - 8);
  }

  function buildPlots(view) {
    const container = $("session-plots");
    container.replaceChildren();
    view.plots = view.specs.map((spec) => {
      const box = element("div", "plot");
      box.dataset.plot = spec.key;
      box.appendChild(element("h3", null, spec.title));
      container.appendChild(box);
      const options = {
        width: 520, height: 180,
        cursor: { sync: { key: "session-" + view.id } },
        legend: { live: true },
        scales: { x: { time: false }, y: spec.range ? { range: spec.range } : { auto: true } },
        axes: [{ label: "trial" }, Object.assign({ size: 64 }, spec.axisY || {})],
        series: [{ label: "trial" }].concat(spec.series),
        plugins: [shadingPlugin(view)],
      };
      const chart = new uPlot(options, [view.columns.trial].concat(spec.data(view.columns)), box);
      chart.setSize({ width: plotWidth(box), height: 180 });
      return { spec: spec, chart: chart, box: box };
    });
  }

  function redraw(view) {
    view.bands = stimulationBands(view.columns);
    view.plots.forEach((plot) => plot.chart.setData([view.columns.trial].concat(plot.spec.data(view.columns))));
    const section = $("session-view");
    const trials = view.columns.trial.length ? view.columns.trial[view.columns.trial.length - 1] : 0;
    section.dataset.trials = String(trials);
    section.dataset.points = String(view.columns.trial.length);
    section.dataset.lastEvent = view.lastEventId || "";
    $("session-note").textContent = view.trialsPerBucket > 1
      ? "Trials up to " + view.bucketedThrough + " are shown as the smallest and largest value of every "
        + view.trialsPerBucket + " trials (their most frequent choice in the raster); later trials one by one."
      : "";
  }

  function scheduleRedraw(view) {
    if (view.redrawPending) return;
    view.redrawPending = true;
    setTimeout(() => {
      view.redrawPending = false;
      if (current === view) redraw(view);
    }, REDRAW_MILLIS);
  }

  function follow(view) {
    const query = view.lastEventId ? "?after=" + encodeURIComponent(view.lastEventId) : "";
    const source = new EventSource("/sessions/" + view.id + "/events" + query);
    view.source = source;
    source.addEventListener("open", () => { $("stream-status").textContent = "live"; });
    source.addEventListener("trial", (event) => {
      putRow(view.columns, rowOf(JSON.parse(event.data)));
      view.lastEventId = event.lastEventId;
      scheduleRedraw(view);
    });
    source.addEventListener("error", () => {
      // EventSource reconnects by itself with Last-Event-ID; a deleted session ends the stream for good
      $("stream-status").textContent = source.readyState === EventSource.CLOSED ? "stream ended" : "reconnecting…";
    });
  }

  function closeSession() {
    if (current && current.source) current.source.close();
    current = null;
  }

  async function openSession(id) {
    closeSession();
    const section = $("session-view");
    section.hidden = false;
    $("experiment-view").hidden = true;
    section.dataset.ready = "false";
    section.dataset.trials = "0";
    section.dataset.lastEvent = "";
    $("session-title").textContent = "Session " + id;
    $("stream-status").textContent = "";
    const view = { id: id, plots: [], bands: [], redrawPending: false };
    current = view;
    document.querySelectorAll("#sessions li").forEach((li) => li.classList.toggle("selected", li.dataset.session === id));
    try {
      const session = await getJson("/sessions/" + id);
      const plot = await getJson("/sessions/" + id + "/plot?points=" + PLOT_POINTS);
      if (current !== view) return;
      view.session = session;
      view.lastEventId = plot.lastEventId;
      view.trialsPerBucket = plot.trialsPerBucket;
      view.bucketedThrough = plot.trials;
      view.columns = emptyColumns(plot.arms);
      Object.keys(plot.series).forEach((name) => { view.columns[name] = plot.series[name]; });
      view.columns.values = plot.values;
      $("session-details").textContent = session.agent + ", " + session.arms + " arms, seed " + session.seed
        + (labelText(session.labels) ? ", " + labelText(session.labels) : "") + ", created " + session.createdAt;
      view.specs = plotSpecs(plot.arms);
      view.bands = stimulationBands(view.columns);
      buildPlots(view);
      redraw(view);
      section.dataset.ready = "true";
      follow(view);
    } catch (error) {
      $("session-note").textContent = "The session could not be shown: " + error.message;
    }
  }

  async function downloadCsv() {
    if (!current) return;
    const response = await fetch("/sessions/" + current.id + "/trials", { headers: { Accept: "text/csv" } });
    if (!response.ok) {
      $("stream-status").textContent = "CSV download failed: " + response.status;
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = element("a");
    link.href = url;
    link.download = "session-" + current.id + "-trials.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  window.addEventListener("resize", () => {
    if (current) current.plots.forEach((plot) => plot.chart.setSize({ width: plotWidth(plot.box), height: 180 }));
  });

  // ---- Experiment results: regret curves and switch-aligned signals of every agent ----

  const EXAMPLE_EXPERIMENT = {
    environment: "paper-bandit", seeds: 20, seed: 1,
    agents: [
      { label: "nm", agent: "neuromodulated", parameters: {} },
      { label: "boltzmann", agent: "boltzmann", parameters: {} },
      { label: "d-ucb", agent: "discounted-ucb", parameters: {} },
    ],
  };

  // The result of a run, whether given directly or inside a job or fit resource ({"result": {...}}).
  function experimentResult(body) {
    if (body && Array.isArray(body.results)) return body;
    if (body && body.result && Array.isArray(body.result.results)) return body.result;
    return null;
  }

  function showExperiment(body) {
    const result = experimentResult(body);
    const view = $("experiment-view");
    if (!result) {
      $("experiment-status").textContent = "This body holds no experiment results (a results list).";
      return;
    }
    const table = $("experiment-table");
    const rows = table.querySelector("tbody");
    rows.replaceChildren();
    const estimate = (e) => (e && typeof e.mean === "number" ? e.mean.toFixed(3) + " ± " + (e.standardError || 0).toFixed(3) : "");
    result.results.forEach((agent) => {
      const row = element("tr");
      [agent.label, agent.agent, estimate(agent.cumulativeRegret), estimate(agent.finalBlockRegret),
        estimate(agent.bestArmFraction)].forEach((text) => row.appendChild(element("td", null, text)));
      rows.appendChild(row);
    });
    table.hidden = false;
    const container = $("experiment-plots");
    container.replaceChildren();
    const agents = result.results;
    const series = agents.map((agent, i) => line(agent.label, PALETTE[i % PALETTE.length], { spanGaps: true }));
    const charts = [];
    const regret = agents.find((a) => a.regretCurve);
    if (regret) {
      charts.push({ key: "regret", title: "Expected regret per trial", x: regret.regretCurve.binStarts,
        ys: agents.map((a) => (a.regretCurve ? a.regretCurve.mean : [])) });
    }
    const aligned = agents.find((a) => a.switchAligned);
    if (aligned) {
      charts.push({ key: "switchLearningRate", title: "Learning rate around a switch", x: aligned.switchAligned.offsets,
        ys: agents.map((a) => (a.switchAligned ? a.switchAligned.learningRate : [])) });
      charts.push({ key: "switchTemperature", title: "Temperature around a switch", x: aligned.switchAligned.offsets,
        ys: agents.map((a) => (a.switchAligned ? a.switchAligned.temperature : [])) });
    }
    charts.forEach((spec) => {
      const box = element("div", "plot");
      box.dataset.plot = spec.key;
      box.appendChild(element("h3", null, spec.title));
      container.appendChild(box);
      const xLabel = spec.key === "regret" ? "trial" : "trials from the switch";
      const chart = new uPlot({
        width: 520, height: 220, scales: { x: { time: false } },
        axes: [{ label: xLabel }, { size: 64 }],
        series: [{ label: xLabel }].concat(series),
      }, [spec.x].concat(spec.ys.map((y) => spec.x.map((_, i) => numberOrNull(y[i])))), box);
      chart.setSize({ width: plotWidth(box), height: 220 });
    });
    view.dataset.ready = "true";
    view.dataset.agents = String(agents.length);
    $("experiment-status").textContent = result.environment ? result.environment + ", " + result.seeds + " seeds" : "";
  }

  async function submitExperiment(event) {
    event.preventDefault();
    let body;
    try {
      body = JSON.parse($("experiment-json").value);
    } catch (error) {
      $("experiment-status").textContent = "Not JSON: " + error.message;
      return;
    }
    if (experimentResult(body)) {
      showExperiment(body);
      return;
    }
    $("experiment-status").textContent = "Running the experiment…";
    try {
      showExperiment(await getJson("/experiments", {
        method: "POST", body: JSON.stringify(body),
        headers: { Accept: "application/json", "Content-Type": "application/json" },
      }));
    } catch (error) {
      $("experiment-status").textContent = "The experiment could not run: " + error.message;
    }
  }

  async function loadExperiment() {
    const address = $("experiment-url").value.trim();
    if (!address.startsWith("/")) {
      $("experiment-status").textContent = "Give an address of this service, such as /experiments/{id}.";
      return;
    }
    try {
      showExperiment(await getJson(address));
    } catch (error) {
      $("experiment-status").textContent = "Could not load " + address + ": " + error.message;
    }
  }

  // ---- Navigation by the address's fragment: #session=<id>, #experiment, #sessions ----

  function route() {
    const hash = location.hash.replace(/^#/, "");
    if (hash.startsWith("session=")) {
      openSession(decodeURIComponent(hash.substring("session=".length)));
    } else if (hash === "experiment") {
      closeSession();
      $("session-view").hidden = true;
      $("experiment-view").hidden = false;
    } else {
      closeSession();
      $("session-view").hidden = true;
      $("experiment-view").hidden = true;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("session-filter").addEventListener("submit", (event) => { event.preventDefault(); loadSessions(); });
    $("csv-download").addEventListener("click", downloadCsv);
    $("experiment-form").addEventListener("submit", submitExperiment);
    $("experiment-load").addEventListener("click", loadExperiment);
    $("experiment-example").addEventListener("click", () => {
      $("experiment-json").value = JSON.stringify(EXAMPLE_EXPERIMENT, null, 2);
    });
    window.addEventListener("hashchange", route);
    loadSessions();
    setInterval(loadSessions, 5000);
    route();
  });
})();
