import { Card, Tag } from 'antd';
import { useText } from '../i18n';
import type { Suggestion, TaskQuestion } from './grading-api';
import { answerSegments } from './highlight';
import { GRADING_TEXT } from './text';

const CREDIT_CLASS = { 1: 'covered', 0.5: 'half', 0: 'missed' } as const;
const creditOf = (credit: number) => CREDIT_CLASS[credit as 0 | 0.5 | 1] ?? 'missed';

/**
 * The question and the anonymous answer (left, or first on a phone), with the passages the
 * suggestion matched to each key point highlighted in the answer text.
 */
export function QuestionAndAnswer({ code, question, answer, suggestion }: { code: string; question: TaskQuestion; answer: string; suggestion: Suggestion }) {
  const text = useText(GRADING_TEXT);
  const segments = answerSegments(answer, suggestion.keyPoints);
  return (
    <>
      <Card size="small" className="grading-card" title={<h2 className="grading-h">{text.stem}</h2>} extra={<span className="grading-code">{text.code(code)}</span>}>
        <p className="grading-prose">{question.stem}</p>
      </Card>
      <Card size="small" className="grading-card" title={<h2 className="grading-h">{text.answer}</h2>}>
        <p className="grading-note">{text.answerNote}</p>
        <div className="grading-prose grading-answer" data-testid="answer">
          {answer.trim() === ''
            ? text.emptyAnswer
            : segments.map((segment, index) => {
                if (segment.points.length === 0) return <span key={index}>{segment.text}</span>;
                const point = suggestion.keyPoints[segment.points[0]];
                return (
                  <span key={index}>
                    {segment.starts.map((start) => (
                      <sup key={start} className={`grading-kp-label grading-kp-${creditOf(suggestion.keyPoints[start].credit)}`}>
                        {suggestion.keyPoints[start].label}
                      </sup>
                    ))}
                    <mark className={`grading-kp-${creditOf(point.credit)}`}>{segment.text}</mark>
                  </span>
                );
              })}
        </div>
      </Card>
    </>
  );
}

/** The reference answer, its explanation and the suggestion with each key point covered, partly covered or missed. */
export function ReferenceAndSuggestion({ question, suggestion }: { question: TaskQuestion; suggestion: Suggestion }) {
  const text = useText(GRADING_TEXT);
  return (
    <>
      <Card size="small" className="grading-card" title={<h2 className="grading-h">{text.reference}</h2>}>
        <p className="grading-prose">{question.referenceAnswer ?? text.noReference}</p>
        {question.explanation && (
          <>
            <h3 className="grading-h3">{text.explanation}</h3>
            <p className="grading-prose">{question.explanation}</p>
          </>
        )}
      </Card>
      <Card size="small" className="grading-card" title={<h2 className="grading-h">{text.suggestion(suggestion.points, question.points)}</h2>}>
        <p className="grading-note">{text.suggestionNote}</p>
        <ul className="grading-keypoints">
          {suggestion.keyPoints.map((point, index) => (
            <li key={index}>
              <Tag className={`grading-kp-tag grading-kp-${creditOf(point.credit)}`}>{text.keyPoint[creditOf(point.credit)]}</Tag>
              <span>
                {point.label} {point.text}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
