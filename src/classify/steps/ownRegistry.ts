/**
 * A rebuilt image goes to the team's own registry (v23 review: 9, 25, 88): nobody but its publisher can push
 * to docker.io/library, docker.io/bitnami or another project's ghcr.io namespace, so a "deploy the rebuilt
 * image" command that keeps the public repository names an image that can never exist. The command gets the
 * app's own registry from the configuration (a registry entry that is not a public host), else <your-registry>.
 * A team's own namespace on a public host (ghcr.io/<org>/<app>) keeps its repository.
 */
import type { AppConfig, FindingStep } from '../../model';
import type { FixInput } from './fixCommands';

/** Hosts that serve other publishers' images; an image with no host is Docker Hub's. */
const PUBLIC_HOSTS = /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io|quay\.io|docker\.elastic\.co|ghcr\.io|mcr\.microsoft\.com|public\.ecr\.aws|registry\.k8s\.io|gcr\.io)$/i;
/** Publishers of images for others on Docker Hub: their namespace takes no one else's push. */
const PUBLISHERS = /^(?:library|bitnami|bitnamilegacy|linuxserver|ubuntu|circleci|cimg)$/i;

/** The image a step deploys as a rebuild: the `--image` value with the <new-tag> blank. */
const REBUILT = / --image (\S{1,300}?):<new-tag>(?= |$)/;

/** The registry host of an image reference; undefined for Docker Hub's short form (`neo4j`, `bitnami/kafka`). */
function hostOf(image: string): string | undefined {
  const first = image.split('/')[0]!;
  return image.includes('/') && /[.:]|^localhost$/.test(first) ? first : undefined;
}

/**
 * An image only its publisher can push: on a public host, with no registry entry of the app for that host
 * (an entry means the team signs in there: its own namespace), and either an official image (no namespace,
 * or library/), a known publisher's namespace, or a vendor's own image (clickhouse/clickhouse-server,
 * neo4j/neo4j: the repository starts with the namespace). A team's ghcr.io/<org>/<app> is none of these.
 */
function thirdParty(image: string, config: AppConfig | undefined): boolean {
  if (image.includes('<')) return false;
  const host = hostOf(image);
  if (host && !PUBLIC_HOSTS.test(host)) return false;
  const servers = (Array.isArray(config?.registries) ? config.registries : []).map((r) => String(r?.server ?? '').toLowerCase());
  if (servers.includes((host ?? 'docker.io').toLowerCase())) return false;
  const path = (host ? image.slice(host.length + 1) : image).toLowerCase().split('/');
  if (path.length === 1) return !host || /docker\.io$/i.test(host);
  const [namespace, repo] = [path[0]!, path[path.length - 1]!];
  return PUBLISHERS.test(namespace) || repo.startsWith(namespace);
}

/** The app's own registry: the one registry entry of the configuration that is not a public host. */
export function ownRegistry(config: AppConfig | undefined): string | undefined {
  const servers = (Array.isArray(config?.registries) ? config.registries : [])
    .map((r) => (typeof r?.server === 'string' ? r.server.trim().toLowerCase() : ''))
    .filter((s) => s && !PUBLIC_HOSTS.test(s));
  return [...new Set(servers)].length === 1 ? servers[0] : undefined;
}

/** The public repository in a rebuilt image's deploy becomes the same name in the team's registry. */
export function rebuiltToOwnRegistry(input: FixInput): FindingStep[] {
  const own = ownRegistry(input.config);
  return input.steps.map((s) => {
    const image = REBUILT.exec(s.command ?? '')?.[1];
    if (!s.command || !image || !thirdParty(image, input.config)) return s;
    const name = image.split('/').pop()!;
    const target = `${own ?? '<your-registry>'}/${name}`;
    const where = own ? `the app's registry ${own}` : 'your own registry (replace <your-registry>; the app needs a registry entry for it)';
    return {
      ...s,
      text: `${s.text} Push the rebuilt image to ${where} as ${name}, not to ${image}: that namespace belongs to its publisher and takes no push from you.`,
      command: s.command.replace(REBUILT, ` --image ${target}:<new-tag>`),
    };
  });
}
