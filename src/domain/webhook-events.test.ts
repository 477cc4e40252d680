import { describe, expect, it } from 'vitest';
import { eventsRefusedFor, isDayComplete, NewWebhookInput, sessionEventOf } from './webhook-events.ts';

describe('sessionEventOf', () => {
  it.each([
    ['planned', 'active', 'session.started'],
    ['paused', 'active', 'session.started'],
    ['active', 'paused', 'session.paused'],
    ['active', 'completed', 'session.completed'],
    ['planned', 'completed', 'session.completed'],
    ['planned', 'skipped', 'session.skipped'],
    ['active', 'active', undefined],
    ['completed', 'planned', undefined],
  ])('%s -> %s is %s', (from, to, event) => {
    expect(sessionEventOf(from, to)).toBe(event);
  });
});

describe('isDayComplete', () => {
  it.each([
    [['completed', 'skipped', 'completed', 'completed'], true],
    [['completed', 'skipped', 'planned', 'completed'], false],
    [['completed', 'active', 'completed', 'completed'], false],
    [[], false],
  ])('%j: %s', (states, expected) => {
    expect(isDayComplete(states)).toBe(expected);
  });
});

describe('webhook input', () => {
  it('keeps each event once', () => {
    const parsed = NewWebhookInput.parse({
      url: 'https://example.com/h',
      events: ['task.created', 'task.created'],
    });
    expect(parsed.events).toEqual(['task.created']);
  });

  it.each([
    [{ url: 'not a url', events: ['task.created'] }],
    [{ url: 'https://example.com', events: [] }],
    [{ url: 'https://example.com', events: ['task.deleted'] }],
  ])('refuses %j', (input) => {
    expect(NewWebhookInput.safeParse(input).success).toBe(false);
  });

  it('lets a team endpoint take only team events', () => {
    expect(eventsRefusedFor('team', ['team.task.changed', 'task.created'])).toEqual(['task.created']);
    expect(eventsRefusedFor(undefined, ['team.task.changed', 'task.created'])).toEqual([]);
  });
});
