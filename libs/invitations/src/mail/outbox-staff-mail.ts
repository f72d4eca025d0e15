import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StaffMail, type StaffNotice } from '@assay/core';
import { OutboxMessage } from '../entities/outbox-message.entity';

/** core's StaffMail on this library's outbox: one row per active admin, sent by send-outbox-message. */
@Injectable()
export class OutboxStaffMail extends StaffMail {
  async noticeToAdmins(manager: EntityManager, notice: StaffNotice): Promise<string[]> {
    const admins = (await manager.query(`SELECT email FROM users WHERE status = 'active' AND 'admin' = ANY (roles) ORDER BY email`)) as { email: string }[];
    if (admins.length === 0) return [];
    const { identifiers } = await manager.insert(
      OutboxMessage,
      admins.map((admin) => ({ kind: 'staff_notice' as const, invitationId: null, notice, toAddress: admin.email, status: 'pending' as const, attempts: 0 })),
    );
    return identifiers.map((row) => row.id as string);
  }
}
