import type { FileValue } from './claims-form';

// Offer requests may be at most 500 KB (DESIGN §3) and base64 adds a third: keep the portrait well
// under that, with room for the other claims.
export const MAX_PORTRAIT_BYTES = 350_000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** ISO/IEC 10918-1: a JPEG starts with SOI (FF D8) followed by a marker (FF). */
export const isJpeg = (bytes: Uint8Array): boolean => bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

export type FileResult = { ok: true; value: FileValue } | { ok: false; message: string };

/** The portrait from a file input: a JPEG (ISO 18013-5 §7.2.2 portrait), small enough to send. */
export async function readPortraitFile(file: Blob & { name: string }): Promise<FileResult> {
  if (file.size === 0) return { ok: false, message: 'The file is empty' };
  if (file.size > MAX_PORTRAIT_BYTES)
    return { ok: false, message: `The file is ${Math.ceil(file.size / 1000)} KB; use a JPEG of at most ${MAX_PORTRAIT_BYTES / 1000} KB` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isJpeg(bytes)) return { ok: false, message: 'Choose a JPEG image' };
  return { ok: true, value: { name: file.name, size: file.size, type: 'image/jpeg', base64: bytesToBase64(bytes) } };
}
