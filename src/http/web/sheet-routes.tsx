import { type Context, Hono } from 'hono';
import { parseSessionId } from '../../db/stores/session-ids.ts';
import { ContextSwitchInput } from '../../domain/inputs/context-switches.ts';
import { SessionOutcomeInput } from '../../domain/inputs/session-work.ts';
import { localDateOf, parseLocalDate } from '../../domain/local-date.ts';
import {
  TIMER_ACTIONS,
  type TimerActionParams,
  type TimerActionType,
  timerActionOf,
} from '../../domain/timer.ts';
import type { EventBus } from '../../realtime/event-bus.ts';
import { streamUserEvents } from '../../realtime/sse.ts';
import { isAuthSessionLive } from '../../services/auth-sessions.ts';
import { changeSession, type LogTimes, type SessionEdit } from '../../services/change-session.ts';
import { recordContextSwitch } from '../../services/context-switches/record-context-switch.ts';
import { getDaySheet } from '../../services/day-sheet.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { setSessionOutcome } from '../../services/session-outcome.ts';
import { linkTaskToSession, unlinkTaskFromSession } from '../../services/session-tasks.ts';
import { getMonthView, getWeekView } from '../../services/week-view.ts';
import type { AppEnv } from '../context.ts';
import { requireSignIn } from '../middleware/require-sign-in.ts';
import type { AssetManifest } from './assets.ts';
import { parseForm } from './form-input.ts';
import { pageContext } from './page-context.ts';
import { SheetPage } from './sheet/sheet-page.tsx';
import { SheetRegion } from './sheet/sheet-region.tsx';
import { MonthPage, WeekPage } from './sheet/week-page.tsx';

type Body = Record<string, string | File | (string | File)[]>;
const text = (body: Body, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);

/** The edit part of a sheet form: only the fields the form actually carried. */
function editFromForm(body: Body): SessionEdit | undefined {
  const edit: Record<string, unknown> = {};
  if (text(body, 'goal') !== undefined) {
    edit.goal = text(body, 'goal');
    edit.goalRevision = text(body, 'goalRevision');
  }
  if (text(body, 'notes') !== undefined) {
    edit.notes = text(body, 'notes');
    edit.notesRevision = text(body, 'notesRevision');
  }
  if (text(body, 'plannedMinutes') !== undefined) edit.plannedMinutes = text(body, 'plannedMinutes');
  return Object.keys(edit).length > 0 ? (edit as SessionEdit) : undefined;
}

/** The action's parameters as the sheet's forms send them (timerActionOf keeps those it takes). */
function timerParamsFromForm(type: TimerActionType, body: Body): TimerActionParams {
  const minutes = text(body, 'minutes');
  return {
    // With a start and end "Log it" may leave the minutes empty: the time between them counts.
    // Elsewhere an empty field reads as Number('') = 0, which the timer refuses as too few.
    minutes: type === 'log' && !minutes?.trim() ? undefined : Number(minutes ?? Number.NaN),
    reason: text(body, 'reason'),
  };
}

/** The optional start and end times of "Log it" ('HH:MM' on the session's day); empty fields are none. */
function logTimesFromForm(type: TimerActionType, body: Body): LogTimes | undefined {
  const [startTime, endTime] = [text(body, 'startTime')?.trim(), text(body, 'endTime')?.trim()];
  if (type !== 'log' || (!startTime && !endTime)) return undefined;
  return { startTime: startTime || undefined, endTime: endTime || undefined };
}

