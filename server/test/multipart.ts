/** A fixed boundary, so a matrix case's headers and body agree without sharing state. */
export const MULTIPART_BOUNDARY = '----otmetka-test-boundary-7c1e';

export const multipartHeaders = () => ({ 'content-type': `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` });

/** A multipart/form-data body with one file field named "file". */
export function multipartFile(fileName: string, content: Buffer | string, contentType = 'application/octet-stream'): Buffer {
  const head = `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return Buffer.concat([
    Buffer.from(head, 'utf8'),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${MULTIPART_BOUNDARY}--\r\n`, 'utf8'),
  ]);
}
