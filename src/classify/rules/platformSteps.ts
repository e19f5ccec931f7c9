import type { RuleAction } from '../types';
import { ACR_PULL_STEPS } from './categoryText';
import { RESTART_REVISION, SHOW_PROBES } from './commandTemplates';

/**
 * Steps for what the platform itself reports (image pulls, probes, capacity, the replica's disk), as data.
 * Most depend on names only the configuration gives (platformNames): the registry entry the app pulls
 * with, the probe a change moved, the ingress target port, the startup probe's time budget. Each step
 * names what the rows and the configuration name, so the engineer gets the value, not a checklist.
 */

const NO_SUCH_HOST = /no such host|could not resolve|Name or service not known/i;
const LATEST_TAG = /:latest"/;

/** The registry answered "manifest unknown" / "not found": the tag (or repository) is not there. */
export const IMAGE_NOT_FOUND_STEPS: RuleAction[] = [
  {
    when: NO_SUCH_HOST,
    text: 'The registry host {registry|in the image name} does not resolve: it is misspelled or the registry was deleted. Point the container at an image in a registry that exists (replace <image>); this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <image>',
  },
  {
    unless: NO_SUCH_HOST,
    needs: ['imageTag', 'acrName', 'repository'],
    text: 'Tag {imageTag} of repository {repository} is not in {acrName}: push it (check the CI step that pushes the image), or use a tag this list shows.',
    command: 'az acr repository show-tags -n {acrName} --repository {repository} -o table',
  },
  {
    when: LATEST_TAG,
    unless: NO_SUCH_HOST,
    needs: ['imageName'],
    absent: ['acrName'],
    text: '{imageName} has no tag latest: a registry has it only when someone pushes that name, it is not an alias for the newest version. Reference a published version tag (the registry\'s package page lists them).',
  },
  {
    unless: new RegExp(`${NO_SUCH_HOST.source}|${LATEST_TAG.source}`, 'i'),
    needs: ['imageTag', 'imageName'],
    absent: ['acrName'],
    // The rows show only that the tag is missing now: never pushed, or deleted since. Pushing is for the
    // repository's owner, not for a third party's image (v23 review B 88).
    text: 'Tag {imageTag} of {imageName} is not in {registry|the registry}: it was never pushed there, or its publisher withdrew or deleted it. Pick a tag the registry lists (its package page or tags API), or go back to the image of the last healthy revision; push the tag yourself only when the repository is your own, and to keep a third-party image, copy it into your own registry and run it from there.',
  },
  // No tag at all: the platform asks for `:latest`, which exists only if someone pushed that name.
  {
    unless: NO_SUCH_HOST,
    needs: ['imageUntagged'],
    text: '{imageUntagged} names no tag, so the platform pulls {imageUntagged}:latest, and the registry has no latest for it (latest is only a name someone pushes, not an alias for the newest version). Pin a tag the repository publishes (its package page or tags list), or a digest (replace <tag>); this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image {imageUntagged}:<tag>',
  },
  {
    unless: NO_SUCH_HOST,
    absent: ['imageTag', 'imageUntagged'],
    text: 'Check the repository name and tag of {image|the image}: the tag must be pushed before the revision that uses it is created.',
  },
  {
    unless: NO_SUCH_HOST,
    needs: ['imageName'],
    text: 'Then point {container|the container} at a tag that exists (replace <tag>); this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image {imageName}:<tag>',
  },
];

/** The pull did not finish in time: the registry never answered no, the image was slow to arrive. */
const PULL_TIMEOUT = /context deadline exceeded|Client\.Timeout exceeded|timed out (?:while )?pulling/i;
/** The tag exists, but not for the platform Container Apps runs (linux/amd64): an arm64-only build. */
const NO_AMD64 = /no matching manifest for linux\/amd64|no match for platform in manifest|image with reference .{1,300} was found but does not match the specified platform/i;

/**
 * What kind of pull failure the registry's answer names, when it is neither a refusal nor a missing tag:
 * a timeout (a large image, a distant or slow registry) or a tag with no linux/amd64 image. Each is the
 * fix for that answer, so the generic triage (credentials, private DNS, "does the tag exist") goes.
 */
export const PULL_KIND_STEPS: RuleAction[] = [
  {
    when: PULL_TIMEOUT,
    decisive: true,
    text: 'The pull of {image|the image} timed out (context deadline exceeded): the registry refused nothing and the reference resolved, so credentials, DNS and the tag are not the question; the image took too long to arrive. To keep cold starts from timing out: make the image smaller (a multi-stage build on a slim base, models and data downloaded at start or mounted instead of baked in), and pull it from a registry in the environment\'s region.',
  },
  {
    when: PULL_TIMEOUT,
    needs: ['acrName'],
    decisive: true,
    text: 'Check that {acrName} is in the environment\'s region; if it is not, add a replica of it there (geo-replication, Premium tier) so pulls stay close (replace <region> with the environment\'s location).',
    command: 'az acr replication create -r {acrName} -l <region>',
  },
  {
    when: PULL_TIMEOUT,
    needs: ['imageTag', 'imageName'],
    absent: ['acrName'],
    decisive: true,
    text: 'Copy {image} into an Azure Container Registry in the environment\'s region (replace <registry>), so the pull no longer crosses to {registry|the public registry}; a registry that needs a sign-in also needs `--username`/`--password` here.',
    command: 'az acr import -n <registry> --source {image} --image {repository|<repository>}:{imageTag}',
  },
  {
    when: PULL_TIMEOUT,
    needs: ['imageTag', 'imageName'],
    absent: ['acrName'],
    decisive: true,
    text: 'Then point {container|the container} at the copy (replace <registry>; with a managed identity it needs AcrPull on that registry, and a registry entry for it).',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <registry>.azurecr.io/{repository|<repository>}:{imageTag}',
  },
  {
    when: NO_AMD64,
    decisive: true,
    text: '{image|The image} has no linux/amd64 image: the tag was published for other platforms only (such as linux/arm64), and Container Apps runs linux/amd64 only, so the registry has nothing to give it. Pin a tag whose manifest list includes linux/amd64 (`docker manifest inspect {image|<image>}` lists the platforms of a tag), or build and push a multi-arch image (`docker buildx build --platform linux/amd64,linux/arm64 --push`).',
  },
  {
    when: NO_AMD64,
    needs: ['imageName'],
    decisive: true,
    text: 'Then point {container|the container} at that tag (replace <tag>); this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image {imageName}:<tag>',
  },
];

