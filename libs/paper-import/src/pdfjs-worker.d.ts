/** pdf.js's worker module ships without typings; it is imported only for its effect (pdf-text.ts). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
