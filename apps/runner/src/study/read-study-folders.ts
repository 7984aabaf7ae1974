// Merges the output folders of several `sparc study` invocations (e.g. one `--out` per seed, issue 7,
// docs/results.md) into one StudyResults: every finished run's study-record.json, and the teacher
// precision/recall of each folder's study.json.
import fs from 'node:fs';
import path from 'node:path';
import { describeValue, displayPath } from '../data/data-error.js';
import type { StudyRecord, StudyResults } from './run-study.js';
import { STUDY_FULL, STUDY_ROW_ORDER, type StudyConfig } from './study-config.js';
import type { TeacherFrameQuality } from '../teacher/teacher-frame-quality.js';

/** The record file of one finished study run (`<out>/seed<N>/runs/<backbone>/<row>/study-record.json`). */
export const STUDY_RECORD_FILE = 'study-record.json';
/** The summary of one study invocation (`<out>/study.json`). */
export const STUDY_FILE = 'study.json';
/** Folders that never hold study records (synthetic data, teacher stores, checkpoints): not searched. */
export const STUDY_SKIPPED_FOLDERS: readonly string[] = Object.freeze(['data', 'teacher', 'checkpoint']);

/** What a study folder is, in words (for messages). */
export const STUDY_FOLDER_EXPECTED = `a study folder (${STUDY_FILE} or seed<N>/runs/<backbone>/<row>/${STUDY_RECORD_FILE}, written by sparc study)`;

/**
 * A study folder or one of its files is not what `sparc study` writes. One line:
 * `<file>: field '<field>': expected <expected>, got <found>` (no field part for a whole folder or file).
 */
