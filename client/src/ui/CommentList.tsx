/**
 * A post's comment thread: each comment with its replies nested (indented) under it, its pending or
 * refused change, and the actions the reader may take (reply, edit and delete their own, hide as the
 * post's author, report). Bodies from the server render with DocContent; text not yet on the server is
 * shown as plain text. Never HTML strings.
 */
import { createSignal, For, type JSX, Show } from 'solid-js';
import {
  COMMENT_PLACEHOLDERS,
  REPORT_REASON_LABELS,
  REPORT_REASONS,
  type ReportReason,
} from '../../../shared/src/model/social-api.ts';
import type { CommentItem } from '../store/comment-thread.ts';
import { CommentForm } from './CommentForm.tsx';
import { DocContent } from './DocContent.tsx';
import { formatDate } from './format.ts';
import { PendingMark, RefusedChange } from './OutboxMarks.tsx';

export type CommentActions = {
  /** The signed-in reader (null: signed out, no actions). */
  userId: string | null;
  /** The reader wrote the post: may hide comments. */
  isPostAuthor: boolean;
  reply: (parentId: string, body: string) => Promise<void>;
  edit: (commentId: string, body: string) => Promise<void>;
  remove: (commentId: string) => void;
  hide: (commentId: string, hidden: boolean) => void;
  report: (commentId: string, reason: ReportReason) => void;
  retry: (entryId: string) => void;
  drop: (entryId: string) => void;
};

const PENDING_LABELS: Record<NonNullable<CommentItem['pending']>, string> = {
  add: 'Pending',
  edit: 'Edit pending',
  delete: 'Delete pending',
  hide: 'Pending',
  report: 'Report pending',
};
const REFUSED_WHAT: Record<NonNullable<CommentItem['refused']>['op'], string> = {
  add: "Couldn't post this comment",
  edit: "Couldn't save the edit",
  delete: "Couldn't delete this comment",
  hide: "Couldn't change whether this comment is hidden",
  report: "Couldn't report this comment",
};

export function CommentList(props: { items: CommentItem[]; actions: CommentActions }): JSX.Element {
  return (
    <ol class="comment-list">
      <For each={props.items}>
        {(item) => (
          <li>
            <Comment item={item} actions={props.actions} />
          </li>
        )}
      </For>
    </ol>
  );
}

const authorName = (item: CommentItem) =>
  item.local ? 'You' : (item.author?.displayName ?? COMMENT_PLACEHOLDERS.deleted);

function Comment(props: { item: CommentItem; actions: CommentActions }): JSX.Element {
  const [mode, setMode] = createSignal<'read' | 'reply' | 'edit'>('read');
  const item = () => props.item;
  const isMine = () => item().local || (props.actions.userId !== null && item().author?.id === props.actions.userId);
  const canAct = () => props.actions.userId !== null && !item().local && item().state !== 'deleted';
  return (
    <article id={`comment-${item().id}`} class="comment" aria-label={`Comment by ${authorName(item())}`}>
      <header class="comment-meta small">
        <Show when={item().author} fallback={<span>{authorName(item())}</span>}>
          {(author) => <a href={`/@${author().handle}`}>{author().displayName}</a>}
        </Show>{' '}
        <time class="muted" datetime={item().createdAt}>
          {formatDate(item().createdAt)}
        </time>
        <Show when={item().editedAt}>
          <span class="muted"> · edited</span>
        </Show>
        <Show when={item().hidden}>
          <span class="muted"> · {COMMENT_PLACEHOLDERS.hidden}</span>
        </Show>{' '}
        <span role="status">
          <PendingMark
            when={item().pending !== null}
            label={PENDING_LABELS[item().pending ?? 'add']}
            note={item().note}
          />
        </span>
      </header>
      <Show when={mode() === 'edit'} fallback={<CommentBody item={item()} />}>
        <CommentForm
          label="Edit your comment"
          submitLabel="Save edit"
          initial={item().draft ?? item().markdown ?? ''}
          onSubmit={async (body) => {
            await props.actions.edit(item().id, body);
            setMode('read');
          }}
          onCancel={() => setMode('read')}
        />
      </Show>
      <Show when={item().refused}>
        {(refused) => (
          <RefusedChange
            what={REFUSED_WHAT[refused().op]}
            message={refused().message}
            retrySubject="sending it"
            onRetry={() => props.actions.retry(refused().entryId)}
            onDrop={() => props.actions.drop(refused().entryId)}
          />
        )}
      </Show>
      <Show when={canAct() && mode() === 'read'}>
        <CommentToolbar item={item()} mine={isMine()} actions={props.actions} onMode={setMode} />
      </Show>
      <Show when={mode() === 'reply'}>
        <CommentForm
          label={`Reply to ${authorName(item())}`}
          submitLabel="Post reply"
          onSubmit={async (body) => {
            await props.actions.reply(item().id, body);
            setMode('read');
          }}
          onCancel={() => setMode('read')}
        />
      </Show>
      <Show when={item().replies.length > 0}>
        <CommentList items={item().replies} actions={props.actions} />
      </Show>
    </article>
  );
}

