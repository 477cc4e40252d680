import { describe, expect, it } from 'vitest';
import {
  minuteReached,
  minutesLeftMessage,
  timeUpAnnouncement,
  timeUpNotificationBody,
} from './timer-announcements.ts';

describe('minuteReached', () => {
  it('names each of the last five whole minutes once, as it is reached', () => {
    expect(minuteReached(301, 300)).toBe(5);
    expect(minuteReached(300, 299)).toBeNull();
    expect(minuteReached(241, 240)).toBe(4);
    expect(minuteReached(61, 60)).toBe(1);
  });

  it('says nothing earlier than five minutes before the end', () => {
    expect(minuteReached(361, 360)).toBeNull();
  });

  it('says nothing on the first reading, when nothing was crossed while watching', () => {
    expect(minuteReached(undefined, 240)).toBeNull();
  });

  it('after a sleep that passed several marks, names only the latest', () => {
    expect(minuteReached(600, 100)).toBe(2);
  });

  it('leaves the end itself to the time-up announcement', () => {
    expect(minuteReached(30, 0)).toBeNull();
  });
});

describe('messages', () => {
  it('speaks in plain sentences', () => {
    expect(minutesLeftMessage(5, 'Personal 2')).toBe('5 minutes left in Personal 2');
    expect(minutesLeftMessage(1, 'Personal 2')).toBe('1 minute left in Personal 2');
    expect(timeUpAnnouncement('Admin')).toBe('Time is up for Admin');
  });

  it('names the goal in the notification when there is one', () => {
    expect(timeUpNotificationBody('Personal 2', 45 * 60_000, 'Draft the sync design note')).toBe(
      "Personal 2 is done: 45 minutes on 'Draft the sync design note'",
    );
    expect(timeUpNotificationBody('Admin', 25 * 60_000, '  ')).toBe('Admin is done: 25 minutes');
    expect(timeUpNotificationBody('Admin', 60_000, '')).toBe('Admin is done: 1 minute');
  });
});
