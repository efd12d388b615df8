/**
 * What `npm start` sets for node (README, Configuration: NODE_OPTIONS and MALLOC_ARENA_MAX), so the
 * bench runs this server as it is deployed.
 */

/** Every `--flag` of the start script except `--import` and its module. */
export function startScriptNodeFlags(startScript: string): string[] {
  const words = startScript.split(/\s+/);
  return words.filter((word, i) => word.startsWith('--') && word !== '--import' && words[i - 1] !== '--import');
}

/** The `NAME=value` assignments in front of the command. */
export function startScriptEnvironment(startScript: string): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const word of startScript.trim().split(/\s+/)) {
    const assignment = /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(word);
    if (!assignment) break;
    environment[assignment[1] as string] = assignment[2] as string;
  }
  return environment;
}
