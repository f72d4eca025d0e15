import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DomainError, OffThread, OffThreadLimitError } from '@assay/core';
import { accountWords } from './password-strength';

const STRENGTH = { module: join(__dirname, 'password-strength'), fn: 'passwordWeakness' };

/** Refuses passwords that are easy to guess, naming the field and saying why and what to do instead. */
@Injectable()
export class PasswordPolicy {
  constructor(private readonly offThread: OffThread) {}

  /** `account`: the email, names and company of the account, which an attacker tries first. */
  async assertStrong(password: string, field: string, account: (string | null | undefined)[]): Promise<void> {
    // Estimating takes up to a few hundred milliseconds of CPU: not on the event loop.
    const weakness = await this.offThread.run<string | null>(STRENGTH, { password, userInputs: accountWords(...account) }).catch((error: unknown) => {
      // Only the first 64 characters are estimated, so this is a machine far too busy, not a hostile password.
      if (error instanceof OffThreadLimitError) {
        throw DomainError.invalid('auth.password_unchecked', 'The password could not be checked in time; try again.', [{ field, reason: 'could not be checked in time; try again' }]);
      }
      throw error;
    });
    if (weakness !== null) {
      throw DomainError.invalid('auth.weak_password', 'The password is too easy to guess; see errors for why and what to do.', [{ field, reason: weakness }]);
    }
  }
}
