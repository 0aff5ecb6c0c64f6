import { confusionMatrix, type ConfusionMatrix, type ConfusionPoint } from './confusion.ts';
import { greedyMatch } from './greedy-match.ts';
import type { Point3 } from './point-grid.ts';
import { addCounts, countsFrom, scoreCounts, type DetectionScores, type MatchCounts } from './scores.ts';

/** A pick as the metrics see it; coordinates in voxels of its tomogram. */
export interface MetricPoint extends Point3 {
  /** Picks match only within the same tomogram; undefined is a tomogram of its own. */
  tomogram?: string;
  classId?: number;
  className?: string;
  /** Particle radius of this pick in voxels (e.g. from a file's radius column). */
  radiusVoxels?: number;
}

/** A class definition: links a number to a name and gives the particle radius. */
export interface MetricClass {
  id?: number;
  name?: string;
  radiusVoxels?: number;
}

export interface EvaluateOptions {
  /** Tolerance = radiusFactor × particle radius (CZII uses 0.5). */
  radiusFactor?: number;
  /** β of the F-beta score (CZII uses 4: recall weighs 16× precision). */
  beta?: number;
  /** Ignore classes: every prediction may match every truth pick. */
  classAgnostic?: boolean;
  /** One particle radius (voxels) for every class; overrides radii from points and classes. */
  radiusVoxels?: number;
  classes?: readonly MetricClass[];
}

/**
 * How classes were paired: by number when every pick has one, else by name when every pick has
 * one; 'unlabelled' when no pick has a class; 'agnostic' when asked to ignore them.
 */
export type ClassMatching = 'number' | 'name' | 'unlabelled' | 'agnostic';

export interface ClassReport extends DetectionScores {
  class: number | null;
  name: string | null;
}

export interface EvaluationReport {
  classes: ClassReport[];
  /** Micro average: counts summed over classes. */
  overall: ClassReport;
  /** Mean F1 over classes that have truth picks; NaN when none has. */
  macroF1: number;
  classMatching: ClassMatching;
  /** The β used for `fbeta`. */
  beta: number;
  /**
   * What each true particle was picked as, rows and columns in the order of `classes` (confusion.ts);
   * null when classes are ignored or absent.
   */
  confusion: ConfusionMatrix | null;
}

export const DEFAULT_RADIUS_FACTOR = 0.5;
export const DEFAULT_BETA = 4;

interface ClassGroup {
  id: number | null;
  name: string | null;
  truth: Map<string | undefined, MetricPoint[]>;
  pred: Map<string | undefined, MetricPoint[]>;
}

/**
 * Matches predictions to truth per tomogram and class (greedy one-to-one by distance within
 * radiusFactor × radius of the truth pick) and scores each class. A truth pick's radius is, in
 * order: options.radiusVoxels, its own radiusVoxels, its class definition's, the median radius of
 * the predictions of its class; an error names the class when none is known.
 */
