/**
 * Names the steps derive from the ones the rule and configuration gave, at classification time and again
 * once the configuration is known: the OS package behind a missing library, and the memory knob of a
 * runtime sized from the container's limit.
 */
import type { AppConfig } from '../../model';
import { memoryGiB } from '../memorySize';
import { trimChars } from '../trim';
import { packageNames } from '../rules/osPackages';

/**
 * GOMEMLIMIT a tenth below the container's limit: the Go GC then works harder before the kernel kills,
 * and the rest is left for what the runtime does not count (stacks, cgo, the binary).
 */
function goMemLimit(memoryLimit: string | undefined): Record<string, string> {
  const gi = memoryGiB(memoryLimit);
  return gi ? { goMemLimit: `${Math.floor(gi * 1024 * 0.9)}MiB` } : {};
}

/**
 * An image built on a GPU inference or training stack (the repository names it): a native crash in it
 * is the CUDA/torch build's before it is a libc or CPU mismatch. Only the image's own words count.
 */
const GPU_IMAGE = /(?:^|[/_-])(?:sglang|vllm|pytorch|cuda|tensorrt|triton(?:server)?|text-generation-inference|tgi|llama\.cpp|ollama)(?=[/:_-]|$)/i;

function gpuImage(image: string | undefined): Record<string, string> {
  const repo = typeof image === 'string' ? image.slice(0, 300).split('@')[0]!.replace(/:[\w.-]{1,128}$/, '') : '';
  return repo && GPU_IMAGE.test(repo) ? { gpuImage: image!.slice(0, 300) } : {};
}

/** A connection string's service, by the variable or secret that holds it, or by the SDK's own rows. */
const MESSAGING_NAME = /SERVICE[_-]?BUS|EVENT[_-]?HUBS?|(?:^|[_-])(?:SB|EH)(?:[_-]|$)/i;
const STORAGE_NAME = /STORAGE|BLOB|DATA[_-]?LAKE|ADLS/i;
const MESSAGING_ROWS = /servicebus|service[ _-]bus|event[ _-]?hubs?|azservicebus|azeventhubs|Endpoint=sb:|SharedAccessKey|EntityPath/i;
const STORAGE_ROWS = /azure[/.]storage|AccountName|AccountKey|DefaultEndpointsProtocol|BlobServiceClient|\.(?:blob|queue|table|file|dfs)\.core\.windows\.net/i;

/**
 * The Azure service a connection string is for, when exactly one is named (`messagingConnection`: Service
 * Bus or Event Hubs; `storageConnection`): its steps then give that service's format and no other's.
 */
export function connectionServiceNames(names: Readonly<Record<string, string>>, rows: readonly string[]): Record<string, string> {
  const held = [names.envVar, names.secret].filter((n): n is string => typeof n === 'string').map((n) => n.slice(0, 200));
  const text = rows.map((r) => r.slice(0, 2000));
  const eventHubs = held.some((n) => /EVENT[_-]?HUBS?|(?:^|[_-])EH(?:[_-]|$)/i.test(n)) || text.some((r) => /event[ _-]?hubs?|azeventhubs/i.test(r));
  const messaging = held.some((n) => MESSAGING_NAME.test(n)) || text.some((r) => MESSAGING_ROWS.test(r));
  const storage = held.some((n) => STORAGE_NAME.test(n)) || text.some((r) => STORAGE_ROWS.test(r));
  if (messaging === storage) return {};
  return messaging ? { messagingConnection: eventHubs ? 'Event Hubs' : 'Service Bus' } : { storageConnection: 'Storage' };
}

/** An image whose reference says it is built on musl libc (an Alpine or musl tag or repository). */
function muslImage(image: string | undefined): Record<string, string> {
  const ref = typeof image === 'string' ? image.slice(0, 300) : '';
  return ref && /(?:^|[/:_.-])(?:alpine|musl)(?=$|[/:_.\d-])/i.test(ref) ? { muslImage: ref } : {};
}

/**
 * An image whose reference says it is built on Debian or Ubuntu (a Docker official image's `-slim`, a release
 * codename): its packages come from apt-get, so a step names the apt package alone.
 */
