import { describe, expect, it } from 'vitest';
import { allowPermission } from './permissions';

const own = (url: string) => url.startsWith('app://counter/');

describe('kiosk permissions', () => {
  it('allows the camera to our own UI, video only', () => {
    expect(allowPermission({ permission: 'media', url: 'app://counter/index.html', mediaTypes: ['video'] }, own)).toBe(true);
  });

  it('refuses the microphone, other pages, other permissions, and media requests that do not say what', () => {
    expect(allowPermission({ permission: 'media', url: 'app://counter/index.html', mediaTypes: ['video', 'audio'] }, own)).toBe(false);
    expect(allowPermission({ permission: 'media', url: 'app://counter/index.html', mediaTypes: ['audio'] }, own)).toBe(false);
    expect(allowPermission({ permission: 'media', url: 'https://evil.example/', mediaTypes: ['video'] }, own)).toBe(false);
    expect(allowPermission({ permission: 'media', url: 'app://counter/index.html' }, own)).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(allowPermission({ permission, url: 'app://counter/index.html', mediaTypes: ['video'] }, own)).toBe(false);
    }
  });
});
