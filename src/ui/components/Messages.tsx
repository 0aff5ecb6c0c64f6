import { useJobsStore } from '../../state/jobs-store.ts';

export function Messages() {
  const messages = useJobsStore((s) => s.messages);
  const dismiss = useJobsStore((s) => s.dismiss);
  if (messages.length === 0) return null;
  return (
    <ul className="messages" data-testid="messages">
      {messages.map((m) => (
        <li key={m.id} className={`message message-${m.kind}`} role={m.kind === 'error' ? 'alert' : 'status'}>
          <span>{m.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(m.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
