import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { ArrivalWaiter, WAIT_LIMIT_MS } from './wait';

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server in the test process. A message counts as delivered only once the server has
 * answered "250 OK" on a live connection, as with a real mail server. `hold(n)` makes the server
 * keep the next n messages unanswered (the sender is then mid-send, for crash tests) until
 * `releaseHeld()` refuses them.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  private toHold = 0;
  private held: (() => void)[] = [];
  private allHeld: (() => void) | null = null;
  private readonly arrivals = new ArrivalWaiter(this.received, 'emails');

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<TestSmtpServer> {
    let instance: TestSmtpServer | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed: ParsedMail) => instance?.accept(parsed, session.envelope.rcptTo.map((r) => r.address).join(','), callback))
          .catch((error: Error) => callback(error));
      },
    });
    // A sender killed mid-message resets its connection (crash and fault tests): that message was
    // not delivered, and the server goes on serving the others instead of an unhandled 'error'.
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
    instance = new TestSmtpServer(server, port);
    return instance;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Keeps the next `count` messages unanswered; resolves when they have all arrived. */
  hold(count: number): Promise<void> {
    this.toHold = count;
    return new Promise((resolve) => (this.allHeld = resolve));
  }

  /** Answers the held messages with an error: they were not delivered. */
  releaseHeld(): void {
    for (const refuse of this.held.splice(0)) refuse();
  }

  /**
   * Resolves with the received messages `match` accepts as soon as there are `count` of them
   * (woken by each delivery, not by polling); fails after `limitMs` naming what is missing.
   */
  waitFor(count: number, match: (mail: ReceivedMail) => boolean = () => true, limitMs = WAIT_LIMIT_MS): Promise<ReceivedMail[]> {
    return this.arrivals.waitFor(count, match, limitMs);
  }

  /** The messages delivered to one address so far. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to === address);
  }

  async close(): Promise<void> {
    this.releaseHeld();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(parsed: ParsedMail, to: string, callback: (error?: Error | null) => void): void {
    if (this.toHold > 0) {
      this.toHold -= 1;
      this.held.push(() => callback(new Error('held message not accepted')));
      if (this.toHold === 0) this.allHeld?.();
      return;
    }
    this.received.push({
      messageId: parsed.messageId ?? '',
      to,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
    });
    callback(null);
    this.arrivals.arrived();
  }
}
