import { describe, expect, it } from 'vitest';
import { applySettings, cachedSettings, DEFAULT_SETTINGS, parseSettings, settingChange } from './reader-settings.ts';

describe('reader settings', () => {
  it('keeps valid fields and defaults the rest', () => {
    expect(parseSettings({ theme: 'dark', fontSize: 'huge' })).toEqual({ theme: 'dark', fontSize: 'medium' });
    expect(parseSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('accepts only known settings and values from the form', () => {
    expect(settingChange('theme', 'light')).toEqual({ theme: 'light' });
    expect(settingChange('fontSize', 'x-large')).toEqual({ fontSize: 'x-large' });
    expect(settingChange('theme', 'x-large')).toBeNull();
    expect(settingChange('colour', 'dark')).toBeNull();
  });

  it('applies to the page through data attributes, removing them for the defaults', () => {
    const dataset: Record<string, string> = {};
    const root = { dataset } as unknown as HTMLElement;
    applySettings(root, { theme: 'dark', fontSize: 'large' });
    expect(dataset).toEqual({ theme: 'dark', fontSize: 'large' });
    applySettings(root, DEFAULT_SETTINGS);
    expect(dataset).toEqual({});
  });

  it('reads the cached copy, falling back to defaults when it is missing or broken', () => {
    expect(cachedSettings({ getItem: () => '{"theme":"light","fontSize":"small"}' })).toEqual({
      theme: 'light',
      fontSize: 'small',
    });
    expect(cachedSettings({ getItem: () => '{broken' })).toEqual(DEFAULT_SETTINGS);
    expect(cachedSettings({ getItem: () => null })).toEqual(DEFAULT_SETTINGS);
  });
});
