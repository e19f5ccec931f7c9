/**
 * Well-known public images: the user their process runs as and where they keep their data (issue #11,
 * docs/steps-review-v16-fresh.md cases 37 and 76). A permission or mount problem on such an image is fixed
 * by mounting the volume as that user, never by rebuilding an image the engineer does not build. Each
 * entry cites the Dockerfile or documentation its ids come from.
 */

export interface PublicImage {
  /** A short name for the step text (`postgres`). */
  name: string;
  uid: number;
  gid: number;
  /** The directory the image keeps its data in (where a volume belongs). */
  dataPath: string;
  /** Extra mount options the server needs on an SMB share (postgres insists on a 0700 data directory). */
  smbOptions?: string;
  /** What the image's own settings offer beside the mount, in one sentence. */
  note?: string;
}

interface Entry extends PublicImage {
  /** The repository path after the registry, without the tag (`library/postgres`, `bitnami/redis`). */
  repo: RegExp;
}

const TABLE: readonly Entry[] = [
  // https://github.com/docker-library/postgres/blob/master/Dockerfile-debian.template
  // (`groupadd -r postgres --gid=999; useradd -r -g postgres --uid=999`); PGDATA /var/lib/postgresql/data, and
  // the subdirectory advice for mounts that cannot be chowned: https://hub.docker.com/_/postgres (PGDATA).
  {
    repo: /^(?:library\/)?postgres$|^pgvector\/pgvector$|^postgis\/postgis$/,
    name: 'postgres',
    uid: 999,
    gid: 999,
    dataPath: '/var/lib/postgresql/data',
    smbOptions: 'dir_mode=0700,file_mode=0700',
    note: 'initdb needs a data directory it owns with mode 0700, which an SMB share cannot give by chmod: set PGDATA to a subdirectory of the mount (such as /var/lib/postgresql/data/pgdata), and prefer an NFS Azure Files share or Azure Database for PostgreSQL for a database that must last.',
  },
  // https://github.com/docker-library/mysql/blob/master/8.0/Dockerfile.oracle (`groupadd --system --gid 999 mysql`)
  { repo: /^(?:library\/)?mysql$/, name: 'mysql', uid: 999, gid: 999, dataPath: '/var/lib/mysql' },
  // https://github.com/docker-library/redis/blob/master/Dockerfile.template (`groupadd -r -g 999 redis; useradd -r -g redis -u 999 redis`)
  { repo: /^(?:library\/)?redis$/, name: 'redis', uid: 999, gid: 999, dataPath: '/data' },
  // https://github.com/docker-library/mongo/blob/master/Dockerfile-linux.template (`groupadd --gid 999 --system mongodb`)
  { repo: /^(?:library\/)?mongo$/, name: 'mongo', uid: 999, gid: 999, dataPath: '/data/db' },
  // https://github.com/nginxinc/docker-nginx/blob/master/mainline/debian/Dockerfile (`groupadd --system --gid 101 nginx`)
  { repo: /^(?:library\/)?nginx$|^nginxinc\/nginx-unprivileged$/, name: 'nginx', uid: 101, gid: 101, dataPath: '/var/cache/nginx' },
  // https://grafana.com/docs/grafana/latest/setup-grafana/configure-docker/ (the grafana user, id 472; GF_PATHS_DATA /var/lib/grafana)
  { repo: /^grafana\/grafana(?:-oss|-enterprise)?$/, name: 'grafana', uid: 472, gid: 0, dataPath: '/var/lib/grafana' },
  // https://docs.bitnami.com/kubernetes/faq/configuration/use-non-root/ (Bitnami containers run as user 1001; data under /bitnami)
  // The same images moved to docker.io/bitnamilegacy in 2025 (https://github.com/bitnami/containers/issues/83267), user and paths unchanged.
  { repo: /^bitnami(?:legacy)?\/[\w.-]{1,80}$/, name: 'bitnami', uid: 1001, gid: 1001, dataPath: '/bitnami' },
  // https://www.elastic.co/guide/en/elasticsearch/reference/current/docker.html ("uid:gid 1000:0"; /usr/share/elasticsearch/data)
  { repo: /^(?:library\/)?elasticsearch$|^elasticsearch\/elasticsearch$/, name: 'elasticsearch', uid: 1000, gid: 0, dataPath: '/usr/share/elasticsearch/data' },
  // https://github.com/keycloak/keycloak/blob/main/quarkus/container/Dockerfile (`USER 1000`, group root; /opt/keycloak/data)
  { repo: /^keycloak\/keycloak$/, name: 'keycloak', uid: 1000, gid: 0, dataPath: '/opt/keycloak/data' },
  // https://github.com/n8n-io/n8n/blob/master/docker/images/n8n/Dockerfile (`USER node`, uid 1000 in node images; /home/node/.n8n)
  { repo: /^n8nio\/n8n$/, name: 'n8n', uid: 1000, gid: 1000, dataPath: '/home/node/.n8n' },
  // https://jupyter-docker-stacks.readthedocs.io/en/latest/using/common.html (NB_UID 1000, NB_GID 100; /home/jovyan)
  { repo: /^(?:jupyter|quay\.io\/jupyter)\/[\w-]{1,60}-notebook$/, name: 'jupyter', uid: 1000, gid: 100, dataPath: '/home/jovyan' },
  // https://github.com/go-gitea/gitea/blob/main/Dockerfile.rootless (`USER 1000:1000`, GITEA_WORK_DIR /var/lib/gitea);
  // the root image runs Gitea as its git user, USER_UID/USER_GID 1000, with its data under /data (Dockerfile).
  { repo: /^gitea\/gitea$/, name: 'gitea', uid: 1000, gid: 1000, dataPath: '/data' },
  // https://github.com/docker-library/rabbitmq/blob/master/Dockerfile-ubuntu.template (`groupadd --gid 999 --system rabbitmq`)
  { repo: /^(?:library\/)?rabbitmq$/, name: 'rabbitmq', uid: 999, gid: 999, dataPath: '/var/lib/rabbitmq' },
];