const RATE_LIMITED = /toomanyrequests|429 Too Many Requests|pull rate limit/i;
const OLD_UNAVAILABLE = [
  'Check the registry\'s status (and Docker Hub rate limits for anonymous pulls); import public base images into your own registry to avoid rate limits.',
  'Retry the deployment once the registry answers; if it persists, check the network path (DNS, firewall, proxy) from the environment to the registry.',
];

/**
 * The registry was down or throttled. Docker Hub's rate limit on anonymous pulls is the usual one, and
 * Azure has two answers for it: copy the image into your own registry (`az acr import`), or pull signed in.
 */
export const REGISTRY_UNAVAILABLE_STEPS: RuleAction[] = [
  {
    when: RATE_LIMITED,
    needs: ['dockerHubPath'],
    text: 'Docker Hub limits anonymous pulls per source address, and the environment\'s replicas and executions share their addresses: import {dockerHubSource} into your own Azure Container Registry (replace <registry>), so pulls no longer go to Docker Hub.',
    command: 'az acr import -n <registry> --source {dockerHubSource} --image {dockerHubPath}',
  },
  {
    when: RATE_LIMITED,
    needs: ['dockerHubPath'],
    text: 'Then point {container|the container} at the copy (replace <registry>; the app pulls it with its managed identity, which needs AcrPull on that registry).',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <registry>.azurecr.io/{dockerHubPath}',
  },
  {
    when: RATE_LIMITED,
    needs: ['dockerHubPath'],
    text: 'Or keep Docker Hub and pull signed in, which has a higher limit: add a registry entry for docker.io with a Docker Hub user and an access token (replace <user> and <token>; the token is stored as a secret).',
    command: 'az containerapp registry set -n {app} -g {resourceGroup} --server docker.io --username <user> --password <token>',
  },
  ...OLD_UNAVAILABLE.map((text) => ({ text, unless: RATE_LIMITED })),
  ...OLD_UNAVAILABLE.map((text) => ({ text, when: RATE_LIMITED, absent: ['dockerHubPath'] })),
];

/** GitHub Container Registry: a pull needs a personal access token with read:packages (or a public package). */
const GHCR = /\bghcr\.io\//;
const GHCR_TOKEN = 'sign in with a GitHub user and a personal access token (classic) with the read:packages scope (replace <user> and <token>), or make the package public.';
/**
 * A registry entry is app-scope: setting it creates no revision, and the revision that gave up pulling
 * tries again only when restarted (a job: its next execution pulls again).
 */
const RESTART_AFTER_REGISTRY = {
  text: 'Then restart the failing revision: a registry change does not create a revision, and the one that gave up pulling tries again only when restarted.',
  command: RESTART_REVISION,
};
/** Names that say how the app signs in to the registry; without any, the generic identity steps stand. */
const REGISTRY_AUTH = ['registryIdentity', 'registryMissing', 'registrySystemIdentity', 'registryUser'];
const RESTART_AFTER_ROLE = {
  text: 'Restart the revision once the role has applied (a few minutes), so the pull is tried again.',
  command: RESTART_REVISION,
};

