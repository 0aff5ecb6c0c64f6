import { useJobsStore } from '../../state/jobs-store.ts';

/** One bar per running job, with its stage and a cancel button. */
export function JobProgress() {
  const jobs = useJobsStore((s) => s.jobs);
  if (jobs.length === 0) return null;
  return (
    <div className="job-progress" data-testid="job-progress">
      {jobs.map((job) => (
        <div key={job.id} className="job">
          <span className="job-label">
            {job.label}
            {job.stage ? ` — ${job.stage}` : ''}
          </span>
          <progress max={1} value={job.fraction} />
          <span className="job-percent">{Math.round(job.fraction * 100)}%</span>
          <button type="button" onClick={job.cancel}>
            Cancel
          </button>
        </div>
      ))}
    </div>
  );
}
