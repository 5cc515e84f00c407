import { describe, expect, it } from 'vitest';
import { bytesToBase64, MAX_PORTRAIT_BYTES, MAX_SOURCE_BYTES, sniffPortraitFile } from './file-value';

const jpeg = (size: number): Uint8Array => {
  const bytes = new Uint8Array(size).map((_, i) => i % 251);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
};
const file = (bytes: Uint8Array, name = 'p.jpg'): Blob & { name: string } => Object.assign(new Blob([bytes as BlobPart]), { name });

describe('bytesToBase64', () => {
  it('matches Node for sizes around the chunk boundary', () => {
    for (const size of [0, 1, 2, 3, 0x8000 - 1, 0x8000, 0x8000 + 1, 100_000]) {
      const bytes = jpeg(Math.max(size, 4)).subarray(0, size);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

describe('sniffPortraitFile', () => {
  it('takes a small JPEG as it is', async () => {
    const bytes = jpeg(1000);
    expect(await sniffPortraitFile(file(bytes, 'face.jpg'))).toEqual({
      ok: true,
      value: { name: 'face.jpg', size: 1000, type: 'image/jpeg', base64: Buffer.from(bytes).toString('base64'), source: 'file' },
    });
  });

  it('sends PNGs and large JPEGs to be converted', async () => {
    expect(await sniffPortraitFile(file(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])))).toEqual({ ok: 'convert' });
    expect(await sniffPortraitFile(file(jpeg(MAX_PORTRAIT_BYTES + 1)))).toEqual({ ok: 'convert' });
  });

  it('refuses other formats, empty and huge files', async () => {
    expect(await sniffPortraitFile(file(new TextEncoder().encode('GIF89a....')))).toEqual({ ok: false, problem: 'not-image' });
    expect(await sniffPortraitFile(file(new Uint8Array()))).toEqual({ ok: false, problem: 'empty' });
    expect(await sniffPortraitFile(file(jpeg(MAX_SOURCE_BYTES + 1)))).toMatchObject({ ok: false, problem: 'too-large' });
  });
});
