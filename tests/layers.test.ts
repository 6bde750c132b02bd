// The import graph of src/: every folder is a layer and imports only from the layers below it;
// no two modules import each other, directly or around a circle. ARCHITECTURE.md's layer table is this one.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../src');

/** Lowest first. Folders on one rank (node, worker; cli, frameworks) must not import each other either. */
const LAYERS: readonly (readonly string[])[] = [
  ['core'],
  ['content'],
  ['source'],
  ['config'],
  ['sites'],
  ['catalog'],
  ['feeds'],
  ['publish'],
  ['http'],
  ['node', 'worker'],
  ['cli', 'frameworks'],
];
/** What may sit in src/ itself: entry points and the public API, which only wire. */
const ENTRY_POINTS = new Set([
  'index.ts',
  'cli.ts',
  'worker.ts',
  'hono.ts',
  'hono-edge.ts',
  'feed-app-options.ts',
  'astro.ts',
  'eleventy.ts',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(src).map((path) => relative(src, path));

function importsOf(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]/g)];
  const dynamic = [...text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)];
  return [...specifiers, ...dynamic]
    .map((m) => m[1] ?? '')
    .filter((specifier) => specifier.endsWith('.ts')) // data such as package.json is no layer
    .map((specifier) => relative(src, resolve(dirname(join(src, file)), specifier)));
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** The layer folder a file is in (its top folder under src/), or undefined for an entry point. */
const layerOf = (file: string): string | undefined =>
  file.includes('/') ? file.slice(0, file.indexOf('/')) : undefined;

/** The rank of a file's layer; entry points rank above every folder. */
function rank(file: string): number {
  const folder = layerOf(file);
  if (folder === undefined) return LAYERS.length;
  const index = LAYERS.findIndex((layer) => layer.includes(folder));
  if (index === -1) throw new Error(`src/${folder}/ is in no layer: add it to LAYERS and ARCHITECTURE.md`);
  return index;
}

describe('the layers of src/', () => {
  it('has every file in a layer folder, and only entry points at the top', () => {
    const loose = files.filter((file) => !file.includes('/') && !ENTRY_POINTS.has(file));
    expect(loose).toEqual([]);
    for (const file of files) expect(() => rank(file), file).not.toThrow();
  });

  it('imports only existing modules', () => {
    const missing = [...graph].flatMap(([file, deps]) =>
      deps.filter((dep) => !graph.has(dep)).map((dep) => `${file} → ${dep}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no import that runs up the layers or across one', () => {
    const wrong: string[] = [];
    for (const [file, deps] of graph) {
      for (const dep of deps) {
        // Rooms of one layer (content/render, content/paths…) may use each other; circles are
        // still refused below.
        if (layerOf(file) === layerOf(dep)) continue;
        if (rank(dep) >= rank(file)) wrong.push(`${file} → ${dep}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no circle of imports', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) visit(dep, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