function debianImage(image: string | undefined): Record<string, string> {
  const ref = typeof image === 'string' ? image.slice(0, 300) : '';
  return ref && /(?:^|[/:_.-])(?:slim|bookworm|bullseye|buster|trixie|jammy|focal|noble|debian|ubuntu)(?=$|[/:_.\d-])/i.test(ref) && !muslImage(ref).muslImage
    ? { debianImage: ref }
    : {};
}

export function runtimeNames(names: Readonly<Record<string, string>>): Record<string, string> {
  return { ...packageNames(names), ...goMemLimit(names.memoryLimit), ...gpuImage(names.image), ...muslImage(names.image), ...debianImage(names.image) };
}

/** The derived names are filled into a command here; every other placeholder is left for `attachCommands`. */
export function fillDerived(command: string, derived: Readonly<Record<string, string>>): string {
  return command.replace(/\{(\w{1,40})\}/g, (m, name: string) => (Object.prototype.hasOwnProperty.call(derived, name) ? derived[name]! : m));
}


/**
 * The base the change since the healthy revision moved to, when it is Alpine (musl libc): a native crash
 * right after it is the libc, not the code. Read from the change summary or the images it changed to.
 */
export function muslBaseOf(config: AppConfig | undefined): Record<string, string> {
  const change = config?.changesSinceHealthy;
  if (!change) return {};
  const images = (Array.isArray(change.changes) ? change.changes : [])
    .filter((c) => c?.kind === 'image')
    .map((c) => (typeof c.after === 'string' ? c.after : ''));
  const texts = [typeof change.summary === 'string' ? change.summary : '', ...images].map((t) => t.slice(0, 500));
  const word = texts.flatMap((t) => t.split(/\s+/)).find((w) => /alpine|musl/i.test(w));
  // The word that says it (`eclipse-temurin:11-jre-alpine`), without the quotes, brackets and punctuation around it.
  const hit = word ? trimChars(word, '("\'`', ')"\'`,.;') : undefined;
  return hit ? { muslBase: hit } : {};
}

/** The start command's program (its last path part): the runtime the app is written for. */
const PYTHON_PROGRAM = /^(?:python[\d.]{0,5}|uvicorn|gunicorn|celery|flask|streamlit|hypercorn|daphne|pytest|poetry|pipenv|uv)$/;
const NODE_PROGRAM = /^(?:node|nodejs|npm|npx|yarn|pnpm|bun|tsx|ts-node)$/;
/** Rows only one runtime prints (a Python traceback, Node's internals). */
const PYTHON_ROWS = /Traceback \(most recent call last\)|(?:site|dist)-packages\/|\bplaywright\._impl\b|ModuleNotFoundError/;
const NODE_ROWS = /\bnode:internal\/|node_modules\/|\bat Object\.<anonymous>|\bnpm (?:ERR|notice)\b/;

/**
 * The app's runtime when the start command or the rows say it (`pythonApp` or `nodeApp`, never both):
 * a step's tool text (an install command, a base image, the native packages to check) is then that
 * runtime's, and another runtime's template text stays out.
 */
export function appRuntimeNames(words: readonly string[], rows: readonly string[]): Record<string, string> {
  // `sh -c "python app.py"`: the program is the first word of the shell's script.
  const script = /^(?:\/usr)?(?:\/bin\/)?(?:ba|da|z|a)?sh$/.test(words[0] ?? '') && /^-\w{0,4}c$/.test(words[1] ?? '') ? (words[2] ?? '').trim().split(/\s+/) : words;
  const program = (script[0] ?? '').slice(0, 200).split('/').pop() ?? '';
  const python = PYTHON_PROGRAM.test(program) || (!program && rows.some((r) => PYTHON_ROWS.test(r.slice(0, 2000))));
  const node = NODE_PROGRAM.test(program) || (!program && rows.some((r) => NODE_ROWS.test(r.slice(0, 2000))));
  if (python === node) return {};
  // Playwright for Python: its own image and its own install module.
  const playwright = { playwrightImage: 'mcr.microsoft.com/playwright/python:v<version>', playwrightInstall: 'python -m playwright install chromium' };
  return python ? { pythonApp: program || 'python', ...playwright } : { nodeApp: program || 'node' };
}
