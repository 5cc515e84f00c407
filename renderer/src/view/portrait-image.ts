import type { ImageLimits } from '../../../shared/api/z-claim-metadata';
import type { FileValue } from './claims-form';
import { bytesToBase64 } from './file-value';
import { cropBox, JPEG_QUALITIES, outputSize, type Box } from './portrait-geometry';

// Canvas work for the portrait: cut, scale and encode as JPEG within the configuration's limits.

export type PortraitResult = { ok: true; value: FileValue } | { ok: false; reason: 'too-large' | 'unreadable' };

async function encode(canvas: HTMLCanvasElement, maxBytes: number): Promise<Blob | undefined> {
  for (const quality of JPEG_QUALITIES) {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (blob && blob.size <= maxBytes) return blob;
  }
  return undefined;
}

/** Draws `box` of the source into a canvas of the output size and encodes it. */
export async function portraitFrom(
  source: CanvasImageSource,
  box: Box,
  limits: ImageLimits,
  name: string,
  origin: 'file' | 'camera',
): Promise<PortraitResult> {
  const size = outputSize(box, limits);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return { ok: false, reason: 'unreadable' };
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, box.x, box.y, box.width, box.height, 0, 0, size.width, size.height);
  const blob = await encode(canvas, limits.maxBytes);
  if (!blob) return { ok: false, reason: 'too-large' };
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { ok: true, value: { name, size: bytes.length, type: 'image/jpeg', base64: bytesToBase64(bytes), source: origin } };
}

/** A JPEG or PNG file as a portrait of the configured shape and size. */
export async function portraitFromFile(file: Blob & { name: string }, limits: ImageLimits): Promise<PortraitResult> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  try {
    const name = file.name.replace(/\.[^.]*$/, '') + '.jpg';
    return await portraitFrom(bitmap, cropBox(bitmap.width, bitmap.height, limits), limits, name, 'file');
  } finally {
    bitmap.close();
  }
}
