/**
 * Small hand-made SVG charts for the dashboard: line charts (rates, durations) and stacked bar
 * charts (counts per day). Each chart is a <figure> with an SVG that has a <title> and <desc>
 * (role="img"), an HTML legend, and a data table fallback in <details>, so the numbers are
 * readable without the picture. All text goes in through textContent.
 */
import { h } from '../shared/dom.ts';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 48 };

export interface Series {
  name: string;
  values: (number | null)[];
  color: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** One sentence describing what the chart shows (read by screen readers). */
  description: string;
  labels: string[];
  series: Series[];
  /** Formats a value for the axis and the table. */
  format?: (value: number) => string;
  /** Largest value on the axis at least this (e.g. 1 for rates). */
  minMax?: number;
  /** How a label reads under the axis (default: a date without its year, `11-23`). */
  axisLabel?: (label: string) => string;
  /** Heading of the labels' column in the data table (default `Day`). */
  labelHeading?: string;
}

let uid = 0;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}) {
  const element = svg('text', { x, y, 'font-size': 11, fill: '#48564f', ...attrs });
  element.textContent = content;
  return element;
}

function frame(spec: ChartSpec, max: number) {
  const n = Math.max(spec.labels.length, 1);
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (n === 1 ? innerW / 2 : (i * innerW) / (n - 1));
  const y = (v: number) => PAD.top + innerH - (max > 0 ? (v / max) * innerH : 0);
  const format = spec.format ?? ((v: number) => String(Math.round(v * 100) / 100));
  const id = `chart-${spec.id}-${++uid}`;
  const root = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`,
    class: 'chart',
  });
  const title = svg('title', { id: `${id}-title` });
  title.textContent = spec.title;
  const desc = svg('desc', { id: `${id}-desc` });
  desc.textContent = spec.description;
  root.append(title, desc);
  for (const fraction of [0, 0.5, 1]) {
    const value = max * fraction;
    root.append(
      svg('line', {
        x1: PAD.left,
        x2: WIDTH - PAD.right,
        y1: y(value),
        y2: y(value),
        stroke: '#e1e7e4',
      }),
      text(PAD.left - 6, y(value) + 4, format(value), { 'text-anchor': 'end' }),
    );
  }
  const step = Math.max(1, Math.ceil(n / 8));
  spec.labels.forEach((label, i) => {
    if ((i % step === 0 && n - 1 - i >= step / 2) || i === n - 1) {
      root.append(
        text(x(i), HEIGHT - 8, (spec.axisLabel ?? dateWithoutYear)(label), {
          'text-anchor': i === n - 1 && n > 1 ? 'end' : 'middle',
        }),
      );
    }
  });
  return { root, x, y, innerW, n, format };
}

function figure(spec: ChartSpec, chart: SVGSVGElement, format: (v: number) => string): HTMLElement {
  const legend = h(
    'ul',
    { className: 'legend' },
    spec.series.map((s) => {
      // a CSSOM property, not a `style` attribute: the desk's CSP has no 'unsafe-inline' styles
      const swatch = h('span', { className: 'swatch' });
      swatch.style.background = s.color;
      return h('li', {}, swatch, s.name);
    }),
  );
  const table = h(
    'table',
    { className: 'data' },
    h('caption', {}, spec.title),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, spec.labelHeading ?? 'Day'),
        spec.series.map((s) => h('th', { scope: 'col' }, s.name)),
      ),
    ),
    h(
      'tbody',
      {},
      spec.labels.map((label, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, label),
          spec.series.map((s) => {
            const v = s.values[i];
            return h('td', {}, v === null || v === undefined ? '–' : format(v));
          }),
        ),
      ),
    ),
  );
  return h(
    'figure',
    { className: 'chart-card', 'data-chart': spec.id },
    h('figcaption', {}, spec.title),
    chart,
    legend,
    h('details', {}, h('summary', {}, 'Show data table'), table),
  );
}

function maxOf(spec: ChartSpec, stacked: boolean): number {
  let max = spec.minMax ?? 0;
  spec.labels.forEach((_label, i) => {
    const values = spec.series.map((s) => s.values[i] ?? 0);
    const top = stacked ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values);
    max = Math.max(max, top);
  });
  return max > 0 ? niceCeiling(max) : 1;
}

function niceCeiling(x: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * magnitude >= x) return m * magnitude;
  return 10 * magnitude;
}

/** A line per series; null values leave a gap. */
export function lineChart(spec: ChartSpec): HTMLElement {
  const { root, x, y, format } = frame(spec, maxOf(spec, false));
  for (const s of spec.series) {
    let path = '';
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      const previous = i > 0 ? s.values[i - 1] : null;
      path += `${previous === null || previous === undefined ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
    });
    root.append(svg('path', { d: path.trim(), fill: 'none', stroke: s.color, 'stroke-width': 2 }));
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      root.append(svg('circle', { cx: x(i), cy: y(v), r: 2.5, fill: s.color }));
    });
  }
  return figure(spec, root, format);
}

/** Stacked bars per label (e.g. questions per day, one colour per channel). */
export function stackedBarChart(spec: ChartSpec): HTMLElement {
  const { root, x, y, innerW, n, format } = frame(spec, maxOf(spec, true));
  const barWidth = Math.max(2, Math.min(28, (innerW / n) * 0.7));
  spec.labels.forEach((label, i) => {
    let base = 0;
    for (const s of spec.series) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const rect = svg('rect', {
        x: x(i) - barWidth / 2,
        y: y(base + v),
        width: barWidth,
        height: Math.max(0, y(base) - y(base + v)),
        fill: s.color,
      });
      const tip = svg('title');
      tip.textContent = `${label} · ${s.name}: ${format(v)}`;
      rect.append(tip);
      root.append(rect);
      base += v;
    }
  });
  return figure(spec, root, format);
}

/** `2026-11-23` → `11-23` (other labels as they are). */
function dateWithoutYear(label: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(label) ? label.slice(5) : label;
}

/** 0.123 → "12%". */
export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** Seconds → "45 s", "12 min", "3.5 h", "2.1 d". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3_600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round((seconds / 3_600) * 10) / 10} h`;
  return `${Math.round((seconds / 86_400) * 10) / 10} d`;
}
