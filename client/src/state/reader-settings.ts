/**
 * Reader settings (theme, font size): their rules, and applying them to the page. The user doc syncs
 * them between devices; a copy in localStorage applies them before the first paint, so the page does not
 * flash in the wrong theme while the user doc (and Yjs) loads. No Yjs here: every page loads this.
 */

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const FONT_SIZES = ['small', 'medium', 'large', 'x-large'] as const;
export type FontSize = (typeof FONT_SIZES)[number];

export type ReaderSettings = { theme: Theme; fontSize: FontSize };
export const DEFAULT_SETTINGS: ReaderSettings = { theme: 'system', fontSize: 'medium' };

export const THEME_LABELS: Record<Theme, string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };
export const FONT_SIZE_LABELS: Record<FontSize, string> = {
  small: 'Small',
  medium: 'Medium',
  large: 'Large',
  'x-large': 'Extra large',
};

const isOneOf = <T extends string>(options: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (options as readonly string[]).includes(value);

/**
 * Settings from anywhere untrusted (another device's doc, localStorage): each known field kept when
 * valid, anything else falls back to its default.
 */
export function parseSettings(value: unknown): ReaderSettings {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    theme: isOneOf(THEMES, record.theme) ? record.theme : DEFAULT_SETTINGS.theme,
    fontSize: isOneOf(FONT_SIZES, record.fontSize) ? record.fontSize : DEFAULT_SETTINGS.fontSize,
  };
}

/** A change from the settings form, checked: `null` when `field` or `value` is not a setting. */
export function settingChange(field: string, value: string): Partial<ReaderSettings> | null {
  if (field === 'theme' && isOneOf(THEMES, value)) return { theme: value };
  if (field === 'fontSize' && isOneOf(FONT_SIZES, value)) return { fontSize: value };
  return null;
}

/** The page follows the settings through two attributes on <html> (styles.css reads them). */
export function applySettings(root: HTMLElement, settings: ReaderSettings): void {
  if (settings.theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = settings.theme;
  if (settings.fontSize === 'medium') delete root.dataset.fontSize;
  else root.dataset.fontSize = settings.fontSize;
}

const CACHE_KEY = 'sdp:reader-settings';

/** The settings last applied on this device (defaults when none, or storage is blocked). */
export function cachedSettings(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage) {
  try {
    return parseSettings(JSON.parse(storage?.getItem(CACHE_KEY) ?? 'null'));
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** Applies the settings and keeps them for the next page load. */
export function keepAndApply(
  settings: ReaderSettings,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  if (typeof document !== 'undefined') applySettings(document.documentElement, settings);
  try {
    storage?.setItem(CACHE_KEY, JSON.stringify(settings));
  } catch {
    // Storage blocked: the settings still apply to this page.
  }
}
