#!/usr/bin/env node
// After `vite build`: writes .br and .gz beside every text asset of web/dist, so the server sends
// compressed files without compressing on each request (@fastify/static preCompressed). On a
// parent's phone on a slow network the bytes are most of the first load.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (COMPRESSIBLE.test(entry.name)) yield full;
  }
}

if (!fs.existsSync(dist)) {
  console.error(`compress-web: ${dist} does not exist; run vite build first`);
  process.exit(1);
}
let raw = 0;
let brotli = 0;
for (const file of files(dist)) {
  const body = fs.readFileSync(file);
  const br = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
  const gz = zlib.gzipSync(body, { level: 9 });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, gz);
  raw += body.length;
  brotli += br.length;
}
console.log(`compress-web: ${(raw / 1024).toFixed(0)} KiB of assets, ${(brotli / 1024).toFixed(0)} KiB with brotli`);
