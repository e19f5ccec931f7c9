import { classifyWithTeamRules, parseTeamRules, RuleFileError, unsafePatternReason } from '../../src/classify';
import type { ConsoleLine, SystemEvent } from '../../src/model';

const T = (s: number) => new Date(Date.UTC(2026, 4, 14, 9, 0, s));
const line = (s: number, text: string): ConsoleLine => ({ time: T(s), text, replica: 'ledger--r3-abc', revision: 'ledger--r3' });
const exit = (s: number, code: number): SystemEvent => ({
  time: T(s),
  reason: 'ContainerTerminated',
  message: `Container 'ledger' was terminated with exit code '${code}'`,
  replica: 'ledger--r3-abc',
  revision: 'ledger--r3',
  count: 1,
});

const LEDGER = {
  id: 'ledger-lock-lost',
  category: 'dependency-unreachable',
  title: 'The ledger database failed over ({code})',
  pattern: '(?<code>E4031) ledger lock lost',
  keywords: ['e4031'],
  explanation: 'E4031 means the ledger primary moved; the app exits so it reconnects to the new primary.',
  actions: [{ text: 'Check the ledger failover status', command: 'az sql failover-group show -g rg-ledger -s ledger-sql -n ledger-fg' }],
  owner: 'ledger-team',
};

function problemsOf(rules: unknown): string[] {
  try {
    parseTeamRules(JSON.stringify({ rules }), 'rules.json');
    return [];
  } catch (err) {
    if (!(err instanceof RuleFileError)) throw err;
    return err.problems.map((p) => `${p.rule} ${p.field}`);
  }
}

describe('team rules file', () => {
  it('names the bad rule and field for every mistake', () => {
    expect(
      problemsOf([
        { ...LEDGER, category: 'ledger' },
        { ...LEDGER, id: 'Bad Id' },
        { ...LEDGER, id: 'x2', pattern: '(unclosed' },
        { ...LEDGER, id: 'x3', confidence: 3 },
        { ...LEDGER, id: 'x4', actions: [42] },
        { ...LEDGER, id: 'x5', pattern: undefined },
        { ...LEDGER, id: 'ledger-lock-lost' },
      ]),
    ).toEqual(['ledger-lock-lost category', 'Bad Id id', 'x2 pattern', 'x3 confidence', 'x4 actions[0]', 'x5 pattern', 'ledger-lock-lost id']);
  });

  it.each([
    ['(a+)+$', /nested quantifiers/],
    ['^(\\w+\\s?)*$', /nested quantifiers/],
    ['(ab|a)*c', /group of alternatives/],
    ['(x)\\1', /back-reference/],
    ['\\d+\\d+x', /twice in a row/],
    ['.*.*=', /twice in a row/],
  ])('refuses %s, which can backtrack catastrophically', (pattern, reason) => {
    expect(unsafePatternReason(pattern)).toMatch(reason);
    expect(problemsOf([{ ...LEDGER, pattern }])).toEqual(['ledger-lock-lost pattern']);
  });

  it.each(['E4031 ledger lock lost', '(?<code>E\\d{4}) ledger', 'timeout after (?<s>\\d+)s', '^\\[(?:WARN|ERROR)\\] (?<msg>[^\\]]{1,200})$', '(?:ab|cd){2}x', 'a\\d+b\\d+'])(
    'accepts the ordinary pattern %s',
    (pattern) => {
      expect(unsafePatternReason(pattern)).toBeUndefined();
    },
  );

  it('reads a bare list too, and refuses a file that is not JSON with a clear message', () => {
    expect(parseTeamRules(JSON.stringify([LEDGER]), 'f')).toHaveLength(1);
    expect(() => parseTeamRules('{rules: [', 'team.json')).toThrow(/team.json: rule -, -: not valid JSON/);
  });
});

