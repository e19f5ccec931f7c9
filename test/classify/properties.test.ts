import fc from 'fast-check';
import { classify, summarize } from '../../src/classify';
import type { ClassifyInput } from '../../src/classify';
import type { ConsoleLine, SystemEvent } from '../../src/model';

const T0 = Date.parse('2025-03-04T10:00:00Z');
const replica = fc.constantFrom('app--r1-a', 'app--r1-b', 'app--r0-a', undefined);
const time = fc.integer({ min: -3600, max: 600 }).map((s) => new Date(T0 + s * 1000));

const messages = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'Persistent Failiure to start container',
    'Stopping container app',
    'Deactivated apps/v1.Deployment k8se-apps/app--r1 from 1 to 0',
    'Startup probe failed: dial tcp 100.100.0.9:8080: connect: connection refused',
    'Maximum Allowed Cores exceeded for the Managed Environment.',
    'Error provisioning revision app--r1. ErrorCode: [Timeout]',
  ),
);
const systemEvent: fc.Arbitrary<SystemEvent> = fc.record({
  time,
  reason: fc.constantFrom('ContainerTerminated', 'ContainerBackOff', 'ReplicaUnhealthy', 'StoppingContainer', 'KEDAScaleTargetDeactivated', ''),
  message: messages,
  replica,
  revision: fc.constantFrom('app--r1', 'app--r0', undefined),
  container: fc.constantFrom('app', 'k8se-envoysc', undefined),
  count: fc.integer({ min: 1, max: 50 }),
});
const consoleText = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "KeyError: 'DATABASE_URL'",
    'Received SIGTERM',
    'Listening on port 3000',
    'Error: connect ECONNREFUSED 127.0.0.1:6379',
    'Traceback (most recent call last):',
    '  File "/app/x.py", line 1',
    'Killed',
    'Shutting down',
  ),
);
const consoleLine: fc.Arbitrary<ConsoleLine> = fc.record({ time, text: consoleText, replica, stream: fc.constantFrom('stdout', 'stderr') });
const termination = (code: fc.Arbitrary<number>): fc.Arbitrary<SystemEvent> =>
  fc.record({
    time,
    reason: fc.constant('ContainerTerminated'),
    message: code.map((c) => `Container 'app' was terminated with exit code '${c}'`),
    replica,
    revision: fc.constant('app--r1'),
    count: fc.integer({ min: 1, max: 5 }),
  });

describe('classify properties', () => {
  it('never throws and always returns at least one finding, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (system, consoleRows, config) => {
        const findings = classify({ system, console: consoleRows, config } as unknown as ClassifyInput);
        expect(findings.length).toBeGreaterThan(0);
        expect(typeof summarize(findings, undefined)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on well-typed but arbitrary evidence', () => {
    fc.assert(
      fc.property(fc.array(systemEvent, { maxLength: 30 }), fc.array(consoleLine, { maxLength: 60 }), (system, consoleRows) => {
        const findings = classify({ system, console: consoleRows });
        expect(findings.length).toBeGreaterThan(0);
        for (const f of findings) expect(f.evidence.length).toBeLessThanOrEqual(10);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.array(systemEvent, { maxLength: 20 }), fc.array(consoleLine, { maxLength: 30 }), (system, consoleRows) => {
        expect(classify({ system, console: consoleRows })).toEqual(classify({ system, console: consoleRows }));
      }),
      { numRuns: 100 },
    );
  });

  it('never calls a crash benign: a non-zero exit other than 143 means a non-benign primary', () => {
    const crashCode = fc.integer({ min: 1, max: 255 }).filter((c) => c !== 143);
    fc.assert(
      fc.property(
        termination(crashCode),
        fc.array(systemEvent, { maxLength: 15 }),
        fc.array(consoleLine, { maxLength: 30 }),
        fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        (exit, system, consoleRows, minReplicas) => {
          const config =
            minReplicas === undefined
              ? undefined
              : { kind: 'containerApp' as const, name: 'app', containers: [], initContainers: [], secrets: [], scale: { minReplicas, rules: [] } };
          const findings = classify({ system: [...system, exit], console: consoleRows, config });
          expect(findings[0].benign).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never calls a non-zero exit benign after a scale-in or a revision switch either (143 aside)', () => {
    const crashCode = fc.integer({ min: 1, max: 255 }).filter((c) => c !== 143);
    const planned = fc.constantFrom(
      { reason: 'SuccessfulRescale', message: 'New size: 1; reason: All metrics below target' },
      { reason: 'RevisionUpdate', message: "Deactivating old revisions since 'ActiveRevisionsMode=Single'" },
      { reason: 'RevisionUpdate', message: 'Creating a new revision: app--v9' },
      { reason: 'StoppingContainer', message: 'Stopping container app' },
    );
    fc.assert(
      fc.property(termination(crashCode), fc.array(planned, { maxLength: 4 }), (exit, events) => {
        const system = events.map((e, i) => ({ ...e, time: new Date(Date.parse('2025-01-01T00:00:00Z') + i * 1000), count: 1 }));
        const findings = classify({ system: [...system, exit], console: [] });
        expect(findings[0].benign).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a 143 is only benign without a crash loop or failing probes', () => {
    fc.assert(
      fc.property(termination(fc.constant(143)), fc.array(systemEvent, { maxLength: 15 }), (exit, system) => {
        const findings = classify({ system: [...system, exit], console: [] });
        const backoffOrProbe = system.some((s) =>
          /Persistent Fail|probe failed|failed .* probe/i.test(s.message) || /^ContainerBackOff$/.test(s.reason),
        );
        if (backoffOrProbe) expect(findings[0].benign).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
