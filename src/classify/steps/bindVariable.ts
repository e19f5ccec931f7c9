/**
 * The variable a server reads its listen address from, when the configuration sets it: an app bound to the
 * loopback address while the ollama image's OLLAMA_HOST (or a plain HOST, BIND_ADDRESS, LISTEN_ADDR) is
 * set has that variable to fix, not a generic "bind 0.0.0.0 somewhere".
 */
import type { AppConfig } from '../../model';
import { mainContainer } from '../stages/configChecks';

/** `<PREFIX>_HOST`, `BIND_ADDRESS`, `LISTEN_ADDR`: group 1 the prefix, group 2 the field. */
const BIND_VAR = /^(?:([A-Z][A-Z0-9]{0,30})_)?(HOST|BIND|BIND_ADDR|BIND_ADDRESS|LISTEN_HOST|LISTEN_ADDR|LISTEN_ADDRESS|ADDR|ADDRESS)$/;
/** Prefixes that name the app's own server, not a dependency it calls (REDIS_HOST, DB_HOST are dependencies). */
const OWN_PREFIX = /^(?:APP|SERVER|HTTP|WEB|API|LISTEN|BIND)$/;

/** The image's repository word (`docker.io/ollama/ollama:0.1.30` -> `ollama`). */
function imageWord(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  const path = image.split('@')[0]!.split('/').pop() ?? '';
  return path.split(':')[0]!.toLowerCase().replace(/[^a-z0-9]/g, '') || undefined;
}

/** The one configured listen-address variable of the failing container, and the value that binds all interfaces. */
export function bindVarNames(config: AppConfig | undefined, container: string | undefined, port: string | undefined): Record<string, string> {
  const c = mainContainer(config, container);
  if (!c) return {};
  const own = new Set([imageWord(c.image), typeof c.name === 'string' ? c.name.toLowerCase().replace(/[^a-z0-9]/g, '') : undefined].filter((w): w is string => !!w));
  const found = (Array.isArray(c.env) ? c.env : []).filter((e) => {
    const m = typeof e?.name === 'string' && !e.secretRef ? BIND_VAR.exec(e.name) : null;
    if (!m) return false;
    const prefix = m[1];
    return !prefix || OWN_PREFIX.test(prefix) || own.has(prefix.toLowerCase());
  });
  if (found.length !== 1) return {};
  const name = found[0]!.name;
  // A host variable takes the address alone (the server keeps its port); an address variable takes both.
  const hostOnly = /(?:HOST|BIND)$/.test(name);
  if (!hostOnly && !port) return {};
  return { bindVar: name, bindValue: hostOnly ? '0.0.0.0' : `0.0.0.0:${port}` };
}
