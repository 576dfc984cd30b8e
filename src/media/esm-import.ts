import vm from 'node:vm';

/**
 * Loads an ESM-only package (file-type, pdfjs-dist) from this CommonJS codebase.
 *
 * With `module: nodenext`, TypeScript keeps `import()` as is in CommonJS output, and Node runs it
 * natively: that is the path in production. Jest, however, runs every module inside a vm context
 * whose `import()` fails with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG unless Node is started
 * with --experimental-vm-modules. Only then do we compile the import in the main context, where
 * Node's own loader resolves it. The module then lives in the main realm, so callers must not rely
 * on `instanceof` for objects or errors coming out of it (see errorMessage).
 */
export async function importEsm<T>(nativeImport: () => Promise<T>, specifier: string): Promise<T> {
  try {
    return await nativeImport();
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG') throw err;
    return (await mainContextImport()(specifier)) as T;
  }
}

let mainContextImportFn: ((specifier: string) => Promise<unknown>) | undefined;

function mainContextImport(): (specifier: string) => Promise<unknown> {
  mainContextImportFn ??= vm.runInThisContext('(specifier) => import(specifier)', {
    filename: __filename,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  }) as (specifier: string) => Promise<unknown>;
  return mainContextImportFn;
}

/** Loads once and shares the promise; a failed load is retried on the next call. */
export function lazyEsm<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}
