import { consoleFamily } from '../categoryText';
import { LINKS } from '../links';
import { trimChars } from '../../trim';

/**
 * The Dapr sidecar (daprd) and the Dapr SDKs. daprd's fatal line names why it stopped (a component it
 * could not initialise, a secret it could not read); that is the cause to report, not "the sidecar fails".
 */
/**
 * The names of a component's configuration complaint: the setting it says is not set (`token mount path
 * and token not set` names the token) and the complaint without daprd's trailing period.
 */
function daprConfigNames(n: Record<string, string>): Record<string, string> {
  const detail = trimChars(n.detail ?? '', '', '. \t');
  const out: Record<string, string> = { ...n, detail };
  // The words before the verdict, after the last colon: `...: token mount path and token` + `not set`.
  const verdict = /\s(?:not set|not provided|is required|must be (?:set|provided|specified))\b/i.exec(detail);
  const words = verdict ? detail.slice(0, verdict.index).split(': ').pop()?.trim() : undefined;
  if (words && /^[a-z][\w ]{0,60}$/i.test(words)) out.setting = words;
  return out;
}

export const DAPR_RULES = consoleFamily('dapr', [
  {
    id: 'console.dapr.component-secret-missing',
    category: 'missing-configuration',
    title: 'Dapr could not load its components: secret {secret} was not found',
    pattern: /failed to (?:load|init(?:ialize)?) components?[^\n]{0,300}?\bsecret ['"\\]{0,2}(?<secret>[\w.-]{1,120})['"\\]{0,2} (?:not found|does not exist)/i,
    keywords: ['components'],
    confidence: 0.9,
    explanation:
      'daprd stopped at startup because a Dapr component references secret {secret}, which its secret store does not hold. Until the secret exists (or the component stops referencing it), the sidecar exits and takes the replica with it.',
    actions: [
      'Add secret {secret} to the secret store the component reads (the app\'s secrets for Container Apps components), or fix the secret name in the component.',
      {
        text: 'List the secret names the app defines.',
        command: 'az containerapp secret list -n {app} -g {resourceGroup} -o table',
      },
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'console.dapr.component-init-missing',
    category: 'missing-configuration',
    title: 'Dapr component {component} could not start: missing {setting}',
    // daprd's INIT_COMPONENT_FAILURE carries the component's own complaint; "missing X" is configuration.
    // Newer daprd prints the runtime's fatal line with the component in its own field:
    // `error initializing pub sub pubsub.azure.servicebus/v1: ... missing connection string and namespace name ... component="x (...)"`.
    // The name ends at the first character that cannot be in it, so the gap after it is tried once per start.
    pattern:
      /initialization error occurred for (?<component>[\w.-]{1,120})[^\w.-][^\n]{0,300}?\bmissing ['"]?(?<setting>[a-z]{1,30}(?: [a-z]{1,30}){0,3}?)['"]?(?: attribute| metadata| field)?(?: and | or |[,."]|$)|\berror initializing (?:pub ?sub|state store|binding|secret store|configuration store|lock store|output binding|input binding) [\w.\/-]{1,80}: [^\n]{0,200}?\bmissing (?<setting_2>[a-z]{1,30}(?: [a-z]{1,30}){0,3}?)(?: and | or |[,."]|$)(?:[^\n]{0,300}?\bcomponent="(?<component_2>[\w.-]{1,120}))?/i,
    keywords: ['initialization error occurred for', 'error initializing'],
    normalizeNames: (n) => (n.setting ? { ...n, setting: n.setting.replace(/ (\w)/g, (_m, c: string) => c.toUpperCase()) } : n),
    confidence: 0.88,
    explanation:
      'daprd could not initialise component {component}: its metadata lacks {setting}, so the sidecar exits at startup. Set the value in the component (usually from a secret reference).',
    actions: [
      'Add the missing {setting} to component {component} in the environment\'s Dapr components, from a secret reference.',
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'console.dapr.component-type-unknown',
    category: 'missing-configuration',
    title: 'Dapr component {component|} has type {setting}, which this sidecar does not provide',
    // daprd's registry has no component of the type a scoped component declares: `process component parameterstore
    // error: couldn't find secret store secretstores.aws.parameterstore/v1`, `couldn't find state store
    // state.x/v2`, `couldn't find pubsub pubsub.y/v1`: a type misspelt, a version (v2) the runtime does not
    // ship, or a component only newer (or older) daprd versions have.
    pattern:
      /(?:\bprocess component (?<component>[\w.-]{1,120}) error: |\bfailed creating [a-z ]{1,30} [\w.\/-]{1,120}: )?couldn't find (?:secret store|state store|pub ?sub|binding|output binding|input binding|lock store|configuration store|crypto provider|middleware|name ?resolution|workflow backend) (?<setting>[\w.\/-]{1,120})/i,
    keywords: ["couldn't find"],
    confidence: 0.88,
    explanation:
      'daprd loads each component scoped to the app at start and has no component of type {setting} in its registry: the component\'s type or version is misspelt, or this Dapr runtime version does not include it (Container Apps runs one Dapr version per environment). The sidecar exits and takes the replica with it until the component changes.',
    actions: [
      {
        decisive: true,
        text: 'Change component {component|the component}\'s type (and version) to one the environment\'s Dapr runtime provides (its component reference lists them), or remove the app from its scopes; then restart the revision.',
        command: 'az containerapp env dapr-component list -n {environment|<environment-name>} -g {resourceGroup} -o table',
      },
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'console.dapr.component-config-invalid',
    category: 'missing-configuration',
    title: 'Dapr component {component} rejects its configuration: {detail}',
    // daprd's component init failing on the component's own metadata or the file it points at, not on the
    // service behind it: "initialization error occurred for x (secretstores.hashicorp.vault/v1): token mount
    // path and token not set", older daprd's "failed to init state store secretstores.local.file/ named x:
    // invalid character 'ï' looking for beginning of value" (a secrets file saved with a UTF-8 BOM).
    // The words it requires keep it to configuration complaints; an unreachable store is component-unreachable's.
    pattern:
      /(?:initialization error occurred for|Failed to init component) (?<component>[\w.-]{1,120}) \((?<componentType>[\w.\/-]{1,120})\): (?<detail>[^"\n]{0,200}?\b(?:not set|not provided|is required|must be (?:set|provided|specified)|invalid character|cannot (?:parse|unmarshal)|unexpected end of JSON|no such file or directory)\b[^"\n]{0,120})|\bfailed to init [a-z ]{1,30} (?<componentType_2>[\w.\/-]{1,120}) named (?<component_2>[\w.-]{1,120}): (?<detail_2>[^"\n]{0,200}?\b(?:not set|not provided|is required|must be (?:set|provided|specified)|invalid character|cannot (?:parse|unmarshal)|unexpected end of JSON|no such file or directory)\b[^"\n]{0,120})/i,
    keywords: ['initialization error occurred for', 'failed to init'],
    unless: /\bmissing ['"]?[a-z]|connection refused|no such host|i\/o timeout|deadline exceeded|dial tcp/i,
    normalizeNames: daprConfigNames,
    confidence: 0.88,
    explanation:
      'daprd could not initialise component {component} ({componentType}) because of the component\'s own configuration: "{detail}". The sidecar exits at startup and takes the replica with it until the component\'s metadata (or the file it reads) is fixed.',
    actions: [
      {
        decisive: true,
        needs: ['setting'],
        text: 'Set {setting} in the metadata of Dapr component {component} (from a secret reference when it is a credential), then restart the revision.',
      },
      {
        decisive: true,
        when: /invalid character '(?:ï|\\u00ef|\\xef)'|\bBOM\b/i,
        text: 'The file component {component} reads starts with a UTF-8 byte-order mark (the "ï" daprd complains about): save it as UTF-8 without BOM, or keep the secrets in a Container Apps secret store component instead of a local file.',
      },
      {
        absent: ['setting'],
        text: 'Correct component {component}\'s metadata (or the file it points at) as the line says, in the environment\'s Dapr components, then restart the revision.',
      },
      {
        text: 'Read component {component}\'s metadata and secret references as deployed.',
        command: 'az containerapp env dapr-component show -n {environment|<environment-name>} -g {resourceGroup} --dapr-component-name {component}',
      },
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'console.dapr.sidecar-wait',
    category: 'missing-configuration',
    title: 'the app waited for a Dapr sidecar that never answered (is Dapr enabled on this app?)',
    // The SDKs' wait for the sidecar giving up: Dapr is off for the app, or its sidecar never came up.
    pattern: /WaitForSidecarAsync|timed out waiting for (?:the )?(?:dapr )?sidecar|dapr sidecar (?:is )?not (?:ready|available)/i,
    keywords: ['waitforsidecarasync', 'sidecar'],
    context: /\b(?<exception>[A-Z][A-Za-z0-9]{0,60}?Exception)\b/,
    normalizeNames: (n) => ({ ...n, setting: 'dapr.enabled' }),
    // Three blind authors of three: a wait that gave up once and then started is the sidecar coming up late.
    whenRecovered: { category: 'dependency-unreachable', title: 'the app gave up waiting for its Dapr sidecar once; the sidecar came up and the app started on restart' },
    confidence: 0.74,
    explanation:
      'The app\'s Dapr client waited for the sidecar on localhost and gave up. Either Dapr is not enabled on this app (no sidecar at all) or the sidecar failed to start; the app cannot read its secrets or configuration through Dapr until it does.',
    actions: [
      'Check that Dapr is enabled on the app with the right app id and port; if it is, read the daprd lines for why the sidecar did not start.',
      {
        text: 'Show the app\'s Dapr settings.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.configuration.dapr'",
      },
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'console.dapr.component-unreachable',
    category: 'dependency-unreachable',
    title: 'Dapr component {component} cannot reach its backing service',
    // daprd initialises each component at start; a broker or store it cannot reach stops the sidecar.
    // The name ends at the first character that cannot be in it, so the gap after it is tried once per start.
    pattern:
      /(?:(?:Failed to init component|initialization error occurred for) (?<component>[\w.-]{1,120})[^\w.-]|process component (?<component_2>[\w.-]{1,120}) error:).{0,300}?(?:run out of available brokers|connection refused|no such host|i\/o timeout|context deadline exceeded|network is unreachable|dial tcp|init timeout for component)/i,
    // Older daprd wrote the fatal line as "process component X error: init timeout for component X exceeded".
    keywords: ['failed to init component', 'initialization error occurred for', 'process component'],
    confidence: 0.86,
    explanation:
      'daprd could not initialise component {component}: the service behind it (broker, store, queue) did not answer from the environment, so the sidecar exits and the app never gets its sidecar. The address in the component\'s metadata is wrong, or the network (firewall, private endpoint, DNS) does not let the environment reach it.',
    // The component and sidecar steps are worded as the sidecar rules' are, so steps/fixCommands.ts gives
    // them their commands (the component read, the sidecar's log, an initTimeout that ran out).
    actions: [
      'Check the Dapr components scoped to this app: the address in component {component}\'s metadata must be the service\'s, and the environment\'s network must reach it (firewall rules, private endpoints, DNS).',
      'Read the daprd console lines (container daprd) around the exit for the first error it logged.',
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'console.dapr.invoke-target-down',
    category: 'dependency-unreachable',
    title: 'Dapr service invocation to {appId|another app} fails: its app channel is not up',
    // The caller's sidecar reached the target's sidecar, which has no connection to its own app ("app channel
    // is not initialized"): the target app is down or not listening on its Dapr app port. Printed by the SDKs
    // as ERR_DIRECT_INVOKE and by daprd's own retry lines.
    pattern: /\bERR_DIRECT_INVOKE\b(?:.{0,80}?\bid: (?<appId>[\w-]{1,64}))?.{0,300}?\bapp channel is not initialized\b|\bappid: (?<appId_2>[\w-]{1,64}), err: .{0,120}?\bapp channel is not initialized\b/,
    keywords: ['app channel is not initialized'],
    confidence: 0.84,
    explanation:
      'This app calls {appId|another app} through Dapr service invocation, and the target\'s sidecar answers that it has no channel to its app: the target app is not running, or it does not listen on the port its Dapr settings name (dapr appPort). The failing calls (and any health check that makes them) are this app\'s symptom; the fix is on the target.',
    actions: [
      {
        needs: ['appId'],
        decisive: true,
        text: 'Look at the target app {appId}: is it running, and does its Dapr app port match the port it listens on? Its Dapr settings:',
        command: 'az containerapp show -n {appId} -g {resourceGroup} --query properties.configuration.dapr -o json',
      },
      { needs: ['appId'], text: 'Its sidecar\'s log says whether it found the app (container daprd of app {appId}).', command: 'az containerapp logs show -n {appId} -g {resourceGroup} --container daprd --tail 100' },
      { absent: ['appId'], text: 'Find the app the call targets (the id in the invocation error) and check that it runs and that its Dapr app port is the port it listens on.' },
    ],
    links: [LINKS.troubleshooting],
  },
]);
