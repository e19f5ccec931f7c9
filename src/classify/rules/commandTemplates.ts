/**
 * Command templates several rules and step builders end with. The `{app}`-style fields are filled from the
 * target when the steps are attached (`steps/fillCommand.ts`).
 */

/** Restart the failing revision so it reads a new secret value, a fixed mount or a granted role. */
export const RESTART_REVISION = 'az containerapp revision restart -n {app} -g {resourceGroup} --revision {revision}';
