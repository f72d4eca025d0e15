/**
 * Row-level security for a tenant-owned table: rows are visible and writable only inside a
 * transaction whose `app.tenant_id` names their tenant (see TenantTransaction). Without a tenant
 * the function yields NULL and every comparison fails, so a forgotten context returns no rows.
 */
export function tenantIsolationSql(table: string, column = 'tenant_id'): string[] {
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_tenant_isolation ON ${table} USING (${column} = app_current_tenant()) WITH CHECK (${column} = app_current_tenant())`,
  ];
}
