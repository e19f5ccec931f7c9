/**
 * A probe that gets 404 from a public image whose health routes are documented gets that route, not a
 * guess (docs/steps-review-v24-fresh.md set B class 6, cases 82 and 89).
 * Sources: https://github.com/prometheus/statsd_exporter/blob/master/main.go (`/-/healthy`, `/-/ready`),
 * https://github.com/treeverse/charts/blob/master/charts/lakefs/templates/deployment.yaml (probes at /_health),
 * https://min.io/docs/minio/linux/operations/monitoring/healthcheck-probe.html (/minio/health/live).
 */
import type { AppConfig, FindingStep } from '../../src/model';
import { healthRouteOf, healthRouteSteps } from '../../src/classify/steps/healthRoutes';

const APPLY = 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml';
const config = (image: string, type: string, path: string): AppConfig =>
  ({ kind: 'containerApp', name: 'x', containers: [{ name: 'x', image, cpu: 0.5, memory: '1Gi', probes: [{ type, transport: 'http', port: 9102, path, periodSeconds: 10 }] }] }) as unknown as AppConfig;
const PLATFORM: FindingStep = {
  text: 'The app answers 404 on /health, the path the Liveness probe asks for (the "statuscode: 404" rows): it is up but has no such route. Set the probe\'s path to the health route the app serves (such as /healthz, when the app has it), or add /health to the app. To change it, save the app\'s YAML and apply it; this creates a new revision.',
  command: APPLY,
};
const FIXER: FindingStep = {
  text: "The app is up but answers 404 on /health, the path the Readiness probe asks for on port 9102: set the probe's path to a route the app serves (its health route), or add /health to the app. Save the app's YAML, change httpGet.path of the Readiness probe under the container's probes and apply the file with this command; this creates a new revision.",
  command: APPLY,
};

describe('documented health routes of public images', () => {
  it('reads the image from Docker Hub in any spelling, and from quay.io', () => {
    expect(healthRouteOf('docker.io/prom/statsd-exporter:v0.28.0')?.live).toBe('/-/healthy');
    expect(healthRouteOf('prom/prometheus:v2.53.0')?.ready).toBe('/-/ready');
    expect(healthRouteOf('docker.io/treeverse/lakefs-enterprise:1.40.0')?.live).toBe('/_health');
    expect(healthRouteOf('quay.io/minio/minio:RELEASE.2024-01-01T00-00-00Z')?.live).toBe('/minio/health/live');
  });

  it('near misses: a private registry copy, an unknown image, no image', () => {
    expect(healthRouteOf('contoso.azurecr.io/prom/statsd-exporter:v0.28.0')).toBeUndefined();
    expect(healthRouteOf('docker.io/acme/statsd-exporter:1.0')).toBeUndefined();
    expect(healthRouteOf(undefined)).toBeUndefined();
  });

  it('a Readiness probe on statsd-exporter gets /-/ready, and no "add it to the app"', () => {
    const [s] = healthRouteSteps([FIXER], config('docker.io/prom/statsd-exporter:v0.28.0', 'Readiness', '/health'));
    expect(s!.text).toContain('/-/ready, the route the statsd-exporter image serves');
    expect(s!.text).not.toContain('its health route');
    expect(s!.text).not.toContain('or add /health');
    expect(s!.text).toContain('https://github.com/prometheus/statsd_exporter');
    expect(s!.command).toBe(APPLY);
  });

  it('a Liveness probe on lakeFS gets /_health in place of the /healthz guess, once', () => {
    const [s] = healthRouteSteps([PLATFORM], config('docker.io/treeverse/lakefs-enterprise:1.40.0', 'Liveness', '/health'));
    expect(s!.text).toContain("Set the probe's path to /_health, the route the lakeFS image serves.");
    expect(s!.text).not.toContain('/healthz');
    expect(s!.text.match(/\/_health,/g)).toHaveLength(1);
  });

  it('near misses: an app image, a probe already on the route, a step about another path', () => {
    const own = healthRouteSteps([PLATFORM], config('contoso.azurecr.io/api:1.2', 'Liveness', '/health'));
    expect(own[0]).toEqual(PLATFORM);
    const onRoute = { ...PLATFORM, text: PLATFORM.text.replace(/\/health\b(?!z)/g, '/_health') };
    expect(healthRouteSteps([onRoute], config('treeverse/lakefs:1.40.0', 'Liveness', '/_health'))[0]).toEqual(onRoute);
    const other = healthRouteSteps([PLATFORM], config('treeverse/lakefs:1.40.0', 'Liveness', '/status'));
    expect(other[0]).toEqual(PLATFORM);
  });
});
