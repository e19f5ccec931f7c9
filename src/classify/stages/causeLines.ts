import { MIGRATION_CAUSE } from '../rules/causeSteps';
import type { TimedLine } from '../stackTraces';
import { addEvidence, type Draft } from './draft';
import { consoleEvidence } from './evidence';

/**
 * An uncaught exception whose trace goes on to say what really failed: Java's `ExceptionInInitializerError`
 * is "Caused by: FlywayValidateException", and the next lines name the migration. The finding's evidence
 * holds the first line only, so the cause's lines (a schema migration's own words) are added from the
 * same replica's rows of the same moment, for the steps that follow those words.
 */
const SAME_TRACE_MS = 5000;
const MAX_ADDED = 2;

export function causeLines(drafts: Draft[], consoleLines: readonly TimedLine[]): void {
  for (const d of drafts) {
    if (d.source !== 'console' || d.category !== 'application-error') continue;
    const rows = d.evidence.filter((e) => e.source === 'console');
    if (rows.length === 0) continue;
    const first = rows[0]!;
    const at = first.time ? Date.parse(first.time) : Number.NaN;
    if (!Number.isFinite(at)) continue;
    // A finding whose own line is the migration's wrapper ("Caused by: FlywayValidateException") still lacks
    // the lines under it that name the migration: only the lines it does not already hold are added.
    const held = new Set(rows.map((e) => e.text.slice(0, 2000)));
    const found = consoleLines
      .filter((l) => l.replica === first.replica && l.ms >= at && l.ms <= at + SAME_TRACE_MS && !held.has(l.text.slice(0, 2000)) && MIGRATION_CAUSE.test(l.text.slice(0, 2000)))
      .slice(0, MAX_ADDED);
    if (found.length > 0) addEvidence(d, found.map(consoleEvidence));
  }
}
