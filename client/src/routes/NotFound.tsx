import { type JSX, onMount } from 'solid-js';
import { setTitle } from '../ui/format.ts';
import { NotFoundView } from '../ui/PageState.tsx';

export default function NotFound(): JSX.Element {
  onMount(() => setTitle('Page not found'));
  return <NotFoundView />;
}
