import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { afterCommit, AppConfig, JobHandler, StaffMail, JobName, JobQueue, TenantTransaction, type JobOf, type JobResult } from '@assay/core';
import { nextAttemptAt, shouldDisable } from './delivery-policy';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookEvent } from './entities/webhook-event.entity';
import { privateAddressOf } from './private-networks';
import { SIGNATURE_HEADER, signatureHeader } from './signature';
import { secretKey, unsealSecret } from './webhook-secret';

/** Overdue by more than this, an endpoint's oldest pending delivery lost its job: the sweep queues it again. */
const LOST_AFTER = '1 minute';
const SWEEP_LIMIT = 1000;
/** A delayed job may start a moment before the row's time on another clock. */
const CLOCK_SLACK_MS = 1000;

interface Attempt {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** What one step of an endpoint's queue did. */
type Step = { kind: 'next' } | { kind: 'idle' } | { kind: 'retry'; at: Date } | { kind: 'disabled'; mailIds: string[] };

/**
 * Delivers each endpoint's deliveries one at a time, oldest event first: a step locks the endpoint
 * row, takes its oldest pending delivery and sends it, recording the outcome in the same
 * transaction. A failure schedules that delivery's retry (exponential backoff) and holds the newer
 * ones behind it, so a receiver sees events in order; after its last attempt it is `failed` and
 * the queue moves on. A crash before the commit sends it again: at least once.
 */
@Injectable()
export class WebhookDeliveryJobs {
  private readonly logger = new Logger(WebhookDeliveryJobs.name);
  private readonly key: Buffer;

  constructor(
    private readonly tx: TenantTransaction,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    private readonly mail: StaffMail,
  ) {
    this.key = secretKey(config.LINK_SECRET);
  }

  @JobHandler(JobName.DeliverWebhooks)
  async deliver({ tenantId, endpointId }: JobOf<JobName.DeliverWebhooks>): Promise<JobResult> {
    let moved = 0;
    for (;;) {
      const step = await this.tx.runAs(tenantId, (manager) => this.step(manager, endpointId));
      if (step.kind === 'next') {
        moved += 1;
        continue;
      }
      if (step.kind === 'retry') {
        await afterCommit(this.logger, { tenantId, endpointId }, 'Webhook retry not queued; the sweep will', () =>
          this.jobs.enqueue(JobName.DeliverWebhooks, { tenantId, endpointId, at: step.at.getTime() }, { delayMs: Math.max(0, step.at.getTime() - Date.now()) }),
        );
      }
      if (step.kind === 'disabled') {
        await afterCommit(this.logger, { tenantId, endpointId }, 'Admin notice not queued; the outbox sweep will send it', () =>
          this.jobs.enqueueMany(JobName.SendOutboxMessage, step.mailIds.map((outboxId) => ({ data: { tenantId, outboxId } }))),
        );
      }
      return moved > 0 || step.kind !== 'idle' ? 'done' : 'skipped';
    }
  }

  /** Every minute, across tenants: endpoints whose due deliveries lost their job get one again. */
  @JobHandler(JobName.SweepWebhooks)
  async sweep(): Promise<JobResult> {
    const rows = (await this.dataSource.query('SELECT tenant_id, endpoint_id FROM webhook_endpoints_overdue($1::interval, $2)', [LOST_AFTER, SWEEP_LIMIT])) as {
      tenant_id: string;
      endpoint_id: string;
    }[];
    if (rows.length === 0) return 'skipped';
    // One job per endpoint and minute: a new id, whatever became of the lost one.
    const at = Math.floor(Date.now() / 60_000) * 60_000;
    await this.jobs.requeue(
      JobName.DeliverWebhooks,
      rows.map((row) => ({ tenantId: row.tenant_id, endpointId: row.endpoint_id, at })),
    );
    this.logger.log({ endpoints: rows.length }, 'Re-queued overdue webhook deliveries');
    return 'done';
  }

  private async step(manager: EntityManager, endpointId: string): Promise<Step> {
    // NO KEY UPDATE: new deliveries (whose foreign key takes KEY SHARE on this row) are not held
    // up while a slow receiver is being waited for; other steps for this endpoint are.
    const [endpoint] = (await manager.query(`SELECT id, url, enabled, secret_sealed, consecutive_failures, failing_since FROM webhook_endpoints WHERE id = $1 FOR NO KEY UPDATE`, [
      endpointId,
    ])) as { id: string; url: string; enabled: boolean; secret_sealed: string; consecutive_failures: number; failing_since: Date | null }[];
    if (!endpoint?.enabled) return { kind: 'idle' };
    const delivery = await manager.findOne(WebhookDelivery, { where: { endpointId, status: 'pending' }, order: { sequence: 'ASC' } });
    if (!delivery) return { kind: 'idle' };
    if (delivery.nextAttemptAt.getTime() > Date.now() + CLOCK_SLACK_MS) return { kind: 'retry', at: delivery.nextAttemptAt };
    const event = await manager.findOneByOrFail(WebhookEvent, { id: delivery.eventId });
    const attempt = await this.send(endpoint.url, unsealSecret(endpoint.secret_sealed, this.key), delivery, event);
    const now = new Date();
    const attempts = delivery.attempts + 1;
    const outcome = { attempts, lastAttemptAt: now, lastStatusCode: attempt.statusCode, lastLatencyMs: attempt.latencyMs, lastError: attempt.error };
    if (attempt.ok) {
      await manager.update(WebhookDelivery, { id: delivery.id }, { ...outcome, status: 'delivered', deliveredAt: now });
      if (endpoint.consecutive_failures > 0) await manager.update(WebhookEndpoint, { id: endpointId }, { consecutiveFailures: 0, failingSince: null });
      return { kind: 'next' };
    }
    return this.recordFailure(manager, endpoint, delivery, outcome);
  }

