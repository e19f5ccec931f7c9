/**
 * Where things are once compiled: dist-bench/ mirrors the repository (src/, bench/, test/support/), but
 * tsc copies no data files. The stand-ins read their certificate and the fixtures next to themselves,
 * so the compiled tree gets links to the real folders.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The repository root (the folder that holds package.json), from dist-bench/bench/lib. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
/** The compiled tree's root (dist-bench). */
export const COMPILED_ROOT = join(__dirname, '..', '..');

function link(target: string, at: string): void {
  if (existsSync(at)) return;
  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(relative(dirname(at), target), at, 'dir');
}

export function linkTestAssets(): void {
  link(join(REPO_ROOT, 'test', 'fixtures'), join(COMPILED_ROOT, 'test', 'fixtures'));
  link(join(REPO_ROOT, 'test', 'support', 'certs'), join(COMPILED_ROOT, 'test', 'support', 'certs'));
}
