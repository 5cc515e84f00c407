import { describe, expect, it } from 'vitest';
import { fileFor } from './app-protocol';

describe('fileFor', () => {
  const root = '/opt/counter/out/renderer';

  it('maps app://counter/ URLs into the renderer folder', () => {
    expect(fileFor(root, 'app://counter/')).toBe(`${root}/index.html`);
    expect(fileFor(root, 'app://counter/index.html')).toBe(`${root}/index.html`);
    expect(fileFor(root, 'app://counter/assets/index-abc.js?v=1')).toBe(`${root}/assets/index-abc.js`);
  });

  it('never leaves the folder or serves another host', () => {
    // URL parsing already removes dot segments, encoded or not.
    expect(fileFor(root, 'app://counter/../../etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(fileFor(root, 'app://counter/%2e%2e/%2e%2e/etc/passwd')).toBe(`${root}/etc/passwd`);
    // Encoded slashes survive parsing; the decoded path must still stay inside.
    expect(fileFor(root, 'app://counter/assets/..%2f..%2f..%2fetc/passwd')).toBeUndefined();
    expect(fileFor(root, 'app://other/index.html')).toBeUndefined();
  });
});
