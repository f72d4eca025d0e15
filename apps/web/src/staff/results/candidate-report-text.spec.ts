import { CANDIDATE_REPORT_LABELS, REPORT_LOCALES, type CandidateReportLabels } from '@assay/contracts';
import { TEXT } from './candidate-report-text';

describe("the candidate report page's labels are its PDF's", () => {
  it.each(REPORT_LOCALES)('takes every label it shares with the PDF unchanged (%s)', (locale) => {
    const shared = CANDIDATE_REPORT_LABELS[locale];
    for (const key of Object.keys(shared) as (keyof CandidateReportLabels)[]) expect(TEXT[locale][key]).toBe(shared[key]);
  });
});
