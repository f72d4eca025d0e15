import { CreateIdentity1763900000000 } from './1763900000000-CreateIdentity';
import { CreateCatalogAndBank1763900100000 } from './1763900100000-CreateCatalogAndBank';
import { CreatePapers1763900200000 } from './1763900200000-CreatePapers';
import { CreateInvitations1763900300000 } from './1763900300000-CreateInvitations';
import { CreateAttempts1763900400000 } from './1763900400000-CreateAttempts';
import { AddPaperImportWarnings1763900500000 } from './1763900500000-AddPaperImportWarnings';
import { CreateAttemptSave1763900600000 } from './1763900600000-CreateAttemptSave';
import { RenameRubricPoints1764000000000 } from './1764000000000-RenameRubricPoints';
import { AddUserSessionVersion1764000400000 } from './1764000400000-AddUserSessionVersion';
import { CreateAnalyticsStaleScopes1764100400000 } from './1764100400000-CreateAnalyticsStaleScopes';
import { AddResponseFirstSavedAt1764100410000 } from './1764100410000-AddResponseFirstSavedAt';
import { CreateAttemptSheets1764200500000 } from './1764200500000-CreateAttemptSheets';
import { CreateAnalyticsSnapshots1764000300000 } from './1764000300000-CreateAnalyticsSnapshots';
import { CreateRemindersDue1764000100000 } from './1764000100000-CreateRemindersDue';
import { CreateGrading1764000200000 } from './1764000200000-CreateGrading';
import { CreateLoginThrottles1764200000000 } from './1764200000000-CreateLoginThrottles';
import { CreateWebhooks1764200700000 } from './1764200700000-CreateWebhooks';
import { AddOutboxStaffNotices1764200710000 } from './1764200710000-AddOutboxStaffNotices';
import { CreateIdempotencyKeys1764200720000 } from './1764200720000-CreateIdempotencyKeys';
import { AddInvitationExternalId1764200730000 } from './1764200730000-AddInvitationExternalId';
import { KeyTenantTablesByTenant1764200800000 } from './1764200800000-KeyTenantTablesByTenant';
import { CreateAuditLog1764300000000 } from './1764300000000-CreateAuditLog';
import { AddCandidateRetention1764300100000 } from './1764300100000-AddCandidateRetention';
import { SaveWithoutAttemptRowLock1764300300000 } from './1764300300000-SaveWithoutAttemptRowLock';
import { UnlinkSnapshotCandidates1764300900000 } from './1764300900000-UnlinkSnapshotCandidates';
import { SheetByTenant1764400000000 } from './1764400000000-SheetByTenant';
import { CreateGradingClaim1764400200000 } from './1764400200000-CreateGradingClaim';
import { CreateAnswerBands1764400400000 } from './1764400400000-CreateAnswerBands';
import { CreateSimilarityReads1764400410000 } from './1764400410000-CreateSimilarityReads';
import { CreateAttemptStart1764500000000 } from './1764500000000-CreateAttemptStart';
import { GenerationsOfSnapshotCandidates1764600000000 } from './1764600000000-GenerationsOfSnapshotCandidates';
import { CreateAttemptSaveBatch1764700000000 } from './1764700000000-CreateAttemptSaveBatch';

/** Every migration, in order. Listed explicitly so the same list runs from TypeScript (tests) and the build. */
export const MIGRATIONS = [
  CreateIdentity1763900000000,
  CreateCatalogAndBank1763900100000,
  CreatePapers1763900200000,
  CreateInvitations1763900300000,
  CreateAttempts1763900400000,
  AddPaperImportWarnings1763900500000,
  CreateAttemptSave1763900600000,
  RenameRubricPoints1764000000000,
  CreateRemindersDue1764000100000,
  CreateGrading1764000200000,
  CreateAnalyticsSnapshots1764000300000,
  AddUserSessionVersion1764000400000,
  CreateAnalyticsStaleScopes1764100400000,
  AddResponseFirstSavedAt1764100410000,
  CreateLoginThrottles1764200000000,
  CreateAttemptSheets1764200500000,
  CreateWebhooks1764200700000,
  AddOutboxStaffNotices1764200710000,
  CreateIdempotencyKeys1764200720000,
  AddInvitationExternalId1764200730000,
  KeyTenantTablesByTenant1764200800000,
  CreateAuditLog1764300000000,
  AddCandidateRetention1764300100000,
  SaveWithoutAttemptRowLock1764300300000,
  UnlinkSnapshotCandidates1764300900000,
  SheetByTenant1764400000000,
  CreateGradingClaim1764400200000,
  CreateAnswerBands1764400400000,
  CreateSimilarityReads1764400410000,
  CreateAttemptStart1764500000000,
  GenerationsOfSnapshotCandidates1764600000000,
  CreateAttemptSaveBatch1764700000000,
];
