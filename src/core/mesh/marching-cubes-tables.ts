/**
 * Marching-cubes case tables, derived here from one rule instead of typed in, so that every entry
 * is consistent by construction (no copied data, no typo can open a crack).
 *
 * Cube corners (bit i of the case index set ⇔ corner i is inside the surface):
 *   0 (0,0,0)  1 (1,0,0)  2 (1,1,0)  3 (0,1,0)  4 (0,0,1)  5 (1,0,1)  6 (1,1,1)  7 (0,1,1)
 * Edges: 0–3 ring the z=0 face, 4–7 the z=1 face, 8–11 run along z (the numbering of Lorensen &
 * Cline / Bourke). On each cube face the isoline cuts off every run of consecutive inside corners;
 * a face with two diagonal inside corners (the ambiguous face) therefore always *separates* them.
 * The rule depends only on the face's four corners, which both cubes sharing the face see alike, so
 * the surface is crack-free across cubes. The face segments chain into closed loops per cube, and
 * each loop is triangulated with chords through the cube's interior only (never across a face, where
 * the neighbour could draw the same chord), which makes the mesh 2-manifold. Triangles are wound
 * counter-clockwise seen from outside the inside region (normal (b−a)×(c−a) points outward). The
 * result has the classic table's shape (at most 5 triangles per case) but is not a copy of it.
 */

/** Corner offsets (x, y, z) of the unit cube. */
export const CUBE_CORNERS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0],
  [1, 0, 0],
  [1, 1, 0],
  [0, 1, 0],
  [0, 0, 1],
  [1, 0, 1],
  [1, 1, 1],
  [0, 1, 1],
];

/** Each edge's two corners. */
export const CUBE_EDGES: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 2],
  [3, 2],
  [0, 3],
  [4, 5],
  [5, 6],
  [7, 6],
  [4, 7],
  [0, 4],
  [1, 5],
  [2, 6],
  [3, 7],
];

/** Face corners, counter-clockwise seen from outside the cube. */
const CUBE_FACES: readonly (readonly [number, number, number, number])[] = [
  [0, 3, 2, 1], // z = 0
  [4, 5, 6, 7], // z = 1
  [0, 1, 5, 4], // y = 0
  [3, 7, 6, 2], // y = 1
  [0, 4, 7, 3], // x = 0
  [1, 2, 6, 5], // x = 1
];

function edgeBetween(a: number, b: number): number {
  const e = CUBE_EDGES.findIndex(([p, q]) => (p === a && q === b) || (p === b && q === a));
  if (e < 0) throw new Error(`corners ${a} and ${b} share no cube edge`);
  return e;
}

/**
 * Directed isoline segments of one face: from the edge where the counter-clockwise walk enters a
 * run of inside corners to the edge where it leaves it. Neighbouring faces walk their shared edge in
 * opposite directions, so every cut edge ends one segment and starts another: the segments of a
 * cube chain into closed loops.
 */
function faceSegments(face: readonly number[], inside: (corner: number) => boolean): [number, number][] {
  const segments: [number, number][] = [];
  for (let k = 0; k < 4; k++) {
    const prev = face[(k + 3) % 4]!;
    const here = face[k]!;
    if (inside(prev) || !inside(here)) continue; // not the start of an inside run
    let last = k;
    while (inside(face[(last + 1) % 4]!)) last = (last + 1) % 4;
    const entry = edgeBetween(prev, here);
    const exit = edgeBetween(face[last]!, face[(last + 1) % 4]!);
    segments.push([entry, exit]);
  }
  return segments;
}

/** Cube faces (indices into CUBE_FACES) that contain each edge. */
const FACES_OF_EDGE: readonly number[][] = CUBE_EDGES.map(([a, b]) =>
  CUBE_FACES.flatMap((face, f) => (face.includes(a) && face.includes(b) ? [f] : [])),
);

/** A chord across a cube face would be shared with the neighbouring cube's chords: not allowed. */
function isInteriorChord(e1: number, e2: number): boolean {
  return !FACES_OF_EDGE[e1]!.some((f) => FACES_OF_EDGE[e2]!.includes(f));
}

/**
 * Triangulates a loop of cut edges using only chords through the cube's interior, so that every
 * mesh edge is a face segment (shared by exactly the two cubes on that face) or an interior chord
 * (shared by two triangles of this cube): the mesh is 2-manifold. Searches the triangulations of
 * the loop (at most a dozen vertices); null when none avoids face chords.
 */
function triangulateLoop(loop: readonly number[]): number[] | null {
  const n = loop.length;
  if (n < 3) throw new Error(`a marching-cubes loop needs 3 edges, got ${n}`);
  if (n === 3) return [loop[0]!, loop[1]!, loop[2]!];
  const first = loop[0]!;
  const last = loop[n - 1]!;
  // The triangle on the closing side (last → first) has its apex at some loop[k].
  for (let k = 1; k < n - 1; k++) {
    const apex = loop[k]!;
    if (k > 1 && !isInteriorChord(first, apex)) continue;
    if (k < n - 2 && !isInteriorChord(apex, last)) continue;
    const left = k > 1 ? triangulateLoop(loop.slice(0, k + 1)) : [];
    const right = k < n - 2 ? triangulateLoop(loop.slice(k)) : [];
    if (left && right) return [first, apex, last, ...left, ...right];
  }
  return null;
}

function caseTriangles(caseIndex: number): number[] {
  const inside = (corner: number) => ((caseIndex >> corner) & 1) === 1;
  const next = new Map<number, number>();
  for (const face of CUBE_FACES) {
    for (const [from, to] of faceSegments(face, inside)) next.set(from, to);
  }
  const triangles: number[] = [];
  const visited = new Set<number>();
  for (const start of [...next.keys()].sort((a, b) => a - b)) {
    if (visited.has(start)) continue;
    const loop: number[] = [];
    for (let e: number | undefined = start; e !== undefined && !visited.has(e); e = next.get(e)) {
      visited.add(e);
      loop.push(e);
    }
    const tris = triangulateLoop(loop);
    if (!tris) throw new Error(`marching-cubes case ${caseIndex}: no triangulation of loop ${loop.join(',')} avoids face chords`);
    triangles.push(...tris);
  }
  return triangles;
}

/** Triangles of case c: edge triples TRIANGLE_EDGES[TRIANGLE_OFFSETS[c] .. TRIANGLE_OFFSETS[c+1]). */
export const TRIANGLE_OFFSETS = new Uint16Array(257);
export const TRIANGLE_EDGES: Uint8Array = buildTables();

function buildTables(): Uint8Array {
  const all: number[] = [];
  for (let c = 0; c < 256; c++) {
    TRIANGLE_OFFSETS[c] = all.length;
    all.push(...caseTriangles(c));
  }
  TRIANGLE_OFFSETS[256] = all.length;
  return Uint8Array.from(all);
}
