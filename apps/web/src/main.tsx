import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';

// Two bundles: a candidate's phone downloads only the exam; staff screens load only for staff.
const CandidateApp = lazy(() => import('./candidate/CandidateApp'));
const StaffApp = lazy(() => import('./staff/StaffApp'));

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Suspense fallback={null}>
          <Routes>
            <Route path="/t/:token" element={<CandidateApp />} />
            <Route path="/staff/*" element={<StaffApp />} />
            <Route path="*" element={<Navigate to="/staff" replace />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
