import { redactorFor } from '../people/redaction';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ejs from 'ejs';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import yazl from 'yazl';
import { can } from '../auth/policy';
import { Actor } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { validationFailed } from '../http/errors';
import { t } from '../i18n/i18n';
import { Sha256PassThrough } from '../media';
import { log } from '../logger';
import { requireEvidenceCase } from './evidence-access';
import { custodyLog } from './evidence-custody';
import { custodyWords } from './custody-wording';
import { raiseAlert, setFileHeaders } from './evidence-files';
import { linksOfItems } from './evidence-links';
import { EvidenceStorage } from './evidence-storage';
import { custody, filesOf, listEvidence } from './evidence.service';
import { presentItem } from './evidence.presenter';
import { User } from '../users/user.entity';
import { currentLanguage, runInLanguage, translator } from '../i18n/i18n';

const VIEWS = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../views' : '../../views');

/** A name safe inside a ZIP on every system. */
function zipName(text: string, max = 60): string {
  const cleaned = text.normalize('NFC').replace(/[^\p{L}\p{N}._ -]+/gu, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return [...cleaned].slice(0, max).join('') || 'file';
}

/**
 * Streams the evidence of a case (or a selection) as a ZIP: the originals exactly as stored,
 * then manifest.json, manifest.html and SHA256SUMS, written last so that they can say whether
 * each file re-hashed to its recorded SHA-256 as it went into the archive. Files are read one
 * at a time from disk and never held in memory; the export is recorded in each item's custody
 * log before the first byte is sent.
 */
export async function streamBundle(ds: DataSource, storage: EvidenceStorage, actor: Actor, user: CurrentUser, caseId: number, itemIds: number[] | 'whole case', res: Response): Promise<void> {
  const { record, access } = await requireEvidenceCase(ds, user, caseId, 'evidence.export');
  let items = (await listEvidence(ds, user, caseId, access)).reverse();
  if (itemIds !== 'whole case') {
    // An empty selection is refused, never read as the whole case.
    const wanted = new Set(itemIds);
    items = items.filter((i) => wanted.has(i.id));
    if (wanted.size === 0 || items.length !== wanted.size) throw validationFailed({ items: t('evidence.errors.evidenceOfCase') });
  }
  items = items.filter((i) => can(user, 'evidence.files', { ...access, confidentiality: i.confidentiality }));
  const files = await filesOf(ds, items.map((i) => i.id));
  const bundleId = crypto.randomBytes(8).toString('hex');
  // manifest.html is written in the language of the user who asks for the bundle; it is rendered
  // when the ZIP reaches it, after the request's own context may be gone, so the language is kept here.
  const lang = currentLanguage();
  const exportedAt = new Date().toISOString();
  await withTransaction(ds, async (em) => {
    for (const item of items) await custody(em, actor, item, 'exported', { bundleId, files: files.filter((f) => f.itemId === item.id).length });
  });

  const gps = can(user, 'evidence.gps', access);
  const links = await linksOfItems(ds, user, caseId, items.map((i) => i.id));
  const users = new Map((await ds.getRepository(User).find({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const verified = new Map<number, boolean | 'missing'>();
  const zipPathOf = new Map<number, string>();
  const zip = new yazl.ZipFile();
  // Paths and the manifest are text written by people: protected names are withheld (people/redaction.ts).
  const redactor = redactorFor(ds, user).forCases([caseId]);

  for (const item of items) {
    const folder = `evidence/${item.id}-${zipName(redactor.text(item.title), 40)}`;
    for (const file of files.filter((f) => f.itemId === item.id)) {
      const entry = `${folder}/${String(file.position).padStart(3, '0')}-${zipName(redactor.text(file.originalName), 100)}`;
      zipPathOf.set(file.id, entry);
      const source = storage.objectPath(file.sha256);
      if (!fs.existsSync(source)) {
        verified.set(file.id, 'missing');
        void raiseAlert(ds, file.storedObjectId, file.sha256, { ok: false, kind: 'missing', actual: null }, 'download', actor).catch(() => undefined);
        continue;
      }
      zip.addReadStreamLazy(entry, { compress: false, size: file.size, mtime: file.createdAt }, (cb) => {
        const hasher = new Sha256PassThrough();
        hasher.on('end', () => {
          const digest = hasher.digest();
          const ok = digest.sha256 === file.sha256;
          verified.set(file.id, ok);
          if (!ok) void raiseAlert(ds, file.storedObjectId, file.sha256, { ok: false, kind: 'mismatch', actual: digest.sha256 }, 'download', actor).catch(() => undefined);
        });
        const stream = fs.createReadStream(source);
        stream.on('error', (err) => hasher.destroy(err));
        cb(null, stream.pipe(hasher));
      });
    }
  }

  const wording = (item: (typeof items)[number]) => ({
    receivedFrom: item.receivedFrom,
    files: files.filter((f) => f.itemId === item.id).map((f) => ({ id: f.id, position: f.position, name: f.originalName })),
  });
  const manifest = async () => {
    const entries = [];
    for (const item of items) {
      const view = presentItem(caseId, item, files.filter((f) => f.itemId === item.id), { files: true, gps });
      entries.push({
        id: item.id,
        type: view.type,
        typeLabel: view.typeLabel,
        title: item.title,
        description: item.description,
        contentDate: view.contentDate?.text ?? null,
        confidentiality: item.confidentiality,
        provenance: {
          receivedFrom: item.receivedFrom,
          receivedHow: item.receivedHow,
          receivedDate: view.provenance.receivedDate?.text ?? null,
          enteredBy: item.enteredById ? (users.get(item.enteredById) ?? null) : null,
        },
        paperLocation: item.paperLocation,
        graphic: item.graphic,
        links: (links.get(item.id) ?? []).map((l) => ({ kind: l.kind, id: l.id, label: l.label })),
        files: view.files.map((f) => ({
          path: zipPathOf.get(f.id),
          originalName: f.name,
          sha256: f.sha256,
          size: f.size,
          mime: f.mime,
          keptAsOther: f.keptAsOther,
          verifiedAtExport: verified.get(f.id) ?? false,
          ...(gps ? { gps: f.gps ?? null } : {}),
        })),
        custody: (await custodyLog(ds, item.id)).map((e) => {
          // The same plain sentence as the evidence page ("Received in person from …, entered by …").
          const says = custodyWords(e, wording(item));
          return { seq: e.seq, at: e.at, actor: e.actor, action: e.action, says: says.text, note: says.note, description: e.label, detail: e.detail, hash: e.hash };
        }),
      });
    }
    return redactor.deep({
      format: 'casebook-evidence-bundle/1',
      bundleId,
      exportedAt,
      exportedBy: { id: user.id, name: user.name, email: user.email },
      case: { id: record.id, code: record.code, title: record.title },
      howToVerify: 'Each file in evidence/ must hash (SHA-256) to the value listed here and in SHA256SUMS (sha256sum -c SHA256SUMS). The custody entries are entries of the Casebook audit trail; their hashes chain (casebook audit verify).',
      gpsIncluded: gps,
      items: entries,
    });
  };

  let manifestPromise: ReturnType<typeof manifest> | undefined;
  const built = () => (manifestPromise ??= runInLanguage(lang, manifest));
  const lazyText = (render: (m: Awaited<ReturnType<typeof manifest>>) => Promise<string> | string) => (cb: (err: unknown, stream: NodeJS.ReadableStream) => void) => {
    built()
      .then(render)
      .then((text) => {
        const out = new PassThrough();
        out.end(Buffer.from(text, 'utf8'));
        cb(null, out);
      }, (err) => cb(err, undefined as never));
  };
  zip.addReadStreamLazy('manifest.json', lazyText((m) => JSON.stringify(m, null, 2) + '\n'));
  zip.addReadStreamLazy('manifest.html', lazyText((m) => runInLanguage(lang, () => ejs.renderFile(path.join(VIEWS, 'evidence', 'manifest.ejs'), { m, t: translator(lang), lang }))));
  zip.addReadStreamLazy('SHA256SUMS', lazyText((m) => m.items.flatMap((i) => i.files.filter((f) => f.path).map((f) => `${f.sha256}  ${f.path}\n`)).join('')));
  zip.end();

  setFileHeaders(res, { mime: 'application/zip', disposition: 'attachment', name: `evidence-${record.code}-${exportedAt.slice(0, 10)}.zip`, category: 'other' });
  res.setHeader('Content-Type', 'application/zip');
  res.removeHeader('Accept-Ranges');
  zip.on('error', (err: unknown) => {
    log.error('evidence bundle failed', { bundleId, error: String(err) });
    res.destroy();
  });
  try {
    await pipeline(zip.outputStream, res);
  } catch {
    // The client went away, or a file failed: the response is already cut off.
  }
}
