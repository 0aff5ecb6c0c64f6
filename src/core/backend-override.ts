import { BACKEND_ORDER, type BackendName } from './backend-order.ts';

/**
 * Reads a forced tfjs backend from a page query (`?backend=wasm`), for tests and for users whose
 * preferred backend misbehaves. Returns the order to try: just that backend (no fallback, so a
 * broken backend shows as such), or undefined when the query names none.
 */
export function backendOrderFromQuery(search: string): BackendName[] | undefined {
  const requested = new URLSearchParams(search).get('backend');
  if (requested === null || requested === '') return undefined;
  const name = BACKEND_ORDER.find((b) => b === requested);
  if (!name) throw new Error(`Unknown backend "${requested}" in ?backend= (expected one of ${BACKEND_ORDER.join(', ')})`);
  return [name];
}
