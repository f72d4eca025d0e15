/**
 * Reads an exam paper document and shows what the importer understood:
 *   npm run import:paper -- <file.docx|.doc|.pdf|.txt|.md> [--json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AnswerKey } from '@assay/contracts';
import { DocumentReadError, extractDocumentText, importPaper, UnsupportedDocumentError, type ImportedPaper } from '@assay/paper-import';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function showAnswer(answer: AnswerKey | null): string {
  if (answer === null) return '-';
  if (typeof answer === 'boolean') return answer ? '正确 true' : '错误 false';
  if (typeof answer === 'string') return answer;
  return answer.map((a) => (Array.isArray(a) ? a.join('/') : a)).join(answer.some(Array.isArray) ? ' ; ' : ',');
}

function oneLine(text: string, max = 40): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

function summary(paper: ImportedPaper): string {
  const out: string[] = [];
  out.push(`标题 Title: ${paper.title || '(无 none)'}`);
  out.push(`时长 Duration: ${paper.durationMinutes ?? '-'} 分钟 min    总分 Total: ${paper.totalPoints ?? '-'} 分 points`);
  for (const s of paper.sections) {
    const declared = s.declaredCount === null ? '' : ` / 声明 declared ${s.declaredCount}`;
    out.push('');
    out.push(`[${s.title || '(未命名 untitled)'}] ${s.type ?? 'mixed'}: ${s.questions.length} 题 questions${declared}, 每题 each ${s.pointsEach ?? '-'} 分`);
    s.questions.forEach((q, i) => {
      const type = q.kind ? `${q.type}/${q.kind}` : q.type;
      const extra = [
        q.options.length > 0 ? `${q.options.length} options` : '',
        q.referenceAnswer ? 'ref ✓' : '',
        q.competencies.length > 0 ? `考察点 ${q.competencies.join('、')}` : '',
        q.rubric.length > 0 ? `rubric ${q.rubric.map((r) => `${r.criterion}:${r.points}`).join(';')}` : '',
      ].filter(Boolean);
      out.push(`  ${i + 1}. L${q.line} ${type} (${q.points ?? '-'}分) ${oneLine(q.stem)}  => ${showAnswer(q.answerKey)}${extra.length ? `  [${extra.join(' | ')}]` : ''}`);
    });
  }
  out.push('');
  out.push(`警告 Warnings (${paper.warnings.length}):`);
  for (const w of paper.warnings) out.push(`  第${w.line}行 line ${w.line} [${w.code}] ${w.message}`);
  return out.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) fail('用法 Usage: npm run import:paper -- <file.docx|.doc|.pdf|.txt|.md> [--json]');
  if (!existsSync(file)) fail(`找不到文件 File not found: ${file}`);
  let text: string;
  try {
    text = await extractDocumentText(readFileSync(file), basename(file));
  } catch (error) {
    if (error instanceof UnsupportedDocumentError || error instanceof DocumentReadError) fail(error.message);
    throw error;
  }
  const paper = importPaper(text);
  process.stdout.write(json ? `${JSON.stringify(paper, null, 2)}\n` : `${summary(paper)}\n`);
}

main().catch((error: unknown) => fail(`导入失败 Import failed: ${error instanceof Error ? error.message : String(error)}`));
