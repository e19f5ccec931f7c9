import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';

const samples = join(__dirname, '..', '..', 'samples');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), isTTY: false, env: {} } };
}

function file(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const GOOD = {
  rules: [
    {
      id: 'orders-settings-import',
      category: 'missing-configuration',
      title: 'orders settings failed to load',
      pattern: 'from orders\\.settings import settings',
      explanation: 'The orders service reads every setting at import; a missing one stops it.',
      owner: 'orders-team',
    },
  ],
};

test('rules check says OK with the rule ids, and exits 0', async () => {
  const t = io();
  const path = file('good.json', GOOD);
  expect(await runCli(['rules', 'check', path], t.io)).toBe(0);
  expect(t.out.join('')).toBe(`${path}: 1 rule OK (orders-settings-import)\n`);
});

test('rules check names every bad rule and field, and exits 2', async () => {
  const t = io();
  const path = file('bad.json', { rules: [{ ...GOOD.rules[0], category: 'oops' }, { ...GOOD.rules[0], id: 'two', pattern: '(a+)+' }] });
  expect(await runCli(['rules', 'check', path], t.io)).toBe(2);
  const err = t.err.join('');
  expect(err).toContain(`${path}: rule orders-settings-import, category: must be one of`);
  expect(err).toContain(`${path}: rule two, pattern: refused because it repeats a group that repeats inside it`);
});

test('rules with no subcommand or file is a usage error', async () => {
  const t = io();
  expect(await runCli(['rules'], t.io)).toBe(2);
  expect(t.err.join('')).toMatch(/Usage: aca-enricher rules check FILE/);
});

test('diagnose --rules runs the team rule first and shows which rule fired', async () => {
  const t = io();
  const path = file('team.json', GOOD);
  const code = await runCli(
    ['diagnose', '--alert', join(samples, 'alert.json'), '--logs', join(samples, 'system-logs.json'), '--logs', join(samples, 'console-logs.json'), '--rules', path, '--format', 'json'],
    t.io,
  );
  expect(code).toBe(0);
  expect(t.err.join('')).toBe('rule: team.orders-settings-import (team rule)\n');
  const d = JSON.parse(t.out.join(''));
  expect(d.findings[0]).toMatchObject({ ruleId: 'team.orders-settings-import', origin: 'team', owner: 'orders-team' });
  expect(d.owners).toEqual(['orders-team']);
});

test('diagnose --rules with a bad file stops before any work, exit 2', async () => {
  const t = io();
  const path = file('bad.json', '{ not json');
  expect(await runCli(['diagnose', '--alert', join(samples, 'alert.json'), '--logs', join(samples, 'console-logs.json'), '--rules', path], t.io)).toBe(2);
  expect(t.err.join('')).toMatch(/not valid JSON/);
  expect(t.out.join('')).toBe('');
});
