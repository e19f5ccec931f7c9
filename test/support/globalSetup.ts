/**
 * Starts the run's one Azurite before any test file and tells the workers where it listens (through
 * an environment variable they inherit). Suites keep apart by unique queue and table names (see
 * storage.ts), so sharing one emulator saves a start per suite without letting tests see each other.
 */
import { SHARED_AZURITE_ENV, startAzurite, type Azurite } from './azurite';

export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite();
  process.env[SHARED_AZURITE_ENV] = JSON.stringify({ queuePort: azurite.queuePort, tablePort: azurite.tablePort });
  (globalThis as { __enricherAzurite?: Azurite }).__enricherAzurite = azurite;
}