export function evaluatePicks(pred: readonly MetricPoint[], truth: readonly MetricPoint[], options: EvaluateOptions = {}): EvaluationReport {
  const radiusFactor = options.radiusFactor ?? DEFAULT_RADIUS_FACTOR;
  const beta = options.beta ?? DEFAULT_BETA;
  if (!(radiusFactor > 0) || !Number.isFinite(radiusFactor)) throw new Error(`radius factor must be a positive number, got ${radiusFactor}`);
  if (!(beta > 0) || !Number.isFinite(beta)) throw new Error(`beta must be a positive number, got ${beta}`);
  if (options.radiusVoxels !== undefined && !(options.radiusVoxels > 0 && Number.isFinite(options.radiusVoxels))) {
    throw new Error(`radius must be a positive number of voxels, got ${options.radiusVoxels}`);
  }
  validatePoints(pred, 'prediction');
  validatePoints(truth, 'truth');

  const definitions = new ClassDefinitions(options.classes ?? []);
  const labelled = (points: readonly MetricPoint[]) => points.map((p) => definitions.complete(p));
  const predPoints = labelled(pred);
  const truthPoints = labelled(truth);
  const matching = options.classAgnostic ? 'agnostic' : chooseClassMatching(predPoints, truthPoints);

  const groups = new Map<string, ClassGroup>();
  const add = (p: MetricPoint, side: 'truth' | 'pred') => {
    const key = matching === 'number' ? `#${p.classId}` : matching === 'name' ? `@${p.className}` : '*';
    let group = groups.get(key);
    if (!group) {
      group = describeGroup(p, matching, definitions);
      groups.set(key, group);
    }
    // Name a numbered class after the first pick that carries a name (truth first) if no definition does.
    if (group.name === null && matching === 'number' && p.className !== undefined) group.name = p.className;
    const byTomogram = group[side];
    const list = byTomogram.get(p.tomogram);
    if (list) list.push(p);
    else byTomogram.set(p.tomogram, [p]);
  };
  truthPoints.forEach((p) => add(p, 'truth'));
  predPoints.forEach((p) => add(p, 'pred'));

  const sorted = [...groups.values()].sort((a, b) => (a.id ?? Infinity) - (b.id ?? Infinity) || (a.name ?? '').localeCompare(b.name ?? ''));
  const classes = sorted.map((group) => scoreGroup(group, radiusFactor, beta, options.radiusVoxels, definitions));
  const total = classes.reduce<MatchCounts>((sum, c) => addCounts(sum, c), countsFrom(0, 0, 0));
  const withTruth = classes.filter((c) => c.nTruth > 0);
  const macroF1 = withTruth.length === 0 ? NaN : withTruth.reduce((sum, c) => sum + c.f1, 0) / withTruth.length;
  return {
    classes,
    overall: { class: null, name: null, ...scoreCounts(total, beta) },
    macroF1,
    classMatching: matching,
    beta,
    confusion: matching === 'number' || matching === 'name' ? confusionOf(sorted, radiusFactor, options.radiusVoxels, definitions) : null,
  };
}

/**
 * Every pick of every class, matched with classes ignored (confusion.ts). Null when some truth pick
 * has no known radius: a class nobody predicted and without radius, which the scores never match.
 */
function confusionOf(groups: readonly ClassGroup[], radiusFactor: number, radiusOverride: number | undefined, definitions: ClassDefinitions): ConfusionMatrix | null {
  const pred: ConfusionPoint[] = [];
  const truth: ConfusionPoint[] = [];
  const tolerance: (number | undefined)[] = [];
  groups.forEach((group, classIndex) => {
    for (const points of group.pred.values()) for (const p of points) pred.push({ ...p, classIndex });
    for (const points of group.truth.values()) {
      tolerance.push(...truthTolerances(group, points, radiusFactor, radiusOverride, definitions));
      for (const t of points) truth.push({ ...t, classIndex });
    }
  });
  if (tolerance.includes(undefined)) return null;
  return confusionMatrix(pred, truth, tolerance as number[], groups.length);
}

function validatePoints(points: readonly MetricPoint[], side: string): void {
  points.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || !Number.isFinite(p.z)) {
      throw new Error(`${side} pick ${i + 1} has a non-finite coordinate (${p.x}, ${p.y}, ${p.z})`);
    }
    if (p.radiusVoxels !== undefined && !(p.radiusVoxels > 0 && Number.isFinite(p.radiusVoxels))) {
      throw new Error(`${side} pick ${i + 1} has an invalid radius ${p.radiusVoxels}`);
    }
    if (p.classId !== undefined && !Number.isFinite(p.classId)) {
      throw new Error(`${side} pick ${i + 1} has an invalid class number ${p.classId}`);
    }
  });
}

function chooseClassMatching(pred: readonly MetricPoint[], truth: readonly MetricPoint[]): ClassMatching {
  const all = [...pred, ...truth];
  if (all.every((p) => p.classId !== undefined)) return 'number';
  if (all.every((p) => p.className !== undefined)) return 'name';
  if (all.every((p) => p.classId === undefined && p.className === undefined)) return 'unlabelled';
  const missing = (points: readonly MetricPoint[]) => points.filter((p) => p.classId === undefined && p.className === undefined).length;
  const numberless = (points: readonly MetricPoint[]) => points.filter((p) => p.classId === undefined).length;
  throw new Error(
    'cannot pair classes: ' +
      `predictions: ${missing(pred)} of ${pred.length} picks have no class, ${numberless(pred)} no class number; ` +
      `truth: ${missing(truth)} of ${truth.length} picks have no class, ${numberless(truth)} no class number. ` +
      'Classes are paired by number when every pick has one, else by name; otherwise evaluate class-agnostic.',
  );
}

