import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArrivalWaiter, WAIT_LIMIT_MS } from './wait';

export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  /** The body exactly as received: signatures are computed over these bytes. */
  body: string;
  /** The status this receiver answered, or null when it never answered (hang). */
  answered: number | null;
}

/** How the receiver answers the next request: an HTTP status, or `hang` (never answers, until closed). */
export type WebhookAnswer = number | 'hang';

/**
 * A real HTTP server in the test process that receives webhook deliveries on 127.0.0.1. It answers
 * 204 by default; `answerNext` queues other answers (a status, or a hang), one per request, so a
 * test can make it fail, time out and recover. Every request is recorded, answered or not.
 */
export class TestWebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly answers: WebhookAnswer[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly arrivals = new ArrivalWaiter(this.received, 'webhook requests');

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<TestWebhookReceiver> {
    let instance: TestWebhookReceiver | null = null;
    const server = createServer((request, response) => instance?.accept(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    instance = new TestWebhookReceiver(server, (server.address() as AddressInfo).port);
    return instance;
  }

  /** The URL to register, with an optional path. */
  url(path = '/hooks'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The next requests get these answers, in order; after them, 204 again. */
  answerNext(...answers: WebhookAnswer[]): void {
    this.answers.push(...answers);
  }

  /** The requests received so far whose body parses to something `match` accepts. */
  events(match: (event: any) => boolean = () => true): any[] {
    return this.received.map((r) => JSON.parse(r.body)).filter(match);
  }

  /** Resolves once `count` received requests satisfy `match` (woken by each request); fails after `limitMs`. */
  waitFor(count: number, match: (request: ReceivedWebhook) => boolean = () => true, limitMs = WAIT_LIMIT_MS): Promise<ReceivedWebhook[]> {
    return this.arrivals.waitFor(count, match, limitMs);
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = this.answers.shift() ?? 204;
      this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answered: answer === 'hang' ? null : answer });
      if (answer === 'hang') this.hanging.add(response);
      else response.writeHead(answer).end();
      this.arrivals.arrived();
    });
  }
}
