import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';

/**
 * One backup is one file: a tar of the database copy, the attachments and manifest.json (last,
 * with every other entry's SHA-256), optionally sealed with AES-256-GCM (decision 016).
 *
 * Sealed layout: MAGIC (8) | salt (16) | key check (16) | records. The file key is HKDF-SHA256 of
 * BACKUP_KEY with the salt; the key check (an HMAC under it) tells a wrong key from a damaged
 * file. A record is final flag (1) | length (4, BE) | ciphertext | tag (16), sealed with the
 * nonce 0000|counter and its 5-byte head as associated data: a record cut, dropped, reordered or
 * altered fails its tag, and a file cut at a record boundary lacks its final record.
 */
export const MAGIC = Buffer.from('OTMBAK\x00\x01', 'latin1');
const RECORD = 1 << 20;

/** Why an archive could not be read or used; exitCode is what the CLI exits with. */
export class BackupError extends Error {
  constructor(
    readonly code: 'corrupt' | 'key_missing' | 'key_wrong' | 'newer_schema' | 'not_empty' | 'verify_failed' | 'failed',
    message: string,
  ) {
    super(message);
  }
  get exitCode(): number {
    return { corrupt: 4, key_missing: 4, key_wrong: 4, newer_schema: 5, not_empty: 6, verify_failed: 7, failed: 1 }[this.code];
  }
}

const fileKey = (secret: string, salt: Buffer) =>
  Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), salt, 'otmetka backup v1', 32));
const keyCheck = (key: Buffer) => createHmac('sha256', key).update('otmetka backup key check').digest().subarray(0, 16);
const nonceOf = (counter: number) => {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(counter), 4);
  return nonce;
};

class Sealer extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private counter = 0;
  private readonly key: Buffer;
  constructor(secret: string) {
    super();
    const salt = randomBytes(16);
    this.key = fileKey(secret, salt);
    this.push(Buffer.concat([MAGIC, salt, keyCheck(this.key)]));
  }
  private record(plain: Buffer, final: boolean): void {
    const head = Buffer.alloc(5);
    head.writeUInt8(final ? 1 : 0, 0);
    head.writeUInt32BE(plain.length, 1);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonceOf(this.counter++));
    cipher.setAAD(head);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    this.push(Buffer.concat([head, body, cipher.getAuthTag()]));
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    // Hold back at least one byte: the last record, sealed in _flush, carries the final flag.
    while (this.pendingBytes > RECORD) {
      const all = Buffer.concat(this.pending);
      this.record(all.subarray(0, RECORD), false);
      const rest = all.subarray(RECORD);
      this.pending = [rest];
      this.pendingBytes = rest.length;
    }
    done();
  }
  override _flush(done: TransformCallback): void {
    this.record(Buffer.concat(this.pending), true);
    done();
  }
}

class Opener extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  private key: Buffer | null = null;
  private counter = 0;
  private finished = false;
  constructor(private readonly secret: string | null) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    try {
      this.drain();
      done();
    } catch (error) {
      done(error as Error);
    }
  }
  private drain(): void {
    if (!this.key) {
      if (this.buffer.length < 40) return;
      if (!this.buffer.subarray(0, 8).equals(MAGIC)) throw new BackupError('corrupt', 'the file is not an Otmetka backup');
      if (!this.secret) throw new BackupError('key_missing', 'the backup is encrypted: set BACKUP_KEY to the key it was made with');
      const key = fileKey(this.secret, this.buffer.subarray(8, 24));
      if (!timingSafeEqual(keyCheck(key), this.buffer.subarray(24, 40))) {
        throw new BackupError('key_wrong', 'BACKUP_KEY is not the key this backup was encrypted with');
      }
      this.key = key;
      this.buffer = this.buffer.subarray(40);
    }
    while (this.buffer.length >= 5) {
      if (this.finished) throw new BackupError('corrupt', 'the backup has data after its end: the file is damaged');
      const length = this.buffer.readUInt32BE(1);
      if (length > RECORD) throw new BackupError('corrupt', 'the backup is damaged (a record of impossible length)');
      if (this.buffer.length < 5 + length + 16) return;
      const head = this.buffer.subarray(0, 5);
      const decipher = createDecipheriv('aes-256-gcm', this.key, nonceOf(this.counter++));
      decipher.setAAD(head);
      decipher.setAuthTag(this.buffer.subarray(5 + length, 5 + length + 16));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(this.buffer.subarray(5, 5 + length)), decipher.final()]);
      } catch {
        throw new BackupError('corrupt', 'the backup is damaged: a part of it fails its authentication');
      }
      this.finished = head.readUInt8(0) === 1;
      this.buffer = this.buffer.subarray(5 + length + 16);
      this.push(plain);
    }
  }
  override _flush(done: TransformCallback): void {
    if (!this.key || !this.finished || this.buffer.length > 0) {
      done(new BackupError('corrupt', 'the backup is truncated: its end is missing'));
      return;
    }
    done();
  }
}

