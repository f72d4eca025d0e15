import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@assay/audit';
import { TenantTransaction } from '@assay/core';
import { DEFAULT_TOLERANCE, type MarkingMode, type Tolerance } from '@assay/grading-rules';
import { GradingErrors } from './grading-errors';

/** How a paper's open answers are marked; stored per paper in grading_settings (docs/grading.md). */
export interface GradingSettings {
  mode: MarkingMode;
  tolerance: Tolerance;
  halfPoints: boolean;
  /** After every N marks a grader gets one of their own earlier answers again (0 = never). */
  selfCheckEvery: number;
}

/** A paper without settings is marked by one grader, half points allowed. */
export const DEFAULT_GRADING_SETTINGS: GradingSettings = {
  mode: 'single',
  tolerance: DEFAULT_TOLERANCE,
  halfPoints: true,
  selfCheckEvery: 0,
};

/** The columns of grading_settings that make a paper's settings; all null when a join found none. */
export interface SettingsRow {
  mode: MarkingMode | null;
  tolerance_kind: Tolerance['kind'];
  tolerance_value: string;
  half_points: boolean;
  self_check_every: number;
}

/** A paper's settings from its row, or the defaults when it has none. */
export function settingsOf(row: SettingsRow | undefined): GradingSettings {
  if (!row?.mode) return DEFAULT_GRADING_SETTINGS;
  return {
    mode: row.mode,
    tolerance: { kind: row.tolerance_kind, value: Number(row.tolerance_value) },
    halfPoints: row.half_points,
    selfCheckEvery: row.self_check_every,
  };
}

@Injectable()
export class GradingSettingsService {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly audit: AuditTrail,
  ) {}

  /** The paper's settings, or the defaults; inside the caller's transaction. */
  async of(manager: EntityManager, paperId: string): Promise<GradingSettings> {
    const [row] = (await manager.query(
      'SELECT mode, tolerance_kind, tolerance_value, half_points, self_check_every FROM grading_settings WHERE paper_id = $1',
      [paperId],
    )) as SettingsRow[];
    return settingsOf(row);
  }

  get(paperId: string): Promise<GradingSettings> {
    return this.tx.run(async (manager) => {
      await this.requirePaper(manager, paperId);
      return this.of(manager, paperId);
    });
  }

  /**
   * Replaces the paper's settings. They apply to answers marked from now on: an answer's next
   * round is decided with the settings of the moment its mark arrives.
   */
  put(paperId: string, settings: GradingSettings): Promise<GradingSettings> {
    return this.tx.run(async (manager) => {
      await this.requirePaper(manager, paperId);
      const before = await this.of(manager, paperId);
      await manager.query(
        `INSERT INTO grading_settings (paper_id, mode, tolerance_kind, tolerance_value, half_points, self_check_every)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, paper_id) DO UPDATE
            SET mode = EXCLUDED.mode, tolerance_kind = EXCLUDED.tolerance_kind, tolerance_value = EXCLUDED.tolerance_value,
                half_points = EXCLUDED.half_points, self_check_every = EXCLUDED.self_check_every, updated_at = now()`,
        [paperId, settings.mode, settings.tolerance.kind, settings.tolerance.value, settings.halfPoints, settings.selfCheckEvery],
      );
      const after = await this.of(manager, paperId);
      await this.audit.record(manager, { resourceType: 'grading_settings', resourceId: paperId, before, after });
      return after;
    });
  }

  /** 404 for a paper of another tenant or none (RLS hides it). */
  async requirePaper(manager: EntityManager, paperId: string): Promise<void> {
    const [paper] = (await manager.query('SELECT 1 FROM papers WHERE id = $1', [paperId])) as unknown[];
    if (!paper) throw GradingErrors.paperNotFound();
  }
}
