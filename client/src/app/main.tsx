/** Entry: styles, router and the root layout. Everything else is loaded per route. */
import { Router } from '@solidjs/router';
import { render } from 'solid-js/web';
import { earlyPostSettled } from '../store/early-read.ts';
import '../ui/styles.css';
import { applySettings, cachedSettings } from '../state/reader-settings.ts';
import { Layout } from './Layout.tsx';
import { routes } from './routes.ts';

// The theme and font size last used on this device, before anything paints.
applySettings(document.documentElement, cachedSettings());

const root = document.getElementById('root');
/** How long the first render waits for a post the boot script is reading (it usually takes a few ms). */
const EARLY_POST_WAIT_MS = 150;
void earlyPostSettled(EARLY_POST_WAIT_MS).then(() => {
  if (root) render(() => <Router root={Layout}>{routes}</Router>, root);
});
