'use strict';
// Tandem's operator dashboard: polls the live plan once a second and redraws. The API key (read role) comes from the
// address (#key=...) or the form, and is kept for this tab only.
(() => {
  const $ = id => document.getElementById(id);
  const hash = new URLSearchParams(location.hash.slice(1));
  let key = hash.get('key') || sessionStorage.getItem('tandem-key') || '';
  if (hash.get('key')) {
    // Kept for this tab, and taken out of the address bar and the history.
    sessionStorage.setItem('tandem-key', key);
    history.replaceState(null, '', location.pathname + location.search);
  }
  let lastStep = null;
  let zone = null;
  const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  const layout = extra => Object.assign({ margin: { l: 55, r: 15, t: 10, b: 40 }, showlegend: true, legend: { orientation: 'h' } }, extra);
  const config = { displayModeBar: false, responsive: true };

  const fmt = (v, digits = 0) => v === null || v === undefined || !isFinite(v) ? '–'
    : Number(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const text = (s) => String(s ?? '');

  class KeyProblem extends Error {}

  async function get(path) {
    const r = await fetch(path, { headers: { 'X-Api-Key': key } });
    if (r.status === 401 || r.status === 403) throw new KeyProblem(r.status === 401 ? 'unknown key' : 'this key may not read the plan');
    if (!r.ok) return null;
    return r.json();
  }

  function askForKey(problem) {
    $('main').hidden = true;
    $('keyform').hidden = false;
    $('keyproblem').textContent = problem || '';
  }

  $('keyform').addEventListener('submit', ev => {
    ev.preventDefault();
    key = $('key').value.trim();
    sessionStorage.setItem('tandem-key', key);
    $('keyform').hidden = true;
    lastStep = null;
  });

  function row(cells) {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const td = document.createElement('td');
      if (c instanceof Node) td.appendChild(c); else td.textContent = text(c);
      tr.appendChild(td);
    }
    return tr;
  }

  function renderHeader(v) {
    $('run').textContent = `${v.run} · ${v.method}`;
    $('clock').textContent = `${v.now.replace('+00:00', 'Z')} · step ${v.step + 1} of ${v.steps}${v.finished ? ' · finished' : ''}`;
    $('progress').value = (v.step + 1) / v.steps;
    const t = v.totals;
    $('emissions').textContent = `${fmt(t.emissions_kg / 1000, 2)} t CO₂e`;
    $('cost').textContent = `${fmt(t.cost)} ${v.currency}`;
    $('green').textContent = `${fmt(t.green_share * 100, 1)} %`;
    $('jobsDone').textContent = `${fmt(t.jobs_done)} done`;
    $('jobsLate').textContent = `${fmt(t.jobs_late)} late · ${fmt(v.jobs.length)} in the plan`;
    const versus = (now, base, el) => {
      if (base === null || base === undefined || base <= 0) { el.textContent = 'run-now baseline: computing…'; el.className = 'sub'; return; }
      const saving = (base - now) / base * 100;
      el.textContent = `${saving >= 0 ? fmt(saving, 1) + ' % below' : fmt(-saving, 1) + ' % above'} run-now (${fmt(base)})`;
      el.className = 'sub ' + (saving >= 0 ? 'good' : 'bad');
    };
    versus(t.emissions_kg, t.baseline_emissions_kg, $('emissionsVs'));
    versus(t.cost, t.baseline_cost, $('costVs'));
  }

  function renderSites(v) {
    const body = $('sites').tBodies[0];
    body.replaceChildren(...v.sites.map(s => row([s.id, s.zone, fmt(s.facility_kw), fmt(s.grid_kw), fmt(s.onsite_kw), fmt(s.battery_kw),
      fmt(s.carbon_g_per_kwh), fmt(s.price_per_mwh, 1), `${fmt(s.green_share * 100)} %`, `${fmt(s.busy_gpus)} / ${fmt(s.gpus)}`])));
    const select = $('zone');
    if (select.options.length !== v.sites.length) {
      select.replaceChildren(...v.sites.map(s => new Option(`${s.id} (${s.zone})`, s.id)));
      zone = v.sites.length ? v.sites[0].id : null;
    }
  }

  function renderJobs(v) {
    // Newest first: what just arrived is what an operator looks for.
    const jobs = [...v.jobs].sort((a, b) => b.earliest_start.localeCompare(a.earliest_start)).slice(0, 200);
    $('jobCount').textContent = v.jobs.length > jobs.length ? `(newest ${jobs.length} of ${v.jobs.length})` : `(${v.jobs.length})`;
    $('jobs').tBodies[0].replaceChildren(...jobs.map(j => row([j.id, j.tenant, j.status, j.site ?? '–', j.level ?? '–', fmt(j.delay_hours, 1), j.reason])));
  }

  // The plan as a timeline: one line per job from its (planned) start to its expected end, stacked within its site's band.
  function renderTimeline(v) {
    const sites = v.sites.map(s => s.id);
    const lanes = new Map(sites.map(s => [s, 0]));
    const traces = { running: { x: [], y: [], text: [] }, planned: { x: [], y: [], text: [] } };
    for (const j of v.jobs) {
      const start = j.status === 'running' ? j.started_at : j.planned_start;
      if (!j.site || !start || !j.expected_end) continue;
      const t = j.status === 'running' ? traces.running : traces.planned;
      const lane = lanes.get(j.site) ?? 0;
      lanes.set(j.site, lane + 1);
      const y = sites.indexOf(j.site) + (lane % 12) / 14;
      t.x.push(start, j.expected_end, null);
      t.y.push(y, y, null);
      t.text.push(j.id, j.id, null);
    }
    const data = [
      { name: 'running', type: 'scatter', mode: 'lines', line: { width: 4, color: '#1f77b4' }, hoverinfo: 'text', ...traces.running },
      { name: 'planned', type: 'scatter', mode: 'lines', line: { width: 4, color: '#ff7f0e' }, hoverinfo: 'text', ...traces.planned },
    ];
    Plotly.react('timeline', data, layout({
      xaxis: { type: 'date' },
      yaxis: { tickvals: sites.map((_, i) => i + 0.4), ticktext: sites, range: [-0.2, sites.length], zeroline: false },
      shapes: [{ type: 'line', x0: v.now, x1: v.now, yref: 'paper', y0: 0, y1: 1, line: { color: '#999', dash: 'dot' } }],
    }), config);
  }

  async function renderPower() {
    const h = await get('/plan/history');
    if (!h) return;
    const times = h.times;
    const data = h.sites.map((s, i) => ({ name: s.id, type: 'scatter', mode: 'lines', x: times, y: s.facility_kw, line: { color: palette[i % palette.length] } }));
    Plotly.react('power', data, layout({ xaxis: { type: 'date' }, yaxis: { title: { text: 'kW' } } }), config);
  }

  async function renderCarbon(v) {
    if (!zone) return;
    const now = new Date(v.now);
    const from = new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
    const past = await get(`/signals?zone=${encodeURIComponent(zone)}&kind=carbon&from=${from}&to=${now.toISOString()}`);
    const ahead = await get(`/forecasts?zone=${encodeURIComponent(zone)}&kind=carbon&horizon_hours=24`);
    const data = [];
    if (past && past.values) {
      const step = past.step_minutes * 60000;
      const start = new Date(past.start).getTime();
      data.push({ name: 'measured', type: 'scatter', mode: 'lines', x: past.values.map((_, i) => new Date(start + i * step).toISOString()), y: past.values, line: { color: '#123' } });
    }
    if (ahead && ahead.points) {
      const x = ahead.points.map(p => p.time);
      if (ahead.calibrated) {
        data.push({ name: `${Math.round(ahead.level * 100)} % interval`, type: 'scatter', mode: 'lines', x, y: ahead.points.map(p => p.upper), line: { width: 0 }, showlegend: false, hoverinfo: 'skip' });
        data.push({ name: `${Math.round(ahead.level * 100)} % interval`, type: 'scatter', mode: 'lines', x, y: ahead.points.map(p => p.lower), line: { width: 0 }, fill: 'tonexty', fillcolor: 'rgba(255,127,14,0.25)' });
      }
      data.push({ name: `forecast (${ahead.model})`, type: 'scatter', mode: 'lines', x, y: ahead.points.map(p => p.forecast), line: { color: '#ff7f0e', dash: 'dash' } });
    }
    Plotly.react('carbon', data, layout({ xaxis: { type: 'date' }, yaxis: { title: { text: 'g CO₂e/kWh' } } }), config);
  }

  $('zone').addEventListener('change', ev => { zone = ev.target.value; lastStep = null; });

  async function tick() {
    try {
      if (!key) { askForKey(''); return; }
      const v = await get('/plan');
      if (v) {
        $('keyform').hidden = true;
        $('main').hidden = false;
        renderHeader(v);
        renderSites(v);
        renderJobs(v);
        renderTimeline(v);
        if (v.step !== lastStep) {
          lastStep = v.step;
          await renderPower();
          await renderCarbon(v);
        }
        document.body.dataset.step = String(v.step);
      } else {
        $('run').textContent = 'no live plan yet (start tandem serve with --replay or --demo)';
      }
    } catch (e) {
      if (e instanceof KeyProblem) askForKey(e.message); else console.warn(e);
    } finally {
      setTimeout(tick, 1000);
    }
  }
  tick();
})();