export class StudyFolderError extends Error {
  override readonly name = 'StudyFolderError';
  constructor(
    /** The offending folder or file. */
    readonly file: string,
    /** The JSON field (dotted path), or null for the folder or file as a whole. */
    readonly field: string | null,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${displayPath(file)}: ${field === null ? '' : `field '${field}': `}expected ${expected}, got ${found}`);
  }
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Every study-record.json under `dir` (depth first, names sorted), skipping STUDY_SKIPPED_FOLDERS and dot folders. */
export function findStudyRecordFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    const entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.isFile() && e.name === STUDY_RECORD_FILE) found.push(path.join(d, e.name));
      else if (e.isDirectory() && !e.name.startsWith('.') && !STUDY_SKIPPED_FOLDERS.includes(e.name)) walk(path.join(d, e.name));
    }
  };
  walk(dir);
  return found;
}

/** True when `dir` is a folder with a study.json or at least one study record. */
export function isStudyFolder(dir: string): boolean {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) return false;
  return fs.existsSync(path.join(abs, STUDY_FILE)) || findStudyRecordFiles(abs).length > 0;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new StudyFolderError(file, null, `a readable ${what}`, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StudyFolderError(file, null, `valid JSON (${what})`, (error as Error).message);
  }
}

/** Checks one value of a JSON object; `kind` says what it must be. */
function field(file: string, obj: Json, key: string, prefix: string, kind: 'number' | 'number|null' | 'string' | 'object' | 'integer'): unknown {
  const v = obj[key];
  const name = prefix === '' ? key : `${prefix}.${key}`;
  const ok =
    kind === 'number' ? isNumber(v)
    : kind === 'number|null' ? v === null || isNumber(v)
    : kind === 'integer' ? Number.isInteger(v)
    : kind === 'string' ? typeof v === 'string' && v !== ''
    : isObject(v);
  if (!ok) {
    const expected = { number: 'a finite number', 'number|null': 'a finite number or null', integer: 'an integer', string: 'a non-empty string', object: 'an object' }[kind];
    throw new StudyFolderError(file, name, expected, v === undefined ? 'nothing (missing)' : describeValue(v));
  }
  return v;
}

const EVIDENCE_NUMBERS = ['questions', 'causalLoss', 'randomLoss', 'causalAccuracy', 'randomAccuracy', 'uniformMass'] as const;

function checkEvidence(file: string, record: Json, key: string): void {
  const e = field(file, record, key, '', 'object') as Json;
  for (const k of EVIDENCE_NUMBERS) field(file, e, k, key, 'number');
  field(file, e, 'attentionMass', key, 'number|null');
  field(file, e, 'top1InCausal', key, 'number|null');
  // Added later (gradient frame importance): absent in older records.
  for (const k of ['gradientMass', 'gradientTop1']) if (e[k] !== undefined) field(file, e, k, key, 'number|null');
}

/**
 * Reads and checks one study-record.json (the StudyRecord fields the tables and charts use).
 * @throws StudyFolderError naming the file and the first bad field
 */
export function readStudyRecord(file: string): StudyRecord {
  const json = readJson(file, 'a study record');
  if (!isObject(json)) throw new StudyFolderError(file, null, 'a JSON object (a study record)', describeValue(json));
  if (json['backbone'] !== 'hga' && json['backbone'] !== 'vgt') throw new StudyFolderError(file, 'backbone', "'hga' or 'vgt'", json['backbone'] === undefined ? 'nothing (missing)' : describeValue(json['backbone']));
  field(file, json, 'seed', '', 'integer');
  field(file, json, 'row', '', 'string');
  const accuracy = field(file, json, 'accuracy', '', 'object') as Json;
  field(file, accuracy, 'overall', 'accuracy', 'number');
  field(file, accuracy, 'count', 'accuracy', 'number');
  const groups = field(file, accuracy, 'groups', 'accuracy', 'object') as Json;
  for (const g of Object.keys(groups)) field(file, groups, g, 'accuracy.groups', 'number');
  checkEvidence(file, json, 'evidence');
  checkEvidence(file, json, 'trainEvidence');
  field(file, json, 'misfocusIdentical', '', 'number|null');
  if (json['misfocusGradient'] !== undefined) field(file, json, 'misfocusGradient', '', 'number|null');
  field(file, json, 'seconds', '', 'number');
  return json as unknown as StudyRecord;
}

const QUALITY_NUMBERS = ['questions', 'precision', 'recall', 'f1', 'accuracy', 'framesSelected', 'fallbackRate'] as const;

function checkQuality(file: string, q: Json, prefix: string): void {
  for (const k of QUALITY_NUMBERS) field(file, q, k, prefix, 'number');
}

/**
 * Reads and checks a study.json: its format, config object and teacher map (records are not used: a
 * folder's records are its study-record.json files, which also cover runs of earlier invocations).
 * @throws StudyFolderError naming the file and the first bad field
 */
export function readStudyJson(file: string): { config: StudyConfig; teacher: Record<string, TeacherFrameQuality> } {
  const json = readJson(file, 'a study.json');
  if (!isObject(json)) throw new StudyFolderError(file, null, 'a JSON object (sparc study results)', describeValue(json));
  if (json['format'] !== 'sparc-study/1') throw new StudyFolderError(file, 'format', "'sparc-study/1'", json['format'] === undefined ? 'nothing (missing)' : describeValue(json['format']));
  const config = field(file, json, 'config', '', 'object') as unknown as StudyConfig;
  const teacher = field(file, json, 'teacher', '', 'object') as Json;
  for (const key of Object.keys(teacher)) {
    const prefix = `teacher.${key}`;
    const entry = field(file, teacher, key, 'teacher', 'object') as Json;
    checkQuality(file, entry, prefix);
    field(file, entry, 'threshold', prefix, 'number');
    field(file, entry, 'fallback', prefix, 'string');
    const groups = field(file, entry, 'groups', prefix, 'object') as Json;
    for (const g of Object.keys(groups)) checkQuality(file, field(file, groups, g, `${prefix}.groups`, 'object') as Json, `${prefix}.groups.${g}`);
  }
  return { config, teacher: teacher as unknown as Record<string, TeacherFrameQuality> };
}

/** Deep equality of JSON values (key order ignored). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
}

/** Position of a row in table order: STUDY_ROW_ORDER, then unknown rows alphabetically. */
function rowRank(row: string): number {
  const i = STUDY_ROW_ORDER.indexOf(row);
  return i >= 0 ? i : STUDY_ROW_ORDER.length;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Table order: backbone hga then vgt, row by STUDY_ROW_ORDER (unknown rows last, alphabetically), then seed. */
export function compareStudyRecords(a: StudyRecord, b: StudyRecord): number {
  const backbone = (x: StudyRecord) => (x.backbone === 'hga' ? 0 : 1);
  return backbone(a) - backbone(b) || rowRank(a.row) - rowRank(b.row) || compareText(a.row, b.row) || a.seed - b.seed;
}

/** Teacher keys (`seed<N>` or `seed<N> <sweep point>`): by seed, the plain key first, then the sweep in row order. */
export function compareTeacherKeys(a: string, b: string): number {
  const parse = (k: string) => {
    const m = /^seed(\d+)(?: (.+))?$/.exec(k);
    return m ? { known: 0, seed: Number(m[1]), variant: m[2] ?? '' } : { known: 1, seed: 0, variant: k };
  };
  const pa = parse(a);
  const pb = parse(b);
  const variantRank = (v: string) => (v === '' ? -1 : rowRank(v));
  return pa.known - pb.known || pa.seed - pb.seed || variantRank(pa.variant) - variantRank(pb.variant) || compareText(pa.variant, pb.variant);
}

/**
 * Merges study folders into one StudyResults. Records: every study-record.json under each folder
 * (data/, teacher/ and checkpoint/ are not searched; unfinished studies count), sorted by
 * {@link compareStudyRecords}. Teacher: the union of the folders' study.json `teacher` maps, sorted by
 * {@link compareTeacherKeys}. Config: the first study.json's; with no study.json, STUDY_FULL with the
 * seeds, backbones and rows of the records and no sweep. A file reached twice (nested folders) counts once.
 * @throws StudyFolderError for a missing folder, a folder with no study record, a malformed record or
 *   study.json, the same (backbone, seed, row) in two record files, or one teacher key with two values
 */
export function readStudyFolders(dirs: readonly string[]): StudyResults {
  if (dirs.length === 0) throw new StudyFolderError('.', null, 'at least one study folder', 'none');
  const records: StudyRecord[] = [];
  const where = new Map<string, string>();
  const seenFiles = new Set<string>();
  const teacher = new Map<string, { value: TeacherFrameQuality; file: string }>();
  let config: StudyConfig | null = null;
  for (const dir of dirs) {
    const abs = path.resolve(dir);
    if (!fs.existsSync(abs)) throw new StudyFolderError(abs, null, STUDY_FOLDER_EXPECTED, 'no such folder');
    if (!fs.statSync(abs).isDirectory()) throw new StudyFolderError(abs, null, STUDY_FOLDER_EXPECTED, 'a file');
    const files = findStudyRecordFiles(abs);
    if (files.length === 0) {
      const has = fs.existsSync(path.join(abs, STUDY_FILE));
      throw new StudyFolderError(abs, null, `${STUDY_FOLDER_EXPECTED} with at least one finished run`, has ? `a ${STUDY_FILE} but no ${STUDY_RECORD_FILE}` : `no ${STUDY_RECORD_FILE}`);
    }
    for (const file of files) {
      const real = fs.realpathSync(file);
      if (seenFiles.has(real)) continue;
      seenFiles.add(real);
      const record = readStudyRecord(file);
      const key = `${record.backbone} seed ${record.seed} row '${record.row}'`;
      const other = where.get(key);
      if (other !== undefined) throw new StudyFolderError(file, null, `one record per (backbone, seed, row), but ${displayPath(other)} has the same`, key);
      where.set(key, file);
      records.push(record);
    }
    const studyFile = path.join(abs, STUDY_FILE);
    if (!fs.existsSync(studyFile)) continue;
    const study = readStudyJson(studyFile);
    config ??= study.config;
    for (const [key, value] of Object.entries(study.teacher)) {
      const before = teacher.get(key);
      if (before === undefined) teacher.set(key, { value, file: studyFile });
      else if (!sameJson(before.value, value)) {
        throw new StudyFolderError(studyFile, `teacher.${key}`, `the same value as in ${displayPath(before.file)} (one teacher per seed)`, 'a different value');
      }
    }
  }
  records.sort(compareStudyRecords);
  const unique = <T>(xs: readonly T[]) => [...new Set(xs)];
  const fallback: StudyConfig = {
    ...STUDY_FULL,
    seeds: unique(records.map((r) => r.seed)).sort((a, b) => a - b),
    backbones: unique(records.map((r) => r.backbone)),
    rows: unique(records.map((r) => r.row)),
    sweep: false,
  };
  const teacherMap = Object.fromEntries([...teacher.keys()].sort(compareTeacherKeys).map((k) => [k, teacher.get(k)!.value]));
  return { format: 'sparc-study/1', config: config ?? fallback, records, teacher: teacherMap };
}
