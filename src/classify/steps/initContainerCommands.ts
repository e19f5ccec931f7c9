/**
 * Commands aimed at an init container. `az containerapp update --container-name X` only looks among the
 * app's containers: given an init container's name it adds a new container of that name instead of
 * changing the init container (Azure/azure-cli#27538, microsoft/azure-container-apps#1190). A step that
 * would change an init container's image, variables, command or resources is applied through the YAML,
 * under properties.template.initContainers.
 */
import type { AppConfig, FindingStep } from '../../model';
import { isInitContainer } from '../stages/failingSidecar';
import { APPLY_YAML } from './fixCommands';

export function initContainerSteps(steps: FindingStep[], container: string | undefined, config: AppConfig | undefined, make: (s: FindingStep) => FindingStep): FindingStep[] {
  if (!container || !isInitContainer(config, container)) return steps;
  const flag = `--container-name ${container}`;
  return steps.map((s) => {
    const command = s.command ?? '';
    if (!command.startsWith('az containerapp update ') || !(command.includes(`${flag} `) || command.endsWith(flag))) return s;
    // The change the CLI flags carried, in the words the YAML uses.
    const change = command.slice(command.indexOf(flag) + flag.length).replace(/ --subscription \S+/, '').trim();
    const text = `${s.text} ${container} is an init container: \`--container-name\` would add a new container named ${container} instead of changing it, so make this change (${change}) on ${container} under properties.template.initContainers in the app's YAML (\`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml\`) and apply the file with this command.`;
    return make({ text, command: APPLY_YAML });
  });
}