/** The registry refused the pull (401/403): who the app pulls as, and the right it lacks. No tag check. */
export const REGISTRY_REFUSED_STEPS: RuleAction[] = [
  // The registry entry names a user-assigned identity the app does not have: assigning it is the fix.
  {
    needs: ['registryIdentityUnassigned', 'registryIdentityRef'],
    text: 'The registry entry for {registry} pulls as user-assigned identity {registryIdentity}, but that identity is not assigned to the app (its identity is {appIdentityType} only), so no token can be had for it: assign it to the app.',
    command: 'az containerapp identity assign -n {app} -g {resourceGroup} --user-assigned {registryIdentityRef}',
  },
  {
    needs: ['registryIdentityUnassigned', 'acrName'],
    text: 'If {registryIdentity} does not have AcrPull on {acrName} yet, grant it.',
    command: 'az role assignment create --assignee-object-id {registryPrincipalId} --assignee-principal-type ServicePrincipal --role AcrPull --scope {acrId}',
  },
  // The registry entry names a user-assigned identity: that one needs AcrPull, not the system identity.
  {
    needs: ['registryIdentity', 'acrName'],
    absent: ['registryIdentityUnassigned'],
    text: 'The registry entry for {registry} pulls as user-assigned identity {registryIdentity}: grant that identity AcrPull on {acrName}.',
    command: 'az role assignment create --assignee-object-id {registryPrincipalId} --assignee-principal-type ServicePrincipal --role AcrPull --scope {acrId}',
  },
  {
    needs: ['registryIdentity'],
    absent: ['registryIdentityUnassigned'],
    text: 'Check that {registryIdentity} is assigned to the app (a registry entry can only use an assigned identity).',
    command: 'az containerapp identity show -n {app} -g {resourceGroup}',
  },
  { needs: ['registryIdentity', 'acrName'], ...RESTART_AFTER_ROLE },
  // No registry entry at all: the pull is anonymous, and a private registry refuses it.
  {
    needs: ['registryMissing', 'acrName'],
    text: 'Its configuration has no registry entry for {registry}, so the image is pulled anonymously and refused. Give it a system-assigned identity (skip if it has one).',
    command: 'az containerapp identity assign -n {app} -g {resourceGroup} --system-assigned',
  },
  {
    needs: ['registryMissing', 'acrName'],
    text: 'Grant that identity AcrPull on {acrName}.',
    command: 'az role assignment create --assignee-object-id {principalId} --assignee-principal-type ServicePrincipal --role AcrPull --scope {acrId}',
  },
  {
    needs: ['registryMissing', 'acrName'],
    text: 'Add {registry} to the configuration with that identity; the next pull uses it.',
    command: 'az containerapp registry set -n {app} -g {resourceGroup} --server {registry} --identity system',
  },
  {
    needs: ['registryMissing'],
    absent: ['acrName'],
    unless: GHCR,
    text: 'Its configuration has no registry entry for {registry}, so the image is pulled anonymously and refused: add one with a user name and a token that may pull (replace <user> and <token>).',
    command: 'az containerapp registry set -n {app} -g {resourceGroup} --server {registry} --username <user> --password <token>',
  },
  {
    needs: ['registryMissing'],
    absent: ['acrName'],
    when: GHCR,
    text: `Its configuration has no registry entry for {registry}, so the image is pulled anonymously and refused: ${GHCR_TOKEN}`,
    command: 'az containerapp registry set -n {app} -g {resourceGroup} --server {registry} --username <user> --password <token>',
  },
  { needs: ['registryMissing', 'acrName'], ...RESTART_AFTER_ROLE },
  { needs: ['registryMissing'], absent: ['acrName'], ...RESTART_AFTER_REGISTRY },
  // The system identity is named: it lacks the role.
  {
    needs: ['registrySystemIdentity', 'acrName'],
    text: 'The registry entry for {registry} pulls with the system-assigned identity: grant it AcrPull on {acrName}.',
    command: 'az role assignment create --assignee-object-id {principalId} --assignee-principal-type ServicePrincipal --role AcrPull --scope {acrId}',
  },
  { needs: ['registrySystemIdentity', 'acrName'], ...RESTART_AFTER_ROLE },
  // A user name and password: the password (an admin password, a token) is no longer valid.
  {
    needs: ['registryUser', 'registrySecret'],
    text: 'The registry entry for {registry} signs in as {registryUser} with the password in secret {registrySecret}, and the registry refused it: a rotated admin password or an expired token. Set the current one (replace <password>; it is stored in {registrySecret}).',
    command: 'az containerapp registry set -n {app} -g {resourceGroup} --server {registry} --username {registryUser} --password <password>',
  },
  {
    needs: ['registryUser'],
    absent: ['registrySecret'],
    text: 'The registry entry for {registry} signs in as {registryUser}, and the registry refused its password: a rotated admin password or an expired token. Set the current one (replace <password>).',
    command: 'az containerapp registry set -n {app} -g {resourceGroup} --server {registry} --username {registryUser} --password <password>',
  },
  { needs: ['registryUser'], ...RESTART_AFTER_REGISTRY },
  // The configuration was not read: the usual Azure Container Registry path, then the credentials.
  ...ACR_PULL_STEPS.map((a) => (typeof a === 'string' ? a : { ...a, absent: [...(a.absent ?? []), ...REGISTRY_AUTH] })),
  { needs: ['acrName'], absent: REGISTRY_AUTH, ...RESTART_AFTER_ROLE },
  // No registry entry was read: setting one replaces whatever credential the app has for that server.
  {
    needs: ['registry'],
    absent: ['acrName', ...REGISTRY_AUTH],
    when: GHCR,
    text: `The registry {registry} refused the pull as not authorized: set its credential on the app; ${GHCR_TOKEN}`,
    command: 'az containerapp registry set -n {app} -g {resourceGroup} --server {registry} --username <user> --password <token>',
  },
  {
    needs: ['registry'],
    absent: ['acrName', ...REGISTRY_AUTH],
    unless: GHCR,
    text: 'The registry {registry} refused the pull as not authorized: set a user name and a current token or password that may pull from it (replace <user> and <token>; an expired token is the usual cause).',
    command: 'az containerapp registry set -n {app} -g {resourceGroup} --server {registry} --username <user> --password <token>',
  },
  { needs: ['registry'], absent: ['acrName', ...REGISTRY_AUTH], ...RESTART_AFTER_REGISTRY },
  {
    absent: ['registry', 'acrName', ...REGISTRY_AUTH],
    text: 'Check the registry credentials configured on the app (user name and password secret) against {registry|the registry}; a token or password may have expired.',
  },
];