/** The date of the page a request came from (htmx tells us), so its sheet is what comes back. */
function pageDate(c: Context<AppEnv>, fallback: string): string {
  const current = c.req.header('hx-current-url');
  const match = current?.match(/\/day\/(\d{4}-\d{2}-\d{2})(?:[/?#]|$)/);
  return (match && parseLocalDate(match[1]!)) || fallback;
}

/** Today's sheet, other days, sheet fragments, session changes from forms and autosave, live events. */
export function sheetRoutes(deps: ServiceDeps, assets: AssetManifest, bus: EventBus) {
  const app = new Hono<AppEnv>();
  app.use('/', requireSignIn);
  app.use('/day/*', requireSignIn);
  app.use('/week/*', requireSignIn);
  app.use('/month/*', requireSignIn);
  app.use('/sessions/*', requireSignIn);
  app.use('/events', requireSignIn);

  const renderPage = async (c: Context<AppEnv>, date?: string) => {
    const sheet = await getDaySheet(deps, c.get('actor'), date);
    return c.html(
      <SheetPage page={{ ...pageContext(c, assets, 'today'), theme: sheet.user.theme }} sheet={sheet} />,
    );
  };
  const renderRegion = async (c: Context<AppEnv>, date: string) => {
    const sheet = await getDaySheet(deps, c.get('actor'), date);
    return c.html(<SheetRegion sheet={sheet} csrfToken={c.get('csrfToken')} />);
  };

  app.get('/', (c) => renderPage(c));
  app.get('/day/:date', (c) => renderPage(c, c.req.param('date')));
  app.get('/day/:date/sheet', (c) => renderRegion(c, c.req.param('date')));
  app.get('/week/:date', async (c) => {
    const view = await getWeekView(deps, c.get('actor'), c.req.param('date'));
    return c.html(
      <WeekPage page={{ ...pageContext(c, assets, 'today'), theme: view.user.theme }} view={view} />,
    );
  });
  app.get('/month/:date', async (c) => {
    const view = await getMonthView(deps, c.get('actor'), c.req.param('date'));
    return c.html(
      <MonthPage page={{ ...pageContext(c, assets, 'today'), theme: view.user.theme }} view={view} />,
    );
  });

  // Autosave from the page: JSON in, the new revisions out.
  app.post('/sessions/:id/edit', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    const edit = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
    const { session } = await changeSession(deps, c.get('actor'), c.req.param('id'), {
      edit: edit as SessionEdit,
    });
    return c.json({
      goalRevision: session.goalRevision,
      notesRevision: session.notesRevision,
      version: session.version,
    });
  });

  // Tasks, outcomes and interruptions answer like timer actions: the sheet for htmx, else a redirect.
  const answer = async (c: Context<AppEnv>, sessionId: string) => {
    const { user } = c.get('actor');
    const ref = parseSessionId(user.id, sessionId);
    const today = localDateOf(deps.clock.now(), user.timeZone);
    if (c.req.header('hx-request')) return renderRegion(c, pageDate(c, ref?.date ?? today));
    return c.redirect(!ref || ref.date === today ? '/' : `/day/${ref.date}`, 303);
  };
  app.post('/sessions/:id/tasks', async (c) => {
    const body = await c.req.parseBody();
    const role = body.role === 'supporting' ? 'supporting' : 'main';
    await linkTaskToSession(deps, c.get('actor'), c.req.param('id'), String(body.taskId ?? ''), role);
    return answer(c, c.req.param('id'));
  });
  app.post('/sessions/:id/tasks/:taskId/unlink', async (c) => {
    await unlinkTaskFromSession(deps, c.get('actor'), c.req.param('id'), c.req.param('taskId'));
    return answer(c, c.req.param('id'));
  });
  app.post('/sessions/:id/outcome', async (c) => {
    const body = await c.req.parseBody();
    // The form always sets both: an outcome or a note it did not send is none.
    const input = parseForm(SessionOutcomeInput, { outcome: '', note: '', ...body });
    await setSessionOutcome(deps, c.get('actor'), c.req.param('id'), input);
    return answer(c, c.req.param('id'));
  });
  app.post('/sessions/:id/interrupt', async (c) => {
    const body = await c.req.parseBody();
    // The note's field is named apart from the outcome form's `note` on the same sheet.
    const input = parseForm(ContextSwitchInput, {
      reason: body.reason ?? '',
      note: body.switchNote ?? '',
      toTaskId: body.toTaskId,
      pause: body.pause,
    });
    await recordContextSwitch(deps, c.get('actor'), c.req.param('id'), input);
    c.header(
      'HX-Trigger',
      JSON.stringify({ 'deepsheet:notice': `Noted: ${input.reason.replace('_', ' ')}.` }),
    );
    return answer(c, c.req.param('id'));
  });

  app.post('/sessions/:id/:action', async (c) => {
    const name = c.req.param('action');
    const body = await c.req.parseBody();
    const type = (TIMER_ACTIONS as readonly string[]).includes(name) ? (name as TimerActionType) : undefined;
    if (name !== 'save' && !type) return c.notFound();
    const { session, today } = await changeSession(deps, c.get('actor'), c.req.param('id'), {
      edit: editFromForm(body),
      action: type ? timerActionOf(type, timerParamsFromForm(type, body)) : undefined,
      logTimes: type ? logTimesFromForm(type, body) : undefined,
    });
    if (c.req.header('hx-request')) return renderRegion(c, pageDate(c, today));
    return c.redirect(session.localDate === today ? '/' : `/day/${session.localDate}`, 303);
  });

  app.get('/events', (c) => {
    const signIn = c.get('signIn')!;
    return streamUserEvents(c, {
      db: deps.db,
      bus,
      userId: signIn.user.id,
      format: 'page',
      isStillAuthorized: () => isAuthSessionLive(deps, signIn.id),
      closeAfterMs: signIn.expiresAt.getTime() - deps.clock.now().getTime(),
    });
  });

  return app;
}
