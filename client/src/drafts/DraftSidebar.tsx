/** The editor's side panels for one draft: publishing, co-authors and versions, sharing one summary. */
import type { JSX } from 'solid-js';
import type * as Y from 'yjs';
import type { DraftRole } from '../../../shared/src/drafts/drafts-api.ts';
import { CoauthorsPanel } from './CoauthorsPanel.tsx';
import { createDraftPanelState, type DraftPanelState } from './draft-panel-state.ts';
import { PublishPanel } from './PublishPanel.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';

export type DraftSidebarProps = {
  draftId: string;
  doc: Y.Doc;
  /** The signed-in user's role; the server's summary overrides it once known. */
  role: DraftRole;
  userId: string;
  /** The page's panel state when it needs the summary too (the editor reads the role from it). */
  state?: DraftPanelState;
  /** Extra controls from the editor (e.g. "Export as Markdown"). */
  children?: JSX.Element;
};

export function DraftSidebar(props: DraftSidebarProps): JSX.Element {
  const state = props.state ?? createDraftPanelState(() => props.draftId);
  const role = () => state.summary()?.role ?? props.role;
  const canWrite = () => role() !== 'viewer';
  return (
    <aside class="draft-sidebar" aria-label="Draft settings">
      <PublishPanel state={state} doc={props.doc} canPublish={canWrite()} isOwner={role() === 'owner'} />
      <CoauthorsPanel state={state} isOwner={role() === 'owner'} userId={props.userId} />
      <VersionsPanel state={state} doc={props.doc} canWrite={canWrite()} />
      {props.children}
    </aside>
  );
}
