/**
 * The one module that decides whether steps need the failing revision restarted and where the restart
 * goes (src/classify/steps/restartNeed.ts). The cases pin the behaviour the four step passes had before
 * they shared it (missingCommands, contradictions, revisionScope, secretRestart).
 * https://learn.microsoft.com/azure/container-apps/revisions ("Revision-scope changes" create a new
 * revision; "Application-scope changes" such as secrets and registries do not, so a running revision
 * reads them only when restarted: `az containerapp revision restart`).
 */
import type { FindingStep } from '../../src/model';
import { RESTART_REVISION } from '../../src/classify/rules/commandTemplates';
import {
  ALWAYS_RESTARTED,
  RESTARTED_WHEN_ASKED,
  SECRET_VALUE_RESTART,
  changesAppScope,
  dropReplacedRestarts,
  hasRestart,
  oneRestart,
  placeRestart,
  startsNewRevision,
} from '../../src/classify/steps/restartNeed';

const make = (s: FindingStep): FindingStep => s;
const REGISTRY_SET = { text: 'Add the registry with a read:packages token.', command: 'az containerapp registry set -n {app} -g {resourceGroup} --server ghcr.io --username <user> --password <token>' };
const SECRET_SET = { text: 'Store the new value.', command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets db-password=<value>' };
const SET_ENV = { text: 'Point the variable at it; this creates a new revision.', command: 'az containerapp update -n {app} -g {resourceGroup} --set-env-vars DB_PASSWORD=secretref:db-password' };
const SCALE = { text: 'Run one replica while you fix it.', command: 'az containerapp update -n {app} -g {resourceGroup} --min-replicas 1 --max-replicas 1' };
const SHOW = { text: 'Read the variables.', command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].env[].name' -o tsv" };
const RESTART = { text: 'Restart the revision so the app reads it.', command: RESTART_REVISION };
const restarts = (steps: FindingStep[]) => steps.filter((s) => s.command === RESTART_REVISION);
const commandsOf = (steps: FindingStep[]) => steps.map((s) => s.command ?? '-');

/** The app-scope restart as revisionScope places it. */
const afterAppScope = (steps: FindingStep[], after: number) =>
  placeRestart(steps, { after, text: 'Then restart the failing revision.', unless: 'template-update', carries: (t) => /\brestart the revision\.$/.test(t) }, make);

describe('which commands change app scope', () => {
  it('a registry, the environment storage and a Dapr component are always restarted after; a secret, a role or a vault policy when asked', () => {
    expect(changesAppScope(REGISTRY_SET.command, ALWAYS_RESTARTED)).toBe(true);
    expect(changesAppScope('az containerapp job registry set -n {app} -g {resourceGroup} --server x', ALWAYS_RESTARTED)).toBe(true);
    expect(changesAppScope('az containerapp env dapr-component set -n {environment} -g {resourceGroup} --dapr-component-name c --yaml c.yaml', ALWAYS_RESTARTED)).toBe(true);
    expect(changesAppScope(SECRET_SET.command, ALWAYS_RESTARTED)).toBe(false);
    expect(changesAppScope(SECRET_SET.command, RESTARTED_WHEN_ASKED)).toBe(true);
    expect(changesAppScope('az role assignment create --assignee-object-id x --role y --scope z', RESTARTED_WHEN_ASKED)).toBe(true);
    expect(changesAppScope('az containerapp env storage set -n e -g g --storage-name s', RESTARTED_WHEN_ASKED)).toBe(true);
    expect(changesAppScope('az containerapp env storage set -n e -g g --storage-name s', ALWAYS_RESTARTED)).toBe(true);
  });

  it('near misses: a read, a template update and no command change nothing at app scope', () => {
    expect(changesAppScope(SHOW.command, [...ALWAYS_RESTARTED, ...RESTARTED_WHEN_ASKED])).toBe(false);
    expect(changesAppScope(SET_ENV.command, [...ALWAYS_RESTARTED, ...RESTARTED_WHEN_ASKED])).toBe(false);
    expect(changesAppScope('az containerapp secret list -n {app} -g {resourceGroup}', RESTARTED_WHEN_ASKED)).toBe(false);
    expect(changesAppScope(undefined, ALWAYS_RESTARTED)).toBe(false);
  });

  it('a template update starts a new revision of either kind; a scale-only update only counts as any update', () => {
    expect(startsNewRevision(SET_ENV, 'template-update')).toBe(true);
    expect(startsNewRevision(SET_ENV, 'new-revision')).toBe(true);
    expect(startsNewRevision(SCALE, 'template-update')).toBe(false);
    expect(startsNewRevision(SCALE, 'new-revision')).toBe(true);
    expect(startsNewRevision({ text: 'x', command: 'az containerapp revision copy -n {app} -g {resourceGroup}' }, 'new-revision')).toBe(true);
  });
});

describe('placeRestart', () => {
  it('an app-scope change last: one restart right after it, at the end', () => {
    const out = afterAppScope([SHOW, REGISTRY_SET], 1);
    expect(commandsOf(out)).toEqual([SHOW.command, REGISTRY_SET.command, RESTART_REVISION]);
  });

  it('an app-scope change before other steps: the restart goes right after the change, not at the end', () => {
    const tail = { text: 'Check that the revision starts.' };
    expect(afterAppScope([REGISTRY_SET, tail], 0).map((s) => s.text)).toEqual([REGISTRY_SET.text, 'Then restart the failing revision.', tail.text]);
  });

  it('a template change after the app-scope change: no restart (the new revision reads it)', () => {
    expect(afterAppScope([REGISTRY_SET, SET_ENV], 0)).toEqual([REGISTRY_SET, SET_ENV]);
  });

  it('a template change only before the app-scope change: the restart still follows the change', () => {
    expect(restarts(afterAppScope([SET_ENV, REGISTRY_SET], 1))).toHaveLength(1);
  });

  it('a scale-only update after: an app-scope change keeps its restart, a secret restart (any new revision) does not', () => {
    expect(restarts(afterAppScope([REGISTRY_SET, SCALE], 0))).toHaveLength(1);
    expect(placeRestart([SECRET_SET, SCALE], { after: 0, text: 'Restart.', unless: 'new-revision' }, make)).toEqual([SECRET_SET, SCALE]);
  });

  it('a restart already in the list: nothing is added', () => {
    expect(afterAppScope([REGISTRY_SET, RESTART], 0)).toEqual([REGISTRY_SET, RESTART]);
  });

  it('a commandless step that says to restart carries the command itself', () => {
    const said = { text: "Remove the BOM from the secret store file in the environment's Dapr components, then restart the revision." };
    expect(afterAppScope([said], 0)).toEqual([{ text: said.text, command: RESTART_REVISION }]);
  });

  it('near miss: a commandless step in other words gets a restart step after it', () => {
    const said = { text: 'Run liquibase releaseLocks against the database.' };
    expect(commandsOf(afterAppScope([said], 0))).toEqual(['-', RESTART_REVISION]);
  });

  it('no replacement given: the restart goes at the end whatever follows', () => {
    const out = placeRestart([SET_ENV, SECRET_SET], { after: 1, text: SECRET_VALUE_RESTART }, make);
    expect(out[2]).toEqual({ text: SECRET_VALUE_RESTART, command: RESTART_REVISION });
    expect(hasRestart(out)).toBe(true);
  });
});

describe('dropReplacedRestarts', () => {
  it('a restart right after a template update goes (a read in between does not count)', () => {
    expect(dropReplacedRestarts([SET_ENV, SHOW, RESTART])).toEqual([SET_ENV, SHOW]);
  });

  it('a restart that says more keeps its words without the command; the app-scope and rollback wordings count as restart only', () => {
    const more = { text: 'Once the variable is set, the app reconnects; restart if it does not.', command: RESTART_REVISION };
    const then = { text: 'Then restart the failing revision: that change creates no revision.', command: RESTART_REVISION };
    expect(dropReplacedRestarts([SET_ENV, more])).toEqual([SET_ENV, { text: more.text }]);
    expect(dropReplacedRestarts([SET_ENV, then])).toEqual([SET_ENV]);
  });

  it('near misses: a secret set between keeps the restart, and a scale-only update is no template update', () => {
    expect(dropReplacedRestarts([SET_ENV, SECRET_SET, RESTART])).toEqual([SET_ENV, SECRET_SET, RESTART]);
    expect(dropReplacedRestarts([SCALE, RESTART])).toEqual([SCALE, RESTART]);
  });
});

describe('oneRestart', () => {
  it('keeps the first restart after the first secret set; an earlier restart-only step goes', () => {
    expect(oneRestart([RESTART, SECRET_SET, { ...RESTART, text: 'Restart the revision again.' }])).toEqual([SECRET_SET, { ...RESTART, text: 'Restart the revision again.' }]);
  });

  it('no secret set: the first restart stays, a later one that says more keeps its words', () => {
    const more = { text: 'After the share has room, the revision restarts with it.', command: RESTART_REVISION };
    expect(oneRestart([RESTART, more])).toEqual([RESTART, { text: more.text }]);
  });

  it('a duplicate in the app-scope wording keeps its words here (only dropReplacedRestarts reads it as restart only)', () => {
    const then = { text: 'Then restart the failing revision: that change creates no revision.', command: RESTART_REVISION };
    expect(oneRestart([SECRET_SET, RESTART, then])).toEqual([SECRET_SET, RESTART, { text: then.text }]);
  });

  it('near miss: one restart is left as it is', () => {
    expect(oneRestart([SECRET_SET, RESTART])).toEqual([SECRET_SET, RESTART]);
  });
});
