import { describe, expect, it } from 'vitest';
import { bytesToBase64, MAX_PORTRAIT_BYTES, readPortraitFile } from './file-value';

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

describe('readPortraitFile', () => {
  it('reads a JPEG into base64 with its name and size', async () => {
    const bytes = jpeg(1000);
    const result = await readPortraitFile(file(bytes, 'face.jpg'));
    expect(result).toEqual({
      ok: true,
      value: { name: 'face.jpg', size: 1000, type: 'image/jpeg', base64: Buffer.from(bytes).toString('base64') },
    });
  });

  it('refuses other formats, empty and oversized files', async () => {
    expect(await readPortraitFile(file(new TextEncoder().encode('\x89PNG\r\n')))).toMatchObject({
      ok: false,
      message: 'Choose a JPEG image',
    });
    expect(await readPortraitFile(file(new Uint8Array()))).toMatchObject({ ok: false, message: 'The file is empty' });
    expect(await readPortraitFile(file(jpeg(MAX_PORTRAIT_BYTES + 1)))).toMatchObject({ ok: false });
  });
});
