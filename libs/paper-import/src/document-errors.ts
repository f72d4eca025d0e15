/** The file type cannot be read as a paper; the message is shown to the user as is. */
export class UnsupportedDocumentError extends Error {
  constructor(readonly filename: string) {
    super(`不支持的文件类型 Unsupported document type: ${filename} (支持 supported: .docx, .doc, .pdf, .txt, .md)`);
    this.name = 'UnsupportedDocumentError';
  }
}

/**
 * Why a document of a supported type gave no text: a PDF of scanned pages (images, no text layer),
 * a password-protected file, or a damaged one.
 */
export type DocumentProblem = 'no_text_layer' | 'encrypted' | 'unreadable';

const MESSAGES: Record<DocumentProblem, (filename: string) => string> = {
  no_text_layer: (f) =>
    `${f} 是扫描件或图片,没有可读取的文字层。请用 Word/WPS 导出 PDF 或直接上传 .docx,或把试卷文字粘贴进来。` +
    ` ${f} is a scanned PDF (images only, no text layer): export the PDF from Word or WPS, upload the .docx, or paste the text.`,
  encrypted: (f) =>
    `${f} 设有密码保护,无法读取。请去掉密码后另存再上传,或把试卷文字粘贴进来。` +
    ` ${f} is password-protected: save it again without the password, or paste the text.`,
  unreadable: (f) =>
    `${f} 已损坏或不是有效的文档,无法读取。请用 Word/WPS 打开后另存为 .docx 再上传,或把试卷文字粘贴进来。` +
    ` ${f} is damaged or not a valid document: open it in Word or WPS and save it again as .docx, or paste the text.`,
};

/** A supported document that could not be read; the message (zh-CN, then English) is shown to the user as is. */
export class DocumentReadError extends Error {
  constructor(
    readonly problem: DocumentProblem,
    readonly filename: string,
    options?: { cause?: unknown },
  ) {
    super(MESSAGES[problem](filename), options);
    this.name = 'DocumentReadError';
  }
}
