import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { makePdf, makeTempDir, photo } from './media-fixtures';

const ROOT = path.resolve(__dirname, '../..');

/**
 * file-type and pdf.js are ESM-only. Under Jest, src/media falls back to importing them in the main
 * context (see esm-import.ts); this checks that the CommonJS that tsc emits loads them with Node's
 * own `import()`, without that fallback.
 */
describe('media library as compiled CommonJS', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads file-type and pdf.js with native import()', () => {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    });
    const sourceDir = path.join(ROOT, 'src/media');
    const outDir = path.join(dir, 'media');
    fs.mkdirSync(outDir);
    for (const name of fs.readdirSync(sourceDir).filter((file) => file.endsWith('.ts'))) {
      const fileName = path.join(sourceDir, name);
      const { outputText } = ts.transpileModule(fs.readFileSync(fileName, 'utf8'), {
        compilerOptions: { ...config!.options, sourceMap: false },
        fileName,
      });
      if (name === 'detect-type.ts') expect(outputText).toContain("import('file-type')");
      fs.writeFileSync(path.join(outDir, name.replace(/\.ts$/, '.js')), outputText);
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(dir, 'doc.pdf'), makePdf(['compiled output works']));

    const script = `
      const media = require('./media/index.js');
      (async () => {
        const jpeg = await media.detectFileType(${JSON.stringify(photo('Canon_40D.jpg'))});
        const pdf = await media.extractPdfText('./doc.pdf');
        console.log(JSON.stringify({ jpeg: jpeg.mime, pdf }));
      })().catch((err) => { console.error(err); process.exit(1); });`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', timeout: 30_000 });

    expect(run.stderr).not.toContain('USE_MAIN_CONTEXT_DEFAULT_LOADER');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      jpeg: 'image/jpeg',
      pdf: { ok: true, pageCount: 1, text: 'compiled output works', truncated: false, warnings: [] },
    });
  });
});
