import { Request } from 'express';
import { DataSource } from 'typeorm';
import { setFlash } from '../sessions/session.service';

/** A one-line confirmation shown on the next page the user sees. */
export async function flash(ds: DataSource, req: Request, message: string): Promise<void> {
  if (req.sessionInfo) await setFlash(ds, req.sessionInfo.idHash, message);
}