/**
 * A Secret volume (storageType Secret) mounts the app's own secrets as files: it fails when it lists a
 * secret the app no longer has. No storage account is involved, and secrets are app-wide, so going back to
 * an older revision does not bring a removed secret back.
 */
export const SECRET_VOLUME_STEPS: RuleAction[] = [
  {
    needs: ['secretVolume', 'volumeSecretOne'],
    text: 'Volume {secretVolume} is a Secret volume (storageType Secret): it lists secret {volumeSecretOne}, which the app no longer has, so it cannot be mounted; no storage account is involved. Add the secret back (replace <value>; secrets are app-wide, so a rollback would not restore it).',
    command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {volumeSecretOne}=<value>',
  },
  {
    needs: ['secretVolume', 'volumeSecretMissing'],
    absent: ['volumeSecretOne'],
    text: 'Volume {secretVolume} is a Secret volume (storageType Secret): it lists secrets {volumeSecretMissing}, which the app no longer has, so it cannot be mounted; no storage account is involved. Add them back (`az containerapp secret set`); secrets are app-wide, so a rollback would not restore them.',
  },
  {
    needs: ['secretVolume', 'volumeSecretMissing'],
    text: 'Or, if the files are no longer needed, drop {volumeSecretMissing} from the secrets list of volume {secretVolume} in the {yamlOf|app}\'s YAML (`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`, edit template.volumes) and apply it; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
  },
  {
    needs: ['secretVolume', 'volumeSecretOne'],
    text: 'A secret volume is read when the replica starts: after adding the secret back, restart the revision.',
    command: RESTART_REVISION,
  },
  {
    needs: ['secretVolume'],
    absent: ['volumeSecretMissing'],
    text: 'Volume {secretVolume} is a Secret volume (storageType Secret), not a storage share: check that every secret its secrets list names exists among the app\'s secrets.',
    command: 'az containerapp secret list -n {app} -g {resourceGroup} -o table',
  },
];

/**
 * A volume that could not be mounted: a secret volume's missing secret; an NFS share's network rules; an
 * Azure Files share's definition (account, current key, share, access mode) and its reachability over
 * SMB; then a restart so the replica mounts it again. The platform's mount rows and a mount error the
 * app's own rows quote read the same way.
 */
/** An NFS share admits virtual networks only: the environment's subnet in the account's network rules. */
const NFS_NETWORK_RULE = {
  text: 'NFS shares admit only virtual networks, and "access denied by server" is the storage account\'s network rules refusing the environment: allow the environment\'s infrastructure subnet in {storageAccount|the storage account}\'s network rules (replace the <...> blanks: the subnet\'s resource id, the account\'s resource group; the subnet needs the Microsoft.Storage service endpoint), with secure transfer off for NFS.',
  command: 'az storage account network-rule add -g <storage-resource-group> --account-name {storageAccount|<storage-account>} --subnet <infrastructure-subnet-id>',
};
const NFS_DEFINITION = {
  text: 'Check the environment storage definition that the app\'s volume{ volume} uses: server, share path and access mode (an NFS share takes no key).',
  command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.volumes' -o json",
};
/** An NFS share the configuration or the rows name, refused without saying why: what NFS needs from the network (no key, no port 445). */
const NFS_NEEDS = {
  text: 'The share is NFS, which takes no account key and admits only virtual networks: it needs a premium (FileStorage) account with secure transfer off, reached over TCP 2049 through a private endpoint or the Microsoft.Storage service endpoint of the environment\'s infrastructure subnet. Allow that subnet in {storageAccount|the storage account}\'s network rules (replace the <...> blanks: the subnet\'s resource id, the account\'s resource group).',
  command: 'az storage account network-rule add -g <storage-resource-group> --account-name {storageAccount|<storage-account>} --subnet <infrastructure-subnet-id>',
};

