import { useViewStore } from '../../state/view-store.ts';

/** Shows which tfjs backend this machine gets, and why the better ones were passed over. */
export function BackendBadge() {
  const backend = useViewStore((s) => s.backend);
  const error = useViewStore((s) => s.backendError);
  const title = backend?.attempts.map((a) => `${a.name}: ${a.ok ? 'ok' : a.reason}`).join('\n') ?? error;
  return (
    <span className={`backend-badge ${backend?.active ?? 'none'}`} data-testid="backend" title={title}>
      {backend ? `compute: ${backend.active}` : error ? 'compute: unavailable' : 'compute: checking…'}
    </span>
  );
}
