/**
 * A meeting point for requests that should be in flight together. Each stand-in that receives one of
 * them calls `arrive(name)` and holds its answer until every named party has arrived. `together` then
 * says whether they all met: true proves they were in flight at the same time, whatever the machine's
 * speed. If one never comes (the code under test ran them one after the other), the guard releases
 * everybody after `guardMs` so the test fails on `together` instead of hanging; it is not a deadline
 * the parallel case can miss, since both requests are sent back to back.
 */
export interface Rendezvous {
  arrive(name: string): Promise<void>;
  readonly together: boolean;
  /** Release whoever is waiting (test clean-up). */
  release(): void;
}

export function rendezvous(names: string[], guardMs = 30_000): Rendezvous {
  const arrived = new Set<string>();
  let together = false;
  let open!: () => void;
  const all = new Promise<void>((resolve) => (open = resolve));
  const guard = setTimeout(() => open(), guardMs);
  guard.unref();
  return {
    arrive(name) {
      arrived.add(name);
      if (!together && names.every((n) => arrived.has(n))) {
        together = true;
        clearTimeout(guard);
        open();
      }
      return all;
    },
    get together() {
      return together;
    },
    release() {
      clearTimeout(guard);
      open();
    },
  };
}
