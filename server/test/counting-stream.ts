import { Readable } from 'node:stream';
import { MULTIPART_BOUNDARY } from './multipart.js';

/**
 * A multipart body of one file of `size` bytes, produced only as the server reads it, counting
 * what was read. A route that decides before reading leaves `pulled` near zero and `ended` false.
 */
export function countingMultipart(fileName: string, size: number, firstBytes = Buffer.alloc(0)) {
  const head = Buffer.from(
    `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${MULTIPART_BOUNDARY}--\r\n`, 'utf8');
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const state = { pulled: 0, ended: false };
  let sent = 0;
  let started = false;
  const stream = new Readable({
    highWaterMark: 16 * 1024,
    read() {
      if (!started) {
        started = true;
        const first = Buffer.concat([head, firstBytes]);
        state.pulled += first.length;
        sent += firstBytes.length;
        this.push(first);
        return;
      }
      if (sent >= size) {
        if (!state.ended) {
          state.ended = true;
          state.pulled += tail.length;
          this.push(tail);
          this.push(null);
        }
        return;
      }
      const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
      sent += part.length;
      state.pulled += part.length;
      this.push(part);
    },
  });
  return { stream, state, total: head.length + size + tail.length };
}
