/**
 * The answer key of each objective type, as a schema: an option key, sorted option keys, a
 * boolean, or the accepted answers of each blank. Null for open questions.
 */
export const ANSWER_KEY_SCHEMA = {
  nullable: true,
  description: 'single_choice "B"; multiple_choice ["B","C"]; true_false true/false; fill_blank [["北京","北平"],["上海"]]; open types: null.',
  oneOf: [
    { type: 'string' },
    { type: 'array', items: { type: 'string' } },
    { type: 'boolean' },
    { type: 'array', items: { type: 'array', items: { type: 'string' } } },
  ],
};
