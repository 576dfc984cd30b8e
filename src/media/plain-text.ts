import fs from 'node:fs/promises';

export interface PlainTextResult {
  text: string;
  /** Whether the file was longer than what was read. */
  truncated: boolean;
}

/** Default share of a text file read for search: its first 5 MiB. */
export const PLAIN_TEXT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The text of a UTF-8 file (as detected by detectFileType), for search. Reads at most `maxBytes`;
 * a character cut at that boundary is dropped, invalid bytes become U+FFFD and NULs are removed.
 */
export async function extractPlainText(filePath: string, maxBytes = PLAIN_TEXT_MAX_BYTES): Promise<PlainTextResult> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const truncated = size > bytesRead;
    const bytes = truncated ? withoutCutCharacter(buffer.subarray(0, bytesRead)) : buffer.subarray(0, bytesRead);
    const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes).replace(/\u0000/g, '');
    return { text, truncated };
  } finally {
    await handle.close();
  }
}

/** Drops a UTF-8 sequence left incomplete at the end of `bytes`. */
function withoutCutCharacter(bytes: Buffer): Buffer {
  let start = bytes.length - 1;
  // Walk back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (start >= 0 && start > bytes.length - 4 && (bytes[start]! & 0xc0) === 0x80) start--;
  if (start < 0) return bytes;
  const lead = bytes[start]!;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - start < needed ? bytes.subarray(0, start) : bytes;
}
