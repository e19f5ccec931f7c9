/**
 * One row of the benchmark table. Every figure is a ratio against a reference measured in the same run,
 * because absolute times say more about the machine than about the code.
 */
import { writeFileSync } from 'node:fs';

export interface BenchRow {
  benchmark: string;
  /** What was measured, with its unit ("1.23 s", "812 MB"). */
  measured: string;
  /** The reference it is compared with, with its unit. */
  reference: string;
  /** measured / reference (lower is better unless the target says otherwise); undefined when not a ratio. */
  ratio?: number;
  /** The goal, in words ("<= 2x grep"). */
  target: string;
  /** Whether the goal was met; undefined for figures that are reported but have no goal. */
  met?: boolean;
  /** Anything a reader needs to interpret the figure. */
  note?: string;
}

export interface BenchReport {
  startedAt: string;
  quick: boolean;
  machine: { node: string; platform: string; cpus: number; memoryMb: number };
  rows: BenchRow[];
  /** Raw numbers per benchmark, for anyone who wants more than the table. */
  details: Record<string, unknown>;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '-';
  return `${ratio.toFixed(2)}x`;
}

function metText(met: boolean | undefined): string {
  return met === undefined ? 'n/a' : met ? 'yes' : 'NO';
}

/** The one table `npm run bench` prints: fixed-width text, readable in a CI log. */
export function formatTable(rows: BenchRow[]): string {
  const header = ['benchmark', 'measured', 'reference', 'ratio', 'target', 'met?'];
  const cells = rows.map((r) => [r.benchmark, r.measured, r.reference, formatRatio(r.ratio), r.target, metText(r.met)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]): string => c.map((x, i) => pad(x, widths[i])).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  const notes = rows.filter((r) => r.note).map((r) => `  * ${r.benchmark}: ${r.note}`);
  return [line(header), rule, ...cells.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}

export function writeReport(path: string, report: BenchReport): void {
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

export const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;
export const ms = (value: number): string => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`);
