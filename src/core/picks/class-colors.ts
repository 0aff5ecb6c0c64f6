/**
 * Colours for new classes: a fixed palette of well-separated hues first (readable on a grey
 * tomogram), then golden-angle hues so any number of classes still get distinct colours.
 */
const PALETTE = ['#e6550d', '#3182bd', '#31a354', '#756bb1', '#d6616b', '#17becf', '#bcbd22', '#e377c2', '#8c564b', '#ff9896'];

/** A colour not in `used` (compared case-insensitively). */
export function nextDistinctColor(used: Iterable<string>): string {
  const taken = new Set([...used].map((c) => c.toLowerCase()));
  const free = PALETTE.find((c) => !taken.has(c));
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
