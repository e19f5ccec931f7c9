import { SERVICES } from '../../../src/classify/stages/serviceTable';

const byPort = (port: string) => SERVICES.find((s) => s.port === port)!;

describe('service table', () => {
  it('reads a database variable by DB as a word of its name', () => {
    for (const v of ['DB_HOST', 'WORDPRESS_DB_HOST', 'PAPERLESS_DBHOST', 'SONAR_JDBC_URL', 'DATABASE_URL', 'PGHOST', 'POSTGRES_PASSWORD']) {
      expect(byPort('5432').variable.test(v)).toBe(true);
    }
  });
  it('leaves another store\'s name to that store (near misses)', () => {
    for (const v of ['MONGODB_URI', 'INFLUXDB_URL', 'COSMOSDB_KEY']) expect(byPort('5432').variable.test(v)).toBe(false);
    expect(byPort('27017').variable.test('MONGODB_URI')).toBe(true);
  });
  it('knows a service by its client\'s words', () => {
    expect(SERVICES.find((s) => s.words.test('PG::ConnectionBad: could not connect'))?.port).toBe('5432');
    expect(SERVICES.find((s) => s.words.test('dial error: pgx connect failed'))?.port).toBe('5432');
    expect(SERVICES.find((s) => s.words.test('SQLSTATE[HY000] [2002] Connection refused'))?.port).toBe('1433');
  });
});