describe('team rules in the classifier', () => {
  const rules = parseTeamRules(JSON.stringify({ rules: [LEDGER] }), 'rules.json');

  it("puts the team's finding first, marked as theirs, with its names, owner and command", () => {
    const findings = classifyWithTeamRules({ system: [exit(5, 1)], console: [line(1, 'INFO starting'), line(4, 'FATAL e4031 ledger lock lost, exiting')] }, rules);
    const first = findings[0]!;
    expect(first).toMatchObject({
      ruleId: 'team.ledger-lock-lost',
      origin: 'team',
      category: 'dependency-unreachable',
      title: 'The ledger database failed over (e4031)',
      owner: 'ledger-team',
      names: { code: 'e4031' },
      occurrences: 1,
    });
    expect(first.steps?.[0]).toEqual({ text: 'Check the ledger failover status', command: 'az sql failover-group show -g rg-ledger -s ledger-sql -n ledger-fg' });
    expect(first.actions).toEqual(['Check the ledger failover status']);
    expect(findings.slice(1).some((f) => f.ruleId.startsWith('exit.') || f.category !== 'dependency-unreachable')).toBe(true);
  });

  it('shell-quotes names a log line puts into a command', () => {
    const withName = parseTeamRules(JSON.stringify([{ ...LEDGER, pattern: 'E4031 ledger lock lost on (?<db>\\S+)', actions: [{ text: 'Check {db}', command: 'az sql db show -n {db} -g {resourceGroup}' }] }]), 'f');
    const f = classifyWithTeamRules({ system: [], console: [line(1, "E4031 ledger lock lost on x';rm")], target: { kind: 'containerApp', name: 'ledger', resourceGroup: 'rg-ledger', window: { start: T(0), end: T(60) } } }, withName)[0]!;
    expect(f.steps?.[0]?.command).toBe("az sql db show -n 'x'\\'';rm' -g rg-ledger");
  });

  it('is case-insensitive unless the rule says otherwise', () => {
    const strict = parseTeamRules(JSON.stringify([{ ...LEDGER, caseSensitive: true, keywords: [] }]), 'f');
    const input = { system: [], console: [line(1, 'e4031 ledger lock lost')] };
    expect(classifyWithTeamRules(input, rules)[0]?.ruleId).toBe('team.ledger-lock-lost');
    expect(classifyWithTeamRules(input, strict)[0]?.ruleId).not.toBe('team.ledger-lock-lost');
  });

  it('never lets a benign team rule outrank a crash', () => {
    const benign = parseTeamRules(JSON.stringify([{ ...LEDGER, category: 'clean-exit', benign: true }]), 'f');
    const findings = classifyWithTeamRules({ system: [exit(5, 1), exit(20, 1)], console: [line(4, 'E4031 ledger lock lost')] }, benign);
    expect(findings[0]!.benign).toBe(false);
    expect(findings.some((f) => f.ruleId === 'team.ledger-lock-lost')).toBe(true);
  });

  it('matches system rows by reason and message', () => {
    const sys = parseTeamRules(JSON.stringify([{ id: 'db-maint', kind: 'system', category: 'dependency-unreachable', title: 'Planned DB maintenance', reason: '^ReplicaUnhealthy$', pattern: 'maintenance window (?<w>\\w+)', explanation: 'x' }]), 'f');
    const ev: SystemEvent = { time: T(3), reason: 'ReplicaUnhealthy', message: 'maintenance window sat', count: 1 };
    expect(classifyWithTeamRules({ system: [ev], console: [] }, sys)[0]).toMatchObject({ ruleId: 'team.db-maint', names: { w: 'sat' } });
  });

  it('reads a bounded window of a huge line, so a rule cannot be fed 1 MB at once', () => {
    const huge = 'E4031 ledger lock lost ' + 'x'.repeat(1_000_000);
    const f = classifyWithTeamRules({ system: [], console: [line(1, huge)] }, rules)[0]!;
    expect(f.ruleId).toBe('team.ledger-lock-lost');
  });
});
