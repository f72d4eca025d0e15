import { Route, Routes } from 'react-router';
import { CandidateReport } from './CandidateReport';
import { RoleList } from './RoleList';
import { ScopeResults } from './ScopeResults';
import './results.css';

/**
 * The recruiter's results (area `results`, recruiters and admins): job roles, then per role or
 * paper version the overview, candidates, item analysis and marking, and each candidate's
 * printable report. Reads the analytics API (docs/analytics.md); loaded lazily with echarts.
 */
export default function ResultsArea() {
  return (
    <Routes>
      <Route index element={<RoleList />} />
      <Route path=":scope/:id" element={<ScopeResults />} />
      <Route path=":scope/:id/candidates/:attemptId" element={<CandidateReport />} />
    </Routes>
  );
}
