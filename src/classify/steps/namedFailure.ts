/**
 * The catch-all steps for an error no rule knows ("Fix or handle the failure that raised X", "Fix what it
 * names (the file, setting or dependency in that line)") rewritten from what the evidence already holds:
 * the exception and its message, a variable the message names, a library version clash the exception
 * kind means, a schema the message says was never migrated. One specific step replaces the template and
 * the padding it came with (read the log again, follow the trace) when the line is already in hand.
 */
import type { AppConfig, Finding, FindingStep } from '../../model';

type Make = (s: FindingStep) => FindingStep;

const RAISED = /^Fix or handle the failure that raised \S+; the evidence shows the message it ended with\.$/;
const NAMES_IT = ' Fix what it names (the file, setting or dependency in that line), then redeploy.';
/** Padding the quoted message makes redundant. */
const READ_AGAIN = /^Read the app's last console lines on the failing revision/;
const FOLLOW_TRACE = /^Follow the stack trace in the evidence down to the first frame/;
const ROLL_BACK_PREVIOUS = /^Until a fixed build ships, go back to the previous image or revision/;

/** `Name: message` of an exception or error class (dotted or not); the message runs to the end of the text. */
const EXCEPTION = /\b((?:[A-Za-z_$][\w$.]{0,150}?)?(?:Error|Exception|Failure|Fault))(?: \[[^\]\n]{0,40}\])?: (\S.{2,600})/;
/** Where a message ends and the trace begins: a Java/JS frame, a Python frame, a .NET frame after a sentence. */
const MESSAGE_END = / at [\w$.<>]{1,200}[(:]| {1,4}File "|\. (?=[A-Z][\w]{0,60}\.[\w.]{1,200}\()|\. Please |\. See /;
/** Exception kinds that mean a library built against another version of one it calls. */
const VERSION_CLASH = /^(?:InvalidProgramException|MissingMethodException|MissingFieldException|TypeLoadException|NoSuchMethodError|NoSuchFieldError|AbstractMethodError|IncompatibleClassChangeError)$/;
/** A schema the app says was never migrated (its own words, no migration tool named). */
const NOT_MIGRATED = /\bmigrations? (?:(?:was |were |are )?not found|(?:are )?pending|(?:have )?not (?:been )?(?:run|applied))\b|\brun(?:ning)? (?:the )?(?:database )?migrations\b/i;
/** Built code in one module format run as the other (ES modules and CommonJS in Node). */
const MODULE_FORMAT = /Cannot use import statement outside a module|\bERR_REQUIRE_ESM\b|require\(\) of ES Module|is not defined in ES module scope/;
/** A frame line of a trace (Java, JS, .NET, Python). */
const TRACE_FRAME = / at [\w$.<>]{1,200}[(:]| File "/;
/** A variable-shaped name: upper case with an underscore (FLASK_APP, DATABASE_URL). */
const VARIABLE = /\b([A-Z][A-Z0-9]{1,30}(?:_[A-Z0-9]{1,30}){1,6})\b/g;
/** A .NET or Java frame's dotted method: the namespace before its type and method names the library. */
const FRAME = /(?:^|\s|at )((?:[A-Za-z_]\w{0,60}\.){2,8})[\w<>$]{1,80}\(/g;

interface Named {
  exception: string;
  message: string;
}

function evidenceTexts(f: Finding): string[] {
  return (Array.isArray(f.evidence) ? f.evidence : []).flatMap((e) => (e?.source === 'console' && typeof e.text === 'string' ? [e.text.slice(0, 2000).replace(/\s+/g, ' ')] : []));
}

/** The last exception the console evidence names, with its message cut before the trace. */
export function namedException(f: Finding): Named | undefined {
  let found: Named | undefined;
  for (const text of evidenceTexts(f)) {
    const m = EXCEPTION.exec(text);
    if (!m) continue;
    const end = MESSAGE_END.exec(m[2]!);
    let message = (end ? m[2]!.slice(0, end.index) : m[2]!).trim().replace(/\.$/, '');
    if (message.length > 180) message = `${message.slice(0, 177)}...`;
    found = { exception: m[1]!.split('.').pop()!, message };
  }
  return found;
}

/** The libraries whose frames the evidence shows, by namespace (Dapper, System.Data.SqlClient). */
function frameLibraries(f: Finding): string[] {
  const out = new Set<string>();
  for (const text of evidenceTexts(f)) {
    for (const m of text.matchAll(FRAME)) {
      const parts = m[1]!.split('.').filter(Boolean);
      // The last part is the type: what is left before it is the library's namespace.
      const ns = parts.slice(0, -1).join('.');
      if (ns) out.add(ns);
      if (out.size >= 4) break;
    }
  }
  return [...out];
}

function configVariables(config: AppConfig | undefined): Set<string> {
  const containers = Array.isArray(config?.containers) ? config.containers : [];
  return new Set(containers.flatMap((c) => (Array.isArray(c?.env) ? c.env : [])).map((e) => e?.name).filter((n): n is string => typeof n === 'string'));
}

/** The specific step for the named failure, or undefined when the message says nothing more than the template. */
function specificStep(f: Finding, named: Named, config: AppConfig | undefined, make: Make): FindingStep {
  const said = `The app stopped on ${named.exception}: "${named.message}".`;
  const variables = [...named.message.matchAll(VARIABLE)].map((m) => m[1]!);
  const known = configVariables(config);
  const variable = variables.find((v) => known.has(v)) ?? variables[0];
  if (variable) {
    const has = known.has(variable);
    return make({
      text: `${said} It names ${variable}, a setting the app reads: ${has ? `check its value in the configuration and set the right one` : 'set it'}; this creates a new revision.`,
      command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${variable}=<value>`,
    });
  }
  if (NOT_MIGRATED.test(named.message)) {
    return make({
      text: `${said} The database's schema was never migrated: run the app's migration command against the database its connection setting names, once, as a Container Apps job (or an init container) before the server starts, then restart the revision.`,
    });
  }
  if (MODULE_FORMAT.test(named.message)) {
    return make({
      text: `${said} The built code and the module format Node loads it in disagree: mark the package as ES modules ("type": "module" in package.json, or .mjs files) or compile to CommonJS, then rebuild the image and deploy it.`,
    });
  }
  if (VERSION_CLASH.test(named.exception)) {
    const libs = frameLibraries(f);
    return make({
      text: `${said} ${named.exception} means one library was built against another version of a library it calls${libs.length > 0 ? ` (the trace runs through ${libs.join(', ')})` : ''}: align their versions (upgrade or pin them together in the project file), rebuild the image and deploy it.`,
    });
  }
  return make({
    text: `${said} No setting Azure holds is named: the cause is in the app's code or its build, so fix what the message names there, then rebuild the image and deploy it.`,
  });
}

/** The app's first revision has no previous one to go back to. */
function firstRevision(names: Record<string, string>): boolean {
  return /--0+1$/.test(names.revision ?? '');
}

export function namedFailureSteps(f: Finding, steps: FindingStep[], names: Record<string, string>, config: AppConfig | undefined, make: Make): FindingStep[] {
  if (f.benign) return steps;
  const at = steps.findIndex((s) => RAISED.test(s.text) || (s.text.endsWith(NAMES_IT) && !s.command));
  if (at < 0) return steps;
  const named = namedException(f);
  if (!named) return steps;
  const step = specificStep(f, named, config, make);
  // A step already sets a variable (namedSettings, missing settings): that one is the fix.
  if (step.command && steps.some((s) => /--set-env-vars /.test(s.command ?? ''))) return steps;
  // Without a frame in the evidence there is no trace to follow; with a decisive fix, no need to.
  const decisive = !/No setting Azure holds is named/.test(step.text) || !evidenceTexts(f).some((t) => TRACE_FRAME.test(t));
  return steps.flatMap((s, i) => {
    if (i === at) return [step];
    if (READ_AGAIN.test(s.text)) return [];
    if (decisive && FOLLOW_TRACE.test(s.text)) return [];
    if (firstRevision(names) && ROLL_BACK_PREVIOUS.test(s.text)) return [];
    return [s];
  });
}
