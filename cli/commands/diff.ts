/**
 * `slsim diff A.json B.json` (docs/cli.md; docs/sweeps.md, "Comparing two
 * runs"): two run reports side by side,
 * every metric and cost line that changed, with the change, absolute and
 * relative. Exit 0 whatever changed (2 when a file is not a run report).
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { roundTo } from '../../core/units.js';
import { paletteFor, type Palette } from '../colour.js';
import { diffReports, type Change, type ReportDiff } from '../diff/report-diff.js';
import { standardOutput } from '../standard-output.js';

export async function diffCommand(args: { a: string; b: string }): Promise<number> {
  const a = readRunReport(args.a);
  const b = readRunReport(args.b);
  const diff = diffReports(a, b);
  standardOutput().write(formatDiff(diff, args.a, args.b, a, b, paletteFor(standardOutput())) + '\n');
  return 0;
}

function readRunReport(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError('SLSIM_ERR_FILE', `cannot read the report: ${reason}`, { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError('SLSIM_ERR_PARSE', `not JSON: ${(error as Error).message}`, { file });
  }
  const report = data as Record<string, unknown>;
  if (report === null || typeof report !== 'object' || typeof report.reportVersion !== 'number' || typeof report.functions !== 'object') {
    const sweep = report !== null && typeof report === 'object' && report.kind === 'slsim-sweep';
    throw new InputError(
      'SLSIM_ERR_BAD_VALUE',
      sweep ? 'a sweep report; diff compares two run reports (slsim run FILE --json OUT)' : 'not a run report (write one with slsim run FILE --json OUT)',
      { file },
    );
  }
  return report;
}

export function formatDiff(diff: ReportDiff, fileA: string, fileB: string, a: Record<string, unknown>, b: Record<string, unknown>, palette: Palette): string {
  const out: string[] = [];
  out.push(`${palette.bold('A')} ${fileA} · ${String(a.scenario)} · seed ${String(a.seed)}`);
  out.push(`${palette.bold('B')} ${fileB} · ${String(b.scenario)} · seed ${String(b.seed)}`);
  for (const h of diff.header) out.push(palette.yellow(`  ${h.name} differs: ${String(h.a)} → ${String(h.b)}`));
  out.push('');
  if (diff.changes.length === 0) {
    out.push(`no change: every metric and cost line is the same (${diff.unchanged.toLocaleString('en-US')} values compared)`);
    return out.join('\n');
  }
  const rows = diff.changes.map((c) => ({ group: c.group, cells: [c.name, value(c.a), value(c.b), change(c)] }));
  const header = ['', 'A', 'B', 'change'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length + (i === 0 ? 2 : 0))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out.push(`  ${palette.bold(line(header))}`);
  let group = '';
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      out.push(`  ${palette.bold(group)}`);
    }
    const text = line(['  ' + row.cells[0]!, ...row.cells.slice(1)]);
    out.push(`  ${text}`);
  }
  out.push('');
  out.push(
    `${diff.changes.length.toLocaleString('en-US')} value${diff.changes.length === 1 ? '' : 's'} changed, ${diff.unchanged.toLocaleString('en-US')} the same`,
  );
  return out.join('\n');
}

function value(v: Change['a']): string {
  if (v === undefined) return '-';
  if (typeof v === 'boolean') return v ? 'pass' : 'fail';
  if (typeof v === 'string') return v;
  if (Number.isNaN(v)) return 'n/a';
  return v.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

function change(c: Change): string {
  if (c.a === undefined) return 'only in B';
  if (c.b === undefined) return 'only in A';
  if (c.delta === undefined || Number.isNaN(c.delta)) return 'changed';
  const delta = roundTo(c.delta, 6);
  const sign = delta > 0 ? '+' : '';
  const absolute = `${sign}${delta.toLocaleString('en-US', { maximumFractionDigits: 6 })}`;
  if (c.relative === undefined) return `${absolute} (from 0)`;
  const pct = c.relative * 100;
  const shown = Math.abs(pct) >= 0.1 ? pct.toFixed(1) : Number(pct.toPrecision(2)).toString();
  return `${absolute} (${pct > 0 ? '+' : ''}${shown}%)`;
}
