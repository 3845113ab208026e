import { describe, expect, it } from 'vitest';
import { completeServerUrl, normalizeServerUrl, serverUrlProblem } from './client';

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

describe('what the address field keeps (completeServerUrl, serverUrlProblem)', () => {
  it('puts the app’s scheme before an address typed without one (review: refused)', () => {
    expect(completeServerUrl(' localhost:8801 ', 'http:')).toBe('http://localhost:8801');
    expect(completeServerUrl('192.168.1.20:8080/tracker', 'http:')).toBe(
      'http://192.168.1.20:8080/tracker',
    );
    expect(completeServerUrl('tracker.example.org', 'https:')).toBe('https://tracker.example.org');
    // A scheme given is kept, even one that is then refused.
    expect(completeServerUrl('https://host', 'http:')).toBe('https://host');
    expect(completeServerUrl('ftp://host', 'http:')).toBe('ftp://host');
    expect(completeServerUrl('   ', 'http:')).toBe('');
  });

  it('says a user name or password is the problem, not the scheme (review)', () => {
    expect(serverUrlProblem('http://user:pw@localhost:8801')).toBe('credentials');
    expect(serverUrlProblem('https://user@host')).toBe('credentials');
    expect(serverUrlProblem('ftp://user:pw@host')).toBe('invalid');
    expect(serverUrlProblem('not a url')).toBe('invalid');
    expect(serverUrlProblem('http://host:8080')).toBeNull();
    expect(serverUrlProblem('')).toBeNull();
  });
});
