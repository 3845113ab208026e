import { describe, expect, it } from 'vitest';
import { normalizeServerUrl } from './client';

describe('the server address the user typed (normalizeServerUrl)', () => {
  it.each([
    ['http://192.168.1.20:8080', 'http://192.168.1.20:8080'],
    ['  https://tracker.example.org/  ', 'https://tracker.example.org'],
    // The app's own address pasted from the browser bar, with its screen.
    ['http://192.168.1.20:8080/#/settings', 'http://192.168.1.20:8080'],
    ['http://host:8080/?x=1#y', 'http://host:8080'],
    // The API's prefix, which the client adds itself.
    ['http://host:8080/api/v1', 'http://host:8080'],
    ['http://host:8080/api/v1/', 'http://host:8080'],
    ['http://host:8080/index.html', 'http://host:8080'],
    // A server behind a proxy at a sub-path keeps it.
    ['https://example.org/tracker/', 'https://example.org/tracker'],
    ['https://example.org/tracker/api/v1', 'https://example.org/tracker'],
  ])('%s → %s', (typed, base) => {
    expect(normalizeServerUrl(typed)).toBe(base);
  });

  it.each(['', '   ', 'ftp://host', 'host:8080', 'not a url', 'http://user:secret@host:8080'])(
    'refuses %j',
    (typed) => {
      expect(normalizeServerUrl(typed)).toBeNull();
    },
  );
});
