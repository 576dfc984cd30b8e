import fs from 'node:fs';
import path from 'node:path';
import { fullExportDoc } from '../src/transfer/transfer-docs';

/** Writes docs/full-export.md from the schema module (tests/integration/transfer-schema.test.ts checks it is current). */
const target = path.resolve(__dirname, '../../docs/full-export.md');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, fullExportDoc());
process.stdout.write(`Wrote ${target}\n`);
