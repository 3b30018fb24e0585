// Staff routes: /staff/surveys (the IIT during its window, the pre-assessment), /staff/surveys/settings/{yearBE}
// (links, codes, window), /staff/surveys/rounds[/{id}[/close]] (rounds and their results) and
// /staff/surveys/pre-assessment (answering the open round, once).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { enabledAccountsCreatedBefore } from '../../platform/auth/users.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { z } from '../../platform/http/forms.ts';
import { idParam, yearParam } from '../../platform/http/params.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { bangkokDay, fiscalYear } from '../../platform/thai/index.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { answersFrom, answersSchema, roundDefaults, roundSchema, settingsSchema, settingsValues } from './forms.ts';
import { activeSurvey } from './public.ts';
import { roundResults } from './results.ts';
import { activeLink, ANSWER, MANAGE, missingOf, pastClosing, RESULTS, takingAnswers } from './rules.ts';
import { AnswerRefused, closeRound, mayAnswer, openRoundFor, saveSettings, submitAnswers } from './service.ts';
import { getRound, getSettings, hasAnswered, listRounds, openRound } from './store.ts';
import { AnswerPage, CloseConfirmPage, RoundPage, RoundsPage, SettingsPage, SurveysHomePage, roundName } from './views/staff.tsx';

/** The close confirmation sends nothing but its CSRF token. */
const confirmSchema = z.object({});