export const VOLUME_MOUNT_STEPS: RuleAction[] = [
  ...SECRET_VOLUME_STEPS,
  // The share's protocol from the rows (an NFS mount error) or the configuration (the volume's storageType
  // NfsAzureFile, nfsVolume; AzureFile, smbVolume): each protocol's steps only. A step listed twice with
  // one text (the rows' reading, the configuration's) is given once.
  // "access denied by server" from an NFS share is its network rules: the fix, so before the restart.
  { when: /access denied by server/i, absent: ['smbVolume'], ...NFS_NETWORK_RULE },
  { when: /nfs/i, unless: /access denied by server/i, absent: ['secretVolume', 'smbVolume'], ...NFS_NEEDS },
  { needs: ['nfsVolume'], unless: /access denied by server/i, ...NFS_NEEDS },
  {
    unless: /nfs/i,
    absent: ['secretVolume', 'nfsVolume'],
    text: 'Check the environment storage definition that the app\'s volume{ volume} uses: account name, current account key (a rotated key breaks the mount), share name and access mode; the app\'s volumes name it.',
    command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.volumes' -o json",
  },
  { when: /nfs/i, absent: ['secretVolume', 'smbVolume'], ...NFS_DEFINITION },
  { needs: ['nfsVolume'], absent: ['secretVolume'], ...NFS_DEFINITION },
  {
    absent: ['secretVolume'],
    text: 'Read the environment storage {storageName|the volume names} itself: the account, share name and access mode it holds (the key is not shown).',
    command: 'az containerapp env storage show -n {environment|<environment-name>} -g {resourceGroup} --storage-name {storageName|<storage-name>}',
  },
  {
    needs: ['storageName', 'storageAccount'],
    unless: /nfs/i,
    absent: ['secretVolume', 'nfsVolume'],
    text: 'If the account key of {storageAccount} was rotated, put the current key into environment storage {storageName}: the command reads it from the account (replace any <...> blank left, such as the access mode, ReadWrite or ReadOnly, with the storage\'s current value: the command rewrites the whole definition).',
    command: "az containerapp env storage set -n {environment|<environment-name>} -g {resourceGroup} --storage-name {storageName} --azure-file-account-name {storageAccount} --azure-file-account-key $(az storage account keys list -n {storageAccount} --query '[0].value' -o tsv) --azure-file-share-name {shareName|<share-name>} --access-mode {accessMode|<access-mode>}",
  },
  // The account is not in the rows or the configuration: the same command with its name as a blank.
  {
    needs: ['storageName'],
    unless: /nfs/i,
    absent: ['storageAccount', 'secretVolume', 'nfsVolume'],
    text: 'If the account key of the storage account behind {storageName} was rotated, put the current key into environment storage {storageName} (replace <account-name>, <account-key> and any other <...> blank, such as the access mode, ReadWrite or ReadOnly, with the storage\'s current values that the command above shows: it rewrites the whole definition).',
    command: 'az containerapp env storage set -n {environment|<environment-name>} -g {resourceGroup} --storage-name {storageName} --azure-file-account-name <account-name> --azure-file-account-key <account-key> --azure-file-share-name {shareName|<share-name>} --access-mode {accessMode|<access-mode>}',
  },
  // mount error(13) is the share refusing the credentials: the network got there, so port 445 is not the question.
  { unless: /nfs|mount error\(13\)/i, absent: ['secretVolume', 'nfsVolume'], text: 'Check that the environment can reach {host|the storage account} over SMB (port 445; firewall or private endpoint).' },
  { absent: ['secretVolume'], text: 'Restart the revision once the storage is fixed, so the replica mounts it again.', command: RESTART_REVISION },
];

/**
 * KEDA's own words for scale-rule metadata it cannot build a scaler from: a Service Bus rule names a queue
 * or a topic subscription, never both. The field to drop is the fix; credentials are not in question.
 */
export const SCALE_METADATA_STEPS: RuleAction[] = [
  {
    when: /subscription ?name provided with queue ?name/i,
    decisive: true,
    text: 'The azure-servicebus scale rule sets both queueName and subscriptionName, and KEDA cannot tell which entity to watch: for a queue keep queueName and drop subscriptionName; for a topic subscription replace queueName with topicName and keep subscriptionName. Edit the rule\'s metadata (its custom.metadata under scale rules) in the {yamlOf|app}\'s YAML (`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`) and apply it; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
  },
];

/** How a probe setting is changed: the CLI has no probe flags, so through the app's YAML (or the portal). */
/** The platform's row for a startup probe that failed (the probe exists). */
const STARTUP_PROBE_FAILED = /Startup probe failed|failed startup probe/i;
const APPLY_YAML = 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml';
const VIA_YAML = 'To change it, save the {yamlOf|app}\'s YAML with `az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`, edit the container\'s probes and apply the file with this command (or use the portal\'s Containers > Health probes); this creates a new revision.';
const PROBE_NOT_FOUND = /statuscode: 404|status code: 404/i;
const PROBE_ANSWERED = /probe failed with statuscode|failed with status code/i;
const PROBE_SPECIFIC = ['probeWhat', 'probePort', 'warmedUp'];

/** The app announced a management interface of its own (Quarkus, Keycloak 25+): its health endpoints are there. */
export const MANAGEMENT_PORT_STEP: RuleAction = {
  needs: ['managementPort'],
  absent: ['probeWhat', 'managementProbes'],
  decisive: true,
  text: `The app serves its health endpoints on its management port {managementPort} (its start-up line says the management interface listens there), not on {probePort|the port the probe checks}: point the {probe|} probe's port at {managementPort} (for Keycloak 25+, /health/live and /health/ready with KC_HEALTH_ENABLED=true). ${VIA_YAML}`,
  command: APPLY_YAML,
};

/** The same, with every configured probe that is not on the management port named (managementProbes, platformNames.ts). */
export const MANAGEMENT_PROBES_STEP: RuleAction = {
  needs: ['managementPort', 'managementProbes'],
  absent: ['probeWhat'],
  decisive: true,
  text: `The app serves its health endpoints on its management port {managementPort} (its start-up line says the management interface listens there), not on {probePort|the port the probes check}: point the {managementProbes} at {managementPort} (for Keycloak 25+, /health/live and /health/ready with KC_HEALTH_ENABLED=true). ${VIA_YAML}`,
  command: APPLY_YAML,
};

/**
 * A failing probe: a change that moved its path or port is set back with the old value; a probe port that
 * is not the ingress target port says so with both; a startup probe too short for the app's start gets
 * its budget; a startup probe that failed during warm-up and then passed needs nothing now. The
 * category's generic check stays only when none of these is known.
 */
