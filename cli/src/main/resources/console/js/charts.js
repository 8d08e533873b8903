// The sync page's charts over time (uPlot, served from the jar: see docs/console.md): source offset vs applied
// offset, the lag, and source vs target key counts per database. Beside each chart a table gives the latest values
// in words, for people who do not read charts and for the browser tests.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { h, replace } from './dom.js';
import { count, millis } from './format.js';

const MAX_POINTS = 3600;
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400];
const HEIGHT = 220;
// Source in blues, target in greens, as in the offsets chart; one shade per database.
const SOURCE_SHADES = ['#2563eb', '#1e3a8a', '#60a5fa', '#7c3aed', '#0891b2'];
const TARGET_SHADES = ['#16a34a', '#14532d', '#4ade80', '#65a30d', '#0d9488'];
const SOURCE = SOURCE_SHADES[0];
const TARGET = TARGET_SHADES[0];

export class ProgressCharts {
  constructor(container) {
    this.container = container;
    this.samples = [];
    this.databases = [];
    this.plots = [];
    this.offsetFigure = figure('chart-offsets', 'Replication offset', 'How far the source has written and how far the target has applied.');
    this.lagFigure = figure('chart-lag', 'Lag', 'How far the target is behind the source.');
    this.keysFigure = figure('chart-keys', 'Keys per database', 'Source (blue, solid) and target (green, dashed) key counts; they meet when the target has caught up.');
    replace(container, this.offsetFigure.element, this.lagFigure.element, this.keysFigure.element);
    this.onResize = () => this.resize();
    window.addEventListener('resize', this.onResize);
  }

  /** Replaces the series (oldest first). */
  setSamples(samples) {
    this.samples = samples.slice(-MAX_POINTS);
    this.render();
  }

  add(sample) {
    const last = this.samples[this.samples.length - 1];
    if (last && sample.at <= last.at) return;
    this.samples.push(sample);
    if (this.samples.length > MAX_POINTS) this.samples.shift();
    this.render();
  }

  lastAt() {
    const last = this.samples[this.samples.length - 1];
    return last ? last.at : null;
  }

  destroy() {
    window.removeEventListener('resize', this.onResize);
    this.plots.forEach((p) => p.destroy());
    this.plots = [];
  }

  render() {
    const databases = [...new Set(this.samples.flatMap((s) => [...Object.keys(s.sourceKeys || {}), ...Object.keys(s.targetKeys || {})]))]
      .sort((a, b) => Number(a) - Number(b));
    if (this.plots.length === 0 || databases.join() !== this.databases.join()) {
      this.databases = databases;
      this.build();
    }
    const x = this.samples.map((s) => s.at / 1000);
    const [offsets, lag, keys] = this.plots;
    offsets.setData([x, this.samples.map((s) => s.sourceOffset), this.samples.map((s) => s.appliedOffset)]);
    lag.setData([x, this.samples.map((s) => s.lagMillis), this.samples.map((s) => s.lagBytes)]);
    keys.setData([x, ...this.databases.flatMap((db) => [
      this.samples.map((s) => (s.sourceKeys || {})[db] ?? null),
      this.samples.map((s) => (s.targetKeys || {})[db] ?? null)])]);
    this.renderTables();
  }

  build() {
    this.plots.forEach((p) => p.destroy());
    const width = this.width();
    this.plots = [
      new uPlot(options(width, [
        { label: 'Source offset', stroke: SOURCE, value: (u, v) => count(v) },
        { label: 'Applied offset', stroke: TARGET, value: (u, v) => count(v) },
      ], [countAxis()]), empty(2), this.offsetFigure.chart),
      new uPlot(options(width, [
        { label: 'Lag (time)', stroke: '#d97706', scale: 'ms', value: (u, v) => millis(v) },
        { label: 'Lag (bytes)', stroke: '#7c3aed', scale: 'bytes', value: (u, v) => count(v) },
      ], [{ scale: 'ms', values: (u, vals) => vals.map((v) => millis(v)) },
        { scale: 'bytes', side: 1, grid: { show: false }, values: (u, vals) => vals.map((v) => count(v)) }]),
      empty(2), this.lagFigure.chart),
      new uPlot(options(width, this.databases.flatMap((db, i) => [
        { label: `db${db} source`, stroke: SOURCE_SHADES[i % SOURCE_SHADES.length], value: (u, v) => count(v) },
        { label: `db${db} target`, stroke: TARGET_SHADES[i % TARGET_SHADES.length], dash: [6, 4], value: (u, v) => count(v) },
      ]), [countAxis()]), empty(2 * this.databases.length), this.keysFigure.chart),
    ];
  }

  renderTables() {
    const last = this.samples[this.samples.length - 1];
    this.keysFigure.element.dataset.points = String(this.samples.length);
    if (!last) return;
    replace(this.offsetFigure.values, valueTable(['', 'Source', 'Applied'],
      [['Offset', count(last.sourceOffset), count(last.appliedOffset)]]));
    replace(this.lagFigure.values, valueTable(['', 'Now'],
      [['Time', millis(last.lagMillis)], ['Bytes', count(last.lagBytes)]]));
    replace(this.keysFigure.values, valueTable(['Database', 'Source', 'Target', 'State'],
      this.databases.map((db) => {
        const source = (last.sourceKeys || {})[db];
        const target = (last.targetKeys || {})[db];
        return { db, cells: [`db${db}`, count(source), count(target), source === target ? 'in sync' : 'catching up'] };
      })));
  }

  resize() {
    const width = this.width();
    this.plots.forEach((p) => p.setSize({ width, height: HEIGHT }));
  }

  /** The width of a chart's grid column (the latest values take the rest of the row). */
  width() {
    return Math.max(320, this.offsetFigure.chart.clientWidth || 640);
  }
}

function figure(id, title, caption) {
  const chart = h('div.chart');
  const values = h('div.chart-values');
  const element = h(`figure.chart-figure#${id}`, h('figcaption', h('strong', title), ' ', h('span.muted', caption)), chart, values);
  return { element, chart, values };
}

function options(width, series, axes) {
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: true } },
    series: [{}, ...series.map((s) => ({ width: 2, spanGaps: true, ...s }))],
    // Whole seconds at least: samples come once a second, so sub-second ticks would only repeat the labels.
    axes: [{ incrs: TIME_STEPS }, ...axes.map((a) => ({ size: 70, ...a }))],
    legend: { live: true },
  };
}

function empty(seriesCount) {
  return Array.from({ length: seriesCount + 1 }, () => []);
}

function countAxis() {
  return { values: (u, vals) => vals.map((v) => count(v)) };
}

function valueTable(headers, rows) {
  return h('table.values',
    h('thead', h('tr', headers.map((text) => h('th', text)))),
    h('tbody', rows.map((row) => Array.isArray(row)
      ? h('tr', row.map((cell) => h('td', cell)))
      : h('tr', { 'data-db': row.db, 'data-in-sync': String(row.cells[3] === 'in sync') }, row.cells.map((cell) => h('td', cell))))));
}
