/** The outbox kinds of reactions and comments, apart from their code so a check for waiting ones stays small. */
export const REACTION_KIND = 'reaction';
export const COMMENT_KIND = 'comment';
export const SOCIAL_KINDS: readonly string[] = [REACTION_KIND, COMMENT_KIND];