export const PROBE_STEPS: RuleAction[] = [
  {
    needs: ['command'],
    when: /OCI runtime exec failed|failed to exec in container/i,
    decisive: true,
    text: `The {probe|} probe runs command {command}, which the image does not have, so it fails whatever the app does: point the probe at something the image serves (an HTTP path or a TCP port of the app). ${VIA_YAML}`,
    command: APPLY_YAML,
  },
  {
    needs: ['probeWhat', 'probeBefore', 'probeAfter'],
    decisive: true,
    text: `The change since {lastHealthy|the last healthy revision} moved the {probeType} probe's {probeWhat} from {probeBefore} to {probeAfter}, which the app does not serve: set it back to {probeBefore}. ${VIA_YAML}`,
    command: APPLY_YAML,
  },
  {
    needs: ['probePort', 'ingressPort'],
    absent: ['probeWhat'],
    decisive: true,
    text: `The {probe|} probe checks port {probePort}, but the app serves on {ingressPort}, the ingress target port: set the probe's port to {ingressPort}. ${VIA_YAML}`,
    command: APPLY_YAML,
  },
  {
    unless: PROBE_ANSWERED,
    needs: ['startupShort', 'startupBudget'],
    absent: PROBE_SPECIFIC,
    decisive: true,
    text: `The startup probe gives the app only {startupBudget}s ({startupWindow}) to start answering before the container is restarted, and it was still starting: raise failureThreshold or periodSeconds so the budget is well above the app's start time (for example 30 failures × 5s = 150s). ${VIA_YAML}`,
    command: APPLY_YAML,
  },
  {
    needs: ['warmedUp', 'startupBudget'],
    decisive: true,
    text: 'No action needed now: the startup probe failed while the app warmed up, then passed (no restart followed). Keep its budget ({startupBudget}s: {startupWindow}) above the longest warm-up; when the warm-up grows, raise failureThreshold through the app\'s YAML (`az containerapp update --yaml`) or the portal\'s Health probes.',
  },
  {
    needs: ['probeTimeout'],
    absent: ['probeWhat', 'ingressPort'],
    decisive: true,
    text: `The {probeTimeoutType} probe waits only {probeTimeout}s (timeoutSeconds {probeTimeout}) for {path|its path} to answer, and the app answered slower (the probe's request timed out, "context deadline exceeded"), typically while it warms up or under load. Raise its timeoutSeconds to {probeTimeoutNext} (and, for a slow warm-up, its initialDelaySeconds or failureThreshold). ${VIA_YAML}`,
    command: APPLY_YAML,
  },
  {
    unless: PROBE_NOT_FOUND,
    needs: ['probe404Path'],
    // An app that announced a management port serves its health routes there: the port, not the path, is wrong.
    absent: ['probeWhat', 'ingressPort', 'managementPort'],
    decisive: true,
    text: `The app answers 404 on {probe404Path}, the path the {probe|} probe asks for (the "statuscode: 404" rows): it is up but has no such route. Set the probe's path to the health route the app serves (such as {probeExample|/healthz}, when the app has it), or add {probe404Path} to the app{probeRemoval|}. ${VIA_YAML}`,
    command: APPLY_YAML,
  },
  {
    when: PROBE_NOT_FOUND,
    needs: ['path'],
    fallback: true,
    text: 'The app is up but answers 404 on {path}, the path the {probe|} probe asks for: point the probe at a path the app serves (its health route), or add {path} to the app; this creates a new revision.',
    command: SHOW_PROBES,
  },
  {
    unless: PROBE_NOT_FOUND,
    fallback: true,
    text: 'Check that the {probe|} probe\'s port{ port}, path{ path} and scheme (HTTP or HTTPS) match what the app serves, and that it answers within the probe timeout.',
    command: SHOW_PROBES,
  },
  // A liveness probe fails on an app that was up: start-up time is not the question then.
  // A startup probe that exists and gives up: its budget is too short for the warm-up, not a hang and not a missing probe.
  {
    when: STARTUP_PROBE_FAILED,
    unless: PROBE_ANSWERED,
    fallback: true,
    text: `The startup probe gives up before the app has warmed up: raise its failureThreshold (or initialDelaySeconds) so that initialDelaySeconds + failureThreshold × periodSeconds is longer than the slowest start the console rows show. ${VIA_YAML}`,
    command: APPLY_YAML,
  },
  { unless: new RegExp(`${PROBE_ANSWERED.source}|${STARTUP_PROBE_FAILED.source}|Liveness probe failed|failed liveness probe`, 'i'), fallback: true, text: 'Give a slow starter a startup probe with a longer failure threshold or initial delay.' },
  MANAGEMENT_PROBES_STEP,
  MANAGEMENT_PORT_STEP,
];

const MAX_NODES = /max node group size reached|maximum node count/i;
const USAGES = 'az containerapp env list-usages -n {environment|<environment-name>} -g {resourceGroup}';

