import { appFixtures, commands, primary } from '../stepsFixtures';

/**
 * The image named from the platform's "Pulling image" row, which quotes it either way: with double quotes in
 * one wording and single quotes in another (blind v3 case d). The quote is never part of the image name, so
 * the redeploy command carries the bare repository.
 */
const app = appFixtures({
  app: 'photo-gallery',
  resourceGroup: 'rg-media',
  subscriptionId: '0f0e0d0c-0000-4000-8000-000000000001',
  t0: Date.UTC(2025, 2, 4, 9, 0, 0),
  container: { name: 'photo-gallery', env: [], probes: [] },
});

describe('the image from a pull row', () => {
  for (const [quote, label] of [["'", 'single'], ['"', 'double']] as const) {
    it(`drops the ${label} quotes around it`, () => {
      const f = primary({
        target: app.target(),
        system: [
          app.sys('PullingImage', `Pulling image ${quote}contosoacr.azurecr.io/photo-gallery:2.1.0${quote}`, 1),
          app.sys('ContainerTerminated', "Container 'photo-gallery' was terminated with exit code '1'", 5),
        ],
        console: [app.line('exec /entryPoint.sh: exec format error', 4)],
      });
      expect(f.category).toBe('entrypoint-error');
      expect(f.names?.image).toBe('contosoacr.azurecr.io/photo-gallery:2.1.0');
      const deploy = commands(f).find((c) => c.includes('--image'));
      expect(deploy).toContain('--image contosoacr.azurecr.io/photo-gallery:<new-tag>');
      expect(deploy).not.toMatch(/'contosoacr|\\'/);
    });
  }
});
