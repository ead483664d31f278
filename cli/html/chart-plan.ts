/**
 * Which charts the HTML report draws, decided from the report alone: every
 * series in `report.series` (`functions.<name>.<Metric>`, `sources.<name>.<Metric>`)
 * is placed by its metric's name into one chart group of its function or
 * source (concurrency, traffic, throttles and errors, queue depth, ages and
 * latency, bytes, billed usage), so a metric a new adapter adds is charted without changes here.
 */
import type { Report } from '../../core/report/build-report.js';
import { unitOf, type Unit } from './format.js';

export type GroupId = 'concurrency' | 'traffic' | 'problems' | 'backlog' | 'time' | 'bytes' | 'billing';
export type SectionKind = 'function' | 'source';

export interface ChartLine {
  /** The series key in `report.series.series`. */
  key: string;
  label: string;
}

export interface ChartSpec {
  /** The element id of the chart's container. */
  id: string;
  group: GroupId;
  title: string;
  unit: Unit;
  lines: ChartLine[];
  /** Horizontal reference lines (a function's concurrency limit). */
  limits: { label: string; value: number }[];
  /** Every value of every line is zero (or missing): the page says so instead of drawing. */
  empty: boolean;
}

export interface ChartSection {
  kind: SectionKind;
  name: string;
  charts: ChartSpec[];
}

/** What the page knows beyond the report: each function's concurrency limit, from the scenario. */
export interface ConcurrencyLimit {
  /** Concurrency the function can reach: its reservation, or the unreserved pool it shares plus its provisioned environments. */
  limit: number;
  pool: 'reserved' | 'unreserved';
  provisioned: number;
}

const ORDER: GroupId[] = ['concurrency', 'traffic', 'problems', 'backlog', 'time', 'bytes', 'billing'];

const TITLES: Record<GroupId, Record<SectionKind, string>> = {
  concurrency: { function: 'Concurrency against the limit (max per bucket)', source: 'Pollers and batches in flight (max per bucket)' },
  traffic: { function: 'Invocations per bucket', source: 'Traffic per bucket' },
  problems: { function: 'Throttles, cold starts and errors per bucket', source: 'Errors, throttles and failures per bucket' },
  backlog: { function: 'Backlog (max per bucket)', source: 'Queue depth (max per bucket)' },
  time: { function: 'Ages and latency', source: 'Age of oldest message, iterator age and latency' },
  bytes: { function: 'Bytes per bucket', source: 'Bytes per bucket' },
  billing: { function: 'Billed usage per bucket', source: 'Billed usage per bucket' },
};

/** The chart group of a metric, by its CloudWatch name. */
export function groupOf(metric: string): GroupId {
  const unit = unitOf(metric);
  if (unit === 'bytes') return 'bytes';
  if (unit === 'ms') return 'time';
  if (/GBSeconds|Usd|Cost/.test(metric)) return 'billing';
  if (/^(Concurrent|Environments|Pollers)/.test(metric)) return 'concurrency';
  if (/^ApproximateNumberOf|Visible|Backlog|Depth/.test(metric)) return 'backlog';
  if (/Error|4XX|5XX|Throttl|Exceeded|Failed|Dropped|Rejected|Expired|DLQ|Timeout|ColdStart/.test(metric)) return 'problems';
  return 'traffic';
}

/** Splits a series key into its section and metric, matching the report's own names first (names may hold dots). */
export function parseSeriesKey(key: string, report: Pick<Report, 'functions' | 'sources'>): { kind: SectionKind; name: string; metric: string } | null {
  const prefixes: [string, SectionKind, string[]][] = [
    ['functions.', 'function', Object.keys(report.functions)],
    ['sources.', 'source', Object.keys(report.sources)],
  ];
  for (const [prefix, kind, names] of prefixes) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const known = names.filter((n) => rest.startsWith(`${n}.`)).sort((a, b) => b.length - a.length)[0];
    const name = known ?? rest.slice(0, rest.indexOf('.'));
    const metric = rest.slice(name.length + 1);
    return name && metric ? { kind, name, metric } : null;
  }
  return null;
}

/** One section per function and per source of the report (in the report's order), each with its chart groups. */
export function planCharts(report: Report, limits: Record<string, ConcurrencyLimit> = {}): ChartSection[] {
  const sections = new Map<string, ChartSection & { byGroup: Map<GroupId, ChartLine[]> }>();
  const section = (kind: SectionKind, name: string) => {
    const id = `${kind}:${name}`;
    if (!sections.has(id)) sections.set(id, { kind, name, charts: [], byGroup: new Map() });
    return sections.get(id)!;
  };
  for (const name of Object.keys(report.functions)) section('function', name);
  for (const name of Object.keys(report.sources)) section('source', name);

  const series = report.series?.series ?? {};
  for (const key of Object.keys(series)) {
    const parsed = parseSeriesKey(key, report);
    if (!parsed) continue;
    const target = section(parsed.kind, parsed.name);
    const group = groupOf(parsed.metric);
    const lines = target.byGroup.get(group) ?? [];
    lines.push({ key, label: parsed.metric.replace(/\./g, ' ') });
    target.byGroup.set(group, lines);
  }

  let index = 0;
  return [...sections.values()].map(({ kind, name, byGroup }) => {
    const charts: ChartSpec[] = [];
    for (const group of ORDER) {
      const lines = byGroup.get(group);
      if (!lines) continue;
      const limit = kind === 'function' && group === 'concurrency' ? limits[name] : undefined;
      charts.push({
        id: `chart-${index++}`,
        group,
        title: TITLES[group][kind],
        unit: group === 'time' ? 'ms' : group === 'bytes' ? 'bytes' : 'count',
        lines,
        limits: limit ? limitLines(limit) : [],
        empty: lines.every((l) => (series[l.key] ?? []).every((v) => v === 0)),
      });
    }
    return { kind, name, charts };
  });
}

function limitLines(limit: ConcurrencyLimit): ChartSpec['limits'] {
  const label =
    limit.pool === 'reserved' ? 'limit: reserved' : limit.provisioned > 0 ? 'limit: provisioned + unreserved pool' : 'limit: unreserved pool (shared)';
  const lines = [{ label, value: limit.limit }];
  if (limit.provisioned > 0) lines.push({ label: 'provisioned', value: limit.provisioned });
  return lines;
}
