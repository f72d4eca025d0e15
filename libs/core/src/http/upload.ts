import type { Multipart } from '@fastify/multipart';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { DomainError, type FieldProblem } from '../problem/domain-error';
import { flattenValidationErrors } from '../problem/validation';
import { assertWellFormedText } from './safe-json';
import { assertZipInflatesWithin } from './zip-limits';

/** One uploaded file, read into memory (the multipart plugin caps it at 20 MiB). */
export interface UploadedFile {
  filename: string;
  buffer: Buffer;
}

/** A multipart request: at most one file (any field name) and the text fields. */
export interface MultipartUpload {
  file: UploadedFile | null;
  fields: Record<string, string>;
}

/** Fastify multipart errors carry a code and a status; we map the ones a user can cause. */
interface FastifyPluginError {
  code?: string;
  statusCode?: number;
  message: string;
}

function isPluginError(error: unknown): error is FastifyPluginError {
  const code = error instanceof Error ? (error as FastifyPluginError).code : undefined;
  return typeof code === 'string' && code.startsWith('FST_');
}

/**
 * Reads a whole multipart body, whatever the order of its parts. A file over the limit is 413
 * naming `file`; a second file or a malformed body is 400. Returns null when the request is not
 * multipart (the caller reads its JSON body instead).
 */
export async function readMultipart(req: FastifyRequest): Promise<MultipartUpload | null> {
  if (!req.isMultipart()) return null;
  const upload: MultipartUpload = { file: null, fields: {} };
  try {
    for await (const part of req.parts() as AsyncIterableIterator<Multipart>) {
      if (part.type === 'file') {
        upload.file = { filename: part.filename, buffer: await part.toBuffer() };
      } else if (typeof part.value === 'string') {
        upload.fields[part.fieldname] = part.value;
      } else {
        upload.fields[part.fieldname] = JSON.stringify(part.value);
      }
    }
  } catch (error) {
    throw uploadError(error);
  }
  // Form fields enter like JSON strings do, under the same text rule.
  assertWellFormedText(upload.fields);
  // .docx and .xlsx are zip archives: refused here, before any parser inflates them, if they would expand too far.
  if (upload.file) assertZipInflatesWithin(upload.file.buffer);
  return upload;
}

/**
 * Everything that fails while the parts are read is the body's fault (busboy throws plain errors
 * for a missing boundary or a truncated body), so it is a 4xx, never a 500.
 */
function uploadError(error: unknown): DomainError {
  const code = isPluginError(error) ? error.code : undefined;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new DomainError('too_large', 'upload.file_too_large', 'The file is larger than the 20 MiB the server accepts; split it or remove images.', [
        { field: 'file', reason: 'larger than 20 MiB' },
      ], { cause: error });
    case 'FST_FILES_LIMIT':
      return new DomainError('invalid', 'upload.one_file_only', 'Send one file per request.', [{ field: 'file', reason: 'only one file per request' }], {
        cause: error,
      });
    default:
      return new DomainError('invalid', 'upload.malformed', `The multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`, [], {
        cause: error,
      });
  }
}

/** Form fields get the same DTO validation (and the same problem document) as a JSON body. */
export async function validateFields<T extends object>(dto: new () => T, fields: Record<string, unknown>): Promise<T> {
  const { instance, problems } = await fieldProblems(dto, fields);
  if (problems.length > 0) throw DomainError.invalid('request.validation_failed', 'Some fields are missing or invalid; see errors.', problems);
  return instance;
}

/** Class-validator problems of a plain object, without throwing (per-row checks of spreadsheets). */
export async function fieldProblems<T extends object>(dto: new () => T, plain: Record<string, unknown>): Promise<{ instance: T; problems: FieldProblem[] }> {
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  return { instance, problems: flattenValidationErrors(errors) };
}
