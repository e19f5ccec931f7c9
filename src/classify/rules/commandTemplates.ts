/**
 * Command templates several rules and step builders end with. The `{app}`-style fields are filled from the
 * target when the steps are attached (`steps/fillCommand.ts`).
 */

/** The addresses the app's outbound connections come from: what a dependency's firewall must admit. */
export const OUTBOUND_ADDRESSES = 'az containerapp show -n {app} -g {resourceGroup} --query properties.outboundIpAddresses -o tsv';

/** Restart the failing revision so it reads a new secret value, a fixed mount or a granted role. */
/** The failing revision's last console lines, where an app's own words about a failure are. */
export const CONSOLE_TAIL = 'az containerapp logs show -n {app} -g {resourceGroup} --revision {revision} --container {container} --type console --tail 100';

export const RESTART_REVISION = 'az containerapp revision restart -n {app} -g {resourceGroup} --revision {revision}';
/** A step's command that restarts: the revision restart, or a job's new execution (its job form). */
export const RESTART_COMMAND = /^az containerapp (?:revision restart|job start) /;
/** A step's command that makes a new revision (a job's next execution reads it), so no restart is needed after it. */
export const NEW_REVISION_COMMAND = /^az containerapp (?:job )?update |^az containerapp revision copy /;

/**
 * The app's memory working set per revision, a minute at a time over the last two hours: the peak just
 * before a kill, next to the limit, says whether memory was the cause. The metric is the app's, so a
 * job has no form of it (`fillCommand` drops it for a job).
 */
export const MEMORY_METRIC =
  'az monitor metrics list --resource {app} -g {resourceGroup} --resource-type Microsoft.App/containerApps --metrics WorkingSetBytes --aggregation Maximum --interval PT1M --offset 2h --dimension revisionName -o table';

/** Each container's CPU and memory as deployed, when the configuration was not read. */
export const SHOW_RESOURCES =
  'az containerapp show -n {app} -g {resourceGroup} --query "properties.template.containers[].{name:name, cpu:resources.cpu, memory:resources.memory}" -o table';

/** The memory raise to the next CPU/memory pair, when the configuration gave the current one. */
export const RAISE_MEMORY_NEXT = 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --cpu {nextCpu} --memory {nextMemory}';

/** The memory raise when the current pair is unknown: blanks to fill from SHOW_RESOURCES. */
export const RAISE_MEMORY_BLANK = 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --cpu <cpu> --memory <memory>';

/** The names of every container's variables as deployed (values are never shown). */
export const SHOW_ENV_NAMES = "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].env[].name' -o tsv";

/** Every container's probes as deployed (path, port, timing). */
export const SHOW_PROBES = "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].probes' -o json";
