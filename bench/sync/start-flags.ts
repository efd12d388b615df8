/**
 * The runtime flags `npm start` gives node (README, Configuration: NODE_OPTIONS), so the bench runs
 * this server as it is deployed: every `--flag` of the start script except `--import` and its module.
 */
export function startScriptNodeFlags(startScript: string): string[] {
  const words = startScript.split(/\s+/);
  return words.filter((word, i) => word.startsWith('--') && word !== '--import' && words[i - 1] !== '--import');
}
