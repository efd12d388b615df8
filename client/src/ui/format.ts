/** Display formatting shared by the views. Dates are shown in UTC so every reader sees the same day. */
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const monthYearFormat = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const numberFormat = new Intl.NumberFormat('en');

const valid = (iso: string) => !Number.isNaN(Date.parse(iso));

export const formatDate = (iso: string) => (valid(iso) ? dateFormat.format(new Date(iso)) : '');
export const formatMonthYear = (iso: string) => (valid(iso) ? monthYearFormat.format(new Date(iso)) : '');

/** "1 reaction", "12 reactions". */
export const count = (n: number, singular: string, plural = `${singular}s`) =>
  `${numberFormat.format(n)} ${n === 1 ? singular : plural}`;

export const readingTime = (minutes: number) => `${Math.max(1, Math.round(minutes))} min read`;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** Initials for an avatar placeholder. */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');

/** A stable hue per author id, for avatar backgrounds. */
export const hue = (id: string) => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);

export const setTitle = (title: string) => {
  document.title = title ? `${title} · SysDesPro` : 'SysDesPro — system design, written by engineers';
};
