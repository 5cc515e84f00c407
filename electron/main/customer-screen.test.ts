import { describe, expect, it } from 'vitest';
import { customerDisplaySetting, customerScreen, nextCustomerWindowStep, type ScreenInfo } from './customer-screen';

const screen = (id: number, x: number, extra: Partial<ScreenInfo> = {}): ScreenInfo => ({
  id,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  ...extra,
});
const laptop = screen(1, 0, { internal: true });
const left = screen(7, -1920);
const right = screen(3, 1920);

describe('customerScreen', () => {
  it('is none with one screen, or when turned off', () => {
    expect(customerScreen([laptop], laptop.id, 'auto')).toBeUndefined();
    expect(customerScreen([laptop, right], laptop.id, 'off')).toBeUndefined();
    expect(customerScreen([], undefined, 'auto')).toBeUndefined();
  });

  it('is never the screen the clerk works on', () => {
    expect(customerScreen([laptop, right], laptop.id, 'auto')).toBe(right);
    expect(customerScreen([laptop, right], right.id, 'auto')).toBe(laptop);
  });

  it('prefers an external screen to a built-in panel, then the leftmost', () => {
    const desk = screen(9, 5000);
    expect(customerScreen([laptop, right, left], desk.id, 'auto')).toBe(left);
    expect(customerScreen([right, laptop], desk.id, 'auto')).toBe(right);
    expect(customerScreen([right, left, laptop], left.id, 'auto')).toBe(right);
  });

  it('does not depend on the order the screens are listed in', () => {
    const screens = [laptop, right, left, screen(4, 1920, { bounds: { x: 1920, y: 1080, width: 800, height: 600 } })];
    const picks = new Set(
      [0, 1, 2, 3].map((shift) => customerScreen([...screens.slice(shift), ...screens.slice(0, shift)], laptop.id, 'auto')?.id),
    );
    expect([...picks]).toEqual([left.id]);
  });
});

describe('nextCustomerWindowStep', () => {
  it('opens when a second screen appears and closes when it goes', () => {
    expect(nextCustomerWindowStep(undefined, right)).toEqual({ step: 'open', screen: right });
    expect(nextCustomerWindowStep(right, undefined)).toEqual({ step: 'close' });
    expect(nextCustomerWindowStep(undefined, undefined)).toEqual({ step: 'keep' });
  });

  it('keeps the window while nothing changed, and moves it when its screen changed', () => {
    expect(nextCustomerWindowStep(right, screen(3, 1920))).toEqual({ step: 'keep' });
    const resized = screen(3, 1920, { bounds: { x: 1920, y: 0, width: 1280, height: 720 } });
    expect(nextCustomerWindowStep(right, resized)).toEqual({ step: 'move', screen: resized });
    expect(nextCustomerWindowStep(right, left)).toEqual({ step: 'move', screen: left });
  });
});

describe('customerDisplaySetting', () => {
  it('is auto unless turned off, and refuses anything else', () => {
    expect(customerDisplaySetting({})).toBe('auto');
    expect(customerDisplaySetting({ COUNTER_CUSTOMER_DISPLAY: 'AUTO' })).toBe('auto');
    expect(customerDisplaySetting({ COUNTER_CUSTOMER_DISPLAY: 'off' })).toBe('off');
    expect(customerDisplaySetting({ COUNTER_CUSTOMER_DISPLAY: '0' })).toBe('off');
    expect(() => customerDisplaySetting({ COUNTER_CUSTOMER_DISPLAY: 'left' })).toThrow(/auto or off/);
  });
});
