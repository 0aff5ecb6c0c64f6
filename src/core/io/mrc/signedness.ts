/**
 * Mode 0 is ambiguous: MRC2014 says signed, legacy files (and SerialEM without IMOD stamp) store
 * unsigned bytes. The rule (../shared/reference/mrc/EXPECTED.md, IMOD's mrc_notes):
 *   IMOD stamp present → signed iff IMOD flags bit 0; else `MAP ` tag present → signed; else unsigned.
 */
export type SignednessRule = 'imod-flags' | 'map-tag' | 'legacy-unsigned';

export interface Signedness {
  signed: boolean;
  rule: SignednessRule;
}

/** "IMOD" as a little-endian int32 at byte 152. */
export const IMOD_STAMP = 1146047817;

export function mode0Signedness(imodFlags: number | null, hasMapTag: boolean): Signedness {
  if (imodFlags !== null) return { signed: (imodFlags & 1) === 1, rule: 'imod-flags' };
  if (hasMapTag) return { signed: true, rule: 'map-tag' };
  return { signed: false, rule: 'legacy-unsigned' };
}

export function describeSignedness(s: Signedness): string {
  const why = {
    'imod-flags': 'IMOD stamp present, flags bit 0',
    'map-tag': "'MAP ' tag present (MRC2014)",
    'legacy-unsigned': "no IMOD stamp and no 'MAP ' tag (legacy file)",
  }[s.rule];
  return `${s.signed ? 'signed' : 'unsigned'} bytes: ${why}`;
}
