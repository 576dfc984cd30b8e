import { ImportJobs, percentOf } from '../../src/imports/import-jobs';
import { conflict } from '../../src/http/errors';

describe('import jobs', () => {
  it('runs one job per batch, reports progress, ends at done = total', async () => {
    const jobs = new ImportJobs();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    jobs.start(1, 'check', async (progress) => {
      progress({ done: 3, total: 10 });
      await gate;
      progress({ done: 9, total: 10 });
    });
    expect(() => jobs.start(1, 'commit', async () => undefined)).toThrow();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(jobs.get(1)).toMatchObject({ state: 'running', done: 3, total: 10 });
    expect(percentOf(jobs.get(1)!)).toBe(30);
    release();
    await jobs.idle();
    expect(jobs.get(1)).toMatchObject({ kind: 'check', state: 'finished', done: 10, total: 10, error: null });
    // A finished job makes way for the next step.
    jobs.start(1, 'commit', async () => undefined);
    await jobs.idle();
    expect(jobs.get(1)?.kind).toBe('commit');
  });

  it('keeps the error of a failed job, typed ones as they are and others without detail', async () => {
    const jobs = new ImportJobs();
    jobs.start(1, 'commit', async () => {
      throw conflict('Rows with problems remain.');
    });
    jobs.start(2, 'check', async () => {
      throw new Error('disk on fire at /secret/path');
    });
    await jobs.idle();
    expect(jobs.get(1)).toMatchObject({ state: 'failed', error: { status: 409, code: 'conflict', message: 'Rows with problems remain.' } });
    expect(jobs.get(2)).toMatchObject({ state: 'failed', error: { status: 500, code: 'internal_error' } });
    expect(jobs.get(2)!.error!.message).not.toContain('/secret/path');
    expect(jobs.get(3)).toBeNull();
  });
});
