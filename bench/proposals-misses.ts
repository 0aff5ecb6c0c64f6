/**
 * Where the A-LoG proposals lose in-range particles (issue 4): for every in-range particle that
 * the top-K proposals miss, the first reason along the pipeline —
 *   masked        its centre voxel is outside the automatic mask
 *   no candidate  no candidate within the match tolerance (0.5 × radius): no maximum in space and
 *                 scale at an in-range or larger scale (`--candidates projection`: no maximum of the
 *                 response over the scales from d_min up, or d_best there below the range)
 *   below θ       the strongest maximum there does not exceed θ
 *   beyond K      above θ, never suppressed, but K proposals were taken before it
 *   d_best above  accepted by the suppression, then dropped by the range test
 *   suppressed    inside the sphere of a peak visited before it (an accepted one, or any above-range
 *                 peak, see propose.ts): by a peak on another particle
 *                 (its species), by sub-structure (a peak inside a particle's bounding sphere but
 *                 off its centre), by gold/contamination, or by a background (noise) peak
 *   lost in match accepted in range, but the one-to-one matching gave it to another particle
 * and a ceiling for the ranking score itself (LoG_best weighted by compactness, or with
 * `--no-compactness` LoG_best alone): the recall when every particle is scored by its best nearby maximum and competes
 * only with background maxima (outside every particle, after their own suppression) — perfect
 * handling of sub-structure and neighbours, noise peaks unavoidable.
 *
 *   npx tsx bench/proposals-misses.ts [--seed 1] [--snr 0.1] [--ranges tiny,lobed] [--size equivalent|bounding] [--no-compactness] [--json]
 * (--size: which diameter puts a particle in a range, proposals-cases.ts)
 */
import { parseArgs } from 'node:util';
import { greedyMatch } from '../src/core/metrics/greedy-match.ts';
import { type CandidateSource, computeProposalField, DEFAULT_CANDIDATES, DEFAULT_COMPACTNESS, traceSelection, type ProposalCandidate } from '../src/core/proposals/propose.ts';
import { isInsideRange } from '../src/core/proposals/scales.ts';
import { ACCEPTED, NOT_REACHED, traceSuppression } from '../src/core/proposals/suppression.ts';
import { simulateTomogram, standardCase, type SimulationResult } from '../src/core/sim/index.ts';
import { parseSizeDefinition, particlesInRange, rangesByName, toTruth, topKFor } from './proposals-cases.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    snr: { type: 'string', default: '0.1' },
    ranges: { type: 'string' },
    json: { type: 'boolean', default: false },
    compactness: { type: 'boolean', default: DEFAULT_COMPACTNESS },
    size: { type: 'string', default: 'equivalent' },
    candidates: { type: 'string', default: DEFAULT_CANDIDATES },
  },
  allowNegative: true,
});

type Particle = SimulationResult['particles'][number];
const dist2 = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) => (a.x - b.x) ** 2 + (a.y - b.y) ** 2 + (a.z - b.z) ** 2;

/** What an accepted peak sits on: a particle's centre, its sub-structure, a bead, or background. */
function describePeak(sim: SimulationResult, peak: ProposalCandidate, voxelSize: number): string {
  let best: { p: Particle; d2: number } | null = null;
  for (const p of sim.particles) {
    const d2 = dist2(p, peak);
    if (!best || d2 < best.d2) best = { p, d2 };
  }
  if (best) {
    const radius = sim.classes[best.p.classId - 1]!.radiusAngstrom / voxelSize;
    const name = sim.classes[best.p.classId - 1]!.name;
    if (best.d2 <= (0.5 * radius) ** 2) return `particle:${name}`;
    if (best.d2 <= radius ** 2) return `sub-structure:${name}`;
  }
  if (sim.gold.some((g) => dist2(g, peak) <= (2 * g.radius) ** 2)) return 'gold';
  return 'background';
}

