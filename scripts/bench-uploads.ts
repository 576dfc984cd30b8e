/**
 * Upload benchmark: 20 concurrent uploads of 20 MB each to the built server, started in a child
 * process on a temporary data directory; reports the time taken and the server's peak resident
 * memory (VmHWM from /proc). Usage: npm run bench:uploads [-- --uploads N --mb M]
 * Traffic goes to 127.0.0.1 only; the run is bounded and stops by itself.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/data-source';
import { createUser } from '../src/users/user.service';
import { createApiToken } from '../src/tokens/token.service';
import { CLI_ACTOR } from '../src/audit/audit.service';
import { CaseRecord } from '../src/cases/case.entity';

const ROOT = path.resolve(__dirname, '../..');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const n = i > 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

function peakRssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function waitForHealth(port: number): Promise<void> {
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    const ok = await new Promise<boolean>((resolve) => {
      http.get(`http://127.0.0.1:${port}/healthz`, (r) => { r.resume(); resolve(r.statusCode === 200); }).on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

/** One upload: an MP4 header and `bytes` of random data, written in 1 MiB chunks without holding the file. */
function uploadOne(port: number, token: string, caseId: number, index: number, bytes: number): Promise<{ status: number; ms: number; sha256: string }> {
  const boundary = `bench${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nvideo\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBench ${index}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="bench-${index}.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const mp4Header = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');
  const started = Date.now();
  const hash = crypto.createHash('sha256');
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/v1/cases/${caseId}/evidence`, headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(head.length + bytes + tail.length) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Date.now() - started, sha256: hash.digest('hex') }));
      },
    );
    req.on('error', reject);
    req.write(head);
    let sent = 0;
    const chunk = 1024 * 1024;
    const pump = () => {
      while (sent < bytes) {
        const size = Math.min(chunk, bytes - sent);
        const data = sent === 0 ? Buffer.concat([mp4Header, crypto.randomBytes(size - mp4Header.length)]) : crypto.randomBytes(size);
        hash.update(data);
        sent += size;
        if (!req.write(data)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
}

async function main(): Promise<void> {
  const uploads = arg('uploads', 20);
  const mb = arg('mb', 20);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-bench-'));
  const ds = await openDatabase({ databasePath: path.join(dir, 'casebook.sqlite') });
  const user = await createUser(ds, CLI_ACTOR, { email: 'bench@example.org', name: 'Bench', role: 'researcher', password: 'correct horse battery staple' });
  const { token } = await createApiToken(ds, CLI_ACTOR, user.id, 'bench');
  const caseId = (await ds.getRepository(CaseRecord).save({ code: 'RU-2024-9999', title: 'Benchmark', status: 'open', restricted: false })).id;
  await ds.destroy();

  const port = await freePort();
  const server = spawn(process.execPath, [path.join(ROOT, 'dist/src/server.js')], { env: { PATH: process.env.PATH ?? '', CASEBOOK_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'error' }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitForHealth(port);
    const baseline = peakRssKiB(server.pid!);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: uploads }, (_, i) => uploadOne(port, token, caseId, i, mb * 1024 * 1024)));
    const seconds = (Date.now() - started) / 1000;
    const peak = peakRssKiB(server.pid!);
    const failed = results.filter((r) => r.status !== 201);
    const objects = fs.readdirSync(path.join(dir, 'objects'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    process.stdout.write(
      [
        `uploads: ${uploads} concurrent × ${mb} MiB (${uploads * mb} MiB in all)`,
        `completed: ${results.length - failed.length} with 201, ${failed.length} failed${failed.length ? ` (statuses ${failed.map((f) => f.status).join(', ')})` : ''}`,
        `stored originals on disk: ${objects}`,
        `wall time: ${seconds.toFixed(1)} s (${((uploads * mb) / seconds).toFixed(0)} MiB/s); slowest upload ${(Math.max(...results.map((r) => r.ms)) / 1000).toFixed(1)} s`,
        `server peak RSS: ${(peak / 1024).toFixed(0)} MiB (at start-up: ${(baseline / 1024).toFixed(0)} MiB)`,
      ].join('\n') + '\n',
    );
    if (failed.length || objects !== uploads) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
