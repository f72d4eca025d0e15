import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * One page, two bundles: the candidate's exam and the staff app are lazy routes, so a candidate's
 * phone downloads only the exam. The build lands in dist/web, which the API serves (one origin).
 */
export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: { alias: { '@assay/contracts': here('../../libs/contracts/src/index.ts') } },
  build: { outDir: here('../../dist/web'), emptyOutDir: true, manifest: true, target: 'es2020' },
  // `npm run web:dev`: the dev server on 5173 sends API calls to the API started with `npm start`.
  server: { port: 5173, proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' } },
});