/** The environment's core quota is full: its usage, the quota request, and a rollout that needs fewer cores. */
export const CORE_QUOTA_STEPS: RuleAction[] = [
  {
    needs: ['dedicatedProfile'],
    text: 'The app runs on dedicated workload profile {dedicatedProfile}: raise its maximum node count (replace <n> with more than its current maximum), or move the app to the Consumption profile.',
    command: 'az containerapp env workload-profile update -n {environment|<environment-name>} -g {resourceGroup} --workload-profile-name {dedicatedProfile} --max-nodes <n>',
  },
  { text: 'Compare the environment\'s core usage with its quota (the Managed Environment cores line).', command: USAGES },
  { absent: ['dedicatedProfile'], text: 'If the usage is legitimate, request a higher core quota: Azure portal > Quotas > Azure Container Apps (or a support request of type "Service and subscription limits (quotas)"), naming the environment and the cores needed.' },
  // Scale-out that can claim many times the minimum: the maximum is what to cap (v21 review 93: 30 x 4 cores).
  {
    needs: ['maxCores'],
    absent: ['dedicatedProfile'],
    text: 'At full scale-out the app claims {maxReplicas} replicas x {replicaCores} cores = {maxCores} cores of the environment\'s quota: lower maxReplicas (replace <n> so that n x {replicaCores} cores fits beside the other apps), or the CPU per replica; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --max-replicas <n>',
  },
  // Lowering the minimum helps only above one replica.
  // The change raised the claim: the new revision's own minimum is what does not fit (v22 review 53).
  {
    needs: ['claimCores', 'oldCpu', 'oldMemory'],
    absent: ['dedicatedProfile', 'maxCores'],
    text: 'The change raised what the app claims: the new revision alone needs {claimMin} replicas x {claimCpu} cores = {claimCores} cores at its minimum, while the healthy one ran {oldMin} x {oldCpu} = {oldCores}. Lower the CPU and memory per replica (back to {oldCpu} CPU / {oldMemory}, or to a pair in between) and the minimum (replace <n> so that n x the cores per replica fits the quota); this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --cpu {oldCpu} --memory {oldMemory} --min-replicas <n>',
  },
  {
    needs: ['rolloutMin'],
    absent: ['dedicatedProfile', 'maxCores', 'claimCores'],
    text: 'A rollout runs the old and the new revision side by side, so {rolloutMin} minimum replicas need their cores twice while it lasts: lower the minimum for the rollout (replace <n>), and raise it again once the old revision is deactivated; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --min-replicas <n>',
  },
  { absent: ['rolloutMin', 'maxCores', 'dedicatedProfile'], text: 'Lower the CPU or replica count of apps and old revisions that hold cores; inactive revisions hold none.' },
];

/** No node for the replica: a dedicated profile at its node maximum is that profile's limit, not the core quota. */
export const NODE_CAPACITY_STEPS: RuleAction[] = [
  {
    when: MAX_NODES,
    text: 'The dedicated workload profile {workloadProfile|the app runs on} is at its maximum node count, so no node can be added for the replica: raise the profile\'s maximum nodes (replace <n> with the new maximum), or move the app to a profile with room.',
    command: 'az containerapp env workload-profile update -n {environment|<environment-name>} -g {resourceGroup} --workload-profile-name {workloadProfile|<profile-name>} --max-nodes <n>',
  },
  {
    needs: ['dedicatedProfile'],
    unless: MAX_NODES,
    text: 'The app runs on dedicated workload profile {dedicatedProfile}, whose nodes are full: raise its maximum node count (replace <n> with more than its current maximum), or move the app to the Consumption profile.',
    command: 'az containerapp env workload-profile update -n {environment|<environment-name>} -g {resourceGroup} --workload-profile-name {dedicatedProfile} --max-nodes <n>',
  },
  {
    absent: ['dedicatedProfile'],
    unless: MAX_NODES,
    text: 'This is often transient (nodes moved during platform maintenance). If it persists, compare the environment\'s core usage with its quota.',
    command: USAGES,
  },
];

/** The replica's own disk filled up: not a volume to fix, but output to move onto one. */
export const EPHEMERAL_STEPS: RuleAction[] = [
  {
    text: 'The replica\'s own disk (its ephemeral storage{, ephemeralLimit}) filled up: everything written outside a mounted volume ({path|the container filesystem, /tmp}) counts against it, and the replica is evicted when it is full. Write the large output to a mounted Azure Files volume, or stream it to Blob Storage as it is produced, and delete temporary files as soon as each step is done.',
  },
  {
    text: 'To mount an Azure Files share: add it to the environment (replace the <...> blanks), then add a volume of that storage and a volume mount at the output path to the container\'s YAML (`{yamlUpdate|az containerapp update --yaml}`).',
    command: 'az containerapp env storage set -n {environment|<environment-name>} -g {resourceGroup} --storage-name <storage-name> --azure-file-account-name <account> --azure-file-account-key <account-key> --azure-file-share-name <share> --access-mode ReadWrite',
  },
];

/** A worker that ends because its queue was empty, in the words such workers log. */
export const EMPTY_QUEUE = /\bqueue\b.{0,60}\bempty\b|\bno (?:more )?messages\b|\bnothing to (?:do|process)\b/i;
/** A run that did its work and finished: scheduled or batch work, not a server. */
const BATCH_DONE = /\b(?:scheduled|cron|batch|cleanup|one-?shot|run once)\b|\b(?:task|job|run|cleanup|sync|export|import|backup|migration)s? (?:done|finished|complete[d]?)\b|\b(?:synced|imported|exported|processed|copied|backed up|uploaded|downloaded|purged|deleted|refreshed) \d{1,12} \w{1,30}\b/i;

