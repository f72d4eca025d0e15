import { ArrivalWaiter } from './wait';

/** The waiter TestSmtpServer and TestWebhookReceiver share: woken by arrivals, never by polling. */
describe('ArrivalWaiter', () => {
  it('resolves at once with what already arrived, and later ones once enough match', async () => {
    const received: string[] = ['a1'];
    const arrivals = new ArrivalWaiter(received, 'letters');
    await expect(arrivals.waitFor(1)).resolves.toEqual(['a1']);

    const twoBs = arrivals.waitFor(2, (item) => item.startsWith('b'));
    let settled = false;
    void twoBs.then(() => (settled = true));
    for (const item of ['b1', 'a2']) {
      received.push(item);
      arrivals.arrived();
    }
    await Promise.resolve();
    expect(settled).toBe(false);
    received.push('b2');
    arrivals.arrived();
    await expect(twoBs).resolves.toEqual(['b1', 'b2']);
  });

  it('fails after its limit naming what is missing', async () => {
    const arrivals = new ArrivalWaiter<string>(['x'], 'emails');
    await expect(arrivals.waitFor(2, () => true, 1)).rejects.toThrow('expected 2 matching emails, got 1');
  });
});
