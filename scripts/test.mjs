#!/usr/bin/env node
// `npm test`: biome, then the type check beside vitest. The end-to-end tests spend much of their time
// waiting on the processes and servers they start, which leaves a core to tsc; its output is held
// and printed after vitest's. Fails if any of the three fails. Arguments go to vitest
// (`npm test -- --reporter=json --outputFile=report.json`, as .ci/run does).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const children = new Set();

/** Runs a command; resolves with its exit code and what it printed (when not shown as it goes). */
function run(command, args, show) {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', show ? 'inherit' : 'pipe', show ? 'inherit' : 'pipe'],
    });
    children.add(child);
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', (error) => {
      output += `${error.message}\n`;
    });
    child.on('close', (code, signal) => {
      children.delete(child);
      done({ code: code ?? (signal ? 1 : 0), output });
    });
  });
}

// Ctrl-C or a CI timeout stops all of it.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    process.exit(130);
  });
}

const lint = await run(npm, ['run', '--silent', 'lint'], true);
if (lint.code !== 0) process.exit(lint.code);

const started = performance.now();
const [types, tests] = await Promise.all([
  run(npm, ['run', '--silent', 'typecheck'], false).then((result) => ({
    ...result,
    seconds: (performance.now() - started) / 1000,
  })),
  run(
    process.execPath,
    [resolve(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)],
    true,
  ),
]);
if (types.code === 0) console.log(`typecheck: no errors (${types.seconds.toFixed(1)} s, beside the tests)`);
else console.log(`typecheck failed:\n${types.output}`);
process.exit(types.code !== 0 ? types.code : tests.code);
