import { create } from 'zustand';

/** Long-running work shown in the progress bar; one entry per running job. */
export interface Job {
  id: string;
  label: string;
  fraction: number;
  stage?: string;
  cancel: () => void;
}

export interface Message {
  id: number;
  kind: 'error' | 'warning' | 'info';
  text: string;
}

interface JobsState {
  jobs: Job[];
  messages: Message[];
  startJob(label: string, cancel: () => void): string;
  updateJob(id: string, fraction: number, stage?: string): void;
  endJob(id: string): void;
  notify(kind: Message['kind'], text: string): void;
  dismiss(id: number): void;
}

let counter = 0;
const INFO_LIFETIME_MS = 6000;

export const useJobsStore = create<JobsState>()((set) => ({
  jobs: [],
  messages: [],
  startJob(label, cancel) {
    const id = `job${++counter}`;
    set((s) => ({ jobs: [...s.jobs, { id, label, fraction: 0, cancel }] }));
    return id;
  },
  updateJob(id, fraction, stage) {
    set((s) => ({ jobs: s.jobs.map((j) => (j.id === id ? { ...j, fraction, stage } : j)) }));
  },
  endJob(id) {
    set((s) => ({ jobs: s.jobs.filter((j) => j.id !== id) }));
  },
  notify(kind, text) {
    const id = ++counter;
    set((s) => ({ messages: [...s.messages, { id, kind, text }] }));
    // Info fades by itself; warnings and errors stay until dismissed so nothing is missed.
    if (kind === 'info') setTimeout(() => useJobsStore.getState().dismiss(id), INFO_LIFETIME_MS);
  },
  dismiss(id) {
    set((s) => ({ messages: s.messages.filter((m) => m.id !== id) }));
  },
}));
