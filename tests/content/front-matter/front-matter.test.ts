import { describe, expect, it } from 'vitest';
import {
  FrontMatterError,
  frontMatterLength,
  lineOfField,
  splitFrontMatter,
} from '../../../src/content/front-matter/front-matter.ts';

describe('splitFrontMatter', () => {
  it('reads YAML between --- and keeps every scalar as text', () => {
    const fm = splitFrontMatter(
      '---\ntitle: 2024\ndraft: "false"\ndate: 2025-02-12 21:32:29\ntags: [a, b]\n---\n# Body\n',
    );
    expect(fm.format).toBe('yaml');
    expect(fm.data).toEqual({ title: '2024', draft: 'false', date: '2025-02-12 21:32:29', tags: ['a', 'b'] });
    expect(fm.body).toBe('# Body\n');
    expect(fm.bodyLine).toBe(7);
  });

  it('reads TOML between +++', () => {
    const fm = splitFrontMatter('+++\ntitle = "T"\ntags = ["x"]\ndate = 2025-01-02T03:04:05Z\n+++\nBody');
    expect(fm.format).toBe('toml');
    expect(fm.data.title).toBe('T');
    expect(fm.data.tags).toEqual(['x']);
    expect((fm.data.date as Date).toISOString()).toBe('2025-01-02T03:04:05.000Z');
    expect(fm.body).toBe('Body');
  });

  it('reads a JSON object at the top of the file, braces inside strings included', () => {
    const fm = splitFrontMatter('{\n  "title": "a } b",\n  "tags": ["x"]\n}\n\nBody {not json}\n');
    expect(fm.format).toBe('json');
    expect(fm.data).toEqual({ title: 'a } b', tags: ['x'] });
    expect(fm.body).toBe('\nBody {not json}\n');
    expect(fm.bodyLine).toBe(5);
  });

  it('reads ---yaml / ---toml / ---json language markers and a byte-order mark', () => {
    expect(splitFrontMatter('\uFEFF---yaml\na: b\n---\n').data).toEqual({ a: 'b' });
    expect(splitFrontMatter('---toml\na = "b"\n---\n').data).toEqual({ a: 'b' });
    expect(splitFrontMatter('---json\n{"a": "b"}\n---\n').data).toEqual({ a: 'b' });
  });

  it('treats a file without front matter as all body', () => {
    expect(splitFrontMatter('# Just text\n')).toMatchObject({
      format: 'none',
      data: {},
      body: '# Just text\n',
    });
  });

  it.each(['js', 'javascript', 'coffee'])('refuses ---%s, which would run code', (language) => {
    const text = `---${language}\n{ title: (() => { throw new Error("ran") })() }\n---\nBody`;
    expect(() => splitFrontMatter(text)).toThrow(/would run code/);
  });

  it('names the file line of a YAML error', () => {
    try {
      splitFrontMatter('---\ntitle: ok\ntags: [a, b\ndate: 2025-01-01\n---\nBody');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FrontMatterError);
      expect((error as FrontMatterError).line).toBe(4);
      expect((error as Error).message).toMatch(/invalid YAML/);
    }
  });

  it('names the file line of a TOML error', () => {
    const error = (() => {
      try {
        splitFrontMatter('+++\ntitle = "ok"\ndate = = 3\n+++\n');
      } catch (e) {
        return e as FrontMatterError;
      }
    })();
    expect(error?.line).toBe(3);
  });

  it('reports unclosed front matter and broken JSON', () => {
    expect(() => splitFrontMatter('---\ntitle: x\nno end')).toThrow(/never closed/);
    expect(() => splitFrontMatter('{ "title": "x", }\nBody')).toThrow(/invalid JSON/);
    expect(() => splitFrontMatter('{ "title": "x"\nBody')).toThrow(/never closed/);
    expect(() => splitFrontMatter('---\n- a list\n---\n')).toThrow(/not a map/);
  });

  it('finds the line a field is set on', () => {
    const fm = splitFrontMatter('---\ntitle: x\n\ndate: nope\n---\n');
    expect(lineOfField(fm, 'date')).toBe(4);
    const json = splitFrontMatter('{\n "title": "x",\n "date": "nope"\n}\n');
    expect(lineOfField(json, 'date')).toBe(3);
  });
});

describe('splitFrontMatter: bounded cost', () => {
  it('refuses a YAML alias bomb, naming the line of its first alias', () => {
    let aliases = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i <= 8; i++)
      aliases += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]\n`;
    try {
      splitFrontMatter(`---\ntitle: x\n${aliases}---\nBody\n`);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FrontMatterError);
      expect((error as FrontMatterError).message).toMatch(/^front matter expands to more than [\d,]+ values/);
      expect((error as FrontMatterError).line).toBe(4);
    }
  });

  it.each([
    ['YAML', `---\ntags: ${'['.repeat(200_000)}\n---\n`],
    ['JSON', `{"tags": ${'['.repeat(200_000)}${']'.repeat(200_000)}}\n`],
    ['YAML, 150 levels', `---\ntags: ${'['.repeat(150)}x${']'.repeat(150)}\n---\n`],
  ])('refuses %s nested deeper than 100 levels with a clear message', (_name, text) => {
    expect(() => splitFrontMatter(text)).toThrow(/nests deeper than 100 levels/);
  });

  it('reads an opening line of any length in linear time', () => {
    expect(() => splitFrontMatter(`---${'\t'.repeat(100_000)}x\ntitle: t\n---\n`)).toThrow(
      /unknown front matter language|never closed|invalid/,
    );
    expect(splitFrontMatter(`---${'\t'.repeat(100_000)}\ntitle: t\n---\n`).data).toEqual({ title: 't' });
  });
});

describe("Hugo's closing line: the first that starts with the delimiter (6)", () => {
  const dashes = '-'.repeat(64);
  const file = `---\ntitle: Long fence\ndate: 2024-01-01\n${dashes}\nBody.\n`;

  it('closes at a line of 64 dashes, whose dashes after the first three are the body', () => {
    const fm = splitFrontMatter(file, 'go', 'prefix');
    expect(fm.data.title).toBe('Long fence');
    expect(fm.body).toBe(`${'-'.repeat(61)}\nBody.\n`);
    expect(frontMatterLength(file, 'prefix')).toBe(file.indexOf(dashes) + 3);
    expect(frontMatterLength(`---\na: b\n---\nBody`, 'prefix')).toBe('---\na: b\n---\n'.length);
  });

  it('skips any white space before the block, a tab too', () => {
    expect(splitFrontMatter('\t---\ntitle: t\n---\nBody', 'go', 'prefix').data.title).toBe('t');
    expect(splitFrontMatter('\t---\ntitle: t\n---\nBody').data).toEqual({});
  });

  it('is not the rule of Jekyll and feedwright, whose closing line is the delimiter alone', () => {
    expect(() => splitFrontMatter(file)).toThrow(/never closed/);
    expect(frontMatterLength(file)).toBe(-1);
  });
});
