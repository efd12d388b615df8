/** Entry: styles, router and the root layout. Everything else is loaded per route. */
import { Router } from '@solidjs/router';
import { render } from 'solid-js/web';
import '../ui/styles.css';
import { Layout } from './Layout.tsx';
import { routes } from './routes.ts';

const root = document.getElementById('root');
if (root) render(() => <Router root={Layout}>{routes}</Router>, root);