export function registerStaffRoutes(app: FastifyInstance, p: Platform): void {
  const answer = { preHandler: staffOnly(ANSWER) };
  const manage = { preHandler: staffOnly(MANAGE) };
  const results = { preHandler: staffOnly(RESULTS) };

  app.get('/staff/surveys', answer, async (req, reply) => {
    const today = bangkokDay();
    const year = fiscalYear(today);
    const [iit, settings, open, rounds] = await Promise.all([
      activeSurvey(p.db, req.agency.id, 'iit', today),
      getSettings(p.db, req.agency.id, year),
      openRound(p.db, req.agency.id),
      listRounds(p.db, req.agency.id),
    ]);
    // a round past its closing day takes no answers, even before a manager closes it
    const round = open && takingAnswers(open, today) ? open : undefined;
    const answered = round ? await hasAnswered(p.db, round.id, req.user!.id) : false;
    const eligible = round ? await mayAnswer(p.db, round, req.user!.id) : false;
    return sendHtml(reply, SurveysHomePage({ ctx: viewCtx(req, reply), year, iit, settings, missing: missingOf(settings), round, answered, eligible, rounds }));
  });

  // ---- the year's settings ----
  const settingsPage = async (req: FastifyRequest, reply: FastifyReply, year: number, form?: FormState, status = 200) => {
    const s = await getSettings(p.db, req.agency.id, year);
    const today = bangkokDay();
    const shownNow = { iit: fiscalYear(today) === year && !!activeLink(s, 'iit', today), eit: fiscalYear(today) === year && !!activeLink(s, 'eit', today) };
    return sendHtml(reply, SettingsPage({ ctx: viewCtx(req, reply), year, form: form ?? emptyForm(settingsValues(s)), missing: missingOf(s), shownNow }), status);
  };
  app.get('/staff/surveys/settings/:year', manage, async (req, reply) => settingsPage(req, reply, yearParam(req)));
  app.post('/staff/surveys/settings/:year', manage, async (req, reply) => {
    const year = yearParam(req);
    return handleForm(req, {
      schema: settingsSchema,
      run: (d) => saveSettings(p, req.user!, year, d),
      done: () => redirectWithFlash(reply, `/staff/surveys/settings/${year}`, 'success', 'surveys.settings.saved', { year }),
      fail: (form) => settingsPage(req, reply, year, form, 422),
    });
  });

  // ---- pre-assessment rounds ----
  const roundYears = () => {
    const y = fiscalYear();
    return [y, y + 1];
  };
  const roundsPage = async (req: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) => {
    const rounds = await listRounds(p.db, req.agency.id);
    const canOpen = !rounds.some((r) => r.status === 'open');
    const today = bangkokDay();
    return sendHtml(reply, RoundsPage({ ctx: viewCtx(req, reply), rounds, form: form ?? emptyForm(roundDefaults(fiscalYear(today), today)), years: roundYears(), canOpen, today }), status);
  };
  app.get('/staff/surveys/rounds', results, async (req, reply) => roundsPage(req, reply));
  app.post('/staff/surveys/rounds', manage, async (req, reply) =>
    handleForm(req, {
      schema: roundSchema(roundYears().map(String) as [string, ...string[]]),
      run: (d) => openRoundFor(p, req.user!, d),
      done: (id) => redirectWithFlash(reply, `/staff/surveys/rounds/${id}`, 'success', 'surveys.rounds.openedFlash'),
      fail: (form) => roundsPage(req, reply, form, 422),
    }),
  );

  const loadRound = async (req: FastifyRequest) => {
    const round = await getRound(p.db, req.agency.id, idParam(req));
    if (!round) throw new NotFoundError();
    return round;
  };
  app.get('/staff/surveys/rounds/:id', results, async (req, reply) => {
    const round = await loadRound(req);
    const today = bangkokDay();
    // the accounts that could answer it: enabled, and created before it opened
    const [r, total] = await Promise.all([roundResults(p.db, req.user!, round, today), enabledAccountsCreatedBefore(p.db, req.agency.id, round.opened_at)]);
    return sendHtml(reply, RoundPage({ ctx: viewCtx(req, reply), round, results: r, staffTotal: total, today }));
  });
  app.get('/staff/surveys/rounds/:id/close', manage, async (req, reply) => {
    const round = await loadRound(req);
    // before its closing day the round page says when it may be closed (and the confirmation would count answers)
    if (round.status !== 'open' || !pastClosing(round, bangkokDay())) return reply.redirect(`/staff/surveys/rounds/${round.id}`, 303);
    return sendHtml(reply, CloseConfirmPage({ ctx: viewCtx(req, reply), round, form: emptyForm() }));
  });
  app.post('/staff/surveys/rounds/:id/close', manage, async (req, reply) => {
    const round = await loadRound(req);
    const ctx = viewCtx(req, reply);
    return handleForm(req, {
      schema: confirmSchema,
      run: () => closeRound(p, req.user!, round.id),
      done: () => redirectWithFlash(reply, `/staff/surveys/rounds/${round.id}`, 'success', 'surveys.rounds.closedFlash', { name: roundName(ctx, round) }),
      fail: (form) => sendHtml(reply, CloseConfirmPage({ ctx, round, form }), 422),
    });
  });

  // ---- answering the open round ----
  const answerPage = async (req: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) => {
    const round = await openRound(p.db, req.agency.id);
    if (!round || !takingAnswers(round, bangkokDay())) throw new AnswerRefused('closed');
    if (!(await mayAnswer(p.db, round, req.user!.id))) throw new AnswerRefused('notEligible');
    if (await hasAnswered(p.db, round.id, req.user!.id)) throw new AnswerRefused('already');
    // what someone is answering is theirs alone: never kept by a browser or proxy
    return sendHtml(reply.header('cache-control', 'no-store'), AnswerPage({ ctx: viewCtx(req, reply), round, form: form ?? emptyForm() }), status);
  };
  app.get('/staff/surveys/pre-assessment', answer, async (req, reply) => answerPage(req, reply));
  app.post('/staff/surveys/pre-assessment', answer, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = typeof body.round === 'string' && /^\d{1,10}$/.test(body.round) ? Number(body.round) : 0;
    const round = id ? await getRound(p.db, req.agency.id, id) : undefined;
    if (!round) throw new AnswerRefused('closed');
    return handleForm(req, {
      schema: answersSchema(round.question_set),
      run: (d) => submitAnswers(p, req.user!, round.id, answersFrom(round.question_set, d as Record<string, number>)),
      done: () => redirectWithFlash(reply, '/staff/surveys#pre', 'success', 'surveys.pre.thanks'),
      fail: (form) => answerPage(req, reply, form, 422),
    });
  });
}
