/** Node-only test support: where ../shared/reference lives relative to the repository root. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = process.env.TOMOPICK_SHARED ?? resolve(repoRoot, '../shared');
export const referenceDir = resolve(sharedDir, 'reference');

/** Absolute path of a file under ../shared/reference; fails loudly when the folder is missing. */
export function referencePath(relative: string): string {
  if (!existsSync(referenceDir)) {
    throw new Error(`../shared/reference not found at ${referenceDir} (set TOMOPICK_SHARED)`);
  }
  return resolve(referenceDir, relative);
}

/** Debian's python, which has python3-mrcfile / python3-gemmi / python3-skimage. */
export const debianPython = '/usr/bin/python3';
