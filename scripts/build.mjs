#!/usr/bin/env node
// Builds what the package ships: the entry points bundled by esbuild into dist/ (shared code in
// chunks, dependencies left to npm), and with --types the declarations into dist/types/.
// --types-only writes the declarations alone, leaving the bundles (which tests may be running) as they are.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const ENTRIES = ['cli', 'index', 'hono', 'hono-edge', 'worker', 'astro', 'eleventy'];

const typesOnly = process.argv.includes('--types-only');

if (!typesOnly) {
  // What an earlier build left (entry files and chunks), not the Worker's build output beside them.
  mkdirSync(dist, { recursive: true });
  for (const entry of readdirSync(dist, { withFileTypes: true })) {
    if (entry.isFile() || entry.name === 'chunks') rmSync(join(dist, entry.name), { recursive: true });
  }
  await build({
    entryPoints: ENTRIES.map((name) => join(root, 'src', `${name}.ts`)),
    outdir: dist,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

if (typesOnly || process.argv.includes('--types')) {
  const types = join(dist, 'types');
  rmSync(types, { recursive: true, force: true });
  const tsc = join(root, 'node_modules/.bin/tsc');
  // The Worker's declarations are compiled against the Workers types `wrangler types` generates into
  // .wrangler/types/ (ignored by git): made here when missing, so that `npm pack` works on a fresh
  // clone, before anything else (`npm test`) has made them.
  execFileSync(process.execPath, [join(root, 'scripts/worker-types.mjs')], { stdio: 'inherit' });
  for (const project of ['tsconfig.types.json', 'tsconfig.types.worker.json']) {
    execFileSync(tsc, ['-p', join(root, project)], { stdio: 'inherit' });
  }
  // Declarations keep the sources' `.ts` specifiers; consumers resolve `.js` to the `.d.ts` beside it.
  const rewrite = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) rewrite(path);
      else if (name.endsWith('.d.ts')) {
        const text = readFileSync(path, 'utf8');
        writeFileSync(path, text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2'));
      }
    }
  };
  rewrite(types);
}
