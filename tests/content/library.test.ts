import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleLibrary } from '../../src/content/library.ts';
import { testConfig } from '../helpers.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'feedwright-library-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ArticleLibrary state kept between runs', () => {
  it('restores articles without reading files, and reads a body back exactly as at first read', async () => {
    writeFileSync(join(dir, 'yaml.md'), '---\ntitle: Y\ndate: 2025-01-01\n---\nYAML **body**\n');
    writeFileSync(join(dir, 'json.md'), '{ "title": "J", "date": "2025-01-02" }\nJSON body \u0007\n');
    const first = new ArticleLibrary(dir, testConfig());
    const scanned = await first.scan();
    const bodies = Object.fromEntries(scanned.articles.map((a) => [a.head.path, a.markdown()]));

    const again = new ArticleLibrary(dir, testConfig());
    again.restore(structuredClone(first.save()));
    const restored = await again.scan();
    expect(restored).toMatchObject({ seen: 2, read: 0, changed: 0 });
    for (const article of restored.articles) expect(article.markdown()).toBe(bodies[article.head.path]);
    expect(bodies['json.md']).toBe('JSON body \n'); // the control character is gone
  });

  it('refuses to read back a body whose file changed since', async () => {
    writeFileSync(join(dir, 'a.md'), '---\ntitle: A\ndate: 2025-01-01\n---\nOld\n');
    const first = new ArticleLibrary(dir, testConfig());
    await first.scan();
    const again = new ArticleLibrary(dir, testConfig());
    again.restore(first.save());
    const [article] = (await again.scan()).articles;
    writeFileSync(join(dir, 'a.md'), '---\ntitle: A\ndate: 2025-01-01\n---\nNew\n');
    expect(() => article?.markdown()).toThrow(/changed since it was read/);
  });
});
