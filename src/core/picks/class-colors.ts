/**
 * Colours for new classes: Tableau 10 first (distinct on a grey tomogram and for common
 * colour-vision deficiencies), then golden-angle hues so any number of classes stay distinct.
 */
export const CLASS_PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'] as const;

/** A colour not in `used` (compared case-insensitively). */
export function nextDistinctColor(used: Iterable<string>): string {
  const taken = new Set([...used].map((c) => c.toLowerCase()));
  const free = CLASS_PALETTE.find((c) => !taken.has(c));
  if (free) return free;
  // 137.5° steps never repeat a hue and keep consecutive colours far apart.
  for (let i = taken.size; ; i++) {
    const color = hslToHex((i * 137.508) % 360, 0.65, 0.55);
    if (!taken.has(color)) return color;
  }
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
