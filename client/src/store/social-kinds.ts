/**
 * The outbox kinds of reactions, comments and series co-authorship, apart from their code so a check for
 * waiting ones stays small.
 */
export const REACTION_KIND = 'reaction';
export const COMMENT_KIND = 'comment';
export const COAUTHOR_KIND = 'coauthor';
export const SOCIAL_KINDS: readonly string[] = [REACTION_KIND, COMMENT_KIND, COAUTHOR_KIND];
