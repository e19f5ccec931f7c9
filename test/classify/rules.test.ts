import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CONSOLE_RULES,
  DERIVED_RULES,
  EXIT_RULE_IDS,
  SYSTEM_RULES,
  classify,
  classifySystemEvent,
  matchConsoleLine,
  toPosixEre,
} from '../../src/classify';
import type { AppConfig, SystemEvent, ConsoleLine } from '../../src/model';
import { FIXTURES } from './corpus';

interface Scenario {
  system: (Omit<SystemEvent, 'time' | 'count'> & { at: number; count?: number })[];
  console: (Omit<ConsoleLine, 'time'> & { at: number })[];
  config?: AppConfig;
  targetKind?: 'job' | 'containerApp';
}
interface Cases<T> {
  positive: T[];
  negative: T[];
}
const cases = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'rule-cases.json'), 'utf8')) as {
  console: Record<string, Cases<string>>;
  system: Record<string, Cases<{ reason: string; message: string }>>;
  scenario: Record<string, Cases<Scenario>>;
};

const T0 = Date.parse('2025-03-04T10:00:00Z');
function runScenario(s: Scenario) {
  return classify({
    system: s.system.map((r) => ({ ...r, time: new Date(T0 + r.at * 1000), count: r.count ?? 1 })),
    console: s.console.map((r) => ({ ...r, time: new Date(T0 + r.at * 1000) })),
    config: s.config,
    target: s.targetKind
      ? { kind: s.targetKind, name: 'app', window: { start: new Date(T0 - 3600_000), end: new Date(T0) } }
      : undefined,
  });
}

/** Matches a console case: every row of the text is tried, with the whole text as its surrounding trace. */
function consoleIds(text: string): string[] {
  return text.split('\n').flatMap((line) => matchConsoleLine(line, text).map((m) => m.ruleId));
}

describe('rule tables', () => {
  const allIds = [
    ...CONSOLE_RULES.map((r) => r.id),
    ...SYSTEM_RULES.map((r) => r.id),
    ...EXIT_RULE_IDS,
    ...Object.values(DERIVED_RULES).map((r) => r.id),
  ];

  it('has unique, stable-looking ids', () => {
    expect(new Set(allIds).size).toBe(allIds.length);
    for (const id of allIds) expect(id).toMatch(/^(console|system|exit|config|engine)\.[a-z0-9.-]+$/);
  });

  it('gives every rule at least one positive and one near-miss case', () => {
    const covered = new Set([...Object.keys(cases.console), ...Object.keys(cases.system), ...Object.keys(cases.scenario)]);
    // The internal-error rule is proven by the throwing-input test below rather than by a fixture.
    const missing = allIds.filter((id) => id !== DERIVED_RULES.internalError.id && !covered.has(id));
    expect(missing).toEqual([]);
    for (const group of [cases.console, cases.system, cases.scenario] as Cases<unknown>[][] | Record<string, Cases<unknown>>[]) {
      for (const [id, c] of Object.entries(group as Record<string, Cases<unknown>>)) {
        expect([id, c.positive.length > 0 && c.negative.length > 0]).toEqual([id, true]);
      }
    }
  });

  it('every rule keyword is lower case and every console rule has advice', () => {
    for (const r of CONSOLE_RULES) {
      for (const k of r.keywords) expect(k).toBe(k.toLowerCase());
      expect(r.actions.length).toBeGreaterThan(0);
      expect(r.explanation.length).toBeGreaterThan(20);
    }
  });

  describe.each(Object.entries(cases.console))('%s', (id, c) => {
    it('matches its positive cases', () => {
      for (const text of c.positive) expect([text, consoleIds(text)]).toEqual([text, expect.arrayContaining([id])]);
    });
    it('does not match its near misses', () => {
      for (const text of c.negative) expect([text, consoleIds(text)]).toEqual([text, expect.not.arrayContaining([id])]);
    });
  });

  describe.each(Object.entries(cases.system))('%s', (id, c) => {
    it('matches its positive events and not its near misses', () => {
      for (const e of c.positive) expect([e.message, classifySystemEvent(e)]).toEqual([e.message, id]);
      for (const e of c.negative) expect([e.message, classifySystemEvent(e)]).not.toEqual([e.message, id]);
    });
  });

  describe.each(Object.entries(cases.scenario))('%s', (id, c) => {
    it('fires on its positive scenarios and not on its near misses', () => {
      for (const s of c.positive) expect(runScenario(s).map((f) => f.ruleId)).toContain(id);
      for (const s of c.negative) expect(runScenario(s).map((f) => f.ruleId)).not.toContain(id);
    });
  });

  it('degrades to engine.internal-error when reading the input throws', () => {
    const hostile = {
      get system(): SystemEvent[] {
        throw new Error('boom');
      },
      console: [],
    };
    const findings = classify(hostile);
    expect(findings).toHaveLength(1);
    expect(findings[0].ruleId).toBe(DERIVED_RULES.internalError.id);
    expect(findings[0].category).toBe('unknown');
  });
});

