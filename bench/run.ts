/**
 * `npm run bench [filter]`: runs every bench/*.bench.ts (or those whose name contains filter),
 * prints one JSON object per figure and writes bench/results.json.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure, BenchRun } from './figure.ts';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();

const all: BenchFigure[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: BenchRun };
  process.stderr.write(`# ${file}\n`);
  for (const figure of await mod.run()) {
    console.log(JSON.stringify(figure));
    all.push(figure);
  }
}
writeFileSync(join(here, 'results.json'), JSON.stringify({ date: new Date().toISOString(), figures: all }, null, 2));
