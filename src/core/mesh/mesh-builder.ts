/**
 * Growable output of an isosurface: fixed-size typed-array chunks (no per-vertex allocation, no
 * copying while growing), gathered once at the end into arrays of exactly the mesh's size.
 */

/** An indexed triangle mesh in voxel units: vertex v is positions[3v..3v+2], normals likewise. */
export interface IsosurfaceMesh {
  positions: Float32Array;
  /** Unit vectors pointing out of the enclosed ("inside") region. */
  normals: Float32Array;
  /** Three vertex indices per triangle, counter-clockwise seen from outside. */
  indices: Uint32Array;
}

export function emptyMesh(): IsosurfaceMesh {
  return { positions: new Float32Array(0), normals: new Float32Array(0), indices: new Uint32Array(0) };
}

/** Vertices (and triangles) per storage chunk: 64 Ki × 12 B = 768 KiB per attribute chunk. */
const CHUNK = 1 << 16;

export class MeshBuilder {
  private readonly positionChunks: Float32Array[] = [];
  private readonly normalChunks: Float32Array[] = [];
  private readonly indexChunks: Uint32Array[] = [];
  private positions = new Float32Array(0);
  private normals = new Float32Array(0);
  private indices = new Uint32Array(0);
  /** Write offsets inside the current chunks. */
  private vertexOffset = 0;
  private indexOffset = 0;
  vertexCount = 0;
  triangleCount = 0;

  /** Appends a vertex and returns its index. */
  addVertex(px: number, py: number, pz: number, nx: number, ny: number, nz: number): number {
    let o = this.vertexOffset;
    if (o === this.positions.length) {
      this.positions = new Float32Array(3 * CHUNK);
      this.normals = new Float32Array(3 * CHUNK);
      this.positionChunks.push(this.positions);
      this.normalChunks.push(this.normals);
      o = 0;
    }
    const p = this.positions;
    const n = this.normals;
    p[o] = px;
    n[o] = nx;
    p[o + 1] = py;
    n[o + 1] = ny;
    p[o + 2] = pz;
    n[o + 2] = nz;
    this.vertexOffset = o + 3;
    return this.vertexCount++;
  }

  addTriangle(a: number, b: number, c: number): void {
    let o = this.indexOffset;
    if (o === this.indices.length) {
      this.indices = new Uint32Array(3 * CHUNK);
      this.indexChunks.push(this.indices);
      o = 0;
    }
    const idx = this.indices;
    idx[o] = a;
    idx[o + 1] = b;
    idx[o + 2] = c;
    this.indexOffset = o + 3;
    this.triangleCount++;
  }

  /** The mesh, gathered into arrays of exactly its size (one copy, no slack to transfer). */
  build(): IsosurfaceMesh {
    return {
      positions: concat(this.positionChunks, new Float32Array(3 * this.vertexCount)),
      normals: concat(this.normalChunks, new Float32Array(3 * this.vertexCount)),
      indices: concat(this.indexChunks, new Uint32Array(3 * this.triangleCount)),
    };
  }
}

function concat<T extends Float32Array | Uint32Array>(chunks: readonly T[], out: T): T {
  let offset = 0;
  for (const chunk of chunks) {
    const n = Math.min(chunk.length, out.length - offset);
    out.set(n === chunk.length ? chunk : chunk.subarray(0, n), offset);
    offset += n;
  }
  return out;
}
