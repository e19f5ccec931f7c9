/**
 * Review v20 #83: Prisma reports DATABASE_URL missing while the container sets DATABSE_URL (secretRef
 * pg-url). The step renames the variable onto the secret it already reads, instead of a new secret that
 * needs the connection string typed again. Near misses: another name (DATABASE_URI), the name itself set.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';
import { isTypoOf, misspelledVariable } from '../../src/classify/steps/misspelledVariable';
import { loopbackReason } from '../../src/classify/stages/localDefaults';

const SUB = '6a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d';
const { target, config, exit, line } = appFixtures({
  app: 'resume-app', resourceGroup: 'rg-resume', subscriptionId: SUB, t0: Date.parse('2026-12-03T08:00:00Z'),
  revision: 'resume-app--0000003', replica: 'resume-app--0000003-5c6d7e8f9-u6i7o',
  container: { name: 'resume-app', image: 'amruthpillai/reactive-resume:v4.0.3', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const loop = [exit(1, 10), exit(1, 40), exit(1, 80)];
// https://github.com/prisma/prisma/issues/9193 ("error: Environment variable not found: DATABASE_URL.")
const PRISMA = 'error: Environment variable not found: DATABASE_URL.';
const withEnv = (env: { name: string; secretRef?: string; hasValue: boolean }[]) =>
  config({ secrets: [{ name: 'pg-url' }] }, { env });

describe('a typo of the variable the app reads', () => {
  it('is a dropped, added or swapped letter, not another name', () => {
    expect(isTypoOf('DATABSE_URL', 'DATABASE_URL')).toBe(true);
    expect(isTypoOf('DATABASEE_URL', 'DATABASE_URL')).toBe(true);
    expect(isTypoOf('DATBAASE_URL', 'DATABASE_URL')).toBe(true);
    expect(isTypoOf('DATABASE_URI', 'DATABASE_URL')).toBe(false);
    expect(isTypoOf('DATABASE_URL', 'DATABASE_URL')).toBe(false);
    expect(isTypoOf('DATABASE_URL_RO', 'DATABASE_URL')).toBe(false);
    expect(isTypoOf('PORTS', 'PORT')).toBe(false);
  });

  it('is found only when the expected name is not set and one variable is a typo of it', () => {
    expect(misspelledVariable('DATABASE_URL', withEnv([{ name: 'DATABSE_URL', secretRef: 'pg-url', hasValue: false }]))?.name).toBe('DATABSE_URL');
    expect(misspelledVariable('DATABASE_URL', withEnv([{ name: 'DATABSE_URL', hasValue: true }, { name: 'DATABASE_URL', hasValue: true }]))).toBeUndefined();
    expect(misspelledVariable('DATABASE_URL', withEnv([{ name: 'DATABSE_URL', hasValue: true }, { name: 'DATABASEURL', hasValue: true }]))).toBeUndefined();
  });

  it('renames DATABSE_URL onto the secret it reads (v20 #83), no new secret', () => {
    const f = primary({ system: loop, console: [line(PRISMA, 5)], target: target(), config: withEnv([{ name: 'PORT', hasValue: true }, { name: 'DATABSE_URL', secretRef: 'pg-url', hasValue: false }]) });
    const all = commands(f).join('\n');
    expect(all).toContain('--set-env-vars DATABASE_URL=secretref:pg-url --remove-env-vars DATABSE_URL');
    expect(all).not.toContain('database-url=<value>');
    expect(texts(f)).toContain('DATABSE_URL (it reads secret pg-url), a typo of DATABASE_URL');
    expectValidCommands(f);
  });

  it('near miss: DATABASE_URI is another variable, the usual secret steps stay', () => {
    const f = primary({ system: loop, console: [line(PRISMA, 5)], target: target(), config: withEnv([{ name: 'DATABASE_URI', secretRef: 'pg-url', hasValue: false }]) });
    expect(commands(f).join('\n')).not.toContain('--remove-env-vars');
    expect(texts(f)).not.toContain('a typo of');
  });
});

/**
 * Review v20 #12 and #14: "unset or empty" was said of an address the configuration shows set (Redis__Host
 * has a value; the Spring issuer's env-var form has a value). Near miss: nothing set, the claim stays.
 */

describe('why a client dialled the replica itself', () => {
  const cfg = (env: { name: string; secretRef?: string; hasValue: boolean }[]) => config({}, { env });
  it('names the one address variable the configuration sets (v20 #14)', () => {
    const why = loopbackReason('localhost', cfg([{ name: 'SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI', hasValue: true }]));
    expect(why).toContain('SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI (which has a value) most likely holds this local address');
    expect(why).not.toContain('unset or empty');
  });
  it('names the secret an address variable reads', () => {
    expect(loopbackReason('127.0.0.1', cfg([{ name: 'REDIS_URL', secretRef: 'redis-url', hasValue: false }]))).toContain('REDIS_URL (which reads secret redis-url)');
  });
  it('near misses: no address variable set, or only a password: the claim stays', () => {
    expect(loopbackReason('localhost', cfg([]))).toContain('unset or empty');
    expect(loopbackReason('localhost', cfg([{ name: 'REDIS_PASSWORD', secretRef: 'redis-pass', hasValue: false }, { name: 'REDIS_HOST', hasValue: false }]))).toContain('unset or empty');
  });
});
