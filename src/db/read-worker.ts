import { Worker } from 'node:worker_threads';

/** One read: `get` returns the first row as an object, `pluck` its first column. */
export interface WorkerRead {
  sql: string;
  pluck?: boolean;
}

/*
 * Plain JavaScript, run with `eval`: a worker cannot load our TypeScript under jest, and these reads
 * need nothing of ours. Its own read-only connection sees one snapshot for all the reads (one
 * read transaction, WAL lets writers go on meanwhile).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const results = db.transaction(() =>
    workerData.reads.map((r) => (r.pluck ? db.prepare(r.sql).pluck().get() : db.prepare(r.sql).get())),
  )();
  parentPort.postMessage({ ok: true, results });
} catch (err) {
  parentPort.postMessage({ ok: false, message: String((err && err.message) || err) });
} finally {
  if (db) db.close();
}
`;

/**
 * Runs long read-only queries on the SQLite database file in a worker thread, so the event loop
 * goes on answering requests meanwhile (issue 18: the search index's check at start-up took about
 * 6 s at 100,000 cases, and held every request). Results come back in the order of `reads`.
 */
export function readInWorker(file: string, reads: readonly WorkerRead[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, reads, driver: require.resolve('better-sqlite3') } });
    let settled = false;
    worker.once('message', (msg: { ok: true; results: unknown[] } | { ok: false; message: string }) => {
      settled = true;
      if (msg.ok) resolve(msg.results);
      else reject(new Error(msg.message));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`read worker stopped with code ${code}`));
    });
  });
}
