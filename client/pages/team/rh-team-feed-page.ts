import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-tag.js';
import { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';
import { markdown } from '../../lazy-markdown.js';
import { focusStyles, linkStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';
import { caption, formatTime, teamNav, whenLive } from './team-frame.js';
import type { FeedItem } from './team-workspace.js';

const title = 'Information feed';

/**
 * What has been released to the team during the day, newest first: injects (further information
 * from partners and colleagues) and micro-teaches (short lessons). Each item opens to show its
 * content, which marks it read; unread items say "New" in words. Items arrive through the event
 * stream without a reload and are announced once, politely, from the exercise navigation.
 */
@customElement('rh-team-feed-page')
export class RhTeamFeedPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    visuallyHiddenStyles,
    css`
      /* Only the feed's own list and items: an inject's Markdown lists keep their bullets and numbers. */
      ol.feed {
        margin: 0;
        padding: 0;
        list-style: none;
      }

      .feed > li {
        margin-bottom: var(--rh-space-4);
        border: 1px solid var(--rh-colour-border);
      }

      .feed > li.micro-teach {
        border-left: var(--rh-border-width-emphasis) solid var(--rh-colour-brand-accent);
      }

      .feed > li > details > summary {
        display: block;
        padding: var(--rh-space-3);
        cursor: pointer;
        list-style: none;
      }

      .feed > li > details > summary::-webkit-details-marker {
        display: none;
      }

      .feed > li > details > summary:focus-visible {
        outline: var(--rh-focus-width) solid var(--rh-colour-focus);
        outline-offset: 0;
        box-shadow: inset 0 0 0 4px var(--rh-colour-focus-text);
      }

      .item-title {
        color: var(--rh-colour-link);
        font-size: var(--rh-font-size-heading-m);
        font-weight: var(--rh-font-weight-bold);
        text-decoration: underline;
        text-underline-offset: 0.15em;
      }

      .item-title::before {
        content: '▸ ';
        display: inline-block;
        width: 1em;
        text-decoration: none;
      }

      .feed > li > details[open] .item-title::before {
        content: '▾ ';
      }

      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: var(--rh-space-2);
        align-items: center;
        margin-top: var(--rh-space-2);
        color: var(--rh-colour-secondary-text);
      }

      /* A Markdown table wider than a phone scrolls inside the item, not the page. */
      .body {
        padding: 0 var(--rh-space-3) var(--rh-space-3);
        border-top: 1px solid var(--rh-colour-border);
        overflow-x: auto;
      }

      .body > :first-child {
        margin-top: var(--rh-space-3);
      }
    `,
  ];

  private readonly team = new TeamWorkspaceController(this);

  override render() {
    return whenLive(this.team, title, (live) => {
      const feed = this.team.workspace.feed;
      return html`
      ${teamNav(this.team, 'feed')}
      <rh-page-layout heading=${title} caption=${caption(live)}>
        <p>Further information and short lessons appear here as the exercise goes on, newest first. Open an item to read it.</p>
        ${!feed
          ? html`<p>Loading…</p>`
          : feed.items.length === 0
            ? html`<p>Nothing has been released to your team yet. New information will appear here without reloading the page.</p>`
            : html`
                <p>${feed.unread === 0 ? 'You have read everything.' : `${feed.unread} new ${feed.unread === 1 ? 'item' : 'items'}.`}</p>
                <ol class="feed">
                  ${feed.items.map((item) => this.renderItem(item))}
                </ol>
              `}
      </rh-page-layout>
    `;
    });
  }

  private renderItem(item: FeedItem) {
    const microTeach = item.kind === 'micro-teach';
    return html`
      <li class=${microTeach ? 'micro-teach' : 'inject'}>
        <details @toggle=${(event: Event) => this.opened(event, item)}>
          <summary>
            <span class="item-title">${item.title}</span>
            <span class="meta">
              ${item.readAt === null ? html`<rh-tag colour="yellow">New</rh-tag>` : nothing}
              ${microTeach ? html`<rh-tag colour="grey">Micro-teach</rh-tag>` : nothing}
              <span>${item.from ? `From ${item.from}, ` : ''}released at ${formatTime(item.releasedAt)}</span>
            </span>
          </summary>
          <div class="body">
            ${item.summary ? html`<p class="lead">${item.summary}</p>` : nothing} ${markdown(item.body)}
          </div>
        </details>
      </li>
    `;
  }

  private opened(event: Event, item: FeedItem): void {
    if ((event.currentTarget as HTMLDetailsElement).open) void this.team.workspace.markRead(item.releaseId);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-feed-page': RhTeamFeedPage;
  }
}
