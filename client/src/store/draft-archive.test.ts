import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DRAFTS_API, IMPORT_UPLOAD_BYTES } from '../../../shared/src/drafts/drafts-api.ts';
import { ACCOUNT_API, CSRF_HEADER, IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import type { SessionInfo } from '../../../shared/src/model/accounts.ts';
import { createApiClient } from './api-client.ts';
import { createDraftArchive, exportFileName, ImportFileError, importContentType } from './draft-archive.ts';
import { signedInDevice } from './test-device.ts';
import { author } from './test-fixtures.ts';

type Sent = { path: string; type: string | null; csrf: string | null; op: string | null; body: string };

function fakeServer() {
  const sent: Sent[] = [];
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  const client = createApiClient({
    base: 'http://test.local',
    isOnline: () => true,
    fetch: async (input, init) => {
      const url = new URL(input);
      if (url.pathname === ACCOUNT_API.session) {
        const info: SessionInfo = {
          user: { id: author.id, handle: author.handle, displayName: author.displayName },
          csrfToken: 'c1',
          syncToken: 's',
          userDoc: '',
        };
        return json(200, info);
      }
      if (url.pathname === DRAFTS_API.exportAll) {
        return new Response(new Uint8Array([0x50, 0x4b, 5, 6]), { headers: { 'content-type': 'application/zip' } });
      }
      const headers = new Headers(init?.headers);
      sent.push({
        path: url.pathname + url.search,
        type: headers.get('content-type'),
        csrf: headers.get(CSRF_HEADER),
        op: headers.get(IDEMPOTENCY_HEADER),
        body: await new Response(init?.body).text(),
      });
      if (url.searchParams.get('name') === 'broken.md') {
        return json(400, { error: 'bad_request', message: 'broken.md, line 2: expected "key: value".' });
      }
      return json(201, { items: [{ id: 'd1', title: 'Imported' }] });
    },
  });
  return { client, sent };
}

describe('draft archive', () => {
  it('downloads the export as a zip', async () => {
    const { client } = fakeServer();
    const { session } = await signedInDevice(client);
    const blob = await createDraftArchive({ client, session }).exportAll();
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4b, 5, 6]));
    expect(exportFileName(new Date('2024-06-01T12:00:00Z'))).toBe('sysdespro-export-2024-06-01.zip');
  });

  it('sends a Markdown file as it is, named, with the CSRF token, and returns the drafts made', async () => {
    const { client, sent } = fakeServer();
    const { session } = await signedInDevice(client);
    const drafts = await createDraftArchive({ client, session }).importFile(new File(['# Hi'], 'my notes.md'));
    expect(drafts.map((d) => d.id)).toEqual(['d1']);
    expect(sent).toEqual([
      {
        path: `${DRAFTS_API.importDrafts}?name=my+notes.md`,
        type: 'text/markdown; charset=utf-8',
        csrf: 'c1',
        op: expect.any(String),
        body: '# Hi',
      },
    ]);
  });

  it('passes on the server’s refusal', async () => {
    const { client } = fakeServer();
    const { session } = await signedInDevice(client);
    await expect(createDraftArchive({ client, session }).importFile(new File(['x'], 'broken.md'))).rejects.toThrow(
      'broken.md, line 2: expected "key: value".',
    );
  });

  it('refuses other kinds of file and files over the cap before sending', async () => {
    const { client, sent } = fakeServer();
    const { session } = await signedInDevice(client);
    const archive = createDraftArchive({ client, session });
    await expect(archive.importFile(new File(['x'], 'photo.png'))).rejects.toThrow(ImportFileError);
    const big = new File([new Uint8Array(IMPORT_UPLOAD_BYTES + 1)], 'big.zip');
    await expect(archive.importFile(big)).rejects.toThrow('big.zip is over 10 MB; split it into smaller files.');
    expect(sent).toEqual([]);
    expect(importContentType('export.ZIP')).toBe('application/zip');
  });
});
