/**
 * "Your writing" on the settings page: everything the user wrote as one zip, and Markdown files (or a
 * zip of them, such as an export) made into new drafts. Both need the server; the import is checked here
 * first so a wrong file is refused before it is sent.
 */
import { DRAFTS_API, type DraftSummary, IMPORT_UPLOAD_BYTES } from '../../../shared/src/drafts/drafts-api.ts';
import { CSRF_HEADER, IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import { type ApiClient, api } from './api-client.ts';
import { DraftSignInError } from './draft-actions.ts';
import { randomId } from './outbox.ts';
import { type SessionStore, sessionStore } from './session.ts';

/** Export and import move a lot at once: more time than an ordinary request. */
const TRANSFER_TIMEOUT_MS = 120_000;

/** The file cannot be imported; the message says what to pick instead. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/** The Content-Type to send a file as, by its name; null when it is neither a zip nor Markdown. */
export function importContentType(fileName: string): string | null {
  if (/\.zip$/i.test(fileName)) return 'application/zip';
  if (/\.(md|markdown)$/i.test(fileName)) return 'text/markdown; charset=utf-8';
  return null;
}

export const exportFileName = (now: Date) => `sysdespro-export-${now.toISOString().slice(0, 10)}.zip`;

export type DraftArchiveDeps = { client?: ApiClient; session?: SessionStore };

export function createDraftArchive({ client = api(), session = sessionStore() }: DraftArchiveDeps = {}) {
  return {
    /** The zip of posts, drafts, follows and reading list. */
    exportAll: (): Promise<Blob> => client.readFile(DRAFTS_API.exportAll, 'application/zip', TRANSFER_TIMEOUT_MS),

    /** Makes drafts from a .md file or a .zip of them; resolves with the drafts created. */
    async importFile(file: File): Promise<DraftSummary[]> {
      const type = importContentType(file.name);
      if (!type) throw new ImportFileError(`${file.name} is not a Markdown (.md) file or a .zip; pick one of those.`);
      if (file.size > IMPORT_UPLOAD_BYTES) {
        throw new ImportFileError(
          `${file.name} is over ${IMPORT_UPLOAD_BYTES / (1024 * 1024)} MB; split it into smaller files.`,
        );
      }
      const csrf = await session.csrf();
      if (!csrf) throw new DraftSignInError();
      const path = `${DRAFTS_API.importDrafts}?${new URLSearchParams({ name: file.name })}`;
      // A retry of the same upload (a lost answer) makes no second copies.
      const headers = { [CSRF_HEADER]: csrf, [IDEMPOTENCY_HEADER]: randomId() };
      const { items } = await client.sendFile<{ items: DraftSummary[] }>('POST', path, file, headers, {
        type,
        timeoutMs: TRANSFER_TIMEOUT_MS,
      });
      return items;
    },
  };
}

export type DraftArchive = ReturnType<typeof createDraftArchive>;

let shared: DraftArchive | undefined;
export const draftArchive = (): DraftArchive => {
  shared ??= createDraftArchive();
  return shared;
};
