/** A scale bar of a round length (1/2/5 × 10^k nm) about a fifth of the view wide. */
export function niceLength(target: number): number {
  const exponent = Math.floor(Math.log10(target));
  const base = 10 ** exponent;
  const mantissa = target / base;
  return (mantissa >= 5 ? 5 : mantissa >= 2 ? 2 : 1) * base;
}

export function drawScaleBar(context: CanvasRenderingContext2D, pixelsPerNm: number, width: number, height: number, dpr: number): void {
  if (!(pixelsPerNm > 0)) return;
  const nm = niceLength(width / 5 / pixelsPerNm);
  const length = nm * pixelsPerNm;
  const x = width - length - 12 * dpr;
  const y = height - 12 * dpr;
  context.save();
  context.fillStyle = '#ffffff';
  context.fillRect(x, y, length, 3 * dpr);
  context.font = `${11 * dpr}px system-ui, sans-serif`;
  context.textAlign = 'center';
  context.fillText(`${nm >= 1 ? nm : nm.toPrecision(1)} nm`, x + length / 2, y - 4 * dpr);
  context.restore();
}
