import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;
/** The temporary name of a file being written atomically: `<final name>.<random hex>.tmp`. */
export const INTERRUPTED_WRITE = /\.[0-9a-f]{12}\.tmp$/;

/**
 * The evidence files on disk, under CASEBOOK_DATA_DIR (the only module that touches them):
 *   tmp/        uploads in progress, hashed while they stream
 *   objects/    originals, objects/ab/cd/<sha256>, written once and made read-only
 *   derived/    previews and thumbnails (re-encoded pixels, no metadata), derived/ab/cd/<sha256>-<kind>.jpg
 * tmp/ and objects/ are on the same filesystem, so placing an upload is a link, not a copy.
 */
export class EvidenceStorage {
  readonly tmpDir: string;
  readonly objectsDir: string;
  readonly derivedDir: string;

  constructor(readonly dataDir: string) {
    this.tmpDir = path.join(dataDir, 'tmp');
    this.objectsDir = path.join(dataDir, 'objects');
    this.derivedDir = path.join(dataDir, 'derived');
    for (const dir of [this.tmpDir, this.objectsDir, this.derivedDir]) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  objectPath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('not a SHA-256');
    return path.join(this.objectsDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  derivedPath(relative: string): string {
    const full = path.resolve(this.derivedDir, relative);
    if (!full.startsWith(this.derivedDir + path.sep)) throw new Error('derived path outside the derived folder');
    return full;
  }

  /** A fresh, unguessable name for an upload in progress. */
  newTempPath(): string {
    return path.join(this.tmpDir, `${Date.now()}-${crypto.randomBytes(12).toString('hex')}.part`);
  }

  /**
   * Moves a hashed upload to its object path. A hard link never replaces an existing file, so
   * an object already stored (the same bytes uploaded before) is kept as it is. The temporary
   * file is gone afterwards either way. Returns whether this call created the object.
   */
  async placeObject(tempPath: string, sha256: string): Promise<boolean> {
    const target = this.objectPath(sha256);
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    let created = false;
    try {
      await fs.promises.link(tempPath, target);
      created = true;
      await fs.promises.chmod(target, 0o444);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        if (created) await fs.promises.rm(target, { force: true });
        throw err;
      }
    }
    await fs.promises.rm(tempPath, { force: true });
    return created;
  }

  async removeObject(sha256: string): Promise<void> {
    await fs.promises.rm(this.objectPath(sha256), { force: true });
  }

  async objectExists(sha256: string): Promise<boolean> {
    try {
      return (await fs.promises.stat(this.objectPath(sha256))).isFile();
    } catch {
      return false;
    }
  }

  /** Writes a derivative atomically (temporary name, then rename); returns its path relative to derived/. */
  async writeDerived(sha256: string, kind: 'preview' | 'thumb', data: Buffer, ext: string): Promise<string> {
    const relative = path.join(sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}-${kind}.${ext}`);
    const target = this.derivedPath(relative);
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const temp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    await fs.promises.writeFile(temp, data, { mode: 0o600 });
    await fs.promises.rename(temp, target);
    return relative;
  }

  /** Writes a derivative under the name it had on the instance it was exported from (a restore). */
  async restoreDerived(relative: string, data: Buffer): Promise<void> {
    const target = this.derivedPath(relative);
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const temp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    await fs.promises.writeFile(temp, data, { mode: 0o600 });
    await fs.promises.rename(temp, target);
  }

  async removeTemp(paths: Iterable<string>): Promise<void> {
    for (const p of paths) {
      if (path.dirname(p) === this.tmpDir) await fs.promises.rm(p, { force: true }).catch(() => undefined);
    }
  }

  /** Everything in tmp/: at start-up these are uploads a stopped server never finished. */
  async clearTemp(): Promise<number> {
    const names = await fs.promises.readdir(this.tmpDir);
    for (const name of names) await fs.promises.rm(path.join(this.tmpDir, name), { recursive: true, force: true });
    return names.length;
  }

  /**
   * Derivatives a stopped server was still writing (`<name>.<random>.tmp`, see writeDerived):
   * at start-up none of them is being written, so each goes. Returns how many.
   */
  async clearInterruptedDerived(): Promise<number> {
    let removed = 0;
    for (const a of await readdirSafe(this.derivedDir)) {
      for (const b of await readdirSafe(path.join(this.derivedDir, a))) {
        for (const name of await readdirSafe(path.join(this.derivedDir, a, b))) {
          if (!INTERRUPTED_WRITE.test(name)) continue;
          await fs.promises.rm(path.join(this.derivedDir, a, b, name), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }

  /** Removes a preview or thumbnail (of a file purged from the trash). */
  async removeDerived(relative: string): Promise<void> {
    await fs.promises.rm(this.derivedPath(relative), { force: true });
  }

  async derivedExists(relative: string): Promise<boolean> {
    try {
      return (await fs.promises.stat(this.derivedPath(relative))).isFile();
    } catch {
      return false;
    }
  }

  /** Every object file's SHA-256 (its name), for the sweep of orphans. */
  async *listObjects(): AsyncGenerator<string> {
    for (const a of await readdirSafe(this.objectsDir)) {
      for (const b of await readdirSafe(path.join(this.objectsDir, a))) {
        for (const name of await readdirSafe(path.join(this.objectsDir, a, b))) yield name;
      }
    }
  }

  /** Removes a stray file in objects/ (not named like a hash, or a hash no row refers to). */
  async removeObjectFile(name: string): Promise<void> {
    if (SHA256.test(name)) return this.removeObject(name);
    // Not named like an object: find and remove it wherever it lies in the two-level tree.
    for (const a of await readdirSafe(this.objectsDir)) {
      for (const b of await readdirSafe(path.join(this.objectsDir, a))) {
        await fs.promises.rm(path.join(this.objectsDir, a, b, name), { force: true });
      }
    }
  }
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return await fs.promises.readdir(dir);
  } catch {
    return [];
  }
}

const storages = new Map<string, EvidenceStorage>();

export function storageFor(dataDir: string): EvidenceStorage {
  let storage = storages.get(dataDir);
  if (!storage) {
    storage = new EvidenceStorage(dataDir);
    storages.set(dataDir, storage);
  }
  return storage;
}
