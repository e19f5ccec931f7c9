import type { RuleAction } from '../types';

/**
 * `java -jar <path>` could not open the jar ("Error: Unable to access jarfile /app/x.jar"): java reads the
 * file and needs no executable bit, so chmod is beside the point; the path is wrong for this image (a
 * renamed jar, an image that moved it) or the command override names a jar the image never had.
 */
export const MISSING_JAR = /Unable to access jarfile/i;

export const JAR_STEPS: RuleAction[] = [
  {
    when: MISSING_JAR,
    needs: ['containerCommand'],
    decisive: true,
    text: '`java -jar` only reads {file|the jar} (no executable bit needed), and it is not at that path in the image: the app\'s command override runs `{containerCommand}`. List the jars the image has (`docker run --rm --entrypoint find {image|<image>} / -name \'*.jar\' -not -path \'/proc/*\'`), then fix the path in the container\'s args, or remove the command and args override so the image\'s own ENTRYPOINT starts it: export the template (`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`), edit the container\'s command/args, and apply it; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
  },
  {
    when: MISSING_JAR,
    absent: ['containerCommand'],
    decisive: true,
    text: '`java -jar` only reads {file|the jar} (no executable bit needed), and it is not at that path in the image: the image\'s ENTRYPOINT/CMD names a jar its build did not copy there. List the jars the image has (`docker run --rm --entrypoint find {image|<image>} / -name \'*.jar\' -not -path \'/proc/*\'`), then fix the COPY line or the ENTRYPOINT in the Dockerfile and rebuild.',
  },
];
