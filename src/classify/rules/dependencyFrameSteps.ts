import type { RuleAction } from '../types';

/**
 * An uncaught programming error raised inside a dependency (steps/dependencyFrame.ts names the package): the app's
 * call into it and the package's version are what to change, not "the first frame in your own code".
 */
export const DEPENDENCY_FRAME_STEPS: RuleAction[] = [
  {
    needs: ['dependencyPackage'],
    // A cause of its own (a migration, a missing database) stands it down, like the other generic steps.
    fallback: true,
    text: 'The error is raised inside {dependencyPackage}{ dependencyAt}, a package the app installs, not its own code: guard the app\'s call into it (check what it is given and what it returns, and catch the error it throws, such as an unexpected or empty upstream response) and upgrade {dependencyPackage} to a release that handles it, or replace it if it is unmaintained; then rebuild.',
  },
];
