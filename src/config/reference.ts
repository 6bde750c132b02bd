/**
 * What the settings' one definition (settings.ts) says to people: the README's reference table and
 * the config `feedwright init` writes. tests/config/reference.test.ts fails when the README is not
 * what this makes; `npm run docs:config` writes it.
 */
import { FEED_SETTINGS } from './settings.ts';
import { SETTINGS, type SettingPlace } from './site-config.ts';

/** A value as a config file writes it: `'text'`, `['a', 'b']`, `{ site: 50 }`. */
export function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, v]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : literal(key)}: ${literal(v)}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

/** The default as the reference shows it: the value, or what it is made from. */
function defaultText(place: SettingPlace): string | undefined {
  const { setting } = place;
  if (setting.defaultDoc !== undefined) return setting.defaultDoc;
  if (setting.default === undefined || typeof setting.default === 'function') return undefined;
  return literal(setting.default);
}

/** A setting's default as a value a config writes, when it has one (not one made from other settings). */
function plainDefault(place: SettingPlace): unknown {
  const { setting } = place;
  return typeof setting.default === 'function' || setting.defaultDoc !== undefined
    ? undefined
    : setting.default;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function row(place: SettingPlace): string {
  const name = place.group ? `\`${place.group}.${place.key}\`` : `\`${place.key}\``;
  const flat = place.group ? ` (\`${place.flat}\`)` : '';
  const fallback = defaultText(place);
  const shownDefault =
    fallback === undefined ? 'none' : place.setting.defaultDoc === undefined ? `\`${fallback}\`` : fallback;
  const example = place.setting.example === undefined ? '' : ` E.g. \`${literal(place.setting.example)}\`.`;
  const env =
    place.setting.env === undefined ? '' : ` Also the environment variable \`${place.setting.env}\`.`;
  return `| ${name}${flat} | ${cell(place.setting.field.type)} | ${cell(shownDefault)} | ${cell(place.setting.doc + env + example)} |`;
}

const HEADER = '| Setting | Type | Default | What it does |\n| --- | --- | --- | --- |';

export const REFERENCE_START =
  '<!-- settings:start — made from src/config/settings.ts by `npm run docs:config`; edit there -->';
export const REFERENCE_END = '<!-- settings:end -->';

/** The README's reference: one table per group of the feed's settings, then the process's. */
export function configReference(): string {
  const groups = Object.entries(FEED_SETTINGS).map(([name, group]) => {
    const rows = SETTINGS.filter((place) => place.group === name).map(row);
    return `**\`${name}\`**: ${group.doc}\n\n${HEADER}\n${rows.join('\n')}`;
  });
  const process = SETTINGS.filter((place) => place.group === undefined).map(row);
  return [
    REFERENCE_START,
    ...groups,
    `**The process's settings**, at the top level: each is also a command-line flag, which wins; paths are relative to the config file.\n\n${HEADER}\n${process.join('\n')}`,
    REFERENCE_END,
  ].join('\n\n');
}

/** `readme` with the reference between its markers; throws when they are missing. */
export function withReference(readme: string, reference: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md has no settings section: ${REFERENCE_START} … ${REFERENCE_END}`);
  return readme.slice(0, start) + reference + readme.slice(end + REFERENCE_END.length);
}

/** `text` as `//` comment lines of at most `width` characters, indented. */
function comment(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + 3 + line.length + 1 + word.length > width) {
      lines.push(`${indent}// ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`${indent}// ${line}`);
  return lines;
}

/** What `init` knows of the site it stands in: values to write out, and what to say first. */
export interface InitValues {
  /** Where `defineConfig` is imported from. @default 'feedwright' */
  readonly importFrom?: string;
  /** Settings written out with these values, by flat name (the others are commented out). */
  readonly set?: Readonly<Record<string, unknown>>;
  /** Comment lines said before the settings (what was found, what is still to do). */
  readonly intro?: readonly string[];
  /** Settings something else sets (a site's own config, in site mode), by flat name. */
  readonly elsewhere?: readonly string[];
}

function settingLines(place: SettingPlace, indent: string, values: InitValues): string[] {
  const set = values.set ?? {};
  const lines = comment(place.setting.doc, indent);
  const written = set[place.flat] ?? place.setting.init;
  if (written !== undefined) return [...lines, `${indent}${place.key}: ${literal(written)},`];
  const shown = plainDefault(place);
  if (shown !== undefined) return [...lines, `${indent}// ${place.key}: ${literal(shown)},`];
  if (place.setting.standIn !== undefined && !values.elsewhere?.includes(place.flat))
    lines.push(
      `${indent}// Not set: build, build-worker and check refuse to run until it is (serve stands in).`,
    );
  if (place.setting.example === undefined) return lines;
  // An example, not the default: said so, in a comment that stays one when the line is uncommented.
  return [...lines, `${indent}// ${place.key}: ${literal(place.setting.example)}, // e.g.`];
}

/** The config `feedwright init` writes: every setting, in its group, with what it does. */
export function initTemplate(values: InitValues = {}): string {
  const lines = [
    `import { defineConfig } from '${values.importFrom ?? 'feedwright'}';`,
    '',
    '// feedwright: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, each tag and each category.',
    ...(values.intro ?? []).map((line) => `// ${line}`),
    '// Every setting is optional. One commented out shows its default; one marked "e.g." an example',
    '// (it has no plain default: see what it says).',
    'export default defineConfig({',
  ];
  for (const [name, group] of Object.entries(FEED_SETTINGS)) {
    lines.push(...comment(group.doc, '  '), `  ${name}: {`);
    for (const place of SETTINGS.filter((p) => p.group === name))
      lines.push(...settingLines(place, '    ', values));
    lines.push('  },');
  }
  lines.push(
    ...comment(
      "The process's settings (each also a command-line flag, which wins), relative to this file.",
      '  ',
    ),
  );
  for (const place of SETTINGS.filter((p) => p.group === undefined))
    lines.push(...settingLines(place, '  ', values));
  lines.push('});', '');
  return lines.join('\n');
}
