import { isLongWriteRunning } from '../db/long-write';
import { Request } from 'express';
import { DataSource } from 'typeorm';
import { setFlash } from '../sessions/session.service';

/**
 * A one-line confirmation shown on the next page the user sees. Left out while an import's commit
 * holds the database (db/long-write.ts): the change it confirms is written, and a refusal here
 * would tell the user otherwise.
 */
export async function flash(ds: DataSource, req: Request, message: string): Promise<void> {
  if (req.sessionInfo && !isLongWriteRunning(ds)) await setFlash(ds, req.sessionInfo.idHash, message);
}
