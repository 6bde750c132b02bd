// Which hosts are no site's public address: this machine's, and the names RFC 2606 reserves for
// examples and tests. One rule, read by the settings (placeholders refused) and the ids file.
import { describe, expect, it } from 'vitest';
import { isLocalUrl, isUnpublishedUrl, reservedHost } from '../../src/core/site-url.ts';

describe('reservedHost', () => {
  it('finds every name reserved for examples and tests, and every name under one', () => {
    for (const url of [
      'http://example.org/',
      'https://example.com/',
      'https://example.net/blog/',
      'https://www.example.com/',
      'https://feeds.blog.example.org/',
      'https://EXAMPLE.COM/',
      'https://example.org./',
      'https://example.org:8443/',
      'https://site.example/',
      'https://example/',
      'https://blog.test/',
      'https://a.b.test/',
      'https://nowhere.invalid/',
    ])
      expect(reservedHost(url), url).toBe('placeholder');
  });

  it("takes this machine's names as local, not as placeholders", () => {
    for (const url of [
      'http://localhost:8787/',
      'http://blog.localhost/',
      'http://127.0.0.1:8787/',
      'http://127.8.9.10/',
      'http://[::1]:8787/',
      'http://0.0.0.0/',
    ]) {
      expect(reservedHost(url), url).toBe('local');
      expect(isLocalUrl(url), url).toBe(true);
    }
  });

  it('passes the names that only look like reserved ones', () => {
    for (const url of [
      'https://example.community/',
      'https://notexample.com/',
      'https://myexample.org/',
      'https://test.dev/',
      'https://example.com.au/',
      'https://example.co/',
      'https://examples.org/',
      'https://testing.io/',
      'https://invalid.dev/',
      'https://example.org.feedwright.dev/',
      'https://feedwright.dev/',
      'http://192.168.1.2/',
    ]) {
      expect(reservedHost(url), url).toBeUndefined();
      expect(isUnpublishedUrl(url), url).toBe(false);
    }
  });

  it('says nothing of what is no URL', () => {
    expect(reservedHost('example.org')).toBeUndefined();
    expect(reservedHost('')).toBeUndefined();
  });
});
