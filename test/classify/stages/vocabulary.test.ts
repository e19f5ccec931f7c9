import { containsTerm, scoreVocabulary } from '../../../src/classify/stages/vocabulary';
import { VOCABULARY } from '../../../src/classify/rules/vocabulary';

describe('vocabulary tier', () => {
  it('matches short terms only as whole words, stems as prefixes', () => {
    expect(containsTerm('the room is full', 'oom')).toBe(false);
    expect(containsTerm('oom: killed', 'oom')).toBe(true);
    expect(containsTerm('request throttled by server', 'throttl')).toBe(true);
  });

  it('is case-insensitive and weights later lines more', () => {
    const [top] = scoreVocabulary(['starting', 'FATAL: CANNOT ALLOCATE MEMORY FOR THE BUFFER POOL']);
    expect(top.category).toBe('out-of-memory');
    const late = scoreVocabulary(['connection refused', 'x', 'x', 'x']).find((s) => s.category === 'dependency-unreachable');
    const early = scoreVocabulary(['x', 'x', 'x', 'connection refused']).find((s) => s.category === 'dependency-unreachable');
    expect(early!.score).toBeGreaterThan(late!.score);
  });

  it('reads a CamelCase exception name as its words, and still matches the joined form', () => {
    // java.net.UnknownHostException is "unknown host" in any other runtime's words.
    const [split] = scoreVocabulary(['java.net.UnknownHostException: orders-db.internal']);
    expect(split.category).toBe('dependency-unreachable');
    expect(split.terms).toContain('unknown host');
    const [joined] = scoreVocabulary(["ModuleNotFoundError: No module named 'x'"]);
    expect(joined.terms).toContain('modulenotfounderror');
  });

  it('reads an absent or unparseable configuration file as missing configuration', () => {
    // https://github.com/xmidt-org/caduceus/issues/61 (viper: Config File '...' Not Found in '[...]')
    const [viper] = scoreVocabulary(["Unable to initialize Viper environment: Config File 'caduceus' Not Found in '[/etc/caduceus /]'"]);
    expect(viper.category).toBe('missing-configuration');
    // https://github.com/kubernetes/test-infra/issues/17816 (Could not parse image config file: error converting YAML to JSON)
    const [yaml] = scoreVocabulary(['Could not parse image config file: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context']);
    expect(yaml.category).toBe('missing-configuration');
  });

  it("reads a pool or client that gave up reaching its server as an unreachable dependency", () => {
    // https://github.com/robatipoor/rustfulapi/issues/19 (Error: DatabaseError(Conn(SqlxError(PoolTimedOut))))
    const [pool] = scoreVocabulary(['Error: DatabaseError(Conn(SqlxError(PoolTimedOut)))']);
    expect(pool.category).toBe('dependency-unreachable');
    expect(pool.terms).toContain('pool timed out');
  });

  it("reads a service's rate limit as quota, a server with no connection slots as unreachable, pending migrations as the app's", () => {
    // https://github.com/alex-wolf-ps/dbchatprov2/issues/2 (HTTP 429: exceeded token rate limit of your current OpenAI S0 pricing tier)
    const [rate] = scoreVocabulary(["openai.RateLimitError: Error code: 429 - {'error': {'code': '429', 'message': 'Requests to the ChatCompletions_Create Operation have exceeded token rate limit of your current OpenAI S0 pricing tier.'}}"]);
    expect(rate.category).toBe('quota-exceeded');
    // https://github.com/irrdnet/irrd/issues/350 (FATAL:  remaining connection slots are reserved for non-replication superuser connections)
    const [slots] = scoreVocabulary(['FATAL:  remaining connection slots are reserved for non-replication superuser connections']);
    expect(slots.category).toBe('dependency-unreachable');
    // https://github.com/Fuzzapi/fuzzapi/issues/60 (PendingMigrationError when the server starts in docker)
    const [pending] = scoreVocabulary(['ActiveRecord::PendingMigrationError: Migrations are pending. To resolve this issue, run: bin/rails db:migrate RAILS_ENV=production']);
    expect(pending.category).toBe('application-error');
  });

  it('scores nothing on ordinary lines', () => {
    expect(scoreVocabulary(['GET /health 200 3ms', 'request served'])).toEqual([]);
  });

  it('keeps its terms lower-case and its weights positive', () => {
    for (const family of Object.values(VOCABULARY)) {
      for (const [term, weight] of family ?? []) {
        expect(term).toBe(term.toLowerCase());
        expect(weight).toBeGreaterThan(0);
      }
    }
  });

  it('scans a megabyte line without reading all of it', () => {
    // Only the head and tail of a line are looked at; the score is the same as for those parts alone.
    const big = `${'a'.repeat(500_000)} out of memory ${'b'.repeat(500_000)}`;
    expect(scoreVocabulary([big])).toEqual([]);
  });
});