describe('POSIX ERE versions of the console patterns', () => {
  // grep -E must accept each converted pattern and match the rule's positive lines, so a benchmark
  // against grep compares like with like.
  /**
   * For each check, whether `grep -E` matches at least one of its lines. One shell runs every grep: a
   * spawn from a Jest worker (hundreds of MB once the Kusto parser and the SDKs are loaded) costs tens of
   * milliseconds of page-table copying, one from a shell almost nothing. Each grep reads all of a rule's
   * lines at once and reads them line by line, so "some line matches" is its exit status 0. A status
   * other than 0 or 1 (an ERE grep refuses) fails the test.
   */
  const grepMatchesSome = (checks: { ere: string; lines: string[]; ignoreCase: boolean }[]): boolean[] => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-ere-'));
    try {
      checks.forEach((c, i) => {
        fs.writeFileSync(path.join(dir, `${i}.ere`), `${c.ere}\n`);
        fs.writeFileSync(path.join(dir, `${i}.txt`), `${c.lines.join('\n')}\n`);
        fs.writeFileSync(path.join(dir, `${i}.flags`), c.ignoreCase ? '-i' : '');
      });
      const script = 'i=0; while [ "$i" -lt "$1" ]; do grep -E -q $(cat "$i.flags") -f "$i.ere" "$i.txt"; echo "$?"; i=$((i + 1)); done';
      const out = execFileSync('sh', ['-c', script, 'sh', String(checks.length)], { cwd: dir, encoding: 'utf8' });
      const statuses = out.trim().split('\n').map(Number);
      expect(statuses).toHaveLength(checks.length);
      statuses.forEach((status, i) => {
        if (status !== 0 && status !== 1) throw new Error(`grep -E exited ${status} on ${checks[i]!.ere}`);
      });
      return statuses.map((status) => status === 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('converts JS-only syntax away', () => {
    expect(toPosixEre(String.raw`(?<host>[\w.-]+):(?<port>\d+)`)).toBe('([[:alnum:]_.-]+):([0-9]+)');
    expect(toPosixEre(String.raw`(?:a|b)+?\s\/x`)).toBe('(a|b)+[[:space:]]/x');
    expect(toPosixEre(String.raw`\[[^\]]+\]`)).toBe('\\[[^]]+\\]');
  });

  it('matches each console rule positive line with grep -E', () => {
    const checks: { id: string; ere: string; lines: string[]; ignoreCase: boolean }[] = [];
    for (const rule of CONSOLE_RULES) {
      const c = cases.console[rule.id];
      if (!c) continue;
      const ere = toPosixEre(rule.pattern.source);
      // Only lines that the JS pattern itself matches are expected to match the ERE.
      const lines = c.positive.flatMap((t) => t.split('\n')).filter((l) => rule.pattern.test(l));
      // Case-insensitive rules are compared with grep's -i, as a grep user would run them.
      if (lines.length > 0) checks.push({ id: rule.id, ere, lines, ignoreCase: rule.pattern.flags.includes('i') });
    }
    const matched = grepMatchesSome(checks);
    expect(checks.filter((_, i) => !matched[i]).map((c) => `${c.id}: ${c.ere}`)).toEqual([]);
  });
});
