/**
 * Turns the raw records of project-db.ts into a validated project, or says why it cannot:
 * `unreadable` (corrupt: the caller quarantines it and starts fresh) or `newer` (written by a newer
 * studio: the caller leaves it alone and turns autosave off).
 */
import { NewerProjectVersionError, migrateProject } from '../../core/project/migrate.ts';
import { readProjectSnapshot } from '../../core/project/project-file.ts';
import type { ProjectSnapshot } from '../../core/project/project.ts';
import { asObject, asString, ProjectDataError } from '../../core/project/validate.ts';
import type { RawSavedProject, TomogramStorage } from './project-db.ts';

export interface SavedProject {
  snapshot: ProjectSnapshot;
  storage: Map<string, TomogramStorage>;
}

export type ReadOutcome =
  | { kind: 'empty' }
  | { kind: 'saved'; project: SavedProject }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'newer'; reason: string };

const PATH = 'saved project';

function readStorage(value: unknown, path: string): TomogramStorage {
  const o = asObject(value, path);
  switch (o.kind) {
    case 'opfs':
    case 'simulated':
      return { kind: o.kind };
    case 'none':
      return { kind: 'none', reason: asString(o.reason, `${path}.reason`) };
    case 'handle': {
      const handle = asObject(o.handle, `${path}.handle`);
      if (handle.kind !== 'file') throw new ProjectDataError(`${path}.handle`, 'must be a file handle');
      return { kind: 'handle', handle: handle as unknown as FileSystemFileHandle };
    }
    default:
      throw new ProjectDataError(`${path}.kind`, `must be "opfs", "handle", "simulated" or "none" (got ${JSON.stringify(o.kind)})`);
  }
}

export function readSavedProject(raw: RawSavedProject | undefined): ReadOutcome {
  if (!raw) return { kind: 'empty' };
  try {
    const meta = migrateProject(raw.meta, `${PATH}.meta`);
    const records = raw.tomograms.map((t, i) => asObject(t, `${PATH}.tomograms[${i}]`));
    const byKey = new Map(records.map((r, i) => [asString(r.key, `${PATH}.tomograms[${i}].key`), r]));
    const order = Array.isArray(meta.order) ? meta.order : [];
    // The order lists every key; a tomogram record the order misses was half-written: keep it last.
    const keys = [...new Set([...order.filter((k): k is string => typeof k === 'string' && byKey.has(k)), ...byKey.keys()])];
    const picks: Record<string, unknown> = {};
    const review: Record<string, unknown> = {};
    const masks: Record<string, unknown> = {};
    raw.picks.forEach((p, i) => {
      const record = asObject(p, `${PATH}.picks[${i}]`);
      const key = asString(record.key, `${PATH}.picks[${i}].key`);
      if (!byKey.has(key)) return; // picks of a removed tomogram are left over from a crash
      picks[key] = record.picks;
      if (record.review !== undefined) review[key] = record.review;
      if (record.mask !== undefined) masks[key] = record.mask;
    });
    const snapshot = readProjectSnapshot({ ...meta, tomograms: keys.map((k) => byKey.get(k)), picks, review, masks }, PATH);
    const storage = new Map(keys.map((k) => [k, readStorage(byKey.get(k)!.storage, `${PATH}.tomograms["${k}"].storage`)]));
    return { kind: 'saved', project: { snapshot, storage } };
  } catch (err) {
    if (err instanceof NewerProjectVersionError) return { kind: 'newer', reason: err.message };
    if (err instanceof ProjectDataError) return { kind: 'unreadable', reason: err.message };
    throw err;
  }
}
