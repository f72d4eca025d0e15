import JSZip from 'jszip';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Word list definition: one entry per level, as in word/numbering.xml ("decimal", "%1."). */
export interface DocxList {
  id: number;
  levels: { format: string; text: string; start?: number }[];
}

/** A paragraph (a string, or text numbered by a list), or a table given row by row. */
export type DocxBlock = string | { text: string; list: number; level?: number } | { table: string[][] };

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function paragraph(block: string | { text: string; list: number; level?: number }): string {
  const text = typeof block === 'string' ? block : block.text;
  const numPr = typeof block === 'string' ? '' : `<w:pPr><w:numPr><w:ilvl w:val="${block.level ?? 0}"/><w:numId w:val="${block.list}"/></w:numPr></w:pPr>`;
  return `<w:p>${numPr}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
}

function table(rows: string[][]): string {
  const cells = (row: string[]) => row.map((cell) => `<w:tc>${paragraph(cell)}</w:tc>`).join('');
  return `<w:tbl>${rows.map((row) => `<w:tr>${cells(row)}</w:tr>`).join('')}</w:tbl>`;
}

function numberingXml(lists: DocxList[]): string {
  const abstract = lists
    .map((list) => {
      const levels = list.levels
        .map((l, i) => `<w:lvl w:ilvl="${i}"><w:start w:val="${l.start ?? 1}"/><w:numFmt w:val="${l.format}"/><w:lvlText w:val="${escapeXml(l.text)}"/></w:lvl>`)
        .join('');
      return `<w:abstractNum w:abstractNumId="${list.id}">${levels}</w:abstractNum>`;
    })
    .join('');
  const nums = lists.map((list) => `<w:num w:numId="${list.id}"><w:abstractNumId w:val="${list.id}"/></w:num>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W_NS}>${abstract}${nums}</w:numbering>`;
}

/**
 * A minimal Word document, one paragraph per line (spaces kept), as Word and mammoth read it. Lists
 * use Word's real automatic numbering (numbering.xml), so the numbers are not in the text runs.
 */
export async function docx(blocks: DocxBlock[], lists: DocxList[] = []): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>',
  );
  zip.file('word/numbering.xml', numberingXml(lists));
  const body = blocks.map((block) => (typeof block === 'object' && 'table' in block ? table(block.table) : paragraph(block))).join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS}><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}
