// The live view of neuromod-agents: sessions, per-session plots that follow the event stream, and
// experiment and fit results. Read-only; every chart is drawn by uPlot. The page exposes what it plots as
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


  // ---- Fit results: status until done, estimates and criteria, a subject's trace at its estimates ----

  const FIT_POLL_MILLIS = 1000;
  const FIT_FINISHED = ["done", "failed", "cancelled"];
  let currentFit = null;

  // A fit's id from what the user gave: the id itself, /fits/{id}, or a full address.
  function fitIdOf(text) {
    const trimmed = text.trim();
    const match = trimmed.match(/\/fits\/([^/?#\s]+)/);
    return match ? decodeURIComponent(match[1]) : trimmed;
  }

  function fixed(value, digits) {
    return typeof value === "number" && isFinite(value) ? value.toFixed(digits) : "";
  }

  function tableRows(table, header, rows) {
    const head = element("tr");
    header.forEach((text) => head.appendChild(element("th", null, text)));
    table.querySelector("thead").replaceChildren(head);
    const body = table.querySelector("tbody");
    body.replaceChildren();
    rows.forEach((cells) => {
      const row = element("tr");
      cells.forEach((text) => row.appendChild(element("td", null, text)));
      body.appendChild(row);
    });
    table.hidden = false;
  }

  function severalModels(fit) {
    return Boolean(fit.comparison) || new Set(fit.results.map((r) => r.model)).size > 1;
  }

  function showFitEstimates(fit) {
    const names = [];
    fit.results.forEach((r) => Object.keys(r.estimates || {}).forEach((n) => { if (!names.includes(n)) names.push(n); }));
    let cells = 0;
    const rows = fit.results.map((r) => {
      const estimates = names.map((name) => {
        const e = (r.estimates || {})[name];
        if (!e) return "";
        cells++;
        return fixed(e.value, 4) + (typeof e.standardError === "number" ? " ± " + fixed(e.standardError, 4) : " ± n/a");
      });
      return [r.label, r.model + " (" + r.agent + ")", String(r.responses) + " / " + r.trials].concat(estimates,
        [fixed(r.logLikelihood, 2), fixed(r.aic, 2), fixed(r.bic, 2), fixed(r.logEvidence, 2)]);
    });
    tableRows($("fit-table"), ["subject", "model", "responses / trials"].concat(names,
      ["log-likelihood", "AIC", "BIC", "log evidence"]), rows);
    const view = $("fit-view");
    view.dataset.subjects = String(fit.results.length);
    view.dataset.estimates = String(cells);
  }

  function showFitComparison(fit) {
    const table = $("fit-comparison");
    const comparison = fit.comparison;
    if (!comparison) {
      table.hidden = true;
      return;
    }
    const subjects = comparison.subjects || [];
    const rows = comparison.models.map((model) => [model, fixed(comparison.frequencies[model], 3),
      fixed(comparison.exceedance[model], 3), fixed(comparison.protectedExceedance[model], 3)]
      .concat(subjects.map((s) => fixed(s.bic[model], 2))));
    tableRows(table, ["model", "expected frequency", "exceedance", "protected exceedance"]
      .concat(subjects.map((s) => "BIC " + s.label)), rows);
    const caption = element("caption", null, "Model comparison by " + (comparison.criterion === "bic" ? "−BIC/2" : "log evidence")
      + ", omnibus risk " + fixed(comparison.omnibusRisk, 3));
    table.querySelector("caption")?.remove();
    table.prepend(caption);
    $("fit-view").dataset.models = String(comparison.models.length);
  }

  function groupText(fit) {
    return (fit.groups || []).map((g) => g.model + " group medians: " + Object.entries(g.parameters)
      .map(([name, p]) => name + " " + fixed(p.median, 4)).join(", ") + " (" + g.iterations + " EM iterations"
      + (g.converged ? ", converged" : ", not converged") + ")").join("; ");
  }

  function showFitStatus(fit) {
    const view = $("fit-view");
    view.dataset.status = fit.status;
    const progress = $("fit-progress");
    const done = fit.progress ? fit.progress.done : 0;
    const total = fit.progress ? fit.progress.total : 0;
    progress.hidden = fit.status !== "queued" && fit.status !== "running";
    progress.max = Math.max(1, total);
    progress.value = done;
    const parts = ["Fit " + fit.id + ": " + fit.status, total > 0 ? done + " of " + total + " starts" : "",
      "seed " + fit.seed];
    if (fit.error) parts.push(fit.error.detail);
    const groups = groupText(fit);
    if (groups) parts.push(groups);
    $("fit-status").textContent = parts.filter((p) => p).join(", ");
  }

  function showFitSubjects(fit, view) {
    const select = $("fit-subject");
    select.replaceChildren();
    fit.results.forEach((r, i) => {
      const option = element("option", null, severalModels(fit) ? r.label + " – " + r.model : r.label);
      option.value = String(i);
      select.appendChild(option);
    });
    select.disabled = fit.results.length === 0;
    if (fit.results.length > 0) loadFitTrace(view, 0);
  }

  function fitPlotSpecs() {
    return [
      { key: "fitLearningRate", title: "Learning rate at the estimates", series: line("learning rate", PALETTE[2]),
        data: (t) => t.signals.learningRate },
      { key: "fitTemperature", title: "Temperature at the estimates", series: line("temperature", PALETTE[1]),
        data: (t) => t.signals.temperature },
      { key: "fitProbability", title: "Probability of the subject's choice", series: line("P(choice)", PALETTE[0]),
        data: (t) => t.actionProbability, range: [0, 1] },
      { key: "fitCumulative", title: "Cumulative log-likelihood", series: line("log-likelihood", PALETTE[6]),
        data: (t) => t.cumulativeLogLikelihood },
    ];
  }

  async function loadFitTrace(view, index) {
    const result = view.fit.results[index];
    const section = $("fit-view");
    section.dataset.trace = "";
    section.dataset.trials = "0";
    $("fit-trace-status").textContent = "Replaying " + result.label + " at its estimates…";
    const query = severalModels(view.fit) ? "?model=" + encodeURIComponent(result.model) : "";
    try {
      const trace = await getJson("/fits/" + encodeURIComponent(view.id) + "/subjects/"
        + encodeURIComponent(result.label) + "/trials" + query);
      if (currentFit !== view) return;
      const x = trace.trials.map((t) => t.trial);
      const container = $("fit-plots");
      container.replaceChildren();
      const specs = fitPlotSpecs();
      specs.forEach((spec) => {
        const box = element("div", "plot");
        box.dataset.plot = spec.key;
        box.appendChild(element("h3", null, spec.title));
        container.appendChild(box);
        const chart = new uPlot({
          width: 520, height: 200,
          cursor: { sync: { key: "fit-" + view.id } },
          scales: { x: { time: false }, y: spec.range ? { range: spec.range } : { auto: true } },
          axes: [{ label: "trial" }, { size: 64 }],
          series: [{ label: "trial" }, spec.series],
        }, [x, trace.trials.map((t) => numberOrNull(spec.data(t)))], box);
        chart.setSize({ width: plotWidth(box), height: 200 });
      });
      section.dataset.trace = result.label;
      section.dataset.plots = String(specs.length);
      section.dataset.trials = String(x.length);
      $("fit-trace-status").textContent = result.label + ", " + result.model + ": " + x.length
        + " trials replayed at " + Object.entries(trace.parameters || {}).map(([n, v]) => n + " " + fixed(v, 4)).join(", ");
    } catch (error) {
      $("fit-trace-status").textContent = "The trace could not be replayed: " + error.message;
    }
  }

  async function pollFit(view) {
    try {
      const fit = await getJson("/fits/" + encodeURIComponent(view.id));
      if (currentFit !== view) return;
      showFitStatus(fit);
      if (!FIT_FINISHED.includes(fit.status)) {
        view.timer = setTimeout(() => pollFit(view), FIT_POLL_MILLIS);
        return;
      }
      view.fit = fit;
      if (fit.status === "done") {
        showFitEstimates(fit);
        showFitComparison(fit);
        showFitSubjects(fit, view);
      }
      $("fit-view").dataset.ready = "true";
    } catch (error) {
      if (currentFit === view) $("fit-status").textContent = "Fit " + view.id + " could not be read: " + error.message;
    }
  }

  function closeFit() {
    if (currentFit && currentFit.timer) clearTimeout(currentFit.timer);
    currentFit = null;
  }

  function openFit(id) {
    closeFit();
    const section = $("fit-view");
    section.dataset.ready = "false";
    section.dataset.status = "";
    section.dataset.subjects = "0";
    section.dataset.estimates = "0";
    section.dataset.trials = "0";
    section.dataset.trace = "";
    delete section.dataset.models;
    $("fit-id").value = id;
    $("fit-table").hidden = true;
    $("fit-comparison").hidden = true;
    $("fit-plots").replaceChildren();
    $("fit-subject").replaceChildren();
    $("fit-subject").disabled = true;
    $("fit-trace-status").textContent = "";
    $("fit-status").textContent = "Reading fit " + id + "…";
    const view = { id: id };
    currentFit = view;
    pollFit(view);
  }

  // ---- Navigation by the address's fragment: #session=<id>, #experiment, #fit, #fit=<id>, #sessions ----

  function showOnly(sectionId) {
    ["session-view", "experiment-view", "fit-view"].forEach((id) => { $(id).hidden = id !== sectionId; });
  }

  function route() {
    const hash = location.hash.replace(/^#/, "");
    if (!hash.startsWith("fit")) closeFit();
    if (hash.startsWith("session=")) {
      $("fit-view").hidden = true;
      openSession(decodeURIComponent(hash.substring("session=".length)));
      return;
    }
    closeSession();
    if (hash === "experiment") {
      showOnly("experiment-view");
    } else if (hash.startsWith("fit=")) {
      showOnly("fit-view");
      openFit(decodeURIComponent(hash.substring("fit=".length)));
    } else if (hash === "fit") {
      showOnly("fit-view");
    } else {
      showOnly(null);
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
    $("fit-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const id = fitIdOf($("fit-id").value);
      if (!id) {
        $("fit-status").textContent = "Give a fit's id or its address, such as /fits/{id}.";
      } else if (location.hash === "#fit=" + encodeURIComponent(id)) {
        openFit(id);
      } else {
        location.hash = "fit=" + encodeURIComponent(id);
      }
    });
    $("fit-subject").addEventListener("change", () => {
      if (currentFit && currentFit.fit) loadFitTrace(currentFit, Number($("fit-subject").value));
    });
    window.addEventListener("hashchange", route);
    loadSessions();
    setInterval(loadSessions, 5000);
    route();
  });
})();
