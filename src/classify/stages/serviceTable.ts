/**
 * The services a refused or defaulted connection is read against, one table for the stages that need it
 * (localDefaults' missing address, emptySetting's fallback): each service by the words its clients and
 * errors print, its well-known port, and the words of the variable names that configure it.
 * Each row is the union of what those stages read before they shared it.
 */
export interface KnownService {
  /** Words of the service's clients and refusals (`pgx`, `libpq`, `PG::`, `SQLSTATE`). */
  words: RegExp;
  /** The port its clients dial by default. */
  port: string;
  /** Words of the variable names that configure it (`REDIS_URL`, `PGHOST`, `DRUPAL_DB_HOST`). */
  variable: RegExp;
}

/**
 * `DB` as a word of the name (`DB_HOST`, `WORDPRESS_DB_HOST`, `PAPERLESS_DBHOST`, `SONAR_JDBC_URL`), not the
 * tail of another store's name (`MONGODB_URI`, `INFLUXDB_URL`, `COSMOSDB_KEY`), which is that store's setting.
 */
export const SERVICES: readonly KnownService[] = [
  { words: /redis/i, port: '6379', variable: /REDIS/i },
  { words: /postgres|pgx|\bPG::|\bpsql\b|libpq|npgsql|postgrex|\.s\.PGSQL/i, port: '5432', variable: /POSTGRES|^PG_?[A-Z]|(?:^|_)J?DB|DATABASE/i },
  { words: /mysql|mariadb/i, port: '3306', variable: /MYSQL|MARIADB|(?:^|_)J?DB|DATABASE/i },
  { words: /\bPDO\b|SQLSTATE|SQL Server|ODBC|database/i, port: '1433', variable: /(?:^|_)J?DB|DATABASE|SQL/i },
  { words: /mongo/i, port: '27017', variable: /MONGO/i },
  { words: /amqp|rabbit/i, port: '5672', variable: /AMQP|RABBIT|BROKER/i },
  { words: /kafka/i, port: '9092', variable: /KAFKA|BROKER/i },
];
