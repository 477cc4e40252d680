import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createJobSender, type JobRequest } from './job-sender.ts';

describe('the job sender', () => {
  it('passes requests of one singletonKey to the queue in order, even when an earlier one is slower', async () => {
    const sender = createJobSender(pino({ level: 'silent' }));
    const landed: string[] = [];
    await sender.attach(async (request: JobRequest) => {
      // The cancel (two round trips) takes longer than the reschedule that follows it.
      await new Promise((resolve) => setTimeout(resolve, request.cancelQueued ? 30 : 1));
      landed.push(`${request.singletonKey}:${request.cancelQueued ? 'cancel' : 'move'}`);
    });
    const name = 'push.time-up' as const;
    void sender.send({ name, data: {}, singletonKey: 'a', cancelQueued: true });
    void sender.send({ name, data: {}, singletonKey: 'a', startAfterSeconds: 60 });
    void sender.send({ name, data: {}, singletonKey: 'b', startAfterSeconds: 60 });
    await sender.idle();
    expect(landed).toEqual(['b:move', 'a:cancel', 'a:move']);
  });
});
