import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './tenant-isolation';

const TENANT = `tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE`;
const TIMESTAMPS = `created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()`;

/**
 * Webhooks (docs/integrations.md): endpoints per tenant, the events the domains emit inside their
 * own transactions (an outbox), and one delivery per endpoint and event, retried until delivered.
 */
export class CreateWebhooks1764200700000 implements MigrationInterface {
  name = 'CreateWebhooks1764200700000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE webhook_endpoints (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         url text NOT NULL CHECK (length(url) <= 2000),
         description text CHECK (length(description) <= 500),
         events text[] NOT NULL CHECK (cardinality(events) > 0),
         secret_sealed text NOT NULL,
         enabled boolean NOT NULL DEFAULT true,
         disabled_at timestamptz,
         disabled_reason text,
         consecutive_failures integer NOT NULL DEFAULT 0,
         failing_since timestamptz,
         ${TIMESTAMPS},
         UNIQUE (tenant_id, id))`,
      ...tenantIsolationSql('webhook_endpoints'),

      `CREATE TABLE webhook_events (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         sequence bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
         type text NOT NULL,
         payload jsonb NOT NULL,
         ${TIMESTAMPS},
         UNIQUE (tenant_id, id))`,
      `CREATE INDEX webhook_events_tenant ON webhook_events (tenant_id, sequence)`,
      ...tenantIsolationSql('webhook_events'),

      `CREATE TABLE webhook_deliveries (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         endpoint_id uuid NOT NULL,
         event_id uuid NOT NULL,
         sequence bigint NOT NULL,
         status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
         attempts smallint NOT NULL DEFAULT 0,
         next_attempt_at timestamptz NOT NULL DEFAULT now(),
         last_attempt_at timestamptz,
         last_status_code smallint,
         last_latency_ms integer,
         last_error text,
         delivered_at timestamptz,
         ${TIMESTAMPS},
         UNIQUE (tenant_id, id),
         UNIQUE (endpoint_id, event_id),
         FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE,
         FOREIGN KEY (tenant_id, event_id) REFERENCES webhook_events (tenant_id, id) ON DELETE CASCADE)`,
      // The head of each endpoint's queue (its oldest pending delivery) and the sweep's due rows.
      `CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint_id, sequence) WHERE status = 'pending'`,
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
      `CREATE INDEX webhook_deliveries_log ON webhook_deliveries (tenant_id, endpoint_id, sequence DESC)`,
      ...tenantIsolationSql('webhook_deliveries'),

      // The sweep, across tenants: enabled endpoints whose oldest pending delivery is overdue by
      // more than p_grace (its job was lost); each is then delivered inside its own tenant.
      `CREATE FUNCTION webhook_endpoints_overdue(p_grace interval, p_limit integer)
         RETURNS TABLE (tenant_id uuid, endpoint_id uuid)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
         AS $$
           SELECT e.tenant_id, e.id FROM webhook_endpoints e
            WHERE e.enabled AND EXISTS (
              SELECT 1 FROM webhook_deliveries d
               WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at < now() - p_grace)
            LIMIT p_limit
         $$`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of ['DROP FUNCTION webhook_endpoints_overdue(interval, integer)', 'DROP TABLE webhook_deliveries', 'DROP TABLE webhook_events', 'DROP TABLE webhook_endpoints']) {
      await db.query(sql);
    }
  }
}
