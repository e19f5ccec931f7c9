/**
 * The address variable an app most likely reads when its configuration sets the other variables of the
 * same service and not that one: POSTGRESQL_USER and POSTGRESQL_PASS with no POSTGRESQL_HOST say the app
 * reads its PostgreSQL settings under the POSTGRESQL_ prefix, so the host it fell back to localhost for is
 * POSTGRESQL_HOST, not the conventional DATABASE_URL.
 */
import type { AppConfig } from '../../model';

/** The words a service's variables start with (the prefix before the field). */
const SERVICE_PREFIX: Record<string, RegExp> = {
  PostgreSQL: /^(?:POSTGRES(?:QL)?|PG|DB|DATABASE)$/,
  MySQL: /^(?:MYSQL|MARIADB|DB|DATABASE)$/,
  'SQL Server': /^(?:MSSQL|SQL|SQLSERVER|DB|DATABASE)$/,
  Redis: /^(?:REDIS|CACHE)$/,
  MongoDB: /^(?:MONGO|MONGODB)$/,
  RabbitMQ: /^(?:RABBITMQ|RABBIT|AMQP)$/,
  Elasticsearch: /^(?:ELASTIC|ELASTICSEARCH|OPENSEARCH|ES)$/,
  'the database': /^(?:DB|DATABASE)$/,
};
/** Fields that are not the address. */
const NOT_ADDRESS = /^(?:USER|USERNAME|PASS|PASSWORD|PWD|DB|DATABASE|NAME|PORT|SSL|SSLMODE|POOL|TIMEOUT)$/;
/** Fields that hold the address. */
const ADDRESS = /^(?:HOST|HOSTNAME|SERVER|URL|URI|ADDR|ADDRESS|DSN|ENDPOINT)$/;

export function siblingHostVar(service: string | undefined, config: AppConfig | undefined): { name: string; siblings: string[] } | undefined {
  const prefixOk = service ? SERVICE_PREFIX[service] : undefined;
  if (!prefixOk || !config) return undefined;
  const names = (Array.isArray(config.containers) ? config.containers : []).flatMap((c) => (Array.isArray(c?.env) ? c.env : [])).map((e) => e?.name).filter((n): n is string => typeof n === 'string');
  const byPrefix = new Map<string, { fields: string[]; vars: string[] }>();
  for (const n of names) {
    const m = /^([A-Z][A-Z0-9]{1,20})_([A-Z]{2,12})$/.exec(n);
    if (!m || !prefixOk.test(m[1]!)) continue;
    const entry = byPrefix.get(m[1]!) ?? { fields: [], vars: [] };
    entry.fields.push(m[2]!);
    entry.vars.push(n);
    byPrefix.set(m[1]!, entry);
  }
  // One prefix whose fields are all credentials or names: its address field is the one missing.
  const candidates = [...byPrefix.entries()].filter(([, e]) => e.fields.every((f) => NOT_ADDRESS.test(f)) && !e.fields.some((f) => ADDRESS.test(f)));
  if (candidates.length !== 1 || byPrefix.size !== 1) return undefined;
  const [prefix, entry] = candidates[0]!;
  return { name: `${prefix}_HOST`, siblings: entry.vars.slice(0, 4) };
}
