import { DomainError } from '../problem/domain-error';

/**
 * .docx and .xlsx files are zip archives, and a zip bomb (97 KB expanding to 40 MB) blocked the
 * API for 12 s and grew it to 2.4 GB while the document libraries inflated it. The sizes every
 * entry declares in the archive's central directory are read first, without inflating anything,
 * and an archive that would expand too far is refused before a parser sees it.
 */
export const ZIP_LIMITS = {
  /** Everything inflated together; a long Word paper or a 10,000-row sheet is a few MiB. */
  maxTotalBytes: 32 * 1024 * 1024,
  /** Beyond this many times its own size an archive is compressed text built to expand (a real .docx is 3-10x). */
  maxRatio: 100,
  /** Below this the ratio does not matter: small documents of repetitive text compress well. */
  ratioFloorBytes: 4 * 1024 * 1024,
  maxEntries: 10_000,
};

const EOCD_SIGNATURE = 0x06054b50;
const ENTRY_SIGNATURE = 0x02014b50;
/** The end-of-central-directory record is 22 bytes plus a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 0xffff;

const tooBig = (reason: string) =>
  new DomainError('too_large', 'upload.expands_too_much', `The file expands to more than the server reads: ${reason}. Save it again without embedded files, or split it.`, [
    { field: 'file', reason },
  ]);

/** Refuses an archive whose declared contents exceed ZIP_LIMITS; anything that is not a zip is left to its parser. */
export function assertZipInflatesWithin(archive: Buffer, limits = ZIP_LIMITS): void {
  const eocd = findEndOfCentralDirectory(archive);
  if (eocd < 0) return;
  const entries = archive.readUInt16LE(eocd + 10);
  let offset = archive.readUInt32LE(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff) throw tooBig('a ZIP64 archive (over 65,535 entries or 4 GiB)');
  if (entries > limits.maxEntries) throw tooBig(`more than ${limits.maxEntries} entries`);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > archive.length || archive.readUInt32LE(offset) !== ENTRY_SIGNATURE) return; // damaged: the parser says so
    const size = archive.readUInt32LE(offset + 24);
    if (size === 0xffffffff) throw tooBig('a ZIP64 entry (over 4 GiB)');
    total += size;
    if (total > limits.maxTotalBytes) throw tooBig(`more than ${limits.maxTotalBytes / 1024 / 1024} MiB uncompressed`);
    offset += 46 + archive.readUInt16LE(offset + 28) + archive.readUInt16LE(offset + 30) + archive.readUInt16LE(offset + 32);
  }
  if (total > limits.ratioFloorBytes && total > archive.length * limits.maxRatio) {
    throw tooBig(`${Math.round(total / archive.length)} times its own size uncompressed (at most ${limits.maxRatio})`);
  }
}

function findEndOfCentralDirectory(archive: Buffer): number {
  const stop = Math.max(0, archive.length - EOCD_SEARCH);
  for (let i = archive.length - 22; i >= stop; i--) {
    if (archive.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  return -1;
}
