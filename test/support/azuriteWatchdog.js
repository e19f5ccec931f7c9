/**
 * Preloaded into every Azurite the tests start (`node --require azuriteWatchdog.js azurite.js`): Azurite
 * exits once the process that started it is gone, however it ended (normal exit, crash, SIGKILL, Ctrl-C),
 * so no emulator outlives its test run. It checks once a second whether it has been handed to another
 * parent; the timer is unref'd so it never keeps Azurite alive on its own.
 */
'use strict';
const owner = process.ppid;
setInterval(() => {
  if (process.ppid !== owner) process.exit(0);
}, 1000).unref();
