/**
 * Every page of Rehearse, by address. Titles match the pages' h1 headings; a page whose heading comes
 * from its data reports its own title once loaded (see page-title-controller.ts).
 */
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { TemplateResult } from 'lit';
import './pages/rh-home-page.js';
import './pages/rh-load-failed-page.js';
import './pages/rh-not-found-page.js';
import type { Page, Route } from './router.js';

// Each page is a chunk of its own, loaded when it first opens (Vite splits at dynamic imports, and
// puts what pages share in chunks of their own): a team's device downloads its pages and never a
// staff screen, and an assessor never the lead's. Vite needs each import's address written out.

export const routes: readonly Route<TemplateResult>[] = [
  { path: '/', title: 'Practise public protection decisions', render: () => html`<rh-home-page></rh-home-page>` },
  { path: '/sign-in', title: 'Sign in', load: () => import('./pages/staff/rh-sign-in-page.js'), render: () => html`<rh-sign-in-page></rh-sign-in-page>` },
  { path: '/change-password', title: 'Change your password', load: () => import('./pages/staff/rh-change-password-page.js'), render: () => html`<rh-change-password-page></rh-change-password-page>` },
  { path: '/runs', title: 'Runs', load: () => import('./pages/staff/rh-runs-page.js'), render: () => html`<rh-runs-page></rh-runs-page>` },
  { path: '/audit', title: 'Audit log', load: () => import('./pages/lead/rh-audit-page.js'), render: () => html`<rh-audit-page></rh-audit-page>` },
  // Before "/runs/:runId", which would otherwise take "new" for a run id.
  { path: '/runs/new', title: 'Create a run', load: () => import('./pages/lead/rh-new-run-page.js'), render: () => html`<rh-new-run-page></rh-new-run-page>` },
  {
    path: '/packs/:packId/versions/:version/scenarios/:scenarioId/preview',
    title: 'Preview',
    load: () => import('./pages/lead/rh-scenario-preview-page.js'),
    render: ({ packId, version, scenarioId }) =>
      html`<rh-scenario-preview-page pack-id=${packId ?? ''} version=${version ?? ''} scenario-id=${scenarioId ?? ''}></rh-scenario-preview-page>`,
  },
  { path: '/staff', title: 'Staff accounts', load: () => import('./pages/lead/rh-staff-page.js'), render: () => html`<rh-staff-page></rh-staff-page>` },
  { path: '/runs/:runId/edit', title: 'Change a draft run', load: () => import('./pages/lead/rh-new-run-page.js'), render: ({ runId }) => html`<rh-new-run-page run-id=${runId ?? ''}></rh-new-run-page>` },
  { path: '/runs/:runId/duplicate', title: 'Duplicate a run', load: () => import('./pages/lead/rh-duplicate-run-page.js'), render: ({ runId }) => html`<rh-duplicate-run-page run-id=${runId ?? ''}></rh-duplicate-run-page>` },
  { path: '/runs/:runId', title: 'Run', load: () => import('./pages/staff/rh-run-page.js'), render: ({ runId }) => html`<rh-run-page run-id=${runId ?? ''}></rh-run-page>` },
  { path: '/runs/:runId/console', title: 'Facilitator console', width: 'wide', load: () => import('./pages/staff/rh-run-console-page.js'), render: ({ runId }) => html`<rh-run-console-page run-id=${runId ?? ''}></rh-run-console-page>` },
  { path: '/runs/:runId/debrief', title: 'Group debrief', width: 'wide', load: () => import('./pages/staff/rh-run-debrief-page.js'), render: ({ runId }) => html`<rh-run-debrief-page run-id=${runId ?? ''}></rh-run-debrief-page>` },
  { path: '/runs/:runId/meetings', title: 'Meetings', width: 'wide', load: () => import('./pages/staff/rh-run-meetings-page.js'), render: ({ runId }) => html`<rh-run-meetings-page run-id=${runId ?? ''}></rh-run-meetings-page>` },
  {
    path: '/runs/:runId/meetings/:meetingId',
    title: 'Meeting',
    width: 'wide',
    load: () => import('./pages/staff/rh-run-meeting-page.js'),
    // A new screen for each meeting: the record holds what a writer has typed but not saved.
    render: ({ runId, meetingId }) =>
      html`${keyed(`${runId}/${meetingId}`, html`<rh-run-meeting-page run-id=${runId ?? ''} meeting-id=${meetingId ?? ''}></rh-run-meeting-page>`)}`,
  },
  { path: '/runs/:runId/present', title: 'Presentation view', width: 'wide', load: () => import('./pages/staff/rh-run-presentation-page.js'), render: ({ runId }) => html`<rh-run-presentation-page run-id=${runId ?? ''}></rh-run-presentation-page>` },
  { path: '/runs/:runId/report', title: 'After-action report', load: () => import('./pages/lead/rh-run-report-page.js'), render: ({ runId }) => html`<rh-run-report-page run-id=${runId ?? ''}></rh-run-report-page>` },
  { path: '/runs/:runId/review', title: 'Run review', load: () => import('./pages/lead/rh-run-review-page.js'), render: ({ runId }) => html`<rh-run-review-page run-id=${runId ?? ''}></rh-run-review-page>` },
  {
    path: '/review/compare',
    title: 'Year over year',
    load: () => import('./pages/lead/rh-year-over-year-page.js'),
    render: (_params, query) =>
      html`<rh-year-over-year-page
        pack-id=${query.get('packId') ?? ''}
        cohort=${query.get('cohort') ?? ''}
        from-run=${query.get('fromRun') ?? ''}
        what=${query.get('what') ?? ''}
      ></rh-year-over-year-page>`,
  },
  { path: '/runs/:runId/marking', title: 'Mark teams', load: () => import('./pages/staff/rh-marking-page.js'), render: ({ runId }) => html`<rh-marking-page run-id=${runId ?? ''}></rh-marking-page>` },
  {
    path: '/runs/:runId/teams/:teamId/marking',
    title: 'Marking',
    // A new screen for each team: the screen holds an assessor's unsaved choices, and the one left
    // behind saves its last comment as it goes.
    load: () => import('./pages/staff/rh-team-marking-page.js'),
    render: ({ runId, teamId }) =>
      html`${keyed(`${runId}/${teamId}`, html`<rh-team-marking-page run-id=${runId ?? ''} team-id=${teamId ?? ''}></rh-team-marking-page>`)}`,
  },
  { path: '/runs/:runId/agreement', title: 'Agreement and moderation', load: () => import('./pages/staff/rh-agreement-page.js'), render: ({ runId }) => html`<rh-agreement-page run-id=${runId ?? ''}></rh-agreement-page>` },
  { path: '/join', title: 'Join an exercise', load: () => import('./pages/team/rh-join-page.js'), render: () => html`<rh-join-page></rh-join-page>` },
  { path: '/team', title: 'Your exercise', load: () => import('./pages/team/rh-team-page.js'), render: () => html`<rh-team-page></rh-team-page>` },
  { path: '/team/feed', title: 'Information feed', load: () => import('./pages/team/rh-team-feed-page.js'), render: () => html`<rh-team-feed-page></rh-team-feed-page>` },
  { path: '/team/meetings', title: 'Meetings', load: () => import('./pages/team/rh-team-meetings-page.js'), render: () => html`<rh-team-meetings-page></rh-team-meetings-page>` },
  { path: '/team/form', title: 'Risk assessment', load: () => import('./pages/team/rh-team-form-page.js'), render: () => html`<rh-team-form-page></rh-team-form-page>` },
  { path: '/team/form/:sectionId', title: 'Risk assessment', load: () => import('./pages/team/rh-team-section-page.js'), render: ({ sectionId }) => html`<rh-team-section-page section-id=${sectionId ?? ''}></rh-team-section-page>` },
  {
    path: '/team/decisions',
    title: 'Decision log',
    load: () => import('./pages/team/rh-team-decisions-page.js'),
    render: (_params, query) => html`<rh-team-decisions-page recorded=${query.get('recorded') ?? ''}></rh-team-decisions-page>`,
  },
  {
    path: '/team/decisions/new',
    title: 'Record a decision',
    load: () => import('./pages/team/rh-team-new-decision-page.js'),
    render: (_params, query) => html`<rh-team-new-decision-page decision-id=${query.get('decision') ?? ''}></rh-team-new-decision-page>`,
  },
  { path: '/team/agencies', title: 'Agencies', load: () => import('./pages/team/rh-team-agencies-page.js'), render: () => html`<rh-team-agencies-page></rh-team-agencies-page>` },
  { path: '/team/check', title: 'Check and submit', load: () => import('./pages/team/rh-team-check-page.js'), render: () => html`<rh-team-check-page></rh-team-check-page>` },
  { path: '/team/results', title: 'Your results', load: () => import('./pages/team/rh-team-results-page.js'), render: () => html`<rh-team-results-page></rh-team-results-page>` },
  { path: '/team/survey', title: 'Confidence survey', load: () => import('./pages/team/rh-team-survey-page.js'), render: () => html`<rh-team-survey-page></rh-team-survey-page>` },
];

export const notFoundPage: Page<TemplateResult> = {
  title: 'Page not found',
  render: () => html`<rh-not-found-page></rh-not-found-page>`,
};

export const loadFailedPage: Page<TemplateResult> = {
  title: 'This page could not be loaded',
  render: () => html`<rh-load-failed-page></rh-load-failed-page>`,
};
