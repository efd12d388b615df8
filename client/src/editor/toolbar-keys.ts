/**
 * The toolbar is one Tab stop (WAI-ARIA toolbar pattern): arrow keys move between its buttons, Home and
 * End jump to the ends, wrapping around. Returns the button to focus, or null when the key is not ours.
 */
export function nextToolIndex(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
