/** A candidate's answer in the shape of its question type (contracts' ResponseByType); null clears it. */
export const CANDIDATE_ANSWER_SCHEMA = {
  nullable: true,
  description: 'single_choice "B"; multiple_choice ["A","C"]; true_false true; fill_blank ["北京","42"] (one per blank); short_answer/essay {"text": "..."}; null clears.',
  oneOf: [
    { type: 'string' },
    { type: 'array', items: { type: 'string' } },
    { type: 'boolean' },
    { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
  ],
};
