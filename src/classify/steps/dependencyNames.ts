/**
 * Names a dependency's steps need beyond the rows' host and port: which service it is, the variable an
 * app conventionally names it by (when the configuration did not say which one), whether the host is the
 * replica's own loopback, a short name that only resolves in docker-compose, or an Azure endpoint with a
 * private DNS zone of its own.
 */
import type { Finding } from '../../model';
import { isPrivateAddress } from './privateNetwork';

const SERVICES: readonly { about: RegExp; service: string; variable: string; spring?: string }[] = [
  { about: /redis|\b6379\b|\b6380\b/i, service: 'Redis', variable: 'REDIS_URL', spring: 'SPRING_DATA_REDIS_HOST' },
  { about: /mongo|\b27017\b/i, service: 'MongoDB', variable: 'MONGODB_URI', spring: 'SPRING_DATA_MONGODB_URI' },
  // Cosmos DB's own SDKs (Microsoft.Azure.Cosmos, azure-cosmos): no conventional variable, so none is guessed.
  { about: /cosmos|\.documents\.azure\.com/i, service: 'Cosmos DB', variable: '' },
  { about: /kafka|\b9092\b/i, service: 'Kafka', variable: 'KAFKA_BOOTSTRAP_SERVERS', spring: 'SPRING_KAFKA_BOOTSTRAP_SERVERS' },
  { about: /rabbit|amqp|\b5672\b/i, service: 'RabbitMQ', variable: 'RABBITMQ_URL', spring: 'SPRING_RABBITMQ_HOST' },
  { about: /postgres|npgsql|psycopg|prisma|\bpg\b|\b5432\b/i, service: 'PostgreSQL', variable: 'DATABASE_URL', spring: 'SPRING_DATASOURCE_URL' },
  { about: /mysql|mariadb|\b3306\b/i, service: 'MySQL', variable: 'DATABASE_URL', spring: 'SPRING_DATASOURCE_URL' },
  { about: /sql ?server|sqlclient|SqlException|mssql|database\.windows\.net|\b1433\b/i, service: 'SQL Server', variable: 'ConnectionStrings__<Name>', spring: 'SPRING_DATASOURCE_URL' },
  { about: /elasticsearch|opensearch|\b9200\b/i, service: 'Elasticsearch', variable: 'ELASTICSEARCH_URL' },
  { about: /\bdb\b|database/i, service: 'the database', variable: '' },
];

/** Azure endpoints and the private DNS zone a private endpoint to them uses. */
const PRIVATE_ZONES: readonly [RegExp, string][] = [
  [/\.postgres\.database\.azure\.com$/i, 'privatelink.postgres.database.azure.com'],
  [/\.mysql\.database\.azure\.com$/i, 'privatelink.mysql.database.azure.com'],
  [/\.database\.windows\.net$/i, 'privatelink.database.windows.net'],
  [/\.redis\.cache\.windows\.net$/i, 'privatelink.redis.cache.windows.net'],
  [/\.documents\.azure\.com$/i, 'privatelink.documents.azure.com'],
  [/\.mongo\.cosmos\.azure\.com$/i, 'privatelink.mongo.cosmos.azure.com'],
  [/\.servicebus\.windows\.net$/i, 'privatelink.servicebus.windows.net'],
  [/\.blob\.core\.windows\.net$/i, 'privatelink.blob.core.windows.net'],
  [/\.vault\.azure\.net$/i, 'privatelink.vaultcore.azure.net'],
  [/\.azurecr\.io$/i, 'privatelink.azurecr.io'],
];

/** A .NET data client in the rows: StackExchange.Redis, Npgsql, SqlClient, MongoDB.Driver, MySqlConnector. */
const DOTNET_CLIENT = /StackExchange\.Redis|\bNpgsql\b|(?:Microsoft|System)\.Data\.SqlClient|MongoDB\.Driver|MySqlConnector|MySql\.Data\.MySqlClient/;

export const LOOPBACK_HOST = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1|\[::1\]|0\.0\.0\.0)$/i;

export function dependencyNames(f: Finding, names: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const rows = (Array.isArray(f.evidence) ? f.evidence : []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : '')).join('\n');
  const about = `${f.ruleId} ${f.title} ${names.host ?? ''} ${names.port ?? ''} ${names.exception ?? ''} ${rows}`;
  const s = SERVICES.find((x) => x.about.test(about));
  if (s) {
    out.service = s.service;
    // A .NET client reads its connection from configuration (ConnectionStrings__<Name>), not REDIS_URL or DATABASE_URL.
    const dotnet = DOTNET_CLIENT.test(rows) && s.variable ? 'ConnectionStrings__<Name>' : undefined;
    const variable = /springframework|spring boot|\bspring\b/i.test(rows) && s.spring ? s.spring : (dotnet ?? s.variable);
    if (variable) out.serviceVar = variable;
  }
  const host = names.host;
  if (host && LOOPBACK_HOST.test(host)) out.loopback = host;
  // `database`, `redis`, `super__redis`: a docker-compose service name, which nothing in Azure resolves.
  else if (host && /^[A-Za-z][\w-]{0,62}$/.test(host) && !host.includes('.')) out.shortHost = host;
  // A full name outside the environment (another cloud, a SaaS, an Azure service): the environment's own
  // advice (ingress of another container app) does not apply to it.
  if (host && host.includes('.') && !LOOPBACK_HOST.test(host) && !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) && !/\.azurecontainerapps\.io$|(?:^|\.)internal(?:\.|$)|\.svc(?:\.cluster\.local)?$/i.test(host)) {
    out.outsideHost = host;
  }
  // An address the app was given as such: no container app, ingress or DNS name stands behind it, so a
  // refusal there is the server at that address (privateIp: one a VNet resource holds).
  if (host && !LOOPBACK_HOST.test(host) && /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) {
    out.ipHost = host;
    if (isPrivateAddress(host)) out.privateIp = host;
  }
  const zone = host ? PRIVATE_ZONES.find(([re]) => re.test(host))?.[1] : undefined;
  if (zone) out.privateZone = zone;
  if (host && /\.redis\.cache\.windows\.net$/i.test(host) && names.port === '6379') out.azureRedisPlain = host;
  return out;
}