function CommentBody(props: { item: CommentItem }): JSX.Element {
  return (
    <div class="comment-body">
      <Show when={props.item.state !== 'deleted'} fallback={<p class="muted">{COMMENT_PLACEHOLDERS.deleted}</p>}>
        <Show when={props.item.draft === null} fallback={<p class="comment-draft">{props.item.draft}</p>}>
          <Show when={props.item.content} fallback={<p class="muted">{COMMENT_PLACEHOLDERS.hidden}</p>}>
            {(content) => <DocContent doc={content()} />}
          </Show>
        </Show>
      </Show>
    </div>
  );
}

function CommentToolbar(props: {
  item: CommentItem;
  mine: boolean;
  actions: CommentActions;
  onMode: (mode: 'reply' | 'edit') => void;
}): JSX.Element {
  const who = () => props.item.author?.displayName ?? 'this comment';
  return (
    <p class="comment-actions">
      <button type="button" class="button button-link" onClick={() => props.onMode('reply')}>
        Reply<span class="sr-only"> to {who()}</span>
      </button>
      <Show when={props.mine}>
        <button type="button" class="button button-link" onClick={() => props.onMode('edit')}>
          Edit<span class="sr-only"> your comment</span>
        </button>
        <button type="button" class="button button-link" onClick={() => props.actions.remove(props.item.id)}>
          Delete<span class="sr-only"> your comment</span>
        </button>
      </Show>
      <Show when={props.actions.isPostAuthor && !props.mine}>
        <button
          type="button"
          class="button button-link"
          onClick={() => props.actions.hide(props.item.id, !props.item.hidden)}
        >
          {props.item.hidden ? 'Unhide' : 'Hide'}
          <span class="sr-only"> the comment by {who()}</span>
        </button>
      </Show>
      <Show when={!props.mine}>
        <ReportMenu who={who()} onReport={(reason) => props.actions.report(props.item.id, reason)} />
      </Show>
    </p>
  );
}

function ReportMenu(props: { who: string; onReport: (reason: ReportReason) => void }): JSX.Element {
  const [reason, setReason] = createSignal<ReportReason>('spam');
  return (
    <details class="report-menu">
      <summary>
        Report<span class="sr-only"> the comment by {props.who}</span>
      </summary>
      <label>
        Reason{' '}
        <select value={reason()} onChange={(e) => setReason(e.currentTarget.value as ReportReason)}>
          <For each={REPORT_REASONS}>{(r) => <option value={r}>{REPORT_REASON_LABELS[r]}</option>}</For>
        </select>
      </label>{' '}
      <button type="button" class="button button-sm" onClick={() => props.onReport(reason())}>
        Send report
      </button>
    </details>
  );
}
