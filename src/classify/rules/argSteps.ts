import type { RuleAction } from '../types';

/**
 * The command override holds only an argument (`db:seed`), which the runtime ran as the program. The fix
 * is the command/args split of the container's own override, not a file in the image.
 */
export const ARG_AS_PROGRAM_STEPS: RuleAction[] = [
  {
    needs: ['argAsProgram'],
    decisive: true,
    text: 'The container\'s command override is only {argAsProgram}, so the runtime ran {argAsProgram} as the program and found no such executable: it is an argument (a task or flag) of the tool that runs it, such as `bundle exec rake {argAsProgram}` (Rails) or `php artisan {argAsProgram}` (Laravel). Set the command to that tool and pass {argAsProgram} as args (replace <runner> with the tool\'s words, e.g. bundle exec rake); no image rebuild is needed; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --command <runner> --args {argAsProgram}',
  },
];
