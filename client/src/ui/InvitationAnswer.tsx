/**
 * The answer to an invitation to write parts of a series: Accept and Decline while it is open, the answer
 * as given (Pending until the server has it), or the server's refusal with Retry and Drop.
 */
import { type JSX, Show } from 'solid-js';
import type { AnswerState } from '../store/coauthor-view.ts';
import { PendingMark, RefusedChange } from './OutboxMarks.tsx';

export type InvitationAnswerProps = {
  state: AnswerState;
  seriesTitle: string;
  onAnswer: (accept: boolean) => void;
  onRetry: (entryId: string) => void;
  onDrop: (entryId: string) => void;
};

const verb = (accept: boolean) => (accept ? 'accept' : 'decline');
const doing = (accept: boolean) => (accept ? 'accepting' : 'declining');

export function InvitationAnswer(props: InvitationAnswerProps): JSX.Element {
  const subject = () => ` the invitation to ${props.seriesTitle}`;
  const given = () => (props.state.kind === 'waiting' || props.state.kind === 'answered' ? props.state : null);
  const note = () => (props.state.kind === 'waiting' ? props.state.note : null);
  return (
    <div class="invitation-answer">
      <Show when={props.state.kind === 'open'}>
        <button type="button" class="button button-sm" onClick={() => props.onAnswer(true)}>
          Accept<span class="sr-only">{subject()}</span>
        </button>
        <button type="button" class="button button-sm button-secondary" onClick={() => props.onAnswer(false)}>
          Decline<span class="sr-only">{subject()}</span>
        </button>
      </Show>
      <span role="status">
        <Show when={given()}>
          {(answer) => (
            <>
              <span>
                {answer().accept
                  ? `You accepted: you can publish parts of ${props.seriesTitle}.`
                  : 'You declined this invitation.'}
              </span>{' '}
              <PendingMark when={answer().kind === 'waiting'} note={note()} />
            </>
          )}
        </Show>
      </span>
      <Show when={props.state.kind === 'refused' ? props.state : null}>
        {(refused) => (
          <RefusedChange
            what={`Couldn't ${verb(refused().accept)} the invitation`}
            message={refused().message}
            retrySubject={`${doing(refused().accept)}${subject()}`}
            onRetry={() => props.onRetry(refused().entryId)}
            onDrop={() => props.onDrop(refused().entryId)}
          />
        )}
      </Show>
    </div>
  );
}
