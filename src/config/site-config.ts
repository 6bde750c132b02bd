/**
 * The site's configuration: what a user writes (UserConfig), validated once into a SiteConfig (the
 * feed's settings) and RunSettings (the process's). Both types and the validation come from the
 * one definition of every setting in settings.ts.
 */
import { describe, nearestName } from '../core/describe.ts';
import { isRecord } from '../core/guards.ts';
import { PLACEHOLDER, reservedHost, type SiteUrl } from '../core/site-url.ts';
import { INVALID, type InOf, type OutOf } from './setting-kit.ts';
import {
  type Defaulted,
  FEED_SETTINGS,
  type flatName,
  type Group,
  PROCESS_SETTINGS,
  type Setting,
  type Values,
} from './settings.ts';

type FeedGroups = typeof FEED_SETTINGS;
type GroupName = keyof FeedGroups;
type SettingsOf<G extends GroupName> = FeedGroups[G]['settings'];

/** Every feed setting, as `{ key, setting }`: its name in its group, and its definition. */
type FeedEntry = {
  [G in GroupName]: {
    [K in keyof SettingsOf<G>]: { key: K; setting: SettingsOf<G>[K] };
  }[keyof SettingsOf<G>];
}[GroupName];

// biome-ignore lint/suspicious/noExplicitAny: any setting, whatever its types
type AnySetting = Setting<any, any, string>;

/** The name a setting has at the top level and in SiteConfig: its `flat` name, else its own. */
type FlatOf<S> = S extends AnySetting ? NonNullable<S[typeof flatName]>[0] : never;
type FlatName<K, S> = [FlatOf<S>] extends [never] ? K : FlatOf<S>;
type In<S> = S extends AnySetting ? InOf<S['field']> : never;
type Out<S> =
  S extends Defaulted<infer _In, infer O, infer _F>
    ? O
    : S extends Setting<infer _In, infer O, infer _F>
      ? O | undefined
      : never;

/** The feed's settings in their groups: the spelling to prefer. */
export type GroupedConfig = {
  readonly [G in GroupName]?: { readonly [K in keyof SettingsOf<G>]?: In<SettingsOf<G>[K]> };
};

/** The feed's settings by their top-level names, as earlier versions took them (`title`, `feedsPer`). */
export type FlatConfig = {
  readonly [E in FeedEntry as FlatName<E['key'], E['setting']>]?: In<E['setting']>;
};

/** The process's settings (also command-line flags). */
export type ProcessConfig = {
  readonly [K in keyof typeof PROCESS_SETTINGS]?: In<(typeof PROCESS_SETTINGS)[K]>;
};

/** A key both a group and a flat setting (`feeds`) takes either: a table is the group. */
type Either<A, B> = {
  readonly [K in keyof A | keyof B]?:
    | (K extends keyof A ? Exclude<A[K], undefined> : never)
    | (K extends keyof B ? Exclude<B[K], undefined> : never);
};

/**
 * What a config file, `defineConfig()` or the API takes. Every field is optional. The feed's
 * settings are in groups (`identity: { title }`), the spelling to prefer; each can also be written
 * at the top level by its earlier name (`title`). See the README's reference.
 */
export type UserConfig = Either<GroupedConfig, FlatConfig & ProcessConfig>;

/** The validated configuration of the feeds, every default applied: each setting by its flat name. */
export type SiteConfig = {
  readonly [E in FeedEntry as FlatName<E['key'], E['setting']>]: Out<E['setting']>;
} & {
  /** `serve`'s schedule (a process setting, kept here for regeneration). */
  readonly refresh: string;
};

/** Where and how to run, beside the feeds' configuration: what the command-line flags also say. */
export type RunSettings = {
  readonly [K in keyof typeof PROCESS_SETTINGS]: Out<(typeof PROCESS_SETTINGS)[K]>;
};

/** Config as it arrives from a file, flags or JSON: anything, checked by parseConfig(). */
export type ConfigInput = { readonly [K in keyof UserConfig]?: unknown };

/**
 * Gives a config file its types.
 * @example export default defineConfig({ identity: { title: 'My blog', siteUrl: 'https://example.org/' } })
 */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** A setting where the config defines it: its group (none for a process setting), key and flat name. */
export interface SettingPlace {
  readonly group: GroupName | undefined;
  readonly key: string;
  readonly flat: string;
  readonly setting: AnySetting;
}

