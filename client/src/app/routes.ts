/**
 * The route table. Every page is its own chunk, loaded on first visit (or on hover, by the router), except
 * the post page: it is in the entry, because a lazy page mounts only after a dynamic import that Chromium
 * answers after the first layout, paint and load event (25–50 ms on a cold offline load), so a saved post
 * would wait for it although its chunk was already preloaded. It adds about 3 KB gzipped to other pages.
 */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import PostPage from '../routes/PostPage.tsx';
import { preloadPost } from '../state/catalog.ts';

/** `/@handle`: the router has no literal-prefix params, so `/:handle` only matches segments starting with `@`. */
export const isHandleSegment = (segment: string) => /^(?:@|%40)[A-Za-z0-9_-]{1,30}$/.test(segment);

export const routes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('../routes/Home.tsx')) },
  {
    path: '/p/:slug',
    component: PostPage,
    preload: ({ params }) => params.slug && preloadPost(params.slug),
  },
  { path: '/t/:tag', component: lazy(() => import('../routes/TagPage.tsx')) },
  { path: '/series/:slug', component: lazy(() => import('../routes/SeriesPage.tsx')) },
  { path: '/u/:id', component: lazy(() => import('../routes/AuthorById.tsx')) },
  {
    path: '/u/:id/:list',
    matchFilters: { list: ['followers', 'following'] },
    component: lazy(() => import('../routes/FollowListPage.tsx')),
  },
  { path: '/saved', component: lazy(() => import('../routes/SavedPage.tsx')) },
  { path: '/signup', component: lazy(() => import('../routes/SignupPage.tsx')) },
  { path: '/signin', component: lazy(() => import('../routes/SigninPage.tsx')) },
  { path: '/drafts', component: lazy(() => import('../routes/MyDraftsPage.tsx')) },
  { path: '/write', component: lazy(() => import('../routes/NewDraftPage.tsx')) },
  // The editor (Tiptap, Yjs) lives in this chunk only.
  { path: '/write/:id', component: lazy(() => import('../routes/WritePage.tsx')) },
  { path: '/reading-list', component: lazy(() => import('../routes/ReadingListPage.tsx')) },
  { path: '/notifications', component: lazy(() => import('../routes/NotificationsPage.tsx')) },
  { path: '/settings', component: lazy(() => import('../routes/SettingsPage.tsx')) },
  { path: '/settings/profile', component: lazy(() => import('../routes/EditProfilePage.tsx')) },
  {
    path: '/:handle',
    matchFilters: { handle: isHandleSegment },
    component: lazy(() => import('../routes/AuthorPage.tsx')),
  },
  { path: '*404', component: lazy(() => import('../routes/NotFound.tsx')) },
];
