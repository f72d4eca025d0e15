/** What a hand-made one-page PDF holds: lines of (Latin) text, a picture as a scanner makes, a password. */
export interface PdfContent {
  lines?: string[];
  image?: boolean;
  /** A standard security handler whose user password is not empty: readers must ask for it. */
  encrypted?: boolean;
}

const hex = (bytes: number) => Buffer.alloc(bytes, 0x5a).toString('hex');

/**
 * The smallest PDF that shows what a test needs: a scan (an image and no text layer), a blank page,
 * a password-protected file or a few lines of text, written object by object with its
 * cross-reference table, as any PDF writer does.
 */
export function pdf(content: PdfContent): Buffer {
  const text = (content.lines ?? []).map((line, i) => `BT /F1 12 Tf 20 ${170 - 16 * i} Td (${line.replace(/[()\\]/g, '\\$&')}) Tj ET`);
  const stream = [...(content.image ? ['q 100 0 0 100 50 20 cm /Im1 Do Q'] : []), ...text].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 6 0 R >> /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\x7f\x7f\xff\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...(content.encrypted ? [`<< /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32)}> /P -4 >>`] : []),
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = Buffer.byteLength(body, 'latin1');
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  const entries = offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('');
  const encrypt = content.encrypted ? ` /Encrypt 7 0 R /ID [<${hex(16)}> <${hex(16)}>]` : '';
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
