import { describe, expect, it } from 'vitest';
import { migrateProject, NewerProjectVersionError, PROJECT_VERSION, ProjectDataError, parseProjectFile, serializeProjectFile, type ProjectSnapshot } from './index.ts';

function sampleProject(): ProjectSnapshot {
  return {
    savedAt: '2025-01-02T03:04:05.000Z',
    classes: [
      { id: 1, name: 'ribosome', color: '#e6550d', radiusAngstrom: 130 },
      { id: 2, name: 'proteasome', color: '#31a354', radiusAngstrom: 80 },
    ],
    settings: { slabThickness: 3, activeClassId: 2, activeTomogram: 'k1' },
    tomograms: [
      { key: 'k1', name: 'TS_01.mrc', format: 'mrc', split: 'train', bin: 2, fileSize: 1234, shape: [48, 48, 24], voxelSize: [20, 20, 20] },
      { key: 'k2', name: 'demo', format: 'simulated', split: 'test', bin: 1, shape: [64, 64, 32], voxelSize: [10, 10, 10] },
    ],
    picks: {
      k1: [
        { id: 'a', x: 1.5, y: 2, z: 3, classId: 1, source: 'manual', status: 'accepted' },
        { id: 'b', x: 4, y: 5, z: 6, classId: 2, score: 0.25, source: 'model', status: 'candidate' },
      ],
      k2: [],
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into arbitrary JSON to break it
function fileWith(edit: (raw: Record<string, any>) => void): string {
  const raw = JSON.parse(serializeProjectFile(sampleProject()));
  edit(raw);
  return JSON.stringify(raw);
}

describe('project file', () => {
  it('round-trips every field', () => {
    const text = serializeProjectFile(sampleProject());
    expect(JSON.parse(text)).toMatchObject({ format: 'tomopick-project', version: PROJECT_VERSION });
    expect(parseProjectFile(text)).toEqual(sampleProject());
  });

  it('says which field is wrong', () => {
    expect(() => parseProjectFile(fileWith((r) => (r.picks.k1[1].x = 'NaN')))).toThrow('project file.picks["k1"][1].x must be a finite number (got "NaN")');
    expect(() => parseProjectFile(fileWith((r) => (r.tomograms[0].bin = 3)))).toThrow('project file.tomograms[0].bin must be one of 1, 2, 4 (got 3)');
    expect(() => parseProjectFile(fileWith((r) => (r.classes[1].id = 1)))).toThrow('project file.classes[1].id repeats class id 1');
    expect(() => parseProjectFile(fileWith((r) => (r.picks.k2 = [{ ...r.picks.k1[0] }])))).toThrow('repeats pick id "a"');
    expect(() => parseProjectFile(fileWith((r) => (r.picks.zz = [])))).toThrow('has picks for tomogram "zz", which is not in project file.tomograms');
    expect(() => parseProjectFile(fileWith((r) => delete r.settings))).toThrow(ProjectDataError);
  });

  it('refuses what is not a project', () => {
    expect(() => parseProjectFile('{"format": "copick"}')).toThrow('is not a Tomopick project (format is "copick"');
    expect(() => parseProjectFile('data_particles\nloop_')).toThrow('project file is not valid JSON');
    expect(() => parseProjectFile('[1,2]')).toThrow('project file must be an object');
  });

  it('refuses a newer version with its number, and migrates older ones step by step', () => {
    const newer = fileWith((r) => (r.version = PROJECT_VERSION + 1));
    expect(() => parseProjectFile(newer)).toThrow(NewerProjectVersionError);
    expect(() => parseProjectFile(newer)).toThrow(`project version ${PROJECT_VERSION + 1}`);

    // A future version 2 that renames "classes" to "species": the hook is what carries old files over.
    const v1 = { ...JSON.parse(serializeProjectFile(sampleProject())), version: 1 };
    const migrations = { 1: ({ classes, ...rest }: Record<string, unknown>) => ({ ...rest, species: classes, version: 2 }) };
    expect(migrateProject(v1, 'project file', migrations, 2)).toMatchObject({ version: 2, species: sampleProject().classes });
    expect(() => migrateProject(v1, 'project file', {}, 2)).toThrow('is 1, and no migration from it to 2 exists');
    const wrong = { 1: (raw: Record<string, unknown>) => ({ ...raw, version: 3 }) };
    expect(() => migrateProject(v1, 'project file', wrong, 2)).toThrow('migration from project version 1 produced version 3, not 2');
  });

  it('opens a version-1 file (before painted masks) as a project without masks', () => {
    const v1 = fileWith((r) => (r.version = 1));
    expect(parseProjectFile(v1)).toEqual(sampleProject());
  });

  it('round-trips painted masks and says which stroke field is wrong', () => {
    const withMasks: ProjectSnapshot = {
      ...sampleProject(),
      masks: { k1: { strokes: [{ plane: 'xz', index: 4, thickness: 3, radius: 2.5, kind: 'exclude', points: [1, 2, 3.5, 4] }, { plane: 'xy', index: 0, thickness: 1, radius: 1, kind: 'include', points: [7, 8] }] } },
    };
    expect(parseProjectFile(serializeProjectFile(withMasks))).toEqual(withMasks);
    const broken = (edit: (raw: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const raw = JSON.parse(serializeProjectFile(withMasks));
      edit(raw);
      return JSON.stringify(raw);
    };
    expect(() => parseProjectFile(broken((r) => (r.masks.k1.strokes[0].radius = 0)))).toThrow('project file.masks["k1"].strokes[0].radius must be positive (got 0)');
    expect(() => parseProjectFile(broken((r) => (r.masks.k1.strokes[1].points = [1, 2, 3])))).toThrow('project file.masks["k1"].strokes[1].points must hold u, v pairs (got 3 numbers)');
    expect(() => parseProjectFile(broken((r) => (r.masks.zz = { strokes: [] })))).toThrow('has a painted mask for tomogram "zz", which is not in project file.tomograms');
  });

  it('drops an active tomogram that is not in the project instead of failing', () => {
    expect(parseProjectFile(fileWith((r) => (r.settings.activeTomogram = 'gone'))).settings).toEqual({ slabThickness: 3, activeClassId: 2 });
  });
});
