import type { ImageLimits } from '../../../shared/api/z-claim-metadata';

// Where the portrait is cut from a camera frame or a file, and to what size (DESIGN §14). ICAO 9303
// Part 3 portraits are taller than wide; the configuration's `image` limits give the exact shape.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Share of the frame's height the face-box guide covers: the holder stands where the guide says. */
export const GUIDE_HEIGHT = 0.9;

/** The centred box of the limits' shape, as tall as `share` of the source allows (and no wider than it). */
export function cropBox(sourceWidth: number, sourceHeight: number, limits: Pick<ImageLimits, 'width' | 'height'>, share = 1): Box {
  const aspect = limits.width / limits.height;
  let height = sourceHeight * share;
  let width = height * aspect;
  if (width > sourceWidth) {
    width = sourceWidth;
    height = width / aspect;
  }
  return { x: (sourceWidth - width) / 2, y: (sourceHeight - height) / 2, width, height };
}

/** The output size: the limits, or smaller when the cut-out is smaller (never scaled up). */
export function outputSize(
  box: Pick<Box, 'width' | 'height'>,
  limits: Pick<ImageLimits, 'width' | 'height'>,
): { width: number; height: number } {
  const scale = Math.min(1, limits.width / box.width, limits.height / box.height);
  return { width: Math.max(1, Math.round(box.width * scale)), height: Math.max(1, Math.round(box.height * scale)) };
}

/** JPEG qualities tried in turn until the file fits maxBytes. */
export const JPEG_QUALITIES = [0.92, 0.85, 0.75, 0.65, 0.5, 0.35] as const;

/** The box as percentages of the frame, for drawing the guide over the video. */
export const asPercent = (box: Box, width: number, height: number) => ({
  left: `${(box.x / width) * 100}%`,
  top: `${(box.y / height) * 100}%`,
  width: `${(box.width / width) * 100}%`,
  height: `${(box.height / height) * 100}%`,
});
