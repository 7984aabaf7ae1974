// A folder given to `sparc report` that is neither a training run, a reproduction nor a study folder.
import { displayPath } from '../data/data-error.js';

/** What `sparc report` accepts, in words (for messages). */
export const REPORT_FOLDER_EXPECTED =
  'a training run folder (config.json + metrics.jsonl, written by sparc train) or a reproduction folder (results.json or runs/baseline, runs/sparc, written by sparc reproduce) or a study folder (study.json or study-record.json files, written by sparc study)';

/** One line: `<folder>: expected <a run, reproduction or study folder>, got <what is there>`. */
export class ReportFolderError extends Error {
  override readonly name = 'ReportFolderError';
  constructor(
    readonly folder: string,
    /** What the folder holds instead (`no such folder`, `a folder with a.txt, b/`, ...). */
    readonly found: string,
  ) {
    super(`${displayPath(folder)}: expected ${REPORT_FOLDER_EXPECTED}, got ${found}`);
  }
}
