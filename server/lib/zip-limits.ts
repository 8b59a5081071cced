import { inflateRawSync } from 'node:zlib';

/** Why a zip file was refused before it was unpacked. */
export type ZipRefusal = 'tooLarge' | 'unreadable';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Checks, without trusting what the zip says about itself, that its entries unpack to at most
 * `maxUnpacked` bytes in all and that there are at most `maxEntries` of them (a zip bomb in an
 * XLSX would otherwise exhaust the memory of the library that reads it). Entries are read from
 * the central directory, as spreadsheet libraries do; the declared sizes are checked first, then
 * each entry is really inflated with an output limit, so a lying header is caught too. Memory
 * stays within the limit. Returns null when the zip is within the limits.
 */
export function checkZipLimits(data: Buffer, maxUnpacked: number, maxEntries = 2000): ZipRefusal | null {
  const eocd = findEndOfCentralDirectory(data);
  if (eocd < 0) return 'unreadable';
  const entries = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff) return 'tooLarge'; // ZIP64: never needed for a plan
  if (entries > maxEntries) return 'tooLarge';
  const found: Array<{ method: number; compressed: number; local: number }> = [];
  let declared = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL) return 'unreadable';
    const method = data.readUInt16LE(offset + 10);
    const compressed = data.readUInt32LE(offset + 20);
    const unpacked = data.readUInt32LE(offset + 24);
    if (compressed === 0xffffffff || unpacked === 0xffffffff) return 'tooLarge';
    declared += unpacked;
    if (declared > maxUnpacked) return 'tooLarge';
    found.push({ method, compressed, local: data.readUInt32LE(offset + 42) });
    offset += 46 + data.readUInt16LE(offset + 28) + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  let budget = maxUnpacked;
  for (const entry of found) {
    const at = entry.local;
    if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL) return 'unreadable';
    const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
    const body = data.subarray(start, start + entry.compressed);
    if (body.length !== entry.compressed) return 'unreadable';
    let size: number;
    if (entry.method === 0) size = body.length;
    else if (entry.method === 8) {
      try {
        size = inflateRawSync(body, { maxOutputLength: budget + 1 }).length;
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'tooLarge';
        return 'unreadable';
      }
    } else return 'unreadable';
    budget -= size;
    if (budget < 0) return 'tooLarge';
  }
  return null;
}

function findEndOfCentralDirectory(data: Buffer): number {
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= stop; i--) if (data.readUInt32LE(i) === EOCD) return i;
  return -1;
}
