import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A test's own fixture folder, and a private TMPDIR so a test can tell that reading an import
 * left no temporary file anywhere (libraries such as `tmp` write to os.tmpdir()).
 */
export function importFixtures() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-import-'));
  const files = path.join(root, 'files');
  const tmp = path.join(root, 'tmp');
  fs.mkdirSync(files);
  fs.mkdirSync(tmp);
  let previous: string | undefined;
  return {
    files,
    tmp,
    file: (name: string) => path.join(files, name),
    write: (name: string, content: string | Buffer) => {
      const p = path.join(files, name);
      fs.writeFileSync(p, content);
      return p;
    },
    /** Call in beforeAll. */
    enter: () => {
      previous = process.env.TMPDIR;
      process.env.TMPDIR = tmp;
    },
    /** Call in afterAll. */
    leave: () => {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      fs.rmSync(root, { recursive: true, force: true });
    },
    /** What is left in the private TMPDIR (should be nothing). */
    leftovers: () => fs.readdirSync(tmp),
  };
}

/** Collects an async iterable. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
