/**
 * What the configuration says about the variable that addresses an unreachable dependency, beyond its
 * name (v22 review, A 2, 11, 15; B 79, 81): a variable with a value, or one read from a secret, is not
 * "unset or empty", so the step must not say the app fell back to a default; a connection string named by
 * its secret only (`PW_SINK` reading secret `sink-dsn`) is still the app's address variable.
 */
import type { AppConfig, EnvVarSpec } from '../../model';

/** A secret or variable name that says it holds a connection string or a service URL. */
const CONNECTION_WORD = /(?:^|[-_.])(?:DSN|URL|URI|CONN(?:ECTION)?(?:[-_]?STR(?:ING)?)?|DATA[-_]?SOURCE)(?:[-_.]|$)/i;
/** Connection-looking names that address something other than a backing service (error reporting, the app's own URL). */
const NOT_A_BACKEND = /SENTRY|PUBLIC|BASE[-_]?URL|SITE|APP[-_]?URL|CALLBACK|REDIRECT|WEBHOOK|OTEL|OTLP|HEALTH|FRONTEND|ISSUER|AUTHORITY|OIDC|JWKS/i;

function containerEnv(config: AppConfig | undefined, container: string | undefined): EnvVarSpec[] {
  const containers = Array.isArray(config?.containers) ? config.containers : [];
  const c = containers.find((x) => x?.name === container) ?? containers[0];
  return (Array.isArray(c?.env) ? c.env : []).filter((e): e is EnvVarSpec => typeof e?.name === 'string');
}

/**
 * The container's one variable read from a secret whose own name or secret's name says it is a
 * connection string (`PW_SINK` <- `sink-dsn`, `APP_DB` <- `db-url`): when the service table ties no
 * variable to the service, that is the address the app dialled. None when two fit (a guess).
 */
export function secretConnectionVar(config: AppConfig | undefined, container: string | undefined): { name: string; secretRef: string } | undefined {
  const fits = containerEnv(config, container).filter(
    (e) => typeof e.secretRef === 'string' && (CONNECTION_WORD.test(e.name) || CONNECTION_WORD.test(e.secretRef)) && !NOT_A_BACKEND.test(`${e.name} ${e.secretRef}`),
  );
  return fits.length === 1 ? { name: fits[0]!.name, secretRef: fits[0]!.secretRef! } : undefined;
}

/** The variable has a plain value in the container's template (not a secret, not empty). */
export function hasPlainValue(config: AppConfig | undefined, container: string | undefined, name: string): boolean {
  const e = containerEnv(config, container).find((x) => x.name === name);
  return !!e && e.hasValue === true && !e.secretRef;
}

/** The images that serve each well-known port, by the words in their repository names. */
const SERVED_BY: Record<string, RegExp> = {
  '5432': /postgres|postgis|timescale/i,
  '3306': /mysql|mariadb|percona/i,
  '6379': /redis|valkey|keydb|dragonfly/i,
  '27017': /mongo/i,
  '5672': /rabbitmq/i,
  '9092': /kafka|redpanda/i,
  '11211': /memcached/i,
  '9200': /elasticsearch|opensearch/i,
};

/**
 * Another container of the same app whose image serves the port the client dialled on the loopback
 * (`postgres:16` beside the app for 127.0.0.1:5432): the replica's containers share one network, so the
 * local address is right and the dependency was not listening yet (v22 review, B 81). Its name, or none.
 */
export function localSidecarFor(config: AppConfig | undefined, container: string | undefined, port: string | undefined): string | undefined {
  const serves = port ? SERVED_BY[port] : undefined;
  if (!serves) return undefined;
  const containers = Array.isArray(config?.containers) ? config.containers : [];
  const main = containers.find((x) => x?.name === container) ?? containers[0];
  const repo = (image: unknown) => (typeof image === 'string' ? (image.split('/').pop() ?? '').split(/[:@]/)[0] ?? '' : '');
  const sidecar = containers.find((c) => c !== main && typeof c?.name === 'string' && serves.test(repo(c.image)));
  return sidecar?.name;
}
