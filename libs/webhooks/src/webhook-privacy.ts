import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface WebhookEventRecord {
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * The webhooks domain's part of a data-subject request (docs/privacy.md). Payloads carry ids only
 * (webhook-events.ts); of those, the tenant's ATS ids of the candidate and their invitations
 * identify the person in another system, so an erasure nulls them. Our own ids stay: they are
 * random and, once the person is erased, point at no personal data.
 */
@Injectable()
export class WebhookPrivacy {
  /** The events about the candidate: what the company's systems were told. */
  events(manager: EntityManager, candidateId: string): Promise<WebhookEventRecord[]> {
    return manager.query(
      `SELECT type, payload, created_at AS "createdAt" FROM webhook_events WHERE payload->>'candidateId' = $1 ORDER BY sequence`,
      [candidateId],
    ) as Promise<WebhookEventRecord[]>;
  }

  async erase(manager: EntityManager, candidateId: string): Promise<number> {
    const [, count] = (await manager.query(
      `UPDATE webhook_events SET payload = payload || '{"candidateExternalId": null, "invitationExternalId": null}'::jsonb, updated_at = now()
        WHERE payload->>'candidateId' = $1`,
      [candidateId],
    )) as [unknown, number];
    return count;
  }
}
