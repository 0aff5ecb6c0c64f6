/**
 * `npx tsx scripts/reference-info-table.ts [DIR]`: runs `tomopick info --json` on every MRC/CCP4 file
 * under ../shared/reference (or DIR) and prints a Markdown table: what we read, or why we refused.
 * The reference suite (src/core/io/mrc/mrc.reference.test.ts) checks the same files against EXPECTED.json.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from '../src/cli/main.ts';
import { referenceDir } from '../src/testing/reference-paths.ts';

const root = process.argv[2] ?? referenceDir;
const MRC = /\.(mrc|mrcs|map|ccp4|rec|st)(\.gz|\.bz2)?$/i;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : MRC.test(name) ? [path] : [];
  });
}

const fmt = (n: number) => (Math.abs(n) >= 1e4 || (Math.abs(n) < 1e-3 && n !== 0) ? n.toExponential(3) : Number(n.toFixed(4)).toString());

console.log('| file | result | nx×ny×nz | mode | voxel Å | min / max / mean / rms | notes |');
console.log('|---|---|---|---|---|---|---|');
for (const path of walk(root).sort()) {
  let out = '';
  let err = '';
  const code = await runCli(['info', path, '--json'], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  const name = relative(root, path);
  if (code !== 0) {
    console.log(`| ${name} | refused | | | | | ${err.trim().replace(/^tomopick info: /, '').replace(/\|/g, '/')} |`);
    continue;
  }
  const info = JSON.parse(out) as {
    nx: number; ny: number; nz: number; mode: number; voxelSize: number[]; min: number; max: number; mean: number; rms: number;
    signednessRule?: string; warnings: string[];
  };
  const notes = [info.signednessRule ? `mode 0: ${info.signednessRule}` : '', ...info.warnings].filter(Boolean).join('; ').replace(/\|/g, '/');
  console.log(
    `| ${name} | read | ${info.nx}×${info.ny}×${info.nz} | ${info.mode} | ${info.voxelSize.map(fmt).join(', ')} | ${[info.min, info.max, info.mean, info.rms].map(fmt).join(' / ')} | ${notes} |`,
  );
}
