// The option types are checked by tsc: without its `@ts-expect-error` directives, user-config.types.ts
// has an error on exactly the lines they stood over, each about the value it names, and none
// elsewhere — so with them it compiles, and no directive hides nothing (npm run typecheck too).
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const file = new URL('./user-config.types.ts', import.meta.url).pathname;
const source = readFileSync(file, 'utf8');
const options: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  allowImportingTsExtensions: true,
  noEmit: true,
  skipLibCheck: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2024.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
};

/** The diagnostics of the file with `text` in its place, as `line: message`. */
function diagnostics(text: string): string[] {
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? text : read(name));
  const program = ts.createProgram([file], options, host);
  const sourceFile = program.getSourceFile(file);
  return ts.getPreEmitDiagnostics(program, sourceFile).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

describe('the option types', () => {
  it('take the settings as the reference writes them, and refuse each wrong value on its line', () => {
    const lines = source.split('\n');
    const directive = /^\s*\/\/ @ts-expect-error/;
    const expected = lines.flatMap((line, i) => (directive.test(line) ? [i + 2] : []));
    expect(expected.length).toBeGreaterThanOrEqual(8);
    const stripped = lines.map((line) => (directive.test(line) ? '' : line));
    const errors = diagnostics(stripped.join('\n'));
    const errorLines = [...new Set(errors.map((error) => Number(error.split(':')[0])))];
    expect(errorLines, errors.join('\n')).toEqual(expected);
    // Each for the value, not for something else on the line.
    expect(errors.join('\n')).toMatch(/'string' is not assignable to type 'number'/);
    expect(errors.join('\n')).toMatch(/"gatsby"/);
    expect(errors.join('\n')).toMatch(/'titel' does not exist/);
    expect(errors.join('\n')).toMatch(/'permalink' does not exist/);
  }, 60_000);
});