export interface ArchiveEntry {
  /** Path inside the archive: database.sqlite, database.pgdump or attachments/…. */
  name: string;
  /** A file to stream in (the database copy) … */
  file?: string;
  /** … or the bytes themselves (an attachment, read whole: they are small and may vanish). */
  data?: Buffer;
}

export interface WrittenEntry {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Writes the archive to `dest` (mode 0600: it holds personal data). `manifestOf` receives every
 * entry's size and checksum and returns the manifest, stored last.
 */
export async function writeArchive(
  dest: string,
  entries: AsyncIterable<ArchiveEntry>,
  secret: string | null,
  manifestOf: (written: WrittenEntry[]) => object,
): Promise<void> {
  const pack = tar.pack();
  const out = fs.createWriteStream(dest, { mode: 0o600, flags: 'wx' });
  const done = secret ? pipeline(pack, new Sealer(secret), out) : pipeline(pack, out);
  const written: WrittenEntry[] = [];
  const add = (name: string, size: number, source: NodeJS.ReadableStream | Buffer) =>
    new Promise<string>((resolve, reject) => {
      const hash = createHash('sha256');
      const entry = pack.entry({ name, size, mode: 0o600, mtime: new Date(0) }, (error) =>
        error ? reject(error) : resolve(hash.digest('hex')),
      );
      if (Buffer.isBuffer(source)) {
        hash.update(source);
        entry.end(source);
      } else {
        source.on('data', (chunk: Buffer) => hash.update(chunk));
        source.on('error', reject);
        source.pipe(entry);
      }
    });
  try {
    for await (const e of entries) {
      if (e.data) {
        written.push({ path: e.name, size: e.data.length, sha256: await add(e.name, e.data.length, e.data) });
      } else if (e.file) {
        const size = fs.statSync(e.file).size;
        written.push({ path: e.name, size, sha256: await add(e.name, size, fs.createReadStream(e.file)) });
      }
    }
    const manifest = Buffer.from(JSON.stringify(manifestOf(written), null, 2));
    await add('manifest.json', manifest.length, manifest);
    pack.finalize();
    await done;
  } catch (error) {
    pack.destroy(error as Error);
    await done.catch(() => {});
    fs.rmSync(dest, { force: true });
    throw error;
  }
}

/** Whether a file starts as a sealed archive (so it needs BACKUP_KEY). */
export function isSealed(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    return fs.readSync(fd, head, 0, 8, 0) === 8 && head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

const SAFE_NAME = /^(database\.(sqlite|pgdump)|manifest\.json|attachments\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*)$/;

/**
 * Unpacks an archive into `dir` and answers its manifest (raw) and the checksum of each entry as
 * read. Nothing outside `dir` is written; a damaged, truncated or wrongly keyed file throws
 * BackupError.
 */
export async function readArchive(file: string, dir: string, secret: string | null): Promise<{ manifest: unknown; read: WrittenEntry[] }> {
  const extract = tar.extract();
  const read: WrittenEntry[] = [];
  let manifest: Buffer | null = null;
  extract.on('entry', (header, stream, next) => {
    const name = header.name;
    if (header.type !== 'file' || !SAFE_NAME.test(name) || name.split('/').includes('..')) {
      stream.resume();
      next(new BackupError('corrupt', `the backup holds an unexpected entry "${name.slice(0, 80)}"`));
      return;
    }
    const hash = createHash('sha256');
    let size = 0;
    const chunks: Buffer[] = [];
    const target = name === 'manifest.json' ? null : path.join(dir, name);
    if (target) fs.mkdirSync(path.dirname(target), { recursive: true });
    const sink = target ? fs.createWriteStream(target, { mode: 0o600 }) : null;
    stream.on('data', (data: unknown) => {
      const chunk = data as Buffer;
      hash.update(chunk);
      size += chunk.length;
      if (!sink) chunks.push(chunk);
    });
    const finish = (error?: Error | null) => {
      if (error) return next(error);
      if (target) read.push({ path: name, size, sha256: hash.digest('hex') });
      else manifest = Buffer.concat(chunks);
      next();
    };
    if (sink) pipeline(stream, sink).then(() => finish(), finish);
    else {
      stream.on('end', () => finish());
      stream.on('error', finish);
    }
  });
  const source = fs.createReadStream(file);
  const sealed = isSealed(file);
  try {
    if (sealed) await pipeline(source, new Opener(secret), extract);
    else await pipeline(source, extract);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('corrupt', `the backup is damaged or truncated (${(error as Error).message})`);
  }
  if (!manifest) throw new BackupError('corrupt', 'the backup has no manifest: the file is truncated or not an Otmetka backup');
  let parsed: unknown;
  try {
    parsed = JSON.parse((manifest as Buffer).toString('utf8'));
  } catch {
    throw new BackupError('corrupt', 'the backup’s manifest is damaged');
  }
  return { manifest: parsed, read };
}
