import { DataSource, EntityManager } from 'typeorm';
import { WebauthnCredential } from './webauthn.entity';

/** What a page may show of a key: never the credential id or the public key. */
export interface KeyView {
  id: number;
  name: string;
  passkey: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listKeys(ds: DataSource | EntityManager, userId: number): Promise<KeyView[]> {
  const rows = await (ds instanceof DataSource ? ds.manager : ds).find(WebauthnCredential, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  return rows.map((k) => ({ id: k.id, name: k.name, passkey: k.deviceType === 'multiDevice', createdAt: k.createdAt, lastUsedAt: k.lastUsedAt }));
}
