import request from 'supertest';

/** A response body read as bytes (PDF, ZIP, files), whatever its Content-Type. */
export const binary = (r: request.Test) =>
  r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
