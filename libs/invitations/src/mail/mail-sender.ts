import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '@assay/core';
import type { RenderedMail } from './mail-templates';

/** SMTP delivery through nodemailer, one pooled transport per process. */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transport = createTransport(config.SMTP_URL, { from: config.MAIL_FROM });
  }

  /**
   * The Message-ID is derived from the outbox row, so a message retried after a crash carries the
   * same id and receiving servers can recognise the duplicate.
   */
  async send(to: string, mail: RenderedMail, outboxId: string): Promise<void> {
    const domain = this.config.MAIL_FROM.match(/@([^>\s]+)/)?.[1] ?? 'assay.local';
    await this.transport.sendMail({ to, subject: mail.subject, text: mail.text, html: mail.html, messageId: `<${outboxId}@${domain}>` });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
