import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';
import { afterCommit, JobName, JobQueue } from '@assay/core';
import type { WebhookEventData, WebhookEventType } from './webhook-events';

/**
 * The one way a domain says something happened: `emit` with its own EntityManager, inside the
 * transaction that makes the change, so an event exists exactly when the change does (an outbox).
 * Once that transaction commits, the endpoints that got a delivery are queued for delivery (best
 * effort: the sweep-webhooks job finds what a lost enqueue left behind).
 */
@Injectable()
export class WebhooksService implements EntitySubscriberInterface {
  private readonly logger = new Logger(WebhooksService.name);
  /** Endpoints with new deliveries, per open transaction, queued when it commits. */
  private readonly pending = new WeakMap<QueryRunner, { tenantId: string; endpointIds: Set<string> }>();

  constructor(
    dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {
    // Transaction events reach every subscriber; this one only acts on transactions that emitted.
    dataSource.subscribers.push(this);
  }

  /** Writes the event and one delivery per enabled endpoint subscribed to it; nothing when none is. */
  async emit(manager: EntityManager, type: WebhookEventType, data: WebhookEventData): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('WebhooksService.emit must run inside the transaction of the change it reports');
    const rows = (await manager.query(
      `WITH subscribed AS (SELECT id FROM webhook_endpoints WHERE enabled AND $1 = ANY (events)),
            event AS (INSERT INTO webhook_events (type, payload) SELECT $1, $2::jsonb WHERE EXISTS (SELECT 1 FROM subscribed) RETURNING id, sequence, tenant_id)
       INSERT INTO webhook_deliveries (endpoint_id, event_id, sequence)
       SELECT s.id, e.id, e.sequence FROM subscribed s CROSS JOIN event e
       RETURNING endpoint_id, tenant_id`,
      [type, JSON.stringify(data)],
    )) as { endpoint_id: string; tenant_id: string }[];
    if (rows.length === 0) return;
    const entry = this.pending.get(runner) ?? { tenantId: rows[0].tenant_id, endpointIds: new Set<string>() };
    for (const row of rows) entry.endpointIds.add(row.endpoint_id);
    this.pending.set(runner, entry);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const entry = this.pending.get(event.queryRunner);
    if (!entry) return;
    this.pending.delete(event.queryRunner);
    this.queueDeliveries(entry.tenantId, [...entry.endpointIds]);
  }

  /**
   * After the commit of deliveries written to `endpointIds`: their delivery jobs, not awaited (the
   * caller's answer must not wait on Redis; the sweep finds what a lost enqueue left behind). For
   * the commit hook above, and for a statement that writes its event itself in one round trip
   * (`attempt_start`, whose endpoint ids the attempts library passes on through invitations).
   */
  queueDeliveries(tenantId: string, endpointIds: readonly string[]): void {
    if (endpointIds.length === 0) return;
    const at = Date.now();
    void afterCommit(this.logger, { tenantId }, 'Webhook deliveries not queued; the sweep will', () =>
      this.jobs.enqueueMany(
        JobName.DeliverWebhooks,
        endpointIds.map((endpointId) => ({ data: { tenantId, endpointId, at } })),
      ),
    );
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }
}