/** Every setting in reading order: the feed's by group, then the process's. */
export const SETTINGS: readonly SettingPlace[] = [
  ...Object.entries(FEED_SETTINGS).flatMap(([group, { settings }]) =>
    Object.entries(settings as Record<string, AnySetting>).map(([key, setting]) => ({
      group: group as GroupName,
      key,
      flat: setting.flat ?? key,
      setting,
    })),
  ),
  ...Object.entries(PROCESS_SETTINGS as Record<string, AnySetting>).map(([key, setting]) => ({
    group: undefined,
    key,
    flat: key,
    setting,
  })),
];

const BY_FLAT = new Map(SETTINGS.map((place) => [place.flat, place]));
const GROUPS: Readonly<Record<string, Group<Record<string, AnySetting>>>> = FEED_SETTINGS;

/** A value written for a setting, where (as the config spelt it: `identity.title`, `title`) and in which layer. */
interface Written {
  readonly value: unknown;
  readonly at: string;
  readonly layer: number;
}

function unknown(at: string, name: string, known: readonly string[]): string {
  const guess = nearestName(name, known);
  return guess
    ? `unknown setting "${at}": did you mean "${guess}"?`
    : `unknown setting "${at}" (see the README's reference)`;
}

/** The settings one layer (the `index`th) writes, by flat name; a setting written twice in it is a problem. */
function gather(layer: ConfigInput, index: number, problems: string[]): Map<string, Written> {
  const written = new Map<string, Written>();
  const put = (flat: string, value: unknown, at: string) => {
    const earlier = written.get(flat);
    if (earlier) problems.push(`${at} and ${earlier.at} are one setting: write it once`);
    else written.set(flat, { value, at, layer: index });
  };
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    const group = GROUPS[key];
    const flat = BY_FLAT.get(key);
    if (group && (isRecord(value) || !flat)) {
      if (!isRecord(value)) {
        problems.push(
          `${key} must be a table of settings (${Object.keys(group.settings).join(', ')}), got ${describe(value)}`,
        );
        continue;
      }
      for (const [name, v] of Object.entries(value)) {
        const setting = group.settings[name];
        if (v === undefined) continue;
        if (!setting) problems.push(unknown(`${key}.${name}`, name, Object.keys(group.settings)));
        else put(setting.flat ?? name, v, `${key}.${name}`);
      }
    } else if (flat) put(flat.flat, value, key);
    else problems.push(unknown(key, key, [...Object.keys(GROUPS), ...BY_FLAT.keys()]));
  }
  return written;
}

/** Reads every setting of config layers, later layers winning setting by setting; throws every problem at once. */
function readLayers(layers: readonly ConfigInput[]): {
  values: Record<string, unknown>;
  written: ReadonlyMap<string, Written>;
} {
  const problems: string[] = [];
  const written = new Map<string, Written>();
  for (const [index, layer] of layers.entries())
    for (const [flat, value] of gather(layer, index, problems)) written.set(flat, value);
  const values: Record<string, unknown> = {};
  const reading = { problems, values };
  for (const { flat, key, group, setting } of SETTINGS) {
    const given = written.get(flat);
    const fallback = typeof setting.default === 'function' ? setting.default(values) : setting.default;
    const readDefault = () =>
      fallback === undefined
        ? undefined
        : setting.field.read(fallback, group ? `${group}.${key}` : key, reading);
    let value = given === undefined ? readDefault() : setting.field.read(given.value, given.at, reading);
    // A wrong value is reported; the default stands in, so settings read after it are checked too.
    if (value === INVALID && given !== undefined) value = readDefault();
    values[flat] = value === INVALID ? undefined : value;
  }
  if (problems.length) throw new ConfigError(problems);
  return { values, written };
}

const FEED_FLATS = SETTINGS.flatMap((place) => (place.group ? [place.flat] : []));

/** A config as read: the settings, and which of them some layer wrote (by flat name). */
export interface ReadConfig {
  readonly config: SiteConfig;
  readonly run: RunSettings;
  /** The settings written in some layer, by flat name: the others are their defaults. */
  readonly given: ReadonlySet<string>;
  /** The addresses written as placeholders (example.org…), in reading order: siteUrl first. */
  readonly placeholders: readonly PlaceholderAddress[];
}

/**
 * An address readers are sent to (siteUrl, feedsUrl) that a layer wrote at a host reserved for
 * examples and tests: a stand-in nobody replaced. Published, it sends every reader nowhere, so
 * what publishes refuses it (placeholderLine), naming where it was written.
 */
