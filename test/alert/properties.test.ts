import fc from 'fast-check';
import { nameProblem, parseAlert, parseManualRequest, resolveTarget } from '../../src/alert';
import { EnricherError } from '../../src/errors';
import { alertFixture, alertFixtureNames, clone, fragmentSamples, fullEnvelopeSamples, payload, wrapFragment } from './fixtures';

const options = { now: new Date('2025-06-02T12:00:00Z'), defaultLookbackMinutes: 30 };

/** Runs the alert stage; anything thrown must be one of our typed errors. */
function runStage(body: unknown): void {
  let parsed;
  try {
    parsed = parseAlert(body);
  } catch (err) {
    if (!(err instanceof EnricherError)) throw err;
    return;
  }
  try {
    resolveTarget(parsed, options);
  } catch (err) {
    if (!(err instanceof EnricherError)) throw err;
  }
}

type Path = Array<string | number>;

/** Every path to a value inside a JSON document. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  }
  return out;
}

/** A copy of `doc` with the value at `path` replaced (or removed when `replacement` is undefined). */
function mutate(doc: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = clone(doc) as any;
  let cur = copy;
  for (const key of path.slice(0, -1)) cur = cur[key];
  const last = path[path.length - 1]!;
  if (replacement === undefined) {
    if (Array.isArray(cur)) cur.splice(last as number, 1);
    else delete cur[last];
  } else cur[last] = replacement;
  return copy;
}

const samples: unknown[] = [
  ...fullEnvelopeSamples().map(payload),
  ...fragmentSamples().map(wrapFragment),
  ...alertFixtureNames().map(alertFixture),
];

/** Values that tend to break parsers: wrong types, empty and odd strings, deep nesting. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(undefined, null, '', ' ', '__proto__', 'NaN', '3/22/2019 25:61:61 PM', 'PT', '/subscriptions/', '//', "'|\n", '\u0000'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

describe('parseAlert and resolveTarget never throw anything but EnricherError', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => runStage(value)), { numRuns: 400 });
  });

  it('on arbitrary objects shaped roughly like an alert', () => {
    const envelope = fc.record({
      schemaId: fc.constantFrom('azureMonitorCommonAlertSchema', 'other'),
      data: fc.record({ essentials: fc.dictionary(fc.constantFrom('alertId', 'monitorCondition', 'monitoringService', 'alertTargetIDs', 'firedDateTime'), nasty), alertContext: fc.jsonValue({ maxDepth: 3 }) }),
    });
    fc.assert(fc.property(envelope, (value) => runStage(value)), { numRuns: 300 });
  });

  it('on sample payloads with one value replaced or removed', () => {
    const cases = fc.integer({ min: 0, max: samples.length - 1 }).chain((i) => {
      const paths = pathsOf(samples[i]);
      return fc.tuple(fc.constant(i), fc.constantFrom(...paths), nasty);
    });
    fc.assert(
      fc.property(cases, ([i, path, replacement]) => runStage(mutate(samples[i], path, replacement))),
      { numRuns: 600 },
    );
  });

  it('on sample payloads with several values replaced', () => {
    const cases = fc.integer({ min: 0, max: samples.length - 1 }).chain((i) => {
      const paths = pathsOf(samples[i]).filter((p) => p.length > 0);
      return fc.tuple(fc.constant(i), fc.array(fc.tuple(fc.constantFrom(...paths), nasty), { minLength: 2, maxLength: 5 }));
    });
    fc.assert(
      fc.property(cases, ([i, edits]) => {
        let doc: unknown = samples[i];
        for (const [path, replacement] of edits) {
          try {
            doc = mutate(doc, path, replacement);
          } catch {
            // An earlier edit removed the parent of this path: skip it.
          }
        }
        runStage(doc);
      }),
      { numRuns: 300 },
    );
  });
});

describe('whatever the dimensions hold, the target only carries valid names', () => {
  const dimensionNames = ['ContainerAppName_s', 'RevisionName_s', 'ReplicaName_s', 'ContainerName_s', 'EnvironmentName_s', 'JobName', 'ContainerGroupName', '_ResourceId'];
  const valueArb = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,34}$/),
    fc.constantFrom('orders-api', 'orders-api--v1', "orders-api'", 'orders-api\n', 'orders-api|x', 'ORDERS', 'orders-api--v1-abc-def'),
  );

  it('names in the target always pass the naming rules', () => {
    const base = alertFixture('log-v2-workspace-custom-log-dimensions.json');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...dimensionNames), valueArb), { maxLength: 6 }), (dims) => {
        const body = clone(base);
        body.data.alertContext.condition.allOf[0].dimensions = dims.map(([name, value]) => ({ name, value }));
        let target;
        try {
          target = resolveTarget(parseAlert(body), options);
        } catch (err) {
          expect(err).toBeInstanceOf(EnricherError);
          return;
        }
        const kind = target.kind === 'containerApp' ? 'containerApp' : target.kind === 'job' ? 'job' : 'environment';
        expect(nameProblem(kind, target.name)).toBeUndefined();
        if (target.revision) expect(nameProblem('revision', target.revision)).toBeUndefined();
        if (target.replica) expect(nameProblem('replica', target.replica)).toBeUndefined();
        if (target.container) expect(nameProblem('container', target.container)).toBeUndefined();
        if (target.environmentName) expect(nameProblem('environment', target.environmentName)).toBeUndefined();
        expect(target.window.start.getTime()).toBeLessThanOrEqual(target.window.end.getTime());
      }),
      { numRuns: 400 },
    );
  });
});

describe('parseManualRequest never throws anything but EnricherError', () => {
  it('on arbitrary field values', () => {
    const input = fc.dictionary(
      fc.constantFrom('app', 'job', 'resourceGroup', 'subscription', 'revision', 'replica', 'environment', 'workspaceId', 'since', 'until', 'other'),
      nasty,
    );
    fc.assert(
      fc.property(input, (fields) => {
        try {
          const target = parseManualRequest(fields as Record<string, unknown>, options);
          expect(target.window.start.getTime()).toBeLessThan(target.window.end.getTime());
        } catch (err) {
          expect(err).toBeInstanceOf(EnricherError);
        }
      }),
      { numRuns: 400 },
    );
  });
});
