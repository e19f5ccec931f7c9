import { classify, type ClassifyInput } from '../../src/classify';
import { commandProblems } from '../../src/classify/steps';
import type { AppConfig, ContainerSpec, Finding, SystemEvent, Target } from '../../src/model';

/** What a steps test's app looks like: its name, resource group, first container and clock. */
export interface AppShape {
  app: string;
  resourceGroup: string;
  subscriptionId: string;
  t0: number;
  revision?: string;
  container: ContainerSpec;
  /** The replica the rows come from. */
  replica?: string;
}

/**
 * The target, container and configuration builders the steps tests share: each test file names its own
 * app once and overrides what a case needs.
 */
export function appFixtures(shape: AppShape) {
  const at = (s: number): Date => new Date(shape.t0 + s * 1000);
  const target = (overrides: Partial<Target> = {}): Target => ({
    kind: 'containerApp',
    name: shape.app,
    subscriptionId: shape.subscriptionId,
    resourceGroup: shape.resourceGroup,
    ...(shape.revision ? { revision: shape.revision } : {}),
    window: { start: new Date(shape.t0 - 600_000), end: new Date(shape.t0 + 600_000) },
    ...overrides,
  });
  const container = (overrides: Partial<ContainerSpec> = {}): ContainerSpec => ({ ...shape.container, ...overrides });
  const config = (overrides: Partial<AppConfig> = {}, c: Partial<ContainerSpec> = {}): AppConfig => ({
    kind: 'containerApp',
    name: shape.app,
    containers: [container(c)],
    initContainers: [],
    secrets: [],
    ...overrides,
  });
  const replica = shape.replica ?? `${shape.app}--r1-a`;
  const sys = (reason: string, message: string, s = 5): SystemEvent => ({ time: at(s), reason, message, replica, count: 1 });
  const exit = (code: number, s = 5, name = shape.container.name) =>
    sys('ContainerTerminated', `Container '${name}' was terminated with exit code '${code}'`, s);
  const line = (text: string, s = 0) => ({ time: at(s), text, replica });
  return { at, target, container, config, sys, exit, line };
}

/** The primary finding; a case with none is a broken test. */
export function primary(input: ClassifyInput): Finding {
  const f = classify(input)[0];
  if (!f) throw new Error('no finding');
  return f;
}

export const commands = (f: Finding): string[] => (f.steps ?? []).flatMap((s) => (s.command ? [s.command] : []));
export const texts = (f: Finding): string => (f.steps ?? []).map((s) => s.text).join('\n');

/** Every command the finding carries passes the az table's checks. */
export function expectValidCommands(f: Finding): void {
  for (const c of commands(f)) expect({ c, problems: commandProblems(c) }).toEqual({ c, problems: [] });
}