const analyses = [];
for (const { name, range } of rangesByName(values.ranges)) {
  const config = standardCase(`standard-snr${values.snr}`);
  config.seed = Number(values.seed);
  const sim = simulateTomogram(config);
  const voxel = config.voxelSize;
  const field = await computeProposalField(sim.volume, { diameterAngstrom: range, compactness: values.compactness, candidates: values.candidates as CandidateSource });
  const inRange = particlesInRange(sim, range, parseSizeDefinition(values.size));
  const truth = inRange.map((p) => toTruth(sim, voxel, p));
  const topK = topKFor(inRange.length);
  const { result, above, trace } = traceSelection(field, { topK });
  const tolerance = truth.map((t) => 0.5 * t.radiusVoxels!);
  const match = greedyMatch(result.proposals, truth, tolerance);
  const aboveIndex = new Map(above.map((c, i) => [c, i]));
  const [nx, ny] = field.shape;

  const reasons: Record<string, Record<string, number>> = {};
  const count = (species: string, reason: string) => {
    reasons[species] ??= {};
    reasons[species][reason] = (reasons[species][reason] ?? 0) + 1;
  };
  // The best maximum near each particle (also the ceiling's score).
  const nearBest: (ProposalCandidate | null)[] = truth.map((t, k) => {
    let best: ProposalCandidate | null = null;
    for (const c of field.candidates) if (dist2(c, t) <= tolerance[k]! ** 2 && (!best || c.score > best.score)) best = c;
    return best;
  });
  truth.forEach((t, k) => {
    const species = sim.classes[t.classId! - 1]!.name;
    if (match.truthToPred[k]! >= 0) return count(species, 'found');
    const centre = Math.round(t.x) + nx * (Math.round(t.y) + ny * Math.round(t.z));
    if (field.mask && !field.mask[centre]) return count(species, 'masked');
    const peak = nearBest[k];
    if (!peak) return count(species, 'no candidate');
    if (!(peak.logBest > result.threshold)) return count(species, 'below θ');
    const fate = trace.fate[aboveIndex.get(peak)!]!;
    if (fate === NOT_REACHED) return count(species, isInsideRange(field.scales, peak.scaleIndex) ? 'beyond K' : 'beyond K (d_best above)');
    if (fate === ACCEPTED) {
      if (isInsideRange(field.scales, peak.scaleIndex)) return count(species, 'lost in match');
      return count(species, 'd_best above');
    }
    const by = above[fate]!;
    return count(species, `suppressed by ${describePeak(sim, by, voxel)}${isInsideRange(field.scales, by.scaleIndex) ? '' : ' (out of range)'}`);
  });

  // Ceiling: particles scored by their best nearby maximum against background maxima only.
  const background = field.candidates.filter(
    (c) => isInsideRange(field.scales, c.scaleIndex) && !sim.particles.some((p) => dist2(p, c) <= (sim.classes[p.classId - 1]!.radiusAngstrom / voxel) ** 2),
  );
  const survivorIndices = traceSuppression(background).reported;
  const survivors = survivorIndices.map((i) => background[i]!.score);
  const contenders = [
    ...survivors.map((score) => ({ score, truth: false })),
    ...nearBest.map((c) => ({ score: c?.score ?? -Infinity, truth: true })),
  ].sort((a, b) => b.score - a.score);
  const ceiling = contenders.slice(0, topK).filter((c) => c.truth).length / truth.length;
  const kthBackground = [...survivors].sort((a, b) => b - a)[Math.max(0, topK - truth.length)] ?? NaN;
  const scoreQuartiles: Record<string, number[]> = {};
  truth.forEach((t, k) => {
    const species = sim.classes[t.classId! - 1]!.name;
    (scoreQuartiles[species] ??= []).push(nearBest[k]?.score ?? NaN);
  });
  // What the top-K proposals sit on (the precision side of the same picture).
  const proposalsOn: Record<string, number> = {};
  for (const c of result.proposals) {
    const on = describePeak(sim, c, voxel);
    proposalsOn[on] = (proposalsOn[on] ?? 0) + 1;
  }
  // d_best of the best maximum near each in-range particle, as a fraction of its bounding diameter.
  const dBestRatio: Record<string, number[]> = {};
  truth.forEach((t, k) => {
    const c = nearBest[k];
    if (c) (dBestRatio[sim.classes[t.classId! - 1]!.name] ??= []).push(c.diameterVoxels / (2 * t.radiusVoxels!));
  });
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const quartiles = (v: number[]) => {
    const sorted = [...v].sort((a, b) => a - b);
    return [0.1, 0.25, 0.5, 0.75, 0.9].map((q) => Math.round(sorted[Math.floor(q * sorted.length)]! * 100) / 100);
  };
  const analysis = {
    range: name,
    diameterAngstrom: range,
    snr: Number(values.snr),
    seed: Number(values.seed),
    truthInRange: truth.length,
    topK,
    threshold: Math.round(result.threshold * 100) / 100,
    recall: match.truePositives / truth.length,
    reasons,
    ceilingRecall: ceiling,
    medianBestScoreAtParticles: Object.fromEntries(Object.entries(scoreQuartiles).map(([s, v]) => [s, Math.round(median(v) * 100) / 100])),
    proposalsOn,
    dBestOverDiameterQuartiles: Object.fromEntries(
      Object.entries(dBestRatio).map(([sp, v]) => {
        const sorted = [...v].sort((a, b) => a - b);
        return [sp, [0.1, 0.25, 0.5, 0.75].map((q) => Math.round(sorted[Math.floor(q * sorted.length)]! * 100) / 100)];
      }),
    ),
    // Compactness (blob-shape.ts: 1 ball, 0.75 tube, 0 sheet) at the particles' best maxima and at the top K background maxima.
    compactnessQuartiles: {
      ...Object.fromEntries(
        Object.keys(scoreQuartiles).map((sp) => [
          sp,
          quartiles(truth.flatMap((t, k) => (sim.classes[t.classId! - 1]!.name === sp && nearBest[k] ? [nearBest[k].compactness] : []))),
        ]),
      ),
      background: quartiles(survivorIndices.slice(0, topK).map((i) => background[i]!.compactness)),
    },
    backgroundPeaksAboveTheta: survivorIndices.filter((i) => background[i]!.logBest > result.threshold).length,
    backgroundScoreAtRank: Math.round(kthBackground * 100) / 100,
  };
  analyses.push(analysis);
  if (!values.json) console.log(JSON.stringify(analysis));
}
if (values.json) console.log(JSON.stringify(analyses, null, 2));
