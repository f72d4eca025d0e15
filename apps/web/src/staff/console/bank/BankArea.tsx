import { Navigate, Route, Routes } from 'react-router';
import { BankImport } from './BankImport';
import { BankList } from './BankList';
import { QuestionEditor } from './QuestionEditor';

/** /staff/bank/*: the question bank: search, the question forms, spreadsheet import and export. */
export default function BankArea() {
  return (
    <Routes>
      <Route index element={<BankList />} />
      <Route path="new" element={<QuestionEditor />} />
      <Route path="import" element={<BankImport />} />
      <Route path=":id" element={<QuestionEditor />} />
      <Route path="*" element={<Navigate to="/staff/bank" replace />} />
    </Routes>
  );
}
