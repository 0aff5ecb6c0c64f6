/**
 * The project file: one JSON document with the classes, settings, tomogram references (names,
 * sizes, shapes: not the voxels) and the picks of every tomogram in 0-based voxel coordinates.
 * Users export it to keep or move a project; importing it re-attaches the picks to tomograms
 * opened under the same file name.
 */
import { migrateProject, type ProjectMigrations } from './migrate.ts';
import { PROJECT_VERSION, type ProjectSnapshot } from './project.ts';
import { asArray, asObject, asString, ProjectDataError, readClasses, readSavedFixList, readSavedMask, readSavedPicks, readSettings, readTomogramRef } from './validate.ts';

export const PROJECT_FILE_FORMAT = 'tomopick-project';
export const PROJECT_FILE_EXTENSION = '.tomopick.json';

export function serializeProjectFile(project: ProjectSnapshot): string {
  return `${JSON.stringify({ format: PROJECT_FILE_FORMAT, version: PROJECT_VERSION, ...project }, null, 1)}\n`;
}

/** Throws ProjectDataError (malformed) or NewerProjectVersionError, each naming the bad field. */
export function parseProjectFile(text: string, migrations?: ProjectMigrations): ProjectSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ProjectDataError('project file', `is not valid JSON (${(err as Error).message})`);
  }
  const head = asObject(json, 'project file');
  if (head.format !== PROJECT_FILE_FORMAT) {
    throw new ProjectDataError('project file', `is not a Tomopick project (format is ${JSON.stringify(head.format)}, expected "${PROJECT_FILE_FORMAT}")`);
  }
  const raw = migrateProject(head, 'project file', migrations);
  return readProjectSnapshot(raw, 'project file');
}

/** Validates the fields shared by the project file and the autosaved copy. */
export function readProjectSnapshot(raw: Record<string, unknown>, path: string): ProjectSnapshot {
  const tomograms = asArray(raw.tomograms, `${path}.tomograms`).map((t, i) => readTomogramRef(t, `${path}.tomograms[${i}]`));
  const keys = new Set<string>();
  tomograms.forEach((t, i) => {
    if (keys.has(t.key)) throw new ProjectDataError(`${path}.tomograms[${i}].key`, `repeats tomogram key "${t.key}"`);
    keys.add(t.key);
  });
  const picksByKey = asObject(raw.picks, `${path}.picks`);
  const picks: ProjectSnapshot['picks'] = {};
  const pickIds = new Set<string>();
  for (const [key, list] of Object.entries(picksByKey)) {
    if (!keys.has(key)) throw new ProjectDataError(`${path}.picks`, `has picks for tomogram "${key}", which is not in ${path}.tomograms`);
    picks[key] = readSavedPicks(list, `${path}.picks["${key}"]`);
    for (const pick of picks[key]) {
      if (pickIds.has(pick.id)) throw new ProjectDataError(`${path}.picks["${key}"]`, `repeats pick id "${pick.id}"`);
      pickIds.add(pick.id);
    }
  }
  const settings = readSettings(raw.settings, `${path}.settings`);
  if (settings.activeTomogram !== undefined && !keys.has(settings.activeTomogram)) delete settings.activeTomogram;
  const snapshot: ProjectSnapshot = {
    savedAt: asString(raw.savedAt, `${path}.savedAt`),
    classes: readClasses(raw.classes, `${path}.classes`),
    settings,
    tomograms,
    picks,
  };
  if (raw.review !== undefined) {
    const review: NonNullable<ProjectSnapshot['review']> = {};
    for (const [key, list] of Object.entries(asObject(raw.review, `${path}.review`))) {
      if (!keys.has(key)) throw new ProjectDataError(`${path}.review`, `has label fixes for tomogram "${key}", which is not in ${path}.tomograms`);
      review[key] = readSavedFixList(list, `${path}.review["${key}"]`);
    }
    snapshot.review = review;
  }
  if (raw.masks !== undefined) {
    const masks: NonNullable<ProjectSnapshot['masks']> = {};
    for (const [key, mask] of Object.entries(asObject(raw.masks, `${path}.masks`))) {
      if (!keys.has(key)) throw new ProjectDataError(`${path}.masks`, `has a painted mask for tomogram "${key}", which is not in ${path}.tomograms`);
      masks[key] = readSavedMask(mask, `${path}.masks["${key}"]`);
    }
    snapshot.masks = masks;
  }
  return snapshot;
}
