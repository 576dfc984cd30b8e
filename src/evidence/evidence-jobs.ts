import { DataSource, IsNull } from 'typeorm';
import {
  Semaphore,
  createImageProcessor,
  extractPdfText,
  extractPlainText,
  readPhotoMetadata,
  readVideoLocation,
  type ImageProcessor,
} from '../media';
import { errorMessage } from '../media/error-message';
import { withTransaction } from '../db/transaction';
import { log } from '../logger';
import { EvidenceFile } from './evidence-file.entity';
import { EvidenceStorage } from './evidence-storage';
import { StoredObject } from './stored-object.entity';

type FileResult = Pick<
  EvidenceFile,
  'previewState' | 'previewNote' | 'previewPath' | 'thumbnailPath' | 'width' | 'height' | 'metadata' | 'gpsLatitude' | 'gpsLongitude' | 'gpsAltitude' | 'extractedText' | 'pageCount'
>;

/**
 * The work done after an upload has committed: previews and thumbnails, EXIF/XMP (with the GPS
 * position kept apart), PDF and text extraction. Each job reads one evidence_file row and
 * overwrites its results, so it can run again safely; rows still unprocessed at start-up (a
 * server stopped mid-job) are queued again. At most `concurrency` jobs run at once.
 */
export class EvidenceJobs {
  private readonly slots: Semaphore;
  private readonly pending = new Set<Promise<void>>();
  private readonly queued = new Map<number, Promise<void>>();

  constructor(
    private readonly ds: DataSource,
    private readonly storage: EvidenceStorage,
    private readonly images: ImageProcessor,
    concurrency = 2,
  ) {
    this.slots = new Semaphore(concurrency);
  }

  enqueue(fileIds: number[]): void {
    for (const id of fileIds) this.run(id);
  }

  /** Runs a file's job again (or joins the run already queued) and resolves when it has finished. */
  rerun(fileId: number): Promise<void> {
    return this.run(fileId);
  }

  private run(id: number): Promise<void> {
    const queued = this.queued.get(id);
    if (queued) return queued;
    const job: Promise<void> = this.slots
      .run(() => this.process(id))
      .catch((err) => log.error('evidence job failed', { fileId: id, error: errorMessage(err) }))
      .finally(() => {
        this.queued.delete(id);
        this.pending.delete(job);
      });
    this.queued.set(id, job);
    this.pending.add(job);
    return job;
  }

  /** Resolves when every queued job has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  async resumeUnprocessed(): Promise<number> {
    const rows = await this.ds.getRepository(EvidenceFile).find({ where: { processedAt: IsNull() }, select: { id: true } });
    this.enqueue(rows.map((r) => r.id));
    return rows.length;
  }

  private async process(fileId: number): Promise<void> {
    if (!this.ds.isInitialized) return;
    const file = await this.ds.getRepository(EvidenceFile).findOneBy({ id: fileId });
    if (!file) return;
    const object = await this.ds.getRepository(StoredObject).findOneByOrFail({ id: file.storedObjectId });
    let result: FileResult;
    try {
      result = await this.analyse(file, object.sha256);
    } catch (err) {
      result = { ...emptyResult(), previewState: 'none', previewNote: `no preview: processing failed (${errorMessage(err).slice(0, 200)})` };
    }
    if (!this.ds.isInitialized) return;
    await withTransaction(this.ds, async (em) => {
      if (await em.existsBy(EvidenceFile, { id: fileId })) await em.save(EvidenceFile, Object.assign(file, result, { processedAt: new Date() }));
    });
  }

  private async analyse(file: EvidenceFile, sha256: string): Promise<FileResult> {
    const result = emptyResult();
    const original = this.storage.objectPath(sha256);
    if (file.keptAsOther) return { ...result, previewNote: 'no preview: kept as other binary, never shown in the browser' };
    switch (file.category) {
      case 'image': {
        const meta = await readPhotoMetadata(original);
        const { gps, ...rest } = meta;
        result.metadata = rest as unknown as Record<string, unknown>;
        if (gps) {
          result.gpsLatitude = gps.latitude;
          result.gpsLongitude = gps.longitude;
          result.gpsAltitude = gps.altitude;
        }
        const made = await this.images.makeDerivatives(original, file.mime);
        if (!made.ok) return { ...result, previewNote: made.reason };
        const ext = made.preview.mime === 'image/webp' ? 'webp' : 'jpg';
        result.previewPath = await this.storage.writeDerived(sha256, 'preview', made.preview.data, ext);
        result.thumbnailPath = await this.storage.writeDerived(sha256, 'thumb', made.thumbnail.data, ext);
        result.previewState = 'ready';
        result.width = made.original.width;
        result.height = made.original.height;
        return result;
      }
      case 'pdf': {
        const text = await extractPdfText(original);
        if (text.ok) {
          result.extractedText = text.text;
          result.pageCount = text.pageCount;
        } else {
          result.metadata = { textNote: text.reason };
        }
        return { ...result, previewNote: 'no preview: PDFs open in the browser' };
      }
      case 'text': {
        const text = await extractPlainText(original);
        return { ...result, extractedText: text.text, previewNote: 'no preview: text is shown as it is' };
      }
      case 'video':
      case 'audio': {
        // Phones record where a video (or a voice memo) was made, as they do for photos.
        const location = await readVideoLocation(original);
        if (location.gps) {
          result.gpsLatitude = location.gps.latitude;
          result.gpsLongitude = location.gps.longitude;
          result.gpsAltitude = location.gps.altitude;
        }
        // `locationRead`: any position the file records is in the GPS fields (see mayRecordPosition).
        result.metadata = { locationRead: location.warnings.length === 0, ...(location.warnings.length ? { warnings: location.warnings } : {}) };
        return { ...result, previewNote: `no preview: ${file.category} plays in the browser` };
      }
      default:
        return { ...result, previewNote: 'no preview for this kind of file' };
    }
  }
}

function emptyResult(): FileResult {
  return {
    previewState: 'none',
    previewNote: null,
    previewPath: null,
    thumbnailPath: null,
    width: null,
    height: null,
    metadata: null,
    gpsLatitude: null,
    gpsLongitude: null,
    gpsAltitude: null,
    extractedText: null,
    pageCount: null,
  };
}

export function createJobs(ds: DataSource, storage: EvidenceStorage, maxPixels: number): EvidenceJobs {
  return new EvidenceJobs(ds, storage, createImageProcessor({ maxPixels, maxConcurrentJobs: 2 }), 2);
}
