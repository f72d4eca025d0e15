import { attachmentName } from './format';

describe("a download's file name", () => {
  it("takes the UTF-8 name, else the plain one, else the fallback", () => {
    expect(attachmentName(`attachment; filename="candidate-report-1.pdf"; filename*=UTF-8''%E9%99%88%E5%B0%8F%E6%98%8E-report.pdf`, 'x.pdf')).toBe('陈小明-report.pdf');
    expect(attachmentName('attachment; filename="candidates.csv"', 'x.csv')).toBe('candidates.csv');
    expect(attachmentName(`attachment; filename="a.pdf"; filename*=UTF-8''%E9%99`, 'x.pdf')).toBe('a.pdf');
    expect(attachmentName(null, 'x.pdf')).toBe('x.pdf');
  });
});
