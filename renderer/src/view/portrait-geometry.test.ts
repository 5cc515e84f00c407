import { describe, expect, it } from 'vitest';
import { cropBox, outputSize } from './portrait-geometry';

const limits = { width: 420, height: 540 };

describe('portrait geometry', () => {
  it('cuts a centred box of the configured shape out of a landscape camera frame', () => {
    const box = cropBox(640, 480, limits, 0.9);
    expect(box.height).toBeCloseTo(432);
    expect(box.width / box.height).toBeCloseTo(420 / 540);
    expect(box.x + box.width / 2).toBeCloseTo(320);
    expect(box.y).toBeCloseTo(24);
  });

  it('is limited by the width of a narrow source', () => {
    const box = cropBox(300, 1000, limits);
    expect(box).toEqual({ x: 0, y: (1000 - 300 / (420 / 540)) / 2, width: 300, height: 300 / (420 / 540) });
  });

  it('scales down to the limits and never up', () => {
    expect(outputSize({ width: 840, height: 1080 }, limits)).toEqual({ width: 420, height: 540 });
    expect(outputSize({ width: 210, height: 270 }, limits)).toEqual({ width: 210, height: 270 });
  });
});