/** Hosts public images come from; the first path part is a registry only when it has a dot or a port. */
const PUBLIC_HOSTS = /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io|quay\.io|docker\.elastic\.co|ghcr\.io|mcr\.microsoft\.com)$/i;

/** `docker.io/library/postgres:16` -> `library/postgres`; undefined for a private registry's image. */
function publicRepository(image: string): string | undefined {
  const ref = image.trim().split('@')[0]!.slice(0, 300);
  const parts = ref.split('/');
  let host: string | undefined;
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) host = parts.shift();
  if (host && !PUBLIC_HOSTS.test(host)) return undefined;
  const last = parts.pop() ?? '';
  const colon = last.indexOf(':');
  parts.push(colon >= 0 ? last.slice(0, colon) : last);
  return parts.join('/').toLowerCase();
}

/** The tag of an image reference (`postgres:16-alpine` -> `16-alpine`), empty when it has none. */
function tagOf(image: string): string {
  const last = image.split('@')[0]!.split('/').pop() ?? '';
  const colon = last.indexOf(':');
  return colon >= 0 ? last.slice(colon + 1) : '';
}

/** The table's entry for an image, when it is one of these public images pulled from a public registry. */
export function publicImageOf(image: string | undefined): PublicImage | undefined {
  if (typeof image !== 'string' || !image) return undefined;
  const repo = publicRepository(image);
  if (!repo) return undefined;
  const entry = TABLE.find((e) => e.repo.test(repo) || e.repo.test(repo.replace(/^library\//, '')));
  if (!entry) return undefined;
  const { repo: _repo, ...image_ } = entry;
  // The Alpine variants of the official postgres image create their user with id 70, not 999.
  // https://github.com/docker-library/postgres/blob/master/Dockerfile-alpine.template (`addgroup -g 70 -S postgres; adduser -u 70 -S -D -G postgres`)
  if (entry.name === 'postgres' && /^(?:library\/)?postgres$/.test(repo.replace(/^library\//, '')) && tagOf(image).toLowerCase().includes('alpine')) return { ...image_, uid: 70, gid: 70 };
  if (entry.name === 'gitea' && tagOf(image).toLowerCase().includes('rootless')) return { ...image_, dataPath: '/var/lib/gitea' };
  // A Bitnami image keeps its data under /bitnami/<name> (bitnami/redis -> /bitnami/redis).
  return entry.name === 'bitnami' ? { ...image_, dataPath: `/bitnami/${repo.split('/').pop()}` } : image_;
}

/** A public image whose entrypoint script chowns its data directory as root, and the CMD it then runs. */
export interface EntrypointBypass {
  /** The program and its one argument (single words: the CLI's --command and --args take them as they are). */
  command: string;
  args: string;
  /** Who the process runs as without the script. */
  user: string;
}

const BYPASS: readonly (EntrypointBypass & { repo: RegExp })[] = [
  // https://github.com/louislam/uptime-kuma/blob/master/docker/dockerfile (WORKDIR /app; ENTRYPOINT
  // ["/usr/bin/dumb-init", "--", "extra/entrypoint.sh"]; CMD ["node", "server/server.js"]); extra/entrypoint.sh
  // runs `chown -hRc` on /app/data before it starts the CMD, as root unless PUID/PGID say otherwise.
  { repo: /^louislam\/uptime-kuma$/, command: 'node', args: 'server/server.js', user: 'root, uid 0' },
];

/** The CMD to run instead of the entrypoint of a public image whose entrypoint chowns its data. */
export function entrypointBypassOf(image: string | undefined): EntrypointBypass | undefined {
  const repo = typeof image === 'string' && image ? publicRepository(image) : undefined;
  if (!repo) return undefined;
  const entry = BYPASS.find((e) => e.repo.test(repo) || e.repo.test(repo.replace(/^library\//, '')));
  return entry ? { command: entry.command, args: entry.args, user: entry.user } : undefined;
}

/** The major version in a postgres image's tag (`postgres:16-alpine` -> 16). */
export function postgresMajor(image: string | undefined): string | undefined {
  return typeof image === 'string' ? /postgres(?:ql)?:(\d{1,2})(?:[.-]|$)/i.exec(image)?.[1] : undefined;
}

/**
 * Public images that read their listening port from a variable of their own (never PORT): moving the app
 * to another port is that variable. Each entry cites the documentation that names it.
 */
const PORT_VARS: readonly { repo: RegExp; name: string; portVar: string }[] = [
  // https://docs.gitea.com/installation/install-with-docker (GITEA__section__KEY) and the [server] HTTP_PORT setting
  { repo: /^gitea\/gitea$/, name: 'Gitea', portVar: 'GITEA__server__HTTP_PORT' },
  // https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/ (GF_<SECTION>_<KEY>; [server] http_port)
  { repo: /^grafana\/grafana(?:-oss|-enterprise)?$/, name: 'Grafana', portVar: 'GF_SERVER_HTTP_PORT' },
  // https://docs.n8n.io/hosting/configuration/environment-variables/deployment/ (N8N_PORT)
  { repo: /^n8nio\/n8n$/, name: 'n8n', portVar: 'N8N_PORT' },
  // https://ghost.org/docs/config/#running-ghost-with-config-env-variables (server__port)
  { repo: /^(?:library\/)?ghost$/, name: 'Ghost', portVar: 'server__port' },
  // https://www.keycloak.org/server/all-config (http-port, KC_HTTP_PORT)
  { repo: /^keycloak\/keycloak$/, name: 'Keycloak', portVar: 'KC_HTTP_PORT' },
  // https://github.com/louislam/uptime-kuma/wiki/Environment-Variables (UPTIME_KUMA_PORT)
  { repo: /^louislam\/uptime-kuma$/, name: 'Uptime Kuma', portVar: 'UPTIME_KUMA_PORT' },
  // https://www.metabase.com/docs/latest/configuring-metabase/environment-variables (MB_JETTY_PORT)
  { repo: /^metabase\/metabase$/, name: 'Metabase', portVar: 'MB_JETTY_PORT' },
  // https://docs.mattermost.com/configure/environment-configuration-settings.html (ServiceSettings.ListenAddress, ":8065")
  { repo: /^mattermost\/mattermost-(?:team|enterprise)-edition$/, name: 'Mattermost', portVar: 'MM_SERVICESETTINGS_LISTENADDRESS' },
];

/** The variable a public image reads its port from, when it is one of these images from a public registry. */
export function publicPortVar(image: string | undefined): { name: string; portVar: string } | undefined {
  if (typeof image !== 'string' || !image) return undefined;
  const repo = publicRepository(image);
  if (!repo) return undefined;
  const entry = PORT_VARS.find((e) => e.repo.test(repo) || e.repo.test(repo.replace(/^library\//, '')));
  return entry ? { name: entry.name, portVar: entry.portVar } : undefined;
}
