import { Route, Routes } from 'react-router';
import { ArbitrationPage } from './ArbitrationPage';
import { MarkingPage } from './MarkingPage';
import { QueuesPage } from './QueuesPage';
import './grading.css';

/** The grader's workspace (/staff/grading): queues, marking and third marking, arbitration (docs/web.md). */
export default function GradingArea() {
  return (
    <Routes>
      <Route index element={<QueuesPage />} />
      <Route path="papers/:paperId/mark" element={<MarkingPage />} />
      <Route path="papers/:paperId/arbitration" element={<ArbitrationPage />} />
    </Routes>
  );
}
