import { DataSource } from 'typeorm';
import { AppError, conflict } from '../http/errors';
import { log } from '../logger';
import { t } from '../i18n/i18n';

/** The long steps of an import that run after the request that started them has answered. */
export type ImportJobKind = 'check' | 'commit';

export interface ImportProgress {
  done: number;
  total: number | null;
}

/** What the page and GET /imports/:id/progress know of a job: numbers and codes, no sentences. */
export interface ImportJobState extends ImportProgress {
  kind: ImportJobKind;
  state: 'running' | 'finished' | 'failed';
  /** Kept when the job failed, so the page can say why after the request that started it is gone. */
  error: { status: number; code: string; message: string } | null;
}

type Work = (onProgress: (p: ImportProgress) => void) => Promise<unknown>;

/**
 * One job per batch at a time, in the server process. Progress lives in memory only: after a
 * restart the batch's own status (stored by the service) says where it stands, and the user
 * starts the step again. Finished jobs are kept until the next job of the same batch starts.
 */
export class ImportJobs {
  private readonly jobs = new Map<number, ImportJobState>();
  private readonly running = new Set<Promise<void>>();

  get(batchId: number): ImportJobState | null {
    const job = this.jobs.get(batchId);
    return job ? { ...job, error: job.error && { ...job.error } } : null;
  }

  isRunning(batchId: number): boolean {
    return this.jobs.get(batchId)?.state === 'running';
  }

  /** Starts `work` in the background; refused (409) while another job of this batch runs. */
  start(batchId: number, kind: ImportJobKind, work: Work): ImportJobState {
    if (this.isRunning(batchId)) throw conflict(t('imports.progress.alreadyRunning'));
    const job: ImportJobState = { kind, state: 'running', done: 0, total: null, error: null };
    this.jobs.set(batchId, job);
    const onProgress = (p: ImportProgress) => {
      job.done = p.done;
      job.total = p.total;
    };
    const run = (async () => {
      try {
        // Deferred so the request that starts the job answers first.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await work(onProgress);
        if (job.total === null) job.total = job.done;
        job.done = job.total;
        job.state = 'finished';
      } catch (err) {
        job.state = 'failed';
        if (err instanceof AppError) {
          job.error = { status: err.status, code: err.code, message: err.message };
        } else {
          log.error('import job failed', { batchId, kind, error: err instanceof Error ? err.stack : String(err) });
          job.error = { status: 500, code: 'internal_error', message: t('imports.progress.failedUnexpectedly') };
        }
      }
    })();
    const tracked = run.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    return { ...job };
  }

  /** Resolves once no job runs (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}

const perDatabase = new WeakMap<DataSource, ImportJobs>();

/** The jobs of one running app (one per DataSource, like the evidence runtime). */
export function importJobs(ds: DataSource): ImportJobs {
  let jobs = perDatabase.get(ds);
  if (!jobs) perDatabase.set(ds, (jobs = new ImportJobs()));
  return jobs;
}

export async function importJobsIdle(ds: DataSource): Promise<void> {
  await perDatabase.get(ds)?.idle();
}

/** Percent for the progress bar; unknown totals show as 0 until known. */
export function percentOf(p: ImportProgress): number {
  if (!p.total) return 0;
  return Math.max(0, Math.min(100, Math.floor((p.done / p.total) * 100)));
}
