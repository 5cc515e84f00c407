import { describe, expect, it } from 'vitest';
import { APP_URL } from './app-protocol';
import { isOwnUrlOf } from './own-url';

describe('isOwnUrlOf', () => {
  it('the premise: Node gives every app:// URL the same opaque origin', () => {
    expect(new URL('app://counter/index.html').origin).toBe('null');
    expect(new URL('app://evil/index.html').origin).toBe(new URL(APP_URL).origin);
  });

  it('takes only app://counter as the packaged UI', () => {
    const own = isOwnUrlOf(APP_URL);
    expect(own('app://counter/index.html')).toBe(true);
    expect(own('app://counter/index.html#/display')).toBe(true);
    expect(own('app://counter/assets/index-abc.js?x=1')).toBe(true);
    expect(own('app://evil/index.html')).toBe(false);
    expect(own('app://counter.evil/index.html')).toBe(false);
    expect(own('app://user@counter/index.html')).toBe(false);
    expect(own('file:///etc/passwd')).toBe(false);
    expect(own('https://counter/')).toBe(false);
    expect(own('http://127.0.0.1:8787/')).toBe(false);
    expect(own('not a url')).toBe(false);
    expect(own('')).toBe(false);
  });

  it('takes the dev server by scheme, host and port', () => {
    const own = isOwnUrlOf('http://localhost:5173/');
    expect(own('http://localhost:5173/index.html')).toBe(true);
    expect(own('http://localhost:5174/')).toBe(false);
    expect(own('https://localhost:5173/')).toBe(false);
    expect(own('http://127.0.0.1:5173/')).toBe(false);
  });
});
