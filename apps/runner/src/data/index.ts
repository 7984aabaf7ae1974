// The runner's data layer: NExT-QA / ATP-hard / AGQA readers and HDF5 feature readers and writers.
export { DataError, displayPath, formatLocation, type DataLocation } from './data-error.js';
export { parseCsv, parseCsvRecords, type CsvRecord, type CsvTable } from './csv/parse-csv.js';
export { formatCsv, formatCsvField } from './csv/format-csv.js';
export {
  EVAL_TYPES,
  EVAL_TYPE_NAMES,
  QUESTION_GROUPS,
  QUESTION_TYPES,
  evalType,
  isQuestionType,
  questionGroup,
  type EvalType,
  type QuestionGroup,
  type QuestionType,
} from './nextqa/question-type.js';
export { nextqaKey } from './nextqa/nextqa-key.js';
export { NEXTQA_CANDIDATES, NEXTQA_COLUMNS, toNextQARows, type NextQARow } from './nextqa/nextqa-row.js';
export { readNextQACsv, readTextFile, type NextQAAnnotations } from './nextqa/read-nextqa-csv.js';
export { ATP_HARD_FILE, readRowIndices, selectRows } from './nextqa/row-subset.js';
export { readAGQAQuestions, toAGQAQuestions, type AGQAAnswerType, type AGQAQuestion } from './agqa/agqa-question.js';
export { buildAnswerVocabulary, type AnswerVocabulary, type AnswerVocabularyOptions } from './agqa/answer-vocabulary.js';
export { toMultipleChoice, type MultipleChoiceQuestion, type MultipleChoiceSet } from './agqa/to-multiple-choice.js';
export { agqaAccuracy, type AGQAAccuracy } from './agqa/agqa-accuracy.js';
export { loadH5wasm, openH5File, type H5File, type H5Wasm } from './hdf5/h5.js';
export { checkShape, readIds, readIntRows, readRows, requireDataset, type DimSpec } from './hdf5/h5-dataset.js';
export { createH5File, createRowDataset, writeDataset, writeIds, type RowWriter, type WriteDtype } from './hdf5/h5-writer.js';
export { createVideoIndex, type VideoIndex } from './hdf5/video-index.js';
export { openHGAVideoFeatures, type HGAVideoFeatureOptions, type HGAVideoFeatures } from './hdf5/hga-video-features.js';
export { leadingNonZeroRows, openQATokenFeatures, type QATokenBatch, type QATokenFeatureOptions, type QATokenFeatures } from './hdf5/qa-token-features.js';
export { boxFeature, openVGTRegionFeatures, type FrameSize, type VGTRegionFeatureOptions, type VGTRegionFeatures } from './hdf5/vgt-region-features.js';
export { openVGTFrameFeatures, type VGTFrameFeatureOptions, type VGTFrameFeatures } from './hdf5/vgt-frame-features.js';
export { openTeacherFrames, type TeacherFrameBatch, type TeacherFrames } from './hdf5/teacher-frames.js';
export { checkVideoCoverage } from './hdf5/check-video-coverage.js';
