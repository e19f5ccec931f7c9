import type { RuleAction } from '../types';
import { AZURE_FILES_OWNER_STEPS } from './causeSteps';

/**
 * Writes refused on a path that a volume of the app covers (configNames names the volume's kind and mount
 * path): the image's ownership or a cache setting does not reach a mount, the volume does.
 */

/** A write into a Secret volume, which is always read-only: the secret goes elsewhere and is copied. */
export const SECRET_VOLUME_WRITE: RuleAction = {
  needs: ['secretVolume', 'volumeMountPath'],
  decisive: true,
  text: '{file|The path} is on volume {volume}, a Secret volume mounted at {volumeMountPath}: secret volumes are always read-only, and the app writes there. Mount the secret at another directory (for example /mnt/secrets) and copy the file to a writable path at start (an entrypoint `cp`), or point the app at a writable config directory: export the template (`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`), change the volume mount\'s mountPath under the container\'s volumeMounts, and apply it; this creates a new revision.',
  command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
};

/**
 * PHP (Laravel) refused a log or cache file: on a mounted Azure Files volume the mount's own owner is the
 * fix (a chown in the image does not reach it); otherwise the image's ownership for the PHP-FPM user.
 */
export const PHP_WRITE_STEPS: RuleAction[] = [
  ...AZURE_FILES_OWNER_STEPS,
  { needs: ['volume'], text: 'Or drop the mount and log to stderr instead of a file (LOG_CHANNEL=stderr for Laravel).' },
  { absent: ['volume'], text: 'Give the PHP-FPM user write access to the path in the image (chown www-data storage bootstrap/cache), or log to stderr instead of a file.' },
];