function describeGroup(first: MetricPoint, matching: ClassMatching, definitions: ClassDefinitions): ClassGroup {
  const empty = () => ({ truth: new Map(), pred: new Map() });
  if (matching === 'number') {
    return { id: first.classId!, name: definitions.byId(first.classId!)?.name ?? first.className ?? null, ...empty() };
  }
  if (matching === 'name') return { id: definitions.byName(first.className!)?.id ?? null, name: first.className!, ...empty() };
  return { id: null, name: null, ...empty() };
}

function scoreGroup(group: ClassGroup, radiusFactor: number, beta: number, radiusOverride: number | undefined, definitions: ClassDefinitions): ClassReport {
  let counts = countsFrom(0, 0, 0);
  const tomograms = new Set([...group.truth.keys(), ...group.pred.keys()]);
  for (const tomogram of tomograms) {
    const truth = group.truth.get(tomogram) ?? [];
    const pred = group.pred.get(tomogram) ?? [];
    let tp = 0;
    if (truth.length > 0 && pred.length > 0) {
      const tolerance = truthTolerances(group, truth, radiusFactor, radiusOverride, definitions);
      if (tolerance.includes(undefined)) {
        throw new Error(`no particle radius for ${labelOf(group)}: give one radius for all classes, a radius column, or class definitions with radii`);
      }
      tp = greedyMatch(pred, truth, tolerance as number[]).truePositives;
    }
    counts = addCounts(counts, countsFrom(truth.length, pred.length, tp));
  }
  return { class: group.id, name: group.name, ...scoreCounts(counts, beta) };
}

/** Matching tolerance of each of the group's truth picks, radiusFactor × its radius (order: evaluatePicks' doc); undefined where none is known. */
function truthTolerances(group: ClassGroup, truth: readonly MetricPoint[], radiusFactor: number, radiusOverride: number | undefined, definitions: ClassDefinitions): (number | undefined)[] {
  const classRadius = radiusOverride ?? classRadiusOf(group, definitions, [...group.pred.values()].flat());
  return truth.map((t) => {
    const radius = radiusOverride ?? t.radiusVoxels ?? classRadius;
    return radius === undefined ? undefined : radiusFactor * radius;
  });
}

function classRadiusOf(group: ClassGroup, definitions: ClassDefinitions, pred: readonly MetricPoint[]): number | undefined {
  const defined = (group.id !== null ? definitions.byId(group.id) : undefined) ?? (group.name !== null ? definitions.byName(group.name) : undefined);
  if (defined?.radiusVoxels !== undefined) return defined.radiusVoxels;
  const radii = pred.flatMap((p) => (p.radiusVoxels === undefined ? [] : [p.radiusVoxels])).sort((a, b) => a - b);
  return radii.length === 0 ? undefined : radii[Math.floor((radii.length - 1) / 2)];
}

function labelOf(group: ClassGroup): string {
  if (group.id !== null) return `class ${group.id}${group.name ? ` (${group.name})` : ''}`;
  return group.name !== null ? `class "${group.name}"` : 'the picks';
}

/** Lookup of class definitions by number and by name; fills in whichever a pick lacks. */
class ClassDefinitions {
  private readonly ids = new Map<number, MetricClass>();
  private readonly names = new Map<string, MetricClass>();

  constructor(classes: readonly MetricClass[]) {
    for (const c of classes) {
      if (c.radiusVoxels !== undefined && !(c.radiusVoxels > 0 && Number.isFinite(c.radiusVoxels))) {
        throw new Error(`class ${c.id ?? c.name}: radius must be a positive number, got ${c.radiusVoxels}`);
      }
      if (c.id !== undefined) this.ids.set(c.id, c);
      if (c.name !== undefined) this.names.set(c.name, c);
    }
  }

  byId(id: number): MetricClass | undefined {
    return this.ids.get(id);
  }

  byName(name: string): MetricClass | undefined {
    return this.names.get(name);
  }

  complete(p: MetricPoint): MetricPoint {
    if (p.classId === undefined && p.className !== undefined) {
      const id = this.names.get(p.className)?.id;
      if (id !== undefined) return { ...p, classId: id };
    }
    if (p.className === undefined && p.classId !== undefined) {
      const name = this.ids.get(p.classId)?.name;
      if (name !== undefined) return { ...p, className: name };
    }
    return p;
  }
}
