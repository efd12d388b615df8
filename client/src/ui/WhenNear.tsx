/**
 * Renders its children once its place on the page comes near the viewport (or at once with `eager`, or
 * where IntersectionObserver is missing), so code for what sits below the fold loads when the reader
 * heads there, not with the page.
 */
import { createSignal, type JSX, onCleanup, onMount, Show } from 'solid-js';

/** How far below the viewport the children start loading. */
const AHEAD = '600px';

export function WhenNear(props: { eager?: boolean; placeholder: JSX.Element; children: JSX.Element }): JSX.Element {
  const [near, setNear] = createSignal(Boolean(props.eager) || typeof IntersectionObserver === 'undefined');
  let marker: HTMLDivElement | undefined;
  onMount(() => {
    if (near() || !marker) return;
    const observer = new IntersectionObserver(
      (seen) => {
        if (!seen.some((entry) => entry.isIntersecting)) return;
        setNear(true);
        observer.disconnect();
      },
      { rootMargin: `0px 0px ${AHEAD} 0px` },
    );
    observer.observe(marker);
    onCleanup(() => observer.disconnect());
  });
  return (
    <Show when={near()} fallback={<div ref={marker}>{props.placeholder}</div>}>
      {props.children}
    </Show>
  );
}
