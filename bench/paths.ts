import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root: the nearest folder above this file with a package.json (works from the compiled copy too). */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('bench: cannot find the repository root (no package.json above this file)');
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot();
/** The build under test; BENCH_DIST points the bench at another one (to compare two versions). */
export const DIST = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : path.join(ROOT, 'dist');
/** Everything the bench caches or writes; git-ignored. */
export const BENCH_DATA = path.join(ROOT, 'bench', '.data');
export const README = path.join(ROOT, 'bench', 'README.md');

/**
 * Loads a module of the built server (dist/), typed as its source. The bench measures the same
 * JavaScript `npm start` runs, not a transpile-on-the-fly copy.
 */
export async function fromDist<T>(modulePath: string): Promise<T> {
  const file = path.join(DIST, modulePath);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`);
  return (await import(pathToFileURL(file).href)) as T;
}
