/**
 * Vite plugin: an inline script at the top of index.html that opens the reader's IndexedDB database and,
 * on a post page, reads that post, while the modules are still loading (see client/src/store/early-read.ts,
 * which hands both to the app). Offline, a saved post then paints as soon as its page mounts instead of
 * after a database open and a read that only start once the modules have run.
 */
import type { Plugin } from 'vite';
import { DB_NAME, DB_VERSION } from '../src/store/db.ts';

/** A post page's path; the capture is the slug as it appears in the URL. */
export const POST_PATH = '^/p/([^/]+)/?$';

/**
 * The inline script: pure so it can be run in tests. It opens the database only at `version` and aborts an
 * upgrade (a missing or older database), so it never creates or changes one; `db.ts` does that. Until the
 * app takes the connection, it closes when another tab asks for a newer version.
 */
export function earlyReadScript(name: string, version: number): string {
  return `(()=>{const n=${JSON.stringify(name)},v=${version},m=new RegExp(${JSON.stringify(POST_PATH)}).exec(location.pathname);const db=new Promise(r=>{let q;try{q=indexedDB.open(n,v)}catch{return r(null)}q.onupgradeneeded=()=>q.transaction.abort();q.onsuccess=()=>{const d=q.result;d.onversionchange=()=>d.close();r(d)};q.onerror=e=>{e.preventDefault();r(null)};q.onblocked=()=>r(null)});const e={db,name:n,version:v};if(m){let s;try{s=decodeURIComponent(m[1])}catch{s=m[1]}e.post={slug:s,value:db.then(d=>d?new Promise(r=>{try{const g=d.transaction('posts').objectStore('posts').get(s);g.onsuccess=()=>r(g.result);g.onerror=()=>r(void 0)}catch{r(void 0)}}):void 0)}}window.__sdpEarlyRead=e})()`;
}

export function earlyRead(): Plugin {
  return {
    name: 'sdp-early-read',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'script', children: earlyReadScript(DB_NAME, DB_VERSION), injectTo: 'head-prepend' }],
    },
  };
}
