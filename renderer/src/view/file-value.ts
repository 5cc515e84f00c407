import type { FileValue } from './claims-form';

// Offer requests may be at most 500 KB (DESIGN §3) and base64 adds a third: keep the portrait well
// under that, with room for the other claims.
export const MAX_PORTRAIT_BYTES = 350_000;
/** A PNG or an oversized photo is read up to this size before it is scaled down. */
export const MAX_SOURCE_BYTES = 15_000_000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** ISO/IEC 10918-1: a JPEG starts with SOI (FF D8) followed by a marker (FF). */
export const isJpeg = (bytes: Uint8Array): boolean => bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

/** ISO/IEC 15948 §5.2: the PNG signature. */
export const isPng = (bytes: Uint8Array): boolean =>
  bytes.length > 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);

export type FileProblem = 'empty' | 'too-large' | 'not-image';
export type FileResult = { ok: true; value: FileValue } | { ok: false; problem: FileProblem; sizeKb?: number };

/** What a chosen file is: a JPEG small enough to send as it is, an image to convert, or a problem. */
export async function sniffPortraitFile(file: Blob & { name: string }): Promise<FileResult | { ok: 'convert' }> {
  if (file.size === 0) return { ok: false, problem: 'empty' };
  if (file.size > MAX_SOURCE_BYTES) return { ok: false, problem: 'too-large', sizeKb: Math.ceil(file.size / 1000) };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isPng(bytes) || (isJpeg(bytes) && file.size > MAX_PORTRAIT_BYTES)) return { ok: 'convert' };
  if (!isJpeg(bytes)) return { ok: false, problem: 'not-image' };
  return { ok: true, value: { name: file.name, size: file.size, type: 'image/jpeg', base64: bytesToBase64(bytes), source: 'file' } };
}