export interface PlaceholderAddress {
  /** The setting by its flat name (`siteUrl`). */
  readonly flat: string;
  /** The setting as the layer spelt it (`identity.siteUrl`, `siteUrl`). */
  readonly at: string;
  /** The layer that wrote it: its index in readConfig's layers. */
  readonly layer: number;
  /** The value as written (`http://example.org`), else the URL read. */
  readonly written: string;
  /** What to do instead, in a few words (the setting's). */
  readonly instead: string;
}

/** Validates config layers (a site's own settings, the file, the flags: later ones win), reporting every problem at once. */
export function readConfig(layers: readonly ConfigInput[]): ReadConfig {
  const { values, written } = readLayers(layers);
  const config = Object.fromEntries([...FEED_FLATS, 'refresh'].map((flat) => [flat, values[flat]]));
  const run = Object.fromEntries(Object.keys(PROCESS_SETTINGS).map((key) => [key, values[key]]));
  // Only what a layer wrote: a default (feedsUrl's is siteUrl) is said where it comes from.
  const placeholders = SETTINGS.flatMap(({ flat, setting }): PlaceholderAddress[] => {
    const given = written.get(flat);
    const url = values[flat] as SiteUrl | undefined;
    if (setting.placeholder === undefined || !given || !url || reservedHost(url.href) !== 'placeholder')
      return [];
    const text = typeof given.value === 'string' ? given.value : url.href;
    return [{ flat, at: given.at, layer: given.layer, written: text, instead: setting.placeholder }];
  });
  return {
    config: config as SiteConfig,
    run: run as RunSettings,
    given: new Set(written.keys()),
    placeholders,
  };
}

/**
 * The one line a placeholder address is refused with (build, build-worker, check, buildContent) or
 * said with (serve): `source` names where it was written, as its file has it (`hugo.toml: baseURL =
 * 'http://example.org/'`, `--site-url https://example.com/`).
 */
export function placeholderLine(placeholder: PlaceholderAddress, source: string): string {
  return `${source} is ${PLACEHOLDER}: ${placeholder.instead}`;
}

/**
 * What the environment gives the settings that name a variable (`PORT`, `FEEDWRIGHT_ACCEPT_ID_CHANGES`),
 * as a config layer; a value that cannot be one is a ConfigError naming the variable.
 */
export function envInput(env: Readonly<Record<string, string | undefined>>): ConfigInput {
  const input: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const { flat, setting } of SETTINGS) {
    const raw = setting.env === undefined ? undefined : env[setting.env];
    if (setting.env === undefined || raw === undefined || raw === '') continue;
    if (setting.field.shape === 'number') {
      if (/^\d{1,15}$/.test(raw)) input[flat] = Number(raw);
      else problems.push(`${setting.env} must be a whole number, got ${describe(raw)}`);
    } else if (setting.field.shape === 'boolean') {
      if (/^(?:1|true)$/i.test(raw)) input[flat] = true;
      else if (/^(?:0|false)$/i.test(raw)) input[flat] = false;
      else problems.push(`${setting.env} must be 1 or 0 (true or false), got ${describe(raw)}`);
    } else input[flat] = raw;
  }
  if (problems.length) throw new ConfigError(problems);
  return input;
}

/**
 * The settings whose default only stands in on this machine (siteUrl) that no layer set, each as one
 * line naming it: what `build`, `build-worker` and `check` refuse, and `serve` says.
 */
export function unsetStandIns(given: ReadonlySet<string>): string[] {
  return SETTINGS.filter((place) => place.setting.standIn !== undefined && !given.has(place.flat)).map(
    (place) =>
      `${place.group ? `${place.group}.${place.key}` : place.key} is not set: ${place.setting.standIn}`,
  );
}

/** Validates a config object, reporting every problem at once. */
export function parseConfig(input: ConfigInput): SiteConfig {
  return readConfig([input]).config;
}

/** The settings of where and how to run, from the same config input. */
export function runSettings(input: ConfigInput): RunSettings {
  return readConfig([input]).run;
}

/** A validated config written back as input (JSON): parseConfig() of it gives the same config. */
export function configInput(config: SiteConfig): ConfigInput {
  const input: Record<string, unknown> = {};
  for (const flat of [...FEED_FLATS, 'refresh']) {
    const place = BY_FLAT.get(flat);
    const value = (config as Values)[flat];
    const written = place?.setting.write ? place.setting.write(value) : value;
    if (written !== undefined) input[flat] = written;
  }
  return input;
}

export type { InOf, OutOf, Values };
