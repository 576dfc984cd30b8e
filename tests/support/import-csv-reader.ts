import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse';

/**
 * A tiny CSV reader with the shape of src/imports/import-file.ts (contract section 1), for the
 * engine's tests until branch import-file lands: UTF-8, comma-separated, streamed from disk.
 */
export async function openImportFile(filePath: string, opts: { originalName?: string } = {}) {
  const bytes = fs.readFileSync(filePath);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const stream = () => fs.createReadStream(filePath).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  let header: string[] = [];
  let rowCount = 0;
  for await (const rec of stream()) {
    if (!header.length) header = (rec as string[]).map((s) => s.trim());
    else rowCount++;
  }
  const name = path.basename(opts.originalName ?? filePath).replace(/\.[^.]+$/, '');
  return {
    format: 'csv' as const,
    encoding: 'utf-8' as const,
    delimiter: ',',
    sha256,
    bytes: bytes.length,
    notices: [],
    sheets: [
      {
        name,
        header,
        rowCount,
        async *rows() {
          let line = 0;
          for await (const rec of stream()) {
            line++;
            if (line === 1) continue;
            const cells = header.map((_, i) => String((rec as string[])[i] ?? '').trim());
            yield { line, cells };
          }
        },
      },
    ],
  };
}
