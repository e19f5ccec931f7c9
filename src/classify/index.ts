/** The classifier stage: evidence rows in, ranked findings out. */
export { analyse, classify, classifySystemEvent, classifyWithBudget, analyseWithBudget, boundInput, type ClassifyOutcome } from './bounded';
export { DEFAULT_CLASSIFY_BUDGET_MS, type BudgetOptions } from './budget';
export type { Analysis, StateAssessment } from './engine';
export { summarize } from './summarize';
export { classifyConsoleLine, matchConsoleLine, cleanLine, allConsolePatterns, prefilterKeywords, toPosixEre } from './consoleMatcher';
export type { ClassifyInput, ConsoleMatch, ConsoleRule, SystemRule, ExitCodeRule } from './types';
export { CONSOLE_RULES } from './rules/consoleRules';
export { SYSTEM_RULES } from './rules/systemRules';
export { EXIT_CODE_RULES, EXIT_RULE_IDS, exitCodeRule } from './rules/exitCodes';
export { DERIVED_RULES } from './rules/configRules';
export { SIGNALS, signalForExitCode } from './rules/signals';
export { analyseWithTeamRules, classifyWithTeamRules, classifyAll } from './withTeamRules';
export { parseTeamRules, matchTeamRules, RuleFileError, type TeamRule, type RuleFileProblem } from './teamRules';
export { unsafePatternReason } from './patternSafety';
