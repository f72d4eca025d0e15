export * from './invitations.module';
export * from './invitations.service';
export * from './links.service';
export * from './invitation-status';
export * from './entities/invitation.entity';
export * from './entities/candidate.entity';
export { renderInvitationMail, type InvitationMailData } from './mail/mail-templates';
export { readInvitationRows, MAX_INVITATION_ROWS } from './bulk/invitation-rows';
export { linkToken } from './link-token';
