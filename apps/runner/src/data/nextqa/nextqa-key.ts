/** The NExT-QA question key `<video>_<qid>` used by prediction files and feature lookups. */
export function nextqaKey(video: string, qid: string | number): string {
  return `${video}_${qid}`;
}