  /**
   * A failed attempt: the delivery's retry (or `failed` after its last attempt), the endpoint's run
   * of failures, and the endpoint disabled with a notice to the admins once that run is sustained.
   */
  private async recordFailure(
    manager: EntityManager,
    endpoint: { url: string; consecutive_failures: number; failing_since: Date | null },
    delivery: WebhookDelivery,
    outcome: { attempts: number; lastAttemptAt: Date; lastStatusCode: number | null; lastLatencyMs: number; lastError: string | null },
  ): Promise<Step> {
    const now = outcome.lastAttemptAt;
    const retryAt = nextAttemptAt(outcome.attempts, now, { baseMs: this.config.WEBHOOK_RETRY_BASE_MS, maxAttempts: this.config.WEBHOOK_MAX_ATTEMPTS });
    await manager.update(WebhookDelivery, { id: delivery.id }, { ...outcome, status: retryAt ? 'pending' : 'failed', nextAttemptAt: retryAt ?? delivery.nextAttemptAt });
    const failures = endpoint.consecutive_failures + 1;
    const failingSince = endpoint.failing_since ?? now;
    const endpointId = delivery.endpointId;
    if (shouldDisable(failures, failingSince, now, { failures: this.config.WEBHOOK_DISABLE_AFTER_FAILURES, hours: this.config.WEBHOOK_DISABLE_AFTER_HOURS })) {
      const reason = `${failures} consecutive failed deliveries since ${failingSince.toISOString()}; last: ${outcome.lastError}`.slice(0, 500);
      await manager.update(WebhookEndpoint, { id: endpointId }, { consecutiveFailures: failures, failingSince, enabled: false, disabledAt: now, disabledReason: reason });
      const mailIds = await this.mail.noticeToAdmins(manager, { kind: 'webhook_disabled', endpointId, url: endpoint.url, reason });
      this.logger.warn({ endpointId, failures }, 'Webhook endpoint disabled after sustained failure');
      return { kind: 'disabled', mailIds };
    }
    await manager.update(WebhookEndpoint, { id: endpointId }, { consecutiveFailures: failures, failingSince });
    // Out of attempts: that delivery is `failed` and the next one goes now.
    return retryAt ? { kind: 'retry', at: retryAt } : { kind: 'next' };
  }

  /** One POST, aborted after WEBHOOK_TIMEOUT_MS; redirects are not followed (a 3xx is a failure). */
  private async send(url: string, secret: string, delivery: WebhookDelivery, event: WebhookEvent): Promise<Attempt> {
    const body = JSON.stringify({ id: event.id, type: event.type, sequence: Number(event.sequence), occurredAt: event.createdAt.toISOString(), tenantId: event.tenantId, data: event.payload });
    const started = performance.now();
    if (this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS !== 'true') {
      // Checked at each delivery: a name may resolve elsewhere than when it was registered.
      const host = new URL(url).hostname;
      let refused: string | null;
      try {
        refused = await privateAddressOf(url);
      } catch (error) {
        return { ok: false, statusCode: null, latencyMs: Math.round(performance.now() - started), error: `cannot resolve ${host}: ${describeFetchError(error)}`.slice(0, 500) };
      }
      if (refused) return { ok: false, statusCode: null, latencyMs: 0, error: `refused: ${host} resolves to ${refused}, a private or loopback address` };
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.config.WEBHOOK_TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Assay-Webhooks/1',
          'assay-event': event.type,
          'assay-delivery': delivery.id,
          [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(secret, Math.floor(Date.now() / 1000), body),
        },
        body,
      });
      // The answer's body is not kept; reading it (within the same timeout) frees the connection.
      await response.arrayBuffer();
      const ok = response.status >= 200 && response.status < 300;
      return { ok, statusCode: response.status, latencyMs: Math.round(performance.now() - started), error: ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      const message = controller.signal.aborted ? `no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms` : describeFetchError(error);
      return { ok: false, statusCode: null, latencyMs: Math.round(performance.now() - started), error: message.slice(0, 500) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** fetch says "fetch failed"; the reason (refused, reset, DNS) is in its cause. */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
