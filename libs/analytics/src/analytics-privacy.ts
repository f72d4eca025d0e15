import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The analytics domain's part of an erasure (docs/privacy.md): the report snapshots' candidate
 * rows carry a name and an email for the recruiter's list; they take the erased candidate's
 * placeholders at once (the next refresh would copy them from the candidate anyway). Scores,
 * bands, ranks and every aggregate stay: the person is gone, the cohort's statistics are not.
 */
@Injectable()
export class AnalyticsPrivacy {
  async erase(manager: EntityManager, attemptIds: string[], placeholder: { name: string; email: string }): Promise<number> {
    const [, count] = (await manager.query(
      `UPDATE analytics_snapshot_candidates SET row = row || jsonb_build_object('name', $2::text, 'email', $3::text) WHERE attempt_id = ANY($1)`,
      [attemptIds, placeholder.name, placeholder.email],
    )) as [unknown, number];
    return count;
  }
}
