/** Dice overlap of one class between two label maps of the same shape: 2|A∩B| / (|A| + |B|), 0 when both lack it. */
export function classDice(a: Uint8Array, b: Uint8Array, classId: number): number {
  if (a.length !== b.length) throw new Error(`label maps of ${a.length} and ${b.length} voxels cannot be compared`);
  let both = 0;
  let inA = 0;
  let inB = 0;
  for (let i = 0; i < a.length; i++) {
    const ia = a[i] === classId;
    const ib = b[i] === classId;
    if (ia) inA++;
    if (ib) inB++;
    if (ia && ib) both++;
  }
  return (2 * both) / Math.max(1, inA + inB);
}
