/** Stops the run's Azurite (started by globalSetup.ts). */
import { SHARED_AZURITE_ENV, type Azurite } from './azurite';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __enricherAzurite?: Azurite };
  await holder.__enricherAzurite?.stop();
  holder.__enricherAzurite = undefined;
  delete process.env[SHARED_AZURITE_ENV];
}