/** An app (not a job) whose process ends with 0: what its own last words say it was doing. */
export const CLEAN_EXIT_STEPS: RuleAction[] = [
  {
    when: EMPTY_QUEUE,
    // A command or args change since the healthy revision made it exit: that change is the fix, not a job.
    absent: ['commandChanged'],
    decisive: true,
    text: 'The worker exits 0 when its queue is empty, and an app\'s replica is restarted whenever its process ends: make it wait for messages (a blocking receive, or poll with a sleep) instead of exiting; or run it as an event-triggered job that a queue scale rule starts when messages arrive (replace the <...> blanks: the scaler type such as azure-servicebus or azure-queue, its metadata and the secret it authenticates with), and remove the app.',
    command: 'az containerapp job create -n {app}-job -g {resourceGroup} --environment {environment|<environment-name>} --trigger-type Event --image {image|<image>} --cpu {containerCpu|<cpu>} --memory {containerMemory|<memory>} --min-executions 0 --max-executions 10 --scale-rule-name queue --scale-rule-type <scaler-type> --scale-rule-metadata <key>=<value> --scale-rule-auth <parameter>=<secret-name>',
  },
  {
    when: BATCH_DONE,
    unless: EMPTY_QUEUE,
    absent: ['commandChanged'],
    decisive: true,
    text: 'It does its work and exits 0 each time: that is batch work, which an app restarts forever. Run it as a scheduled Container Apps job (replace <cron> with its schedule, in UTC, quoted) and remove the app.',
    command: 'az containerapp job create -n {app}-job -g {resourceGroup} --environment {environment|<environment-name>} --trigger-type Schedule --cron-expression <cron> --image {image|<image>} --cpu {containerCpu|<cpu>} --memory {containerMemory|<memory>} --replica-timeout 1800',
  },
];

/**
 * The other way out of a port mismatch: make the app listen on `{port}` instead of moving ingress. How
 * depends on the server the rows show (configNames): the variable it reads, the port its own start
 * command sets (changed in the YAML: the CLI would read `--port` as its own flag), the start command of
 * uvicorn, gunicorn or flask, or the `listen`/`Listen` directive of nginx or Apache. PORT is offered only
 * to a runtime that reads it.
 */
export function listenOnSteps(port: 'expectedPort' | 'appPort', value: 'portToExpected' | 'portToApp', tail = ''): RuleAction[] {
  const p = `{${port}}`;
  return [
    {
      needs: ['portVar', value],
      absent: ['portInCommand'],
      text: `Or make the app listen on ${p} through {portVar}${port === 'expectedPort' ? '{ privilegedNote}' : ''}${tail}; this creates a new revision.`,
      command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {portVar}={${value}}`,
    },
    {
      needs: ['portInCommand', port],
      text: `Or make the app listen on ${p}: the container's {portCommandField} set the port (\`{portInCommand}\`), which wins over any variable. Change that port to ${p} in the app's YAML (\`az containerapp show -o yaml > app.yaml\`, edit the container's {portCommandField}) and apply it${tail}; this creates a new revision.`,
      command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
    },
    {
      needs: ['portServer', 'portEnvVar', port],
      absent: ['portInCommand', 'portVar'],
      text: `Or make {portServer} listen on ${p}: it takes its port from its start command, not from PORT. Start it with \`{portFlag}\` set to ${p} (the image's CMD, or the container's args), or set {portEnvVar} when the command names no port{ portNote}${tail}; this creates a new revision.`,
    },
    {
      needs: ['portServer', 'portDirective', port],
      absent: ['portInCommand', 'portVar', 'portEnvVar'],
      text: `Or make {portServer} listen on ${p}: change its \`{portDirective}\` directive in {portConfig} to \`{portDirective} ${p}\` and rebuild; {portServer} reads no PORT variable${tail}.`,
    },
  ];
}

/** The registry's refusal, as quoted in a provisioning error (`UNAUTHORIZED: authentication required`). */
export const REFUSED_AT_PROVISIONING = /\bUNAUTHORIZED\b|authentication required|\bdenied\b|\b40[13] (?:Unauthorized|Forbidden)/;
/**
 * The registry refused the image while the revision was provisioned: no revision was created, so nothing
 * can be restarted. The credential is set (app-scope, no revision), then the image is applied again,
 * which creates the revision the rejected update meant to.
 */
export const PROVISIONING_REFUSED_STEPS: RuleAction[] = [
  {
    when: REFUSED_AT_PROVISIONING,
    needs: ['acrName'],
    text: 'Registry {registry} refused the image as not authorized: let the app pull with its managed identity. Give it a system-assigned identity (skip if it has one).',
    command: 'az containerapp identity assign -n {app} -g {resourceGroup} --system-assigned',
  },
  {
    when: REFUSED_AT_PROVISIONING,
    needs: ['acrName'],
    text: 'Grant that identity AcrPull on {acrName} (use the user-assigned identity\'s principal id if the app pulls with that).',
    command: 'az role assignment create --assignee-object-id {principalId} --assignee-principal-type ServicePrincipal --role AcrPull --scope {acrId}',
  },
  {
    when: REFUSED_AT_PROVISIONING,
    needs: ['registry', 'acrName'],
    text: 'Tell the app to pull from {registry} with that identity (a registry entry is app-scope: it creates no revision).',
    command: 'az containerapp registry set -n {app} -g {resourceGroup} --server {registry} --identity system',
  },
  {
    when: REFUSED_AT_PROVISIONING,
    needs: ['registry'],
    absent: ['acrName'],
    text: 'Registry {registry} refused the image as not authorized: set a user name and a token that may pull from it (replace <user> and <token>; it creates no revision).',
    command: 'az containerapp registry set -n {app} -g {resourceGroup} --server {registry} --username <user> --password <token>',
  },
  {
    when: REFUSED_AT_PROVISIONING,
    needs: ['image', 'acrName'],
    text: 'The rejected revision was never created, so there is nothing to restart: once the role has applied (a few minutes), apply the image again; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image {image}',
  },
  {
    when: REFUSED_AT_PROVISIONING,
    needs: ['image'],
    absent: ['acrName'],
    text: 'The rejected revision was never created, so there is nothing to restart: apply the image again; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image {image}',
  },
];
