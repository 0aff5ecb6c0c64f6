/**
 * Brings saved project data of an older version up to PROJECT_VERSION, one step at a time, so a
 * project saved months ago still opens. Data from a *newer* version is refused (not guessed at):
 * the caller keeps it untouched and tells the user to update the studio.
 */
import { PROJECT_VERSION } from './project.ts';
import { asNumber, asObject, ProjectDataError } from './validate.ts';

/** Migration from version n to n + 1, keyed by n. Each receives and returns the raw JSON object. */
export type ProjectMigrations = Readonly<Record<number, (raw: Record<string, unknown>) => Record<string, unknown>>>;

/** Version 2 added painted exclusion masks (`masks`, optional): a version-1 project has none. */
export const PROJECT_MIGRATIONS: ProjectMigrations = {
  1: (raw) => ({ ...raw, version: 2 }),
};

export class NewerProjectVersionError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`saved with a newer Tomopick Studio (project version ${found}; this one reads up to ${supported}); update the studio to open it`);
    this.name = 'NewerProjectVersionError';
  }
}

export function migrateProject(
  value: unknown,
  path: string,
  migrations: ProjectMigrations = PROJECT_MIGRATIONS,
  target: number = PROJECT_VERSION,
): Record<string, unknown> {
  let raw = asObject(value, path);
  let version = asNumber(raw.version, `${path}.version`);
  if (!Number.isInteger(version) || version < 1) throw new ProjectDataError(`${path}.version`, `must be a positive integer (got ${version})`);
  if (version > target) throw new NewerProjectVersionError(version, target);
  while (version < target) {
    const step = migrations[version];
    if (!step) throw new ProjectDataError(`${path}.version`, `is ${version}, and no migration from it to ${version + 1} exists`);
    raw = step(raw);
    const next = asNumber(raw.version, `${path}.version`);
    if (next !== version + 1) throw new Error(`migration from project version ${version} produced version ${next}, not ${version + 1}`);
    version = next;
  }
  return raw;
}
