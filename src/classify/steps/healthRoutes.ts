/**
 * The health routes well-known public images document (docs/steps-review-v24-fresh.md set B class 6:
 * statsd-exporter serves /-/healthy, lakeFS /_health). When a probe gets 404 on such an image, the step
 * that says "point the probe at the app's health route" names the route the image serves instead of a
 * guess (/healthz) or "its health route": the engineer does not build these images and cannot add a
 * route. Each entry cites the documentation or source its paths come from.
 */
import type { AppConfig, FindingStep } from '../../model';
import { containersOf } from '../stages/configChecks';

export interface HealthRoute {
  /** A short name for the step text. */
  name: string;
  /** The liveness route (always 200 while the process serves). */
  live: string;
  /** The readiness route, when the image serves another one. */
  ready?: string;
  /** Where the image's docs or source say so. */
  source: string;
}

interface Entry extends HealthRoute {
  /** The repository path after the registry, without the tag. */
  repo: RegExp;
}

const TABLE: readonly Entry[] = [
  // main.go registers `/-/healthy` and `/-/ready` on the web listen address (9102).
  { repo: /^prom\/statsd-exporter$/, name: 'statsd-exporter', live: '/-/healthy', ready: '/-/ready', source: 'https://github.com/prometheus/statsd_exporter/blob/master/main.go' },
  { repo: /^prom\/prometheus$/, name: 'Prometheus', live: '/-/healthy', ready: '/-/ready', source: 'https://prometheus.io/docs/prometheus/latest/management_api/' },
  { repo: /^prom\/alertmanager$/, name: 'Alertmanager', live: '/-/healthy', ready: '/-/ready', source: 'https://prometheus.io/docs/alerting/latest/management_api/' },
  // The lakeFS chart probes both liveness and readiness at /_health.
  { repo: /^treeverse\/lakefs(?:-enterprise)?$/, name: 'lakeFS', live: '/_health', source: 'https://github.com/treeverse/charts/blob/master/charts/lakefs/templates/deployment.yaml' },
  { repo: /^minio\/minio$|^quay\.io\/minio\/minio$/, name: 'MinIO', live: '/minio/health/live', ready: '/minio/health/ready', source: 'https://min.io/docs/minio/linux/operations/monitoring/healthcheck-probe.html' },
  { repo: /^grafana\/grafana(?:-oss|-enterprise)?$/, name: 'Grafana', live: '/api/health', source: 'https://grafana.com/docs/grafana/latest/developers/http_api/other/#health-api' },
  { repo: /^qdrant\/qdrant$/, name: 'Qdrant', live: '/livez', ready: '/readyz', source: 'https://api.qdrant.tech/api-reference/service/livez' },
  { repo: /^hasura\/graphql-engine$/, name: 'Hasura', live: '/healthz', source: 'https://hasura.io/docs/latest/api-reference/health/' },
  { repo: /^ghcr\.io\/zitadel\/zitadel$|^zitadel\/zitadel$/, name: 'ZITADEL', live: '/debug/healthz', ready: '/debug/ready', source: 'https://zitadel.com/docs/apis/observability/health' },
];

/** Registries whose images are public: Docker Hub (any spelling), quay.io and ghcr.io keep their host in the repo. */
function repositoryOf(image: string): string | undefined {
  const ref = image.trim().split('@')[0]!.slice(0, 300).toLowerCase();
  const parts = ref.split('/');
  if (parts.length > 1 && /[.:]/.test(parts[0]!) && /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)$/.test(parts[0]!)) parts.shift();
  else if (parts.length > 1 && /[.:]/.test(parts[0]!) && !/^(?:quay\.io|ghcr\.io)$/.test(parts[0]!)) return undefined;
  const last = parts.pop() ?? '';
  parts.push(last.split(':')[0]!);
  return parts.join('/');
}

/** The documented health routes of a public image; undefined for any other image. */
export function healthRouteOf(image: string | undefined): HealthRoute | undefined {
  if (typeof image !== 'string' || !image) return undefined;
  const repo = repositoryOf(image);
  const entry = repo ? TABLE.find((e) => e.repo.test(repo)) : undefined;
  if (!entry) return undefined;
  const { repo: _repo, ...route } = entry;
  return route;
}

/** The route a probe of that type should ask for: readiness goes to the ready route when there is one. */
function routeFor(route: HealthRoute, type: string | undefined): string {
  return /readiness/i.test(type ?? '') && route.ready ? route.ready : route.live;
}

/** A probe-path step: the app answers 404 on the probed path. */
const PROBE_404 = /\b(?:answers|gets HTTP) 404 (?:on|from) (\/\S*?)[,:]? /;
/** The guessed or unnamed target in those steps. */
const GUESSED = /\bthe health route the app serves(?: \(such as \/\S{1,100}?, when the app has it\))?|\((?:such as \/\S{1,100}?, when the app has it|its health route)\)/g;

const ADD_ROUTE = /,? or add \/\S{0,200} to the app(?=[.,;:])/;

/**
 * A probe that gets 404 from a public image whose health routes are documented: the step names the
 * route the image serves (and where that is documented) in place of the guess. The probe's container is
 * the one whose probe asks for that path.
 */
export function healthRouteSteps(steps: FindingStep[], config: AppConfig | undefined): FindingStep[] {
  return steps.map((s) => {
    const path = PROBE_404.exec(s.text)?.[1];
    if (!path) return s;
    const probed = containersOf(config).find((c) => (Array.isArray(c.probes) ? c.probes : []).some((p) => p?.path === path));
    const route = healthRouteOf(probed?.image);
    if (!route || !probed) return s;
    const probe = (probed.probes ?? []).find((p) => p?.path === path);
    const target = routeFor(route, probe?.type);
    if (target === path) return s;
    const named = `${target}, the route the ${route.name} image serves`;
    // An image the engineer does not build gets no new route: the "or add it to the app" half goes.
    let text = s.text.replace(GUESSED, (m) => (m.startsWith('(') ? `(${named})` : named)).replace(ADD_ROUTE, '');
    if (text === s.text) text = `${text} The ${route.name} image serves ${target}.`;
    return { ...s, text: `${text} (${route.source})` };
  });
}
