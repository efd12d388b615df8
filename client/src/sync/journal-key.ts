/** Where a doc's not-yet-in-IndexedDB changes wait in localStorage (see device-writes.ts); sign-out removes it too. */
export const unstoredJournalKey = (docName: string) => `sdp:unstored:${docName}`;
