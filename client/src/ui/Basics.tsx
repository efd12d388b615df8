/** Small presentational pieces used across pages. */
import { For, type JSX, Show } from 'solid-js';
import { hue, initials } from './format.ts';

/**
 * A person's avatar: their uploaded image, else their initials on a colour of their own. Decorative (the
 * name is always next to it), so hidden from assistive technology.
 */
export function Avatar(props: { id: string; name: string; src?: string | null; size?: 'sm' | 'lg' }): JSX.Element {
  const className = () => `avatar${props.size === 'lg' ? ' avatar-lg' : ''}`;
  return (
    <Show
      when={props.src}
      fallback={
        <span class={className()} style={{ '--avatar-hue': String(hue(props.id)) }} aria-hidden="true">
          {initials(props.name)}
        </span>
      }
    >
      {(src) => <img class={`${className()} avatar-image`} src={src()} alt="" loading="lazy" decoding="async" />}
    </Show>
  );
}

export function TagChips(props: { tags: string[]; label?: string }): JSX.Element {
  return (
    <Show when={props.tags.length > 0}>
      <ul class="chips" aria-label={props.label ?? 'Tags'}>
        <For each={props.tags}>
          {(tag) => (
            <li>
              <a class="chip" href={`/t/${encodeURIComponent(tag)}`}>
                #{tag}
              </a>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/** Placeholder blocks while data loads; the container is aria-busy. */
export function Skeleton(props: { lines?: number; label?: string }): JSX.Element {
  return (
    <div class="skeleton" aria-busy="true" aria-live="polite">
      <span class="sr-only">{props.label ?? 'Loading…'}</span>
      <For each={Array.from({ length: props.lines ?? 3 })}>{() => <span class="skeleton-line" />}</For>
    </div>
  );
}

/** An empty state or an inline notice inside a section. */
export function Notice(props: { children: JSX.Element; tone?: 'info' | 'warn' | 'error' }): JSX.Element {
  return <div class={`notice notice-${props.tone ?? 'info'}`}>{props.children}</div>;
}

export const OFFLINE_MISSING = "You're offline and this page isn't saved on this device";

/** A failed action's words next to its control, announced as an alert; nothing when there is none. */
export function ErrorLine(props: { message: string | null | undefined }): JSX.Element {
  return (
    <Show when={props.message}>
      <p role="alert" class="field-error">
        {props.message}
      </p>
    </Show>
  );
}
