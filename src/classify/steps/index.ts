export { attachCommands, secretNameFor } from './attachCommands';
export { rememberStepInput, ruleSteps, stepInputOf, type StepInput } from './ruleSteps';
export { commandProblems, parseAzCommand, type AzInvocation } from './commandLine';
export { AZ_COMMANDS, GLOBAL_FLAGS, JOB_FORMS, acceptsSubscription, commandSpec, type AzCommandSpec } from './azCommands';
export { fillCommand, fillInlineCommands, shellQuote, withSubscription } from './fillCommand';
