import type { Finding, FindingStep } from '../../model/finding';
import type { TimedLine } from '../stackTraces';

/**
 * The library printed its own remedy next to the failure ("Install the `polars-lts-cpu` package instead of
 * `polars`", sharp's "Install for the current linuxmusl-x64 runtime: "npm install --platform=linuxmusl ...""
 * , DuckDB's "Or set PRAGMA temp_directory='...'"). Its authors know the fix better than a template: the
 * primary cause's first step quotes it verbatim, placed where it applies (the image build, the database setup),
 * and a template step that contradicts it ("part of the app, not a package") drops.
 */
export interface PrintedRemedy {
  /** `server`: a server's own CLI run against its state (`kong migrations bootstrap`), not an image change. */
  kind: 'command' | 'package' | 'setting' | 'server';
  /** The command or setting verbatim; for `package`, the package to install. */
  text: string;
  /** For `package`: the package it replaces. */
  instead?: string;
  ms: number;
}

// The tools whose printed command changes what the image holds: it belongs in the image build.
const TOOL = '(?:npm|npx|yarn|pnpm|pip3?|python3? -m pip|apk|apt-get|prisma|gem|bundle|composer|conda|dotnet|go)';
// A quoted command (backticks or double quotes) that starts with such a tool.
const QUOTED = new RegExp(`[\`"](${TOOL} [^\`"]{1,150})[\`"]`);
// An unquoted one after "Try:" / "run:" at the end of the line ("Try: pip install pyarrow").
const AFTER_COLON = new RegExp(`\\b(?:try|run)\\s?:\\s{0,3}(${TOOL} [\\w@=:./<>+, -]{1,150})$`, 'i');
// The words that make a quoted command a remedy, not an echo of what ran.
const CUE = /\b(?:try|run|install|solution|please|need to|instead|rebuild|reinstall)\b/i;
const INSTEAD = /\binstall the [`"']?([\w.@/-]{1,80})[`"']? package instead of [`"']?([\w.@/-]{1,80})/i;
const PRAGMA = /\bset (PRAGMA [a-z_]{1,40} ?= ?[^\s;]{1,120})/i;
// A server's own command after "run"/"execute", quoted ("run 'kong migrations bootstrap'") or after "Please
// run" unquoted: words of a CLI (at least two, no shell operators). Linear: each word is space-free after one space.
const SERVER_QUOTED = /\b(?:run|execute)\s{1,3}['"`]([a-z][\w.-]{1,30}(?: [^'"`\s]{1,60}){1,6})['"`]/i;
const SERVER_PLEASE = /\bplease (?:run|execute):?\s{1,3}([a-z][\w.-]{1,30}(?: [\w@=:./<>+-]{1,60}){1,6})/i;
// "Failed to run 'X'", "could not execute 'X'": what ran, never a remedy.
const FAILED_RUN = /\b(?:failed|unable|could not|couldn't|cannot|can't|error|while)\b.{0,30}$/i;
// Routine advice that every install prints; never the fix of a failure.
const NOISE = /pip install --upgrade pip|npm audit|npm fund|update-browserslist-db|npm (?:install|i) -g npm|corepack/i;

/** The remedies the console printed (at most three, first seen first). */
export function printedRemedies(lines: readonly TimedLine[]): PrintedRemedy[] {
  const out: PrintedRemedy[] = [];
  for (const l of lines) {
    if (out.length >= 3) break;
    const r = remedyOf(l.text.slice(0, 500).trim());
    if (r && !out.some((o) => o.text === r.text)) out.push({ ...r, ms: l.ms });
  }
  return out;
}

function remedyOf(text: string): Omit<PrintedRemedy, 'ms'> | undefined {
  if (NOISE.test(text)) return undefined;
  const instead = INSTEAD.exec(text);
  if (instead) return { kind: 'package', text: instead[1]!, instead: instead[2]! };
  const pragma = PRAGMA.exec(text);
  if (pragma) return { kind: 'setting', text: pragma[1]!.trim() };
  const quoted = QUOTED.exec(text);
  if (quoted && CUE.test(text.replace(quoted[0], ' '))) return { kind: 'command', text: quoted[1]!.trim() };
  const colon = AFTER_COLON.exec(text);
  return colon ? { kind: 'command', text: colon[1]!.trim() } : serverRemedyOf(text);
}

/** A server CLI the line tells the operator to run; an image-build tool's command is `command`, handled above. */
function serverRemedyOf(text: string): Omit<PrintedRemedy, 'ms'> | undefined {
  const m = SERVER_QUOTED.exec(text) ?? SERVER_PLEASE.exec(text);
  if (!m || FAILED_RUN.test(text.slice(0, m.index))) return undefined;
  const command = m[1]!.replace(/[.,;:]+$/, '').trim();
  if (new RegExp(`^${TOOL} `).test(command) || /[|&;<>$]/.test(command)) return undefined;
  return { kind: 'server', text: command };
}

// A remedy printed more than two minutes from the finding's own rows belongs to another event.
const NEAR_MS = 120_000;

function nearFinding(f: Finding, r: PrintedRemedy): boolean {
  const times = f.evidence.map((e) => Date.parse(e.time ?? '')).filter((n) => !Number.isNaN(n));
  if (times.length === 0 || Number.isNaN(r.ms)) return true;
  return r.ms >= Math.min(...times) - NEAR_MS && r.ms <= Math.max(...times) + NEAR_MS;
}

function remedyText(r: PrintedRemedy): string {
  if (r.kind === 'package') {
    return `The rows print the library's own fix: install \`${r.text}\` instead of \`${r.instead}\` (replace it in the dependency file: requirements.txt, pyproject.toml or package.json), then rebuild the image and deploy it.`;
  }
  if (r.kind === 'setting') {
    return `The rows print the database's own fix: \`${r.text}\`. Run it in the app's SQL or connection setup before the query, with a path on a writable volume mounted in the container (an EmptyDir volume, or Azure Files for spills larger than the replica's disk), then rerun; a bigger memory limit alone only moves the point where it fails.`;
  }
  if (r.kind === 'server') return serverText(r.text);
  return `The rows print the library's own fix: \`${r.text}\`. It changes what the image holds, so run it where the image is built (a RUN line in the Dockerfile stage that installs the dependencies, on the final stage's platform), then rebuild the image and deploy it.`;
}

