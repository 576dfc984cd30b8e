import { DataSource } from 'typeorm';
import { Config } from '../config';
import { configureLibvips } from '../media';
import { EvidenceJobs, createJobs } from './evidence-jobs';
import { EvidenceStorage, storageFor } from './evidence-storage';
import { receiveUpload } from './evidence-upload';

/** The disk, the post-upload job queue and the upload parser of one running app. */
export interface EvidenceRuntime {
  storage: EvidenceStorage;
  jobs: EvidenceJobs;
  receive: ReturnType<typeof receiveUpload>;
}

const runtimes = new WeakMap<DataSource, EvidenceRuntime>();
let libvipsConfigured = false;

export function evidenceRuntime(ds: DataSource, config: Config): EvidenceRuntime {
  let runtime = runtimes.get(ds);
  if (!runtime) {
    if (!libvipsConfigured) {
      // No operation cache: every upload is a new image, the cache would only hold memory and files.
      configureLibvips({ cache: false });
      libvipsConfigured = true;
    }
    const storage = storageFor(config.dataDir);
    runtime = { storage, jobs: createJobs(ds, storage, config.upload.maxImagePixels), receive: receiveUpload(config, storage) };
    runtimes.set(ds, runtime);
  }
  return runtime;
}

/** Resolves once the post-upload jobs of this app have finished (for tests and shutdown). */
export async function evidenceJobsIdle(ds: DataSource): Promise<void> {
  await runtimes.get(ds)?.jobs.idle();
}
