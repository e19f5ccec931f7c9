/**
 * Preloaded into every Azurite the tests start (`node --require azuriteWatchdog.js azurite.js`): Azurite
 * exits as soon as the pipe to the process that started it closes. That pipe closes however the owner
 * ends (normal exit, crash, SIGKILL, Ctrl-C), so no emulator outlives its test run.
 */
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
