/**
 * Accuracy of the A-LoG proposals on the simulator's standard cases (issue 4, "must show"):
 * for each SNR (0.5 / 0.1 / 0.05) and seed, and for each requested diameter range, the
 * class-agnostic recall of the particles whose diameter lies in the range at K = 1.5 × their
 * count, the precision against every particle, recall per species, and the fraction of gold beads
 * (and contamination spheres) whose centre the automatic mask removes.
 *
 * Ranges: one per species, from 0.45× to 1× its bounding diameter (d_best measures the compact core
 * of a particle — about 0.5–0.9× the bounding diameter here, see README.md — so this is the range a
 * user who knows the particle's longest dimension would type), plus the full range 27–260 Å.
 * A particle is in a range when its ball-equivalent diameter is (`--size equivalent`, the default:
 * what a blob detector can measure, proposals-cases.ts) or its bounding diameter is (`--size bounding`).
 *
 *   npx tsx bench/proposals-accuracy.ts [--seeds 1,2] [--snr 0.5,0.1,0.05] [--size equivalent|bounding]
 *     [--candidates scale-space|projection] [--no-compactness] [--no-recentre] [--out FILE]
 * writes bench/results/proposals-accuracy.json (the defaults: LoG × compactness, equivalent size;
 * --size bounding: proposals-accuracy-bounding-size.json; --candidates projection:
 * proposals-accuracy-projection.json; --no-compactness, UPicker's plain LoG ranking:
 * proposals-accuracy-plain-log.json; all committed) and prints a table.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluatePicks } from '../src/core/metrics/evaluate.ts';
import { CANDIDATE_SOURCES, type CandidateSource, computeProposalField, DEFAULT_CANDIDATES, DEFAULT_COMPACTNESS, DEFAULT_RECENTRE, selectProposals } from '../src/core/proposals/propose.ts';
import { simulateTomogram, standardCase } from '../src/core/sim/index.ts';
import { equivalentDiametersAngstrom, parseSizeDefinition, particlesInRange, PROPOSAL_RANGES, toTruth as truthPoint, topKFor } from './proposals-cases.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2' },
    snr: { type: 'string', default: '0.5,0.1,0.05' },
    out: { type: 'string' },
    compactness: { type: 'boolean', default: DEFAULT_COMPACTNESS },
    recentre: { type: 'boolean', default: DEFAULT_RECENTRE },
    size: { type: 'string', default: 'equivalent' },
    candidates: { type: 'string', default: DEFAULT_CANDIDATES },
  },
  allowNegative: true,
});
const seeds = values.seeds.split(',').map(Number);
const snrs = values.snr.split(',');
const here = dirname(fileURLToPath(import.meta.url));
const size = parseSizeDefinition(values.size);
const candidates = values.candidates as CandidateSource;
if (!CANDIDATE_SOURCES.includes(candidates)) throw new Error(`--candidates expects ${CANDIDATE_SOURCES.join(' or ')}, got "${values.candidates}"`);
// One committed file per variant that the README quotes; other combinations need --out.
const defaultName = !values.compactness
  ? 'proposals-accuracy-plain-log.json'
  : size === 'bounding'
    ? 'proposals-accuracy-bounding-size.json'
    : candidates === 'projection'
      ? 'proposals-accuracy-projection.json'
      : 'proposals-accuracy.json';
const outPath = values.out ?? join(here, 'results', defaultName);
const equivalentDiameters: Record<string, Record<string, number>> = {};

const ranges = PROPOSAL_RANGES;

interface AccuracyRow {
  snr: number;
  seed: number;
  range: string;
  diameterAngstrom: [number, number];
  truthInRange: number;
  topK: number;
  proposals: number;
  threshold: number;
  recall: number;
  precisionInRange: number;
  precisionAllParticles: number;
  recallPerSpecies: Record<string, number>;
  gold: { total: number; removed: number };
  contamination: { total: number; removed: number };
  slab: [number, number] | undefined;
  seconds: number;
}

const rows: AccuracyRow[] = [];
for (const snr of snrs) {
  for (const seed of seeds) {
    const config = standardCase(`standard-snr${snr}`);
    config.seed = seed;
    const sim = simulateTomogram(config);
    const voxel = config.voxelSize;
    equivalentDiameters[`snr ${snr} seed ${seed}`] = Object.fromEntries(equivalentDiametersAngstrom(sim).map((d, i) => [sim.classes[i]!.name, Math.round(d * 10) / 10]));
    for (const { name, range } of ranges) {
      const started = performance.now();
      const field = await computeProposalField(sim.volume, { diameterAngstrom: range, compactness: values.compactness, candidates, recentre: values.recentre });
      const seconds = (performance.now() - started) / 1000;
      const toTruth = (p: (typeof sim.particles)[number]) => truthPoint(sim, voxel, p);
      const inRange = particlesInRange(sim, range, size);
      const topK = topKFor(inRange.length);
      const selection = selectProposals(field, { topK });
      const pred = selection.proposals.map((p) => ({ x: p.x, y: p.y, z: p.z }));
      const recall = evaluatePicks(pred, inRange.map(toTruth), { classAgnostic: true }).overall;
      const againstAll = evaluatePicks(pred, sim.particles.map(toTruth), { classAgnostic: true }).overall;
      const perSpecies = Object.fromEntries(
        sim.classes
          .filter((c) => inRange.some((p) => p.classId === c.id))
          .map((c) => [c.name, evaluatePicks(pred, inRange.filter((p) => p.classId === c.id).map(toTruth), { classAgnostic: true }).overall.recall]),
      );
      const masked = (kind: 'gold' | 'contamination') => {
        const objects = sim.gold.filter((g) => g.kind === kind);
        const removed = objects.filter((g) => field.mask![Math.round(g.x) + sim.volume.nx * (Math.round(g.y) + sim.volume.ny * Math.round(g.z))] === 0);
        return { total: objects.length, removed: removed.length };
      };
      const row: AccuracyRow = {
        snr: Number(snr),
        seed,
        range: name,
        diameterAngstrom: range,
        truthInRange: inRange.length,
        topK,
        proposals: pred.length,
        threshold: selection.threshold,
        recall: recall.recall,
        precisionInRange: recall.precision,
        precisionAllParticles: againstAll.precision,
        recallPerSpecies: perSpecies,
        gold: masked('gold'),
        contamination: masked('contamination'),
        slab: field.autoMask?.slab,
        seconds: Math.round(seconds * 10) / 10,
      };
      rows.push(row);
      console.error(JSON.stringify(row));
    }
  }
}

const summary = snrs.flatMap((snr) =>
  ranges.map(({ name, range }) => {
    const sel = rows.filter((r) => r.snr === Number(snr) && r.range === name);
    const mean = (f: (r: AccuracyRow) => number) => sel.reduce((a, r) => a + f(r), 0) / sel.length;
    return {
      snr: Number(snr),
      range: name,
      diameterAngstrom: range,
      seeds: sel.length,
      recall: mean((r) => r.recall),
      precisionInRange: mean((r) => r.precisionInRange),
      precisionAllParticles: mean((r) => r.precisionAllParticles),
      goldRemoved: sel.reduce((a, r) => a + r.gold.removed, 0) / Math.max(1, sel.reduce((a, r) => a + r.gold.total, 0)),
    };
  }),
);
writeFileSync(
  outPath,
  JSON.stringify(
    {
      command: `npx tsx bench/proposals-accuracy.ts --seeds ${values.seeds} --snr ${values.snr} --size ${size} --candidates ${candidates}${values.compactness ? '' : ' --no-compactness'}${values.recentre ? '' : ' --no-recentre'}`,
      date: new Date().toISOString(),
      definition:
        `recall: class-agnostic, particles whose ${size === 'equivalent' ? 'ball-equivalent diameter (that of the ball with the species\' labelled volume)' : 'bounding diameter'} lies in the range, K = 1.5 × their count, tolerance 0.5 × particle (bounding) radius; precision: same picks against in-range particles and against all particles; gold: beads whose centre voxel the automatic mask removes`,
      equivalentDiameterAngstrom: equivalentDiameters,
      summary,
      rows,
    },
    null,
    2,
  ),
);
const pct = (v: number) => (Number.isFinite(v) ? (100 * v).toFixed(1).padStart(5) : '    -');
console.log('SNR    range        Å          recall  prec(in) prec(all) gold');
for (const s of summary) {
  console.log(
    `${String(s.snr).padEnd(6)} ${s.range.padEnd(12)} ${s.diameterAngstrom.map((d) => d.toFixed(0)).join('–').padEnd(10)} ${pct(s.recall)}   ${pct(s.precisionInRange)}    ${pct(s.precisionAllParticles)}   ${pct(s.goldRemoved)}`,
  );
}
