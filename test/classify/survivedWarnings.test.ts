import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadBlindV2 } from './blindV2Corpus';
import { classifyAll } from '../../src/classify/withTeamRules';

// A warning the app survived (it went on answering requests) does not outrank the platform's planned stop.
// The warning line is from https://github.com/worldcoin/developer-portal/pull/649 (Next.js image cache EACCES).
const WARNING = "⨯ Failed to write image to cache Mh8l5UFbTGA5nKOeFglEcL-ZNiLbLdYtN8O9Q+MaD8k= [Error: EACCES: permission denied, mkdir '/app/.next/cache/images'] {";
const REPLICA = 'web--r5-a';
const row = (at: number, text: string) => ({ at, text, stream: 'stderr', replica: REPLICA, revision: 'web--r5' });
const sys = (at: number, reason: string, message: string) => ({ at, reason, message, replica: REPLICA, container: 'web', count: 1, revision: 'web--r5' });

function caseWith(name: string, consoleRows: object[], system: object[]): object {
  return {
    name, tableFamily: 'custom', start: '2026-10-01T15:00:00Z', target: { name: 'web', kind: 'containerApp' },
    system, console: consoleRows,
    config: { kind: 'containerApp', name: 'web', containers: [{ name: 'web', image: 'acr.io/web:5', env: [] }], scale: { minReplicas: 1, maxReplicas: 4, rules: [{ name: 'http', type: 'http' }] } },
    expect: { category: 'scale-in' },
  };
}

function topOf(c: object) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'survived-'));
  fs.writeFileSync(path.join(dir, 'case.json'), JSON.stringify([c]));
  const [loaded] = loadBlindV2(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  return classifyAll(loaded.input).findings[0];
}

const scaleIn = [sys(-3.2, 'StoppingContainer', 'Stopping container web'), sys(-2.7, 'ContainerTerminated', "Container 'web' was terminated with exit code '143' and reason 'ProcessExited'")];

describe('a warning the app survived before a planned stop', () => {
  it('leads with the scale-in when requests were served after each warning', () => {
    const top = topOf(caseWith('served', [row(-15, WARNING), row(-14, 'GET /api/cart 200 in 4ms'), row(-9, WARNING), row(-8, 'GET /healthz 200 in 94ms')], scaleIn));
    expect([top.category, top.benign]).toEqual(['scale-in', true]);
  });

  it('keeps the permission error when it was the last thing the replica said before a crash', () => {
    const crash = [sys(-3, 'ContainerTerminated', "Container 'web' was terminated with exit code '1' and reason 'ProcessExited'")];
    const top = topOf(caseWith('crashed', [row(-15, WARNING), row(-14, 'GET /api/cart 200 in 4ms'), row(-3.1, WARNING)], crash));
    expect(top.category).toBe('permission-denied');
  });

  it('keeps the permission error when no request was served after it, even before a scale-in', () => {
    const top = topOf(caseWith('unserved', [row(-15, WARNING), row(-9, WARNING)], scaleIn));
    expect(top.category).toBe('permission-denied');
  });
});