/**
 * A server's printed command changes its database or state, not the image: it runs once with the app's own
 * image, variables and secrets. A crash-looping app has no console to run it in, so Container Apps runs it as
 * an init container (same image, the CLI as command, its words as args) or a manual job.
 */
function serverText(command: string): string {
  const [program, ...args] = command.split(' ');
  return `The rows print the server's own fix: \`${command}\`. It prepares the server's database or state, not the image, so run it once with the app's image and the same variables and secrets: as an init container of the app (same image and env, command ${program}, args ${args.join(' ')}): save the template with \`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml\`, add the entry under properties.template.initContainers and apply it with \`az containerapp update -n <app> -g <resource-group> --yaml app.yaml\` (this creates a new revision whose start runs it first); or as a one-off job with trigger type Manual from the same image and settings. Remove the init container once it has run if it must run only once.`;
}

// The rollback "until a fixed build ships": no build is at fault when the server printed the step it needs.
const BUILD_ROLLBACK = /^Until a fixed build ships, go back\b/;

// Template steps that a printed install contradicts: the missing file is then the package's, not the app's.
const CONTRADICTS_INSTALL = /\bis part of the app, not a package\b/;

/** The primary cause's steps with the printed remedy first (after a recovered app's "no action now"). */
export function printedRemedySteps(f: Finding, steps: FindingStep[], remedies: readonly PrintedRemedy[], fill: (text: string) => string = (t) => t): FindingStep[] {
  const r = remedies.find((x) => nearFinding(f, x));
  if (!r || f.benign || steps.some((s) => s.text.includes(r.text) || (s.command ?? '').includes(r.text))) return steps;
  const kept = r.kind === 'setting' ? steps : steps.filter((s) => !CONTRADICTS_INSTALL.test(s.text) && !(r.kind === 'server' && BUILD_ROLLBACK.test(s.text)));
  const at = /^No action needed now\b/.test(kept[0]?.text ?? '') ? 1 : 0;
  return [...kept.slice(0, at), { text: fill(remedyText(r)) }, ...kept.slice(at)];
}
