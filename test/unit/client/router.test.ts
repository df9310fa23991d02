import { describe, expect, it } from 'vitest';
import { classifyLink, documentTitle, matchRoute, pageTitle } from '../../../client/router.js';
import type { Route } from '../../../client/router.js';

const routes: Route<string>[] = [
  { path: '/', title: 'Home', render: () => 'home' },
  { path: '/runs', title: 'Runs', render: () => 'runs' },
  { path: '/runs/:runId', title: 'Run', render: (params) => `run ${params.runId}` },
  { path: '/runs/:runId/teams/:teamId', title: 'Team', render: (params) => `team ${params.teamId}` },
];

describe('matchRoute', () => {
  it.each([
    ['/', 'Home', {}],
    ['/runs', 'Runs', {}],
    ['/runs/', 'Runs', {}],
    ['/runs/42', 'Run', { runId: '42' }],
    ['/runs/42/teams/7', 'Team', { runId: '42', teamId: '7' }],
    ['/runs/a%20b', 'Run', { runId: 'a b' }],
    ['/runs/a%2Fb', 'Run', { runId: 'a/b' }],
  ])('matches %s to the %s route with parameters %o', (pathname, title, params) => {
    const match = matchRoute(routes, pathname);
    expect(match?.page.title).toBe(title);
    expect(match?.params).toEqual(params);
  });

  it.each([
    ['a path with no route', '/join'],
    ['a path longer than any route', '/runs/42/teams'],
    ['an empty parameter', '/runs//teams/7'],
    ['a literal segment in another case', '/Runs'],
    ['a malformed percent-encoding', '/runs/%E0%A4%A'],
  ])('matches nothing for %s (%s)', (_description, pathname) => {
    expect(matchRoute(routes, pathname)).toBeUndefined();
  });

  it('prefers the first route that matches', () => {
    const overlapping: Route<string>[] = [
      { path: '/runs/new', title: 'New run', render: () => 'new' },
      { path: '/runs/:runId', title: 'Run', render: () => 'run' },
    ];
    expect(matchRoute(overlapping, '/runs/new')?.page.title).toBe('New run');
  });
});

describe('classifyLink', () => {
  const current = new URL('https://rehearse.example/runs/42?tab=teams');

  it.each([
    ['another page of the app', 'https://rehearse.example/runs', 'route'],
    ['the same page with another query', 'https://rehearse.example/runs/42?tab=injects', 'route'],
    ['the same page', 'https://rehearse.example/runs/42?tab=teams', 'route'],
    ['an element on this page', 'https://rehearse.example/runs/42?tab=teams#team-name', 'in-page'],
    ['another page with a fragment', 'https://rehearse.example/runs#list', 'route'],
    ['another site', 'https://www.gov.uk/', 'browser'],
    ['the same host on another port', 'https://rehearse.example:8443/runs', 'browser'],
    ['the API', 'https://rehearse.example/api/health', 'browser'],
    ['the API root', 'https://rehearse.example/api', 'browser'],
  ])('treats a link to %s as %s', (_description, href, expected) => {
    expect(classifyLink(new URL(href), current)).toBe(expected);
  });

  it('treats a page whose name starts with "api" as a page of the app', () => {
    expect(classifyLink(new URL('https://rehearse.example/apiary'), current)).toBe('route');
  });
});

describe('pageTitle', () => {
  it('adds the service name after the page title', () => {
    expect(pageTitle('Page not found')).toBe('Page not found – Rehearse');
  });
});

describe('documentTitle', () => {
  it.each([
    ['nothing reported yet', undefined, 'Run – Rehearse'],
    ['the title the data gives', { title: 'PPU 2026', hasErrors: false }, 'PPU 2026 – Rehearse'],
    ['form errors on a page titled by its route', { title: undefined, hasErrors: true }, 'Error: Run – Rehearse'],
    ['form errors on a page titled by its data', { title: 'PPU 2026', hasErrors: true }, 'Error: PPU 2026 – Rehearse'],
  ])('uses the route title "Run" with %s', (_case, reported, expected) => {
    expect(documentTitle('Run', reported)).toBe(expected);
  });
});
