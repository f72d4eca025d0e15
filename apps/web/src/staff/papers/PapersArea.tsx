import { Route, Routes } from 'react-router';
import ImportPage from './ImportPage';
import PaperEditor from './PaperEditor';
import PapersList from './PapersList';
import './papers.css';

/** The papers area of the console (docs/web.md "The console"): the list, the document import and the editor. */
export default function PapersArea() {
  return (
    <Routes>
      <Route index element={<PapersList />} />
      <Route path="import" element={<ImportPage />} />
      <Route path=":paperId" element={<PaperEditor />} />
    </Routes>
  );
}
