// NExT-QA question type codes and their groups, as the official eval_mc.py uses them.

/** Every type code that may appear in the `type` column of a NExT-QA multiple-choice CSV. */
export const QUESTION_TYPES = ['CW', 'CH', 'TN', 'TC', 'TP', 'DC', 'DL', 'DO'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * The type codes eval_mc.py reports, in its print order (TP is merged into TN, "Bef&Aft").
 */
export const EVAL_TYPES = ['CW', 'CH', 'TN', 'TC', 'DC', 'DL', 'DO'] as const;
export type EvalType = (typeof EVAL_TYPES)[number];

/** The three groups: Causal, Temporal, Descriptive (the first letter of the type code). */
export const QUESTION_GROUPS = ['C', 'T', 'D'] as const;
export type QuestionGroup = (typeof QUESTION_GROUPS)[number];

/** eval_mc.py's column names (`map_name`). */
export const EVAL_TYPE_NAMES: Readonly<Record<EvalType | QuestionGroup, string>> = {
  CW: 'Why',
  CH: 'How',
  TN: 'Bef&Aft',
  TC: 'When',
  DC: 'Cnt',
  DL: 'Loc',
  DO: 'Other',
  C: 'Acc_C',
  T: 'Acc_T',
  D: 'Acc_D',
};

export function isQuestionType(value: string): value is QuestionType {
  return (QUESTION_TYPES as readonly string[]).includes(value);
}

/** The type a question is counted under in evaluation: TP -> TN, every other code unchanged. */
export function evalType(type: QuestionType): EvalType {
  return type === 'TP' ? 'TN' : type;
}

/** C, T or D: the first letter of the code. */
export function questionGroup(type: QuestionType): QuestionGroup {
  return type[0] as QuestionGroup;
}
